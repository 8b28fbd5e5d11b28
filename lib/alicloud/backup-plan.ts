import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { maxIntervalSeconds, minIntervalSeconds, toHbrSchedule, validateCron } from '../core/cron';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';
import { HbrPolicy, HbrPolicyRules } from './gen/providers/alicloud/hbr-policy';
import { HbrPolicyBinding } from './gen/providers/alicloud/hbr-policy-binding';
import { HbrVault } from './gen/providers/alicloud/hbr-vault';
import { IEncryptionKey } from './interfaces';
import { checkHbrVaultProps } from './hbr-vault-rules';

/** Properties of {@link BackupPlan}. */
export interface BackupPlanProps {
  /**
   * Days Cloud Backup (HBR) keeps each backup (the `retention` of the policy's TRANSITION rule). An
   * integer from 1 to 364635; at least `coldStorageAfterDays` + 60 with cold storage.
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * When backups run: a standard 5-field cron expression in UTC, translated to HBR's
   * `I|<first run>|<interval>`. HBR takes one fixed interval, so the runs must be evenly spaced
   * (hourly, every N hours, daily, weekly, or monthly on day 1-28) and at least an hour apart. The
   * interval is the recovery point objective.
   * @default '0 3 * * *' (daily at 03:00 UTC)
   */
  readonly scheduleCron?: string;
  /**
   * Days after which vault backups (OSS) move to the archive tier (`archive_days`). At least 30, and
   * `retentionDays` must be at least this + 60 (HBR policy rules reference).
   * @default no archive tier
   */
  readonly coldStorageAfterDays?: number;
  /**
   * Name of the backup vault.
   * @default derived from the construct path
   */
  readonly vaultName?: string;
  /**
   * KMS key that encrypts the backup vault (`encrypt_type = "KMS"`). Cannot be changed later
   * (ForceNew: a new vault, without the old backups).
   * @default the vault is encrypted by Cloud Backup itself (`encrypt_type = "HBR_PRIVATE"`)
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Turn on immutable backups (WORM) for the vault: backups cannot be deleted before their retention ends.
   * Cannot be turned off later.
   * @default false
   */
  readonly immutableBackups?: boolean;
  /**
   * ECS instances to back up whole (all disks, as ECS snapshots, `source_type = "UDM_ECS"`). HBR
   * keeps ECS instance backups under a policy of its own type (`UDM_ECS_ONLY`), so they get a
   * second policy with the same schedule, retention and replication.
   * @default none
   */
  readonly ecsInstanceIds?: string[];
  /**
   * OSS buckets (in this region) to back up into the vault (`source_type = "OSS"`).
   * @default none
   */
  readonly ossBucketNames?: string[];
  /**
   * Region that receives a copy of every backup (the policy's REPLICATION rule). The standby stack
   * of that region creates the receiving vault with {@link BackupReplicationVault}, from this plan's
   * `vaultId` and region.
   * @default no cross-region copies
   */
  readonly replicationRegion?: string;
  /**
   * Days the copies in `replicationRegion` are kept.
   * @default retentionDays
   */
  readonly replicationRetentionDays?: number;
}

/** TRANSITION and REPLICATION retention: "the minimum value is 1 and the maximum value is 364635" (hbr_policy docs). */
const MAX_RETENTION_DAYS = 364635;
/** "The minimum value [of archive_days] is 30, and Retention-ArchiveDays needs to be ≥ 60" (hbr_policy docs). */
const ARCHIVE_MINIMUM_DAYS = 30;
const ARCHIVE_MINIMUM_STAY_DAYS = 60;
/**
 * The HBR docs give one hour (`PT1H`) as their finest interval; a shorter one is rejected here rather
 * than left to fail at apply time.
 */
const MINIMUM_BACKUP_INTERVAL_SECONDS = 3600;

const KNOWN_PROPS = [
  'retentionDays', 'scheduleCron', 'coldStorageAfterDays', 'vaultName', 'encryptionKey', 'immutableBackups',
  'ecsInstanceIds', 'ossBucketNames', 'replicationRegion', 'replicationRetentionDays',
];

/**
 * Cloud Backup (HBR) for the resources of one region: a backup vault (KMS or HBR-managed
 * encryption), a policy with one scheduled full backup, retention and optional cross-region copies,
 * bound to OSS buckets; and, for ECS instances, a second policy of the ECS-only type with the same
 * rules.
 *
 * Cloud Backup must be activated and authorized (its service-linked role) in the account once.
 */
export class BackupPlan extends Construct {
  /** The `alicloud_hbr_vault` (escape hatch). */
  public readonly vault: TerraformResource;
  /** Id of the backup vault (a {@link BackupReplicationVault} in another region copies from it). */
  public readonly vaultId: string;
  /** Name of the backup vault. */
  public readonly vaultName: string;
  /** The `alicloud_hbr_policy` of vault backups (escape hatch). */
  public readonly policy: TerraformResource;
  /** Id of the policy of vault backups (OSS). */
  public readonly policyId: string;
  /** Id of the ECS instance backup policy, when `ecsInstanceIds` names instances. */
  public readonly ecsPolicyId?: string;
  /** The HBR schedule of the backup rule, e.g. `I|1735700400|P1D`. */
  public readonly schedule: string;
  /** Longest gap in seconds between two scheduled backups: the recovery point objective. */
  public readonly maxBackupIntervalSeconds: number;
  /** Days each backup is kept. */
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: BackupPlanProps = {}) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 35;
    const scheduleCron = props.scheduleCron ?? '0 3 * * *';
    const immutableBackups = props.immutableBackups ?? false;
    const ecsInstanceIds = props.ecsInstanceIds ?? [];
    const ossBucketNames = props.ossBucketNames ?? [];
    const replicationRetentionDays = props.replicationRetentionDays ?? retentionDays;

    validate(id, props, { retentionDays, scheduleCron, replicationRetentionDays });

    this.retentionDays = retentionDays;
    this.schedule = toHbrSchedule(scheduleCron);
    this.maxBackupIntervalSeconds = maxIntervalSeconds(scheduleCron);
    const name = physicalName(this, 64);

    const vault = new HbrVault(this, 'Vault', {
      vaultName: props.vaultName ?? name,
      vaultType: 'STANDARD',
      vaultStorageClass: 'STANDARD',
      encryptType: props.encryptionKey ? 'KMS' : 'HBR_PRIVATE',
      kmsKeyId: props.encryptionKey?.keyId,
      wormEnabled: immutableBackups || undefined,
      description: `Backups of ${this.node.path}`,
    });
    this.vault = vault;
    this.vaultId = vault.id;
    this.vaultName = vault.vaultName;

    const rules = (vaultId?: string): HbrPolicyRules[] => [
      { ruleType: 'BACKUP', backupType: 'COMPLETE', schedule: this.schedule, vaultId },
      // "Each policy requires at least one BACKUP rule and exactly one TRANSITION rule" (CreatePolicyV2).
      { ruleType: 'TRANSITION', retention: retentionDays, archiveDays: vaultId ? props.coldStorageAfterDays : undefined },
      ...(props.replicationRegion !== undefined
        ? [{ ruleType: 'REPLICATION', replicationRegionId: props.replicationRegion, retention: replicationRetentionDays }]
        : []),
    ];

    const policy = new HbrPolicy(this, 'Policy', {
      policyName: name,
      policyType: 'STANDARD',
      policyDescription: `Backups of ${this.node.path}, ${scheduleCron} (UTC)`,
      rules: rules(vault.id),
    });
    this.policy = policy;
    this.policyId = policy.id;
    ossBucketNames.forEach((bucket, i) => new HbrPolicyBinding(this, `OssBinding${i}`, {
      policyId: policy.id,
      sourceType: 'OSS',
      dataSourceId: bucket,
      disabled: false,
    }));

    if (ecsInstanceIds.length > 0) {
      // ECS instance backups are snapshots, kept outside any vault: the ECS-only policy names none.
      const ecsPolicy = new HbrPolicy(this, 'EcsPolicy', {
        policyName: `${physicalName(this, 60)}-ecs`,
        policyType: 'UDM_ECS_ONLY',
        policyDescription: `ECS instance backups of ${this.node.path}, ${scheduleCron} (UTC)`,
        rules: rules(undefined),
      });
      this.ecsPolicyId = ecsPolicy.id;
      ecsInstanceIds.forEach((instanceId, i) => new HbrPolicyBinding(this, `EcsBinding${i}`, {
        policyId: ecsPolicy.id,
        sourceType: 'UDM_ECS',
        dataSourceId: instanceId,
        disabled: false,
      }));
    }
  }
}

interface ResolvedProps {
  readonly retentionDays: number;
  readonly scheduleCron: string;
  readonly replicationRetentionDays: number;
}

/** Checks every prop before any resource is created. */
function validate(id: string, props: BackupPlanProps, resolved: ResolvedProps): void {
  const problems = new ProblemCollector(`alicloud.BackupPlan "${id}"`);
  problems.knownKeys('', props, KNOWN_PROPS);
  const { retentionDays, scheduleCron, replicationRetentionDays } = resolved;

  const retentionOk = problems.integerInRange('retentionDays', retentionDays, 1, MAX_RETENTION_DAYS);
  const cold = props.coldStorageAfterDays;
  const coldOk = problems.integerInRange('coldStorageAfterDays', cold, ARCHIVE_MINIMUM_DAYS, MAX_RETENTION_DAYS);
  if (retentionOk && coldOk && cold !== undefined) {
    problems.check(retentionDays >= cold + ARCHIVE_MINIMUM_STAY_DAYS, 'retentionDays',
      `(${retentionDays}) must be at least coldStorageAfterDays (${cold}) + 60: HBR keeps an archived backup at least 60 days`);
  }

  const cronProblem = validateCron(scheduleCron);
  if (cronProblem) {
    problems.add('scheduleCron', `(${show(scheduleCron)}) is not a valid cron expression: ${cronProblem}`);
  } else {
    let hbrProblem: string | undefined;
    try {
      toHbrSchedule(scheduleCron);
    } catch (e) {
      hbrProblem = (e as Error).message.replace(/^Cron expression "[^"]*" /, '');
    }
    if (hbrProblem) {
      problems.add('scheduleCron', `(${show(scheduleCron)}) ${hbrProblem}`);
    } else {
      const shortest = minIntervalSeconds(scheduleCron);
      problems.check(shortest >= MINIMUM_BACKUP_INTERVAL_SECONDS, 'scheduleCron',
        `(${show(scheduleCron)}) runs ${shortest / 60} minutes apart; HBR backups here run at most hourly`);
    }
  }

  checkHbrVaultProps(problems, props);
  if (props.immutableBackups !== undefined) {
    problems.check(typeof props.immutableBackups === 'boolean', 'immutableBackups', `(${show(props.immutableBackups)}) must be true or false`);
  }
  checkIdList(problems, 'ecsInstanceIds', props.ecsInstanceIds, /^i-[a-z0-9]+$/, 'an ECS instance id (i-...)');
  checkIdList(problems, 'ossBucketNames', props.ossBucketNames, /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'an OSS bucket name');

  if (props.replicationRegion !== undefined && !Token.isUnresolved(props.replicationRegion)) {
    problems.check(ALICLOUD_REGIONS.includes(props.replicationRegion), 'replicationRegion',
      `(${show(props.replicationRegion)}) must be an Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`);
  }
  if (props.replicationRetentionDays !== undefined) {
    const ok = problems.integerInRange('replicationRetentionDays', replicationRetentionDays, 1, MAX_RETENTION_DAYS);
    if (ok && props.replicationRegion === undefined) {
      problems.add('replicationRetentionDays', `(${replicationRetentionDays}) needs replicationRegion, which turns copies on`);
    }
  }
  problems.throwIfAny();
}

/** `list`, when given, is an array of unique strings, each matching `pattern` unless it is a token. */
function checkIdList(problems: ProblemCollector, path: string, list: string[] | undefined, pattern: RegExp, what: string): void {
  if (list === undefined) return;
  if (!problems.check(Array.isArray(list), path, `(${show(list)}) must be a list`)) return;
  list.forEach((item, i) => {
    const valid = typeof item === 'string' && (Token.isUnresolved(item) || pattern.test(item));
    problems.check(valid, `${path}[${i}]`, `(${show(item)}) must be ${what}`);
    if (valid && !Token.isUnresolved(item)) {
      problems.check(list.indexOf(item) === i, `${path}[${i}]`, `(${show(item)}) is listed twice`);
    }
  });
}

/** A name unique to this construct within the app: the construct path in words, cut to fit, and a hash of the path. */
function physicalName(scope: Construct, maxLength: number): string {
  const hash = scope.node.addr.slice(-8);
  const words = scope.node.path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

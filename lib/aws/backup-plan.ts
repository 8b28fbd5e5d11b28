import { BackupPlan as BackupPlanResource, BackupPlanRuleLifecycle } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { maxIntervalSeconds, minIntervalSeconds, toAwsScheduleExpression, validateCron } from '../core/cron';
import { ProblemCollector, show } from '../core/problems';
import { EncryptionKey } from './encryption-key';
import { IEncryptionKey } from './interfaces';

/** Properties of {@link BackupPlan}. */
export interface BackupPlanProps {
  /**
   * Days AWS Backup keeps each recovery point (`delete_after`). An integer ≥ 1; at most 35 while
   * `continuousBackup` is on, and at least `coldStorageAfterDays` + 90 with cold storage.
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * When backups run: a standard 5-field cron expression in UTC (`minute hour day-of-month month
   * day-of-week`), translated to the AWS form. Runs must be at least 60 minutes apart (an AWS
   * Backup limit); the longest gap between runs is the recovery point objective of snapshot backups.
   * @default '0 3 * * *' (daily at 03:00 UTC)
   */
  readonly scheduleCron?: string;
  /**
   * Days after which recovery points move to cold storage, for the resource types that support it
   * (e.g. EBS, EFS, DynamoDB); others ignore it. Cold storage keeps a recovery point at least 90
   * days, so `retentionDays` must be at least this + 90. Cannot be combined with continuous backup.
   * @default no cold storage
   */
  readonly coldStorageAfterDays?: number;
  /**
   * Continuous backup with point-in-time restore (PITR, to any second within retention) for the
   * resource types that support it (RDS, Aurora, S3, SAP HANA); others get the scheduled
   * snapshots. AWS Backup keeps continuous backups for at most 35 days: turn it off for a longer
   * `retentionDays`.
   * @default true
   */
  readonly continuousBackup?: boolean;
  /**
   * KMS key of the backup vault. Resource types with full AWS Backup management (e.g. EFS,
   * DynamoDB advanced backups, S3) are encrypted with it; the others (RDS, EBS) keep the key of
   * the source resource.
   * @default a new customer-managed `EncryptionKey` with rotation
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * ARNs of resources to back up explicitly (e.g. a database's ARN), in addition to the tagged ones.
   * @default none
   */
  readonly resourceArns?: string[];
  /**
   * Back up every resource (of the types opted in for AWS Backup in the region) that carries all
   * of these tags. An empty map turns tag selection off; then `resourceArns` must name resources.
   * @default { 'cdktf-ha:backup': 'true' }
   */
  readonly selectionTags?: { [key: string]: string };
  /**
   * Minutes after the scheduled time within which a backup job must start, or it is cancelled
   * (AWS Backup requires at least 60).
   * @default 60
   */
  readonly startWindowMinutes?: number;
  /**
   * Minutes after the scheduled time within which a started job must complete, or it is cancelled.
   * At least `startWindowMinutes` + 60.
   * @default 480 (8 hours, as AWS CDK's BackupPlanRule)
   */
  readonly completionWindowMinutes?: number;
  /**
   * Name of the backup vault: 2 to 50 letters, digits, `-` or `_`, unique in the account and region.
   * @default derived from the construct path
   */
  readonly vaultName?: string;
  /**
   * ARNs of backup vaults (typically in another region or account) that receive a copy of each
   * recovery point, kept with the same lifecycle. The destination vault must allow
   * `backup:CopyIntoBackupVault` from this account.
   * @default no copies
   */
  readonly copyToVaultArns?: string[];
}

/** AWS Backup keeps continuous backups (PITR) for 1 to 35 days. */
const CONTINUOUS_BACKUP_MAX_DAYS = 35;
/** Recovery points in cold storage stay there at least 90 days. */
const COLD_STORAGE_MINIMUM_DAYS = 90;
/** "The interval between backup jobs shouldn't be less than 60 minutes" (AWS Backup API error). */
const MINIMUM_BACKUP_INTERVAL_SECONDS = 3600;
/** AWS Backup rejects start windows under 60 minutes and completion windows under start + 60. */
const MINIMUM_WINDOW_MINUTES = 60;
const DEFAULT_SELECTION_TAGS: { [key: string]: string } = { 'cdktf-ha:backup': 'true' };

const KNOWN_PROPS = [
  'retentionDays', 'scheduleCron', 'coldStorageAfterDays', 'continuousBackup', 'encryptionKey', 'resourceArns',
  'selectionTags', 'startWindowMinutes', 'completionWindowMinutes', 'vaultName', 'copyToVaultArns',
];

/**
 * AWS Backup for the resources of one region: a KMS-encrypted vault, a plan with one scheduled
 * rule (continuous backup for PITR by default, retention, optional cold storage, optional copies
 * to vaults in other regions), a service role, and selections by resource ARN and by tag.
 *
 * Some resource types (e.g. S3) must be opted in to AWS Backup per region (`aws_backup_region_settings`).
 */
export class BackupPlan extends Construct {
  /** The backup vault (escape hatch). */
  public readonly vault: BackupVault;
  /** ARN of the backup vault. */
  public readonly vaultArn: string;
  /** Name of the backup vault. */
  public readonly vaultName: string;
  /** The KMS key of the vault. */
  public readonly encryptionKey: IEncryptionKey;
  /** The backup plan (escape hatch). */
  public readonly plan: BackupPlanResource;
  /** Id of the backup plan. */
  public readonly planId: string;
  /** The IAM role AWS Backup assumes to back up and restore the selected resources. */
  public readonly role: IamRole;
  /** The AWS schedule expression of the rule, e.g. `cron(0 3 * * ? *)`. */
  public readonly scheduleExpression: string;
  /**
   * Longest gap in seconds between two scheduled backups: the recovery point objective of the
   * resource types backed up by snapshot (continuous backup does better where supported).
   */
  public readonly maxBackupIntervalSeconds: number;
  /** The selection of `resourceArns`, when given. */
  public readonly resourceSelection?: BackupSelection;
  /** The selection by `selectionTags`, unless it is empty. */
  public readonly tagSelection?: BackupSelection;

  constructor(scope: Construct, id: string, props: BackupPlanProps = {}) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 35;
    const scheduleCron = props.scheduleCron ?? '0 3 * * *';
    const continuousBackup = props.continuousBackup ?? true;
    const resourceArns = props.resourceArns ?? [];
    const selectionTags = props.selectionTags ?? DEFAULT_SELECTION_TAGS;
    const startWindowMinutes = props.startWindowMinutes ?? 60;
    const completionWindowMinutes = props.completionWindowMinutes ?? 480;
    const copyToVaultArns = props.copyToVaultArns ?? [];

    validate(id, props, {
      retentionDays, scheduleCron, continuousBackup, resourceArns, selectionTags,
      startWindowMinutes, completionWindowMinutes, copyToVaultArns,
    });

    const name = physicalName(this, 50);
    this.scheduleExpression = toAwsScheduleExpression(scheduleCron);
    this.maxBackupIntervalSeconds = maxIntervalSeconds(scheduleCron);

    this.encryptionKey = props.encryptionKey ?? new EncryptionKey(this, 'Key', {
      description: `Encrypts the backup vault ${this.node.path}`,
    });
    this.vault = new BackupVault(this, 'Vault', {
      name: props.vaultName ?? name,
      kmsKeyArn: this.encryptionKey.keyArn,
    });
    this.vaultArn = this.vault.arn;
    this.vaultName = this.vault.name;

    const lifecycle: BackupPlanRuleLifecycle = {
      deleteAfter: retentionDays,
      coldStorageAfter: props.coldStorageAfterDays,
    };
    this.plan = new BackupPlanResource(this, 'Plan', {
      name,
      rule: [{
        ruleName: 'scheduled',
        targetVaultName: this.vault.name,
        schedule: this.scheduleExpression,
        scheduleExpressionTimezone: 'Etc/UTC',
        startWindow: startWindowMinutes,
        completionWindow: completionWindowMinutes,
        enableContinuousBackup: continuousBackup,
        lifecycle,
        // Provider default_tags do not reach recovery points; this tag tells where one came from.
        recoveryPointTags: { 'cdktf-ha:backup-plan': name },
        copyAction: copyToVaultArns.length > 0
          ? copyToVaultArns.map((destinationVaultArn) => ({ destinationVaultArn, lifecycle }))
          : undefined,
      }],
    });
    this.planId = this.plan.id;

    const partition = new DataAwsPartition(this, 'Partition');
    const assumeRole = new DataAwsIamPolicyDocument(this, 'AssumeRolePolicy', {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['backup.amazonaws.com'] }],
      }],
    });
    this.role = new IamRole(this, 'Role', {
      namePrefix: `${physicalName(this, 37)}-`,
      description: `AWS Backup service role of ${this.node.path}`,
      assumeRolePolicy: assumeRole.json,
    });
    // The AWS managed policies AWS Backup documents for its service role; S3 has its own pair.
    const managedPolicies = [
      'service-role/AWSBackupServiceRolePolicyForBackup',
      'service-role/AWSBackupServiceRolePolicyForRestores',
      'AWSBackupServiceRolePolicyForS3Backup',
      'AWSBackupServiceRolePolicyForS3Restore',
    ];
    const attachments = managedPolicies.map((policy) => new IamRolePolicyAttachment(this, policy.replace(/^.*\//, ''), {
      role: this.role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/${policy}`,
    }));

    // A selection made before the role holds its policies lets the first jobs fail on permissions.
    if (resourceArns.length > 0) {
      this.resourceSelection = new BackupSelection(this, 'ResourceSelection', {
        name: `${physicalName(this, 40)}-resources`,
        planId: this.plan.id,
        iamRoleArn: this.role.arn,
        resources: resourceArns,
        dependsOn: attachments,
      });
    }
    const tagKeys = Object.keys(selectionTags);
    if (tagKeys.length > 0) {
      this.tagSelection = new BackupSelection(this, 'TagSelection', {
        name: `${physicalName(this, 45)}-tags`,
        planId: this.plan.id,
        iamRoleArn: this.role.arn,
        // Conditions (unlike `selection_tag`) must all match, and apply to the resources listed: all.
        resources: ['*'],
        condition: [{
          stringEquals: tagKeys.map((key) => ({ key: `aws:ResourceTag/${key}`, value: selectionTags[key] })),
        }],
        dependsOn: attachments,
      });
    }
  }
}

interface ResolvedProps {
  readonly retentionDays: number;
  readonly scheduleCron: string;
  readonly continuousBackup: boolean;
  readonly resourceArns: string[];
  readonly selectionTags: { [key: string]: string };
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly copyToVaultArns: string[];
}

/** Checks every prop before any resource is created. */
function validate(id: string, props: BackupPlanProps, resolved: ResolvedProps): void {
  const problems = new ProblemCollector(`aws.BackupPlan "${id}"`);
  problems.knownKeys('', props, KNOWN_PROPS);
  const { retentionDays, scheduleCron, continuousBackup, startWindowMinutes, completionWindowMinutes } = resolved;
  const cold = props.coldStorageAfterDays;
  const MAX_DAYS = 36500;

  const retentionOk = problems.integerInRange('retentionDays', retentionDays, 1, MAX_DAYS);
  const coldOk = problems.integerInRange('coldStorageAfterDays', cold, 1, MAX_DAYS);
  const continuousOk = problems.check(
    typeof continuousBackup === 'boolean', 'continuousBackup', `(${show(continuousBackup)}) must be true or false`,
  );
  if (retentionOk && coldOk && cold !== undefined) {
    problems.check(
      retentionDays >= cold + COLD_STORAGE_MINIMUM_DAYS,
      'retentionDays',
      `(${retentionDays}) must be at least coldStorageAfterDays (${cold}) + 90: AWS Backup keeps a recovery point in cold storage for at least 90 days`,
    );
  }
  if (continuousOk && continuousBackup) {
    if (retentionOk) {
      problems.check(
        retentionDays <= CONTINUOUS_BACKUP_MAX_DAYS,
        'retentionDays',
        `(${retentionDays}) must be ≤ 35 while continuousBackup is true: AWS Backup keeps continuous backups for 1 to 35 days; `
        + 'set continuousBackup: false to keep snapshots longer',
      );
    }
    if (coldOk && cold !== undefined) {
      problems.add(
        'coldStorageAfterDays',
        `(${cold}) cannot be combined with continuousBackup (true): continuous backups live at most 35 days, less than the 90 days of cold storage`,
      );
    }
  }

  const cronProblem = validateCron(scheduleCron);
  if (cronProblem) {
    problems.add('scheduleCron', `(${show(scheduleCron)}) is not a valid cron expression: ${cronProblem}`);
  } else {
    const shortest = minIntervalSeconds(scheduleCron);
    problems.check(
      shortest >= MINIMUM_BACKUP_INTERVAL_SECONDS,
      'scheduleCron',
      `(${show(scheduleCron)}) runs ${shortest / 60} minutes apart; AWS Backup needs at least 60 minutes between backups`,
    );
  }

  const startOk = problems.integerInRange('startWindowMinutes', startWindowMinutes, MINIMUM_WINDOW_MINUTES, Number.MAX_SAFE_INTEGER);
  const completionOk = problems.integerInRange(
    'completionWindowMinutes', completionWindowMinutes, 2 * MINIMUM_WINDOW_MINUTES, Number.MAX_SAFE_INTEGER,
  );
  if (startOk && completionOk) {
    problems.check(
      completionWindowMinutes >= startWindowMinutes + MINIMUM_WINDOW_MINUTES,
      'completionWindowMinutes',
      `(${completionWindowMinutes}) must be at least startWindowMinutes (${startWindowMinutes}) + 60`,
    );
  }

  if (props.vaultName !== undefined && !Token.isUnresolved(props.vaultName)) {
    problems.check(
      typeof props.vaultName === 'string' && /^[A-Za-z0-9_-]{2,50}$/.test(props.vaultName),
      'vaultName',
      `(${show(props.vaultName)}) must be 2 to 50 letters, digits, "-" or "_"`,
    );
  }

  const arnsOk = checkStringList(problems, 'resourceArns', props.resourceArns, /^arn:[a-z-]+:[a-z0-9-]+:/, 'an ARN');
  checkStringList(
    problems, 'copyToVaultArns', props.copyToVaultArns,
    /^arn:[a-z-]+:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$/, 'a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)',
  );
  const tagsOk = checkTags(problems, props.selectionTags);
  if (arnsOk && tagsOk) {
    problems.check(
      resolved.resourceArns.length > 0 || Object.keys(resolved.selectionTags).length > 0,
      'selectionTags',
      '({}) is empty and resourceArns names no resource: the plan would back up nothing',
    );
  }
  problems.throwIfAny();
}

/** `list`, when given, is an array of non-empty strings, each matching `pattern` unless it is a token. */
function checkStringList(
  problems: ProblemCollector, path: string, list: string[] | undefined, pattern: RegExp, what: string,
): boolean {
  if (list === undefined) return true;
  if (!problems.check(Array.isArray(list), path, `(${show(list)}) must be a list of ARNs`)) return false;
  let ok = true;
  list.forEach((item, i) => {
    const valid = typeof item === 'string' && (Token.isUnresolved(item) || pattern.test(item));
    ok = problems.check(valid, `${path}[${i}]`, `(${show(item)}) must be ${what}`) && ok;
  });
  return ok;
}

/** Tag keys and values as AWS accepts them: keys of 1 to 128 characters, values of at most 256. */
function checkTags(problems: ProblemCollector, tags: { [key: string]: string } | undefined): boolean {
  if (tags === undefined) return true;
  if (!problems.check(typeof tags === 'object' && tags !== null && !Array.isArray(tags), 'selectionTags',
    `(${show(tags)}) must be a map of tag keys to values`)) return false;
  let ok = true;
  for (const [key, value] of Object.entries(tags)) {
    ok = problems.check(key.length >= 1 && key.length <= 128, 'selectionTags', `key ${show(key)} must have 1 to 128 characters`) && ok;
    ok = problems.check(typeof value === 'string' && value.length <= 256, `selectionTags.${key}`,
      `(${show(value)}) must be a string of at most 256 characters`) && ok;
  }
  return ok;
}

/**
 * A name unique to this construct within the app: the construct path in words, cut to fit,
 * and a hash of the path, at most `maxLength` characters.
 */
function physicalName(scope: Construct, maxLength: number): string {
  const hash = scope.node.addr.slice(-8);
  const words = scope.node.path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

import { Lazy, TerraformResource, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { DatabaseEngine } from '../core/enums';
import { ALICLOUD_DEFAULT_ENGINE_VERSION, ALICLOUD_ENGINE_VERSION_PATTERN, RDS_CLASS_PATTERN } from '../core/alicloud-rules';
import { ProblemCollector, show } from '../core/problems';
import { EncryptionKey } from './encryption-key';
import { DbBackupPolicy } from './gen/providers/alicloud/db-backup-policy';
import { DbDatabase } from './gen/providers/alicloud/db-database';
import { DbInstance } from './gen/providers/alicloud/db-instance';
import { DbReadonlyInstance } from './gen/providers/alicloud/db-readonly-instance';
import { RdsAccount } from './gen/providers/alicloud/rds-account';
import { IEncryptionKey, INetwork } from './interfaces';

/** Properties of {@link Database}. */
export interface DatabaseProps {
  /**
   * The network. The primary runs in the data vSwitch of the first zone, its standby in the data
   * vSwitch of the second; read-only instances in the zones after the first.
   */
  readonly network: INetwork;
  /** Database engine: MySQL or PostgreSQL (Aurora MySQL is AWS only). */
  readonly engine: DatabaseEngine;
  /**
   * Major engine version as RDS spells it: MySQL `5.7`, `8.0` or `8.4`; PostgreSQL `<major>.0`
   * (`14.0`, `16.0`, ...).
   * @default MySQL `8.0`, PostgreSQL `16.0`
   */
  readonly engineVersion?: string;
  /**
   * RDS instance type code of the High-availability Edition with cloud disks, e.g.
   * `mysql.n2.medium.2c` or `pg.n2.2c.2m` (see "Primary instance types" in the RDS docs, or the
   * `alicloud_db_instance_classes` data source). It must start with `mysql.` or `pg.` as the engine;
   * read-only instances use the same type.
   */
  readonly instanceClass: string;
  /**
   * ESSD storage in GB, 20–32000, a multiple of 5 (RDS grows storage in 5 GB steps).
   * @default 50
   */
  readonly allocatedStorageGb?: number;
  /**
   * Days of data backups and of log backups, 7–730: the point-in-time-restore window. A month lets a
   * corruption noticed weeks later still be rolled back at modest backup storage cost; long-term
   * copies are the backup tier's job.
   * @default 30
   */
  readonly backupRetentionDays?: number;
  /**
   * Daily data-backup window in UTC, `HH:00Z-HH:00Z`, one hour long (an RDS rule).
   * @default '18:00Z-19:00Z' (02:00–03:00 China Standard Time, the night in most Alibaba Cloud regions;
   *   the provider's own default, 02:00Z, is 10:00 in China)
   */
  readonly preferredBackupTime?: string;
  /**
   * Name of a database to create: lowercase letters, digits and `_`, starting with a letter and
   * ending with a letter or digit, 2–64 characters.
   * @default no database is created
   */
  readonly databaseName?: string;
  /**
   * Name of the privileged (`Super`) account: lowercase letters, digits and `_`, starting with a
   * letter and ending with a letter or digit, 2–32 characters, not a name the engine reserves
   * (`root`, `admin`, `postgres`, names starting with `pg`, ...). Its password comes from the
   * Terraform variable {@link Database.passwordVariableName}.
   * @default 'dbadmin'
   */
  readonly masterUsername?: string;
  /**
   * Read-only instances (`alicloud_db_readonly_instance`), 0–10, placed round-robin in the zones after
   * the first (the primary's), with the primary's instance type, storage and whitelist.
   * @default 0 (the High-availability standby already covers a zone loss)
   */
  readonly readReplicas?: number;
  /**
   * Refuse release of the primary and the read-only instances until this is turned off and applied.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * KMS key for cloud-disk encryption (data, logs and backups). The account must have authorised RDS to
   * use KMS (RAM role `AliyunRDSInstanceEncryptionDefaultRole`, created once per account in the console).
   * @default a new {@link EncryptionKey} with yearly rotation and deletion protection
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * The IP whitelist: CIDR blocks that may connect. RDS on Alibaba Cloud admits clients by address, not
   * by security group; {@link Database.allowFrom} and {@link Database.allowFromCidr} add more. Each
   * block must be IPv4 with a prefix of at least /8 (a VPC's largest); `0.0.0.0/0` is refused.
   * @default `network.appVswitchCidrs`: only the application tier's vSwitches
   */
  readonly allowedCidrs?: string[];
}

/**
 * The data tier on Alibaba Cloud: an RDS MySQL or PostgreSQL High-availability Edition instance whose
 * primary and standby run in two zones, on encrypted ESSD cloud disks (customer KMS key), with SSL
 * on, an IP whitelist of the application vSwitches only (no public endpoint is ever created), a
 * privileged account whose password comes from a sensitive Terraform variable, daily data backups
 * plus log backups for point-in-time restore, deletion protection, and optional read-only instances
 * in the other zones.
 */
export class Database extends Construct {
  /** The engine. */
  public readonly engine: DatabaseEngine;
  /** The primary instance (escape hatch). */
  public readonly instance: TerraformResource;
  /** The read-only instances (escape hatches). */
  public readonly readOnlyInstances: TerraformResource[];
  /** The backup policy (escape hatch). */
  public readonly backupPolicy: TerraformResource;
  /** The privileged account (escape hatch). */
  public readonly account: TerraformResource;
  /** The database, when `databaseName` was given (escape hatch). */
  public readonly schema?: TerraformResource;
  /** The KMS key of the cloud disks. */
  public readonly encryptionKey: IEncryptionKey;
  /** Id of the primary instance (`rm-...`). */
  public readonly instanceId: string;
  /** Private host name of the primary; it follows the primary across a failover to the standby. */
  public readonly connectionString: string;
  /** TCP port: 3306 (MySQL) or 5432 (PostgreSQL). */
  public readonly port: number;
  /** Ids of the read-only instances. */
  public readonly readOnlyInstanceIds: string[];
  /** Private host names of the read-only instances. */
  public readonly readOnlyConnectionStrings: string[];
  /** Name of the privileged account. */
  public readonly masterUsername: string;
  /**
   * Name of the sensitive Terraform variable (no default) that holds the privileged account's password:
   * CI passes it from its secret store as the environment variable `TF_VAR_<name>` on plan and apply.
   * The synthesized JSON holds only `var.<name>`; the value does reach the state, which the OSS backend
   * keeps encrypted.
   */
  public readonly passwordVariableName: string;

  private readonly whitelist: string[];

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    validate(id, props);

    const engine = props.engine;
    const mysql = engine === DatabaseEngine.MYSQL;
    const engineVersion = props.engineVersion ?? ALICLOUD_DEFAULT_ENGINE_VERSION[engine];
    const allocatedStorageGb = props.allocatedStorageGb ?? 50;
    const backupRetentionDays = props.backupRetentionDays ?? 30;
    const preferredBackupTime = props.preferredBackupTime ?? '18:00Z-19:00Z';
    const masterUsername = props.masterUsername ?? 'dbadmin';
    const readReplicas = props.readReplicas ?? 0;
    const deletionProtection = props.deletionProtection ?? true;
    const name = instanceNameFromPath(this.node.path);
    const network = props.network;

    this.engine = engine;
    this.port = mysql ? 3306 : 5432;
    this.masterUsername = masterUsername;
    this.whitelist = [...(props.allowedCidrs ?? network.appVswitchCidrs)];
    this.encryptionKey = props.encryptionKey
      ?? new EncryptionKey(this, 'Key', { description: `RDS ${ENGINE_NAME[engine]} ${name}: cloud disks and backups` });
    // Read lazily so allowFrom/allowFromCidr calls after construction still reach every instance.
    const securityIps = Lazy.listValue({ produce: () => [...this.whitelist] });

    const instance = new DbInstance(this, 'Instance', {
      instanceName: name,
      engine: ENGINE_NAME[engine],
      engineVersion,
      instanceType: props.instanceClass,
      instanceStorage: allocatedStorageGb,
      dbInstanceStorageType: 'cloud_essd',
      instanceChargeType: 'Postpaid',
      // High-availability Edition: a standby in zone_id_slave_a takes over automatically (ha_config
      // Auto, the RDS default). Provider docs (alicloud_db_instance, category note): vswitch_id lists
      // the vSwitch of each zone in the order zone_id, zone_id_slave_a, separated by commas.
      category: 'HighAvailability',
      zoneId: network.zoneIds[0],
      zoneIdSlaveA: network.zoneIds[1],
      vswitchId: `${network.dataVswitchIds[0]},${network.dataVswitchIds[1]}`,
      vpcId: network.vpcId,
      securityIps,
      // Cloud-disk encryption with the customer key: covers data files, logs and backup sets for both
      // engines (TDE would cover MySQL tables only and cannot be turned off again).
      encryptionKey: this.encryptionKey.keyId,
      sslAction: 'Open',
      caType: 'aliyun',
      deletionProtection,
      monitoringPeriod: 60,
      autoUpgradeMinorVersion: 'Auto',
    });
    this.instance = instance;
    this.instanceId = instance.id;
    this.connectionString = instance.connectionString;

    this.passwordVariableName = `${name.replace(/-/g, '_')}_master_password`;
    const password = new TerraformVariable(this, 'MasterPassword', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Password of the RDS account "${masterUsername}" of ${name}: 8–32 characters, at least three of upper case, lower case, digits and !@#$%^&*()_+-=`,
      validation: [{
        condition: passwordCondition(this.passwordVariableName),
        errorMessage: 'The password must be 8–32 characters long with at least three of: upper case, lower case, digits, !@#$%^&*()_+-= (RDS password rule).',
      }],
    });
    password.overrideLogicalId(this.passwordVariableName);

    this.account = new RdsAccount(this, 'MasterAccount', {
      dbInstanceId: instance.id,
      accountName: masterUsername,
      accountPassword: password.stringValue,
      accountType: 'Super',
      accountDescription: 'Privileged account (cdktf-ha)',
    });

    if (props.databaseName !== undefined) {
      this.schema = new DbDatabase(this, 'Database', {
        instanceId: instance.id,
        dataBaseName: props.databaseName,
        characterSet: mysql ? 'utf8mb4' : 'UTF8',
        description: 'Application database (cdktf-ha)',
      });
    }

    this.backupPolicy = new DbBackupPolicy(this, 'BackupPolicy', {
      instanceId: instance.id,
      backupRetentionPeriod: backupRetentionDays,
      preferredBackupTime,
      preferredBackupPeriod: WEEKDAYS,
      // Log backups give point-in-time restore over the whole data-backup window (the log retention may
      // not exceed the data retention, an RDS rule).
      enableBackupLog: true,
      logBackupRetentionPeriod: backupRetentionDays,
      // Provider docs (alicloud_db_instance, released_keep_policy): MySQL only. Keeps the last backup set
      // after the instance is released, the counterpart of a final snapshot.
      releasedKeepPolicy: mysql ? 'Lastest' : undefined,
    });

    const otherZones = network.zoneIds.length - 1;
    this.readOnlyInstances = [];
    for (let i = 0; i < readReplicas; i++) {
      const zone = 1 + (i % otherZones);
      this.readOnlyInstances.push(new DbReadonlyInstance(this, `ReadOnly${i + 1}`, {
        masterDbInstanceId: instance.id,
        instanceName: `${name}-ro-${i + 1}`,
        engineVersion,
        instanceType: props.instanceClass,
        instanceStorage: allocatedStorageGb,
        dbInstanceStorageType: 'cloud_essd',
        instanceChargeType: 'Postpaid',
        zoneId: network.zoneIds[zone],
        vswitchId: network.dataVswitchIds[zone],
        securityIps,
        sslEnabled: 1,
        caType: 'aliyun',
        deletionProtection,
        // A read-only instance is created from the primary's backup sets: wait for the policy.
        dependsOn: [this.backupPolicy],
      }));
    }
    this.readOnlyInstanceIds = this.readOnlyInstances.map((r) => (r as DbReadonlyInstance).id);
    this.readOnlyConnectionStrings = this.readOnlyInstances.map((r) => (r as DbReadonlyInstance).connectionString);
  }

  /** Whitelists the application vSwitches of `network` (e.g. a standby region's, linked over CEN). */
  public allowFrom(network: INetwork): void {
    for (const cidr of network.appVswitchCidrs) this.allowFromCidr(cidr);
  }

  /**
   * Whitelists one IPv4 address or CIDR block on the primary and the read-only instances. Blocks wider
   * than /8 and `0.0.0.0/0` are refused: the whitelist is the database's only network guard.
   */
  public allowFromCidr(cidr: string): void {
    const problems = new ProblemCollector(`alicloud.Database "${this.node.id}".allowFromCidr`);
    checkCidr(problems, 'cidr', cidr);
    problems.throwIfAny();
    if (!this.whitelist.includes(cidr)) this.whitelist.push(cidr);
  }
}

const ENGINE_NAME: Record<string, string> = {
  [DatabaseEngine.MYSQL]: 'MySQL',
  [DatabaseEngine.POSTGRES]: 'PostgreSQL',
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Provider docs (alicloud_db_backup_policy): `HH:mmZ-HH:mmZ`, one-hour intervals. */
const BACKUP_TIME_PATTERN = /^([01]\d|2[0-3]):00Z-([01]\d|2[0-3]):00Z$/;
/** RDS account names (CreateAccount): lowercase letters, digits and `_`, a letter first, a letter or digit last. */
const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,30}[a-z0-9]$/;
const RESERVED_ACCOUNT_NAMES = ['root', 'admin', 'administrator', 'mysql', 'postgres', 'replicator', 'aliyun_root', 'eagleye', 'test'];
const DATABASE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}[a-z0-9]$/;
/** RDS limit: at most 10 read-only instances for a High-availability primary. */
const MAX_READ_ONLY_INSTANCES = 10;

/** An RDS instance name (2–256 characters) from the construct path, e.g. `shop-database`. */
function instanceNameFromPath(path: string): string {
  const words = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const name = /^[a-z]/.test(words) ? words : `db-${words}`;
  return name.slice(0, 60).replace(/-+$/, '');
}

/** HCL condition of the RDS password rule on `var.<name>`: 8–32 characters, three of four classes. */
function passwordCondition(variable: string): string {
  const value = `var.${variable}`;
  const classes = ['[A-Z]', '[a-z]', '[0-9]', '[!@#$%^&*()_+=-]']
    .map((pattern) => `(length(regexall("${pattern}", ${value})) > 0 ? 1 : 0)`)
    .join(' + ');
  return `\${length(${value}) >= 8 && length(${value}) <= 32 && ${classes} >= 3}`;
}

function checkCidr(problems: ProblemCollector, path: string, cidr: unknown): void {
  if (typeof cidr === 'string' && Token.isUnresolved(cidr)) return;
  const text = typeof cidr === 'string' && !cidr.includes('/') ? `${cidr}/32` : cidr;
  const block = typeof text === 'string' ? parseCidr(text) : undefined;
  if (!problems.check(block !== undefined, path, `(${show(cidr)}) must be an IPv4 address or CIDR block such as "10.0.16.0/20"`)) return;
  problems.check(block!.prefix >= 8, path,
    `(${show(cidr)}) is too wide: a whitelist entry must be /8 or narrower (never 0.0.0.0/0; a VPC is at most /8)`);
}

function validate(id: string, props: DatabaseProps): void {
  const problems = new ProblemCollector(`alicloud.Database "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', 'are required (network, engine, instanceClass)');
    problems.throwIfAny();
  }
  problems.knownKeys('', props, [
    'network', 'engine', 'engineVersion', 'instanceClass', 'allocatedStorageGb', 'backupRetentionDays',
    'preferredBackupTime', 'databaseName', 'masterUsername', 'readReplicas', 'deletionProtection',
    'encryptionKey', 'allowedCidrs',
  ]);

  let engineOk = false;
  if (props.engine === DatabaseEngine.AURORA_MYSQL) {
    problems.add('engine', '("aurora-mysql") is an AWS engine; use mysql or postgres (PolarDB may come later)');
  } else {
    engineOk = problems.check(props.engine === DatabaseEngine.MYSQL || props.engine === DatabaseEngine.POSTGRES, 'engine',
      `(${show(props.engine)}) must be "mysql" or "postgres"`);
  }
  const zoneCount = validateNetwork(problems, props.network);
  if (props.allowedCidrs === undefined && Array.isArray(props.network?.appVswitchCidrs)) {
    problems.check(props.network.appVswitchCidrs.length > 0, 'network.appVswitchCidrs',
      'is empty: nothing could reach the database; give allowedCidrs');
  }

  if (engineOk && props.engineVersion !== undefined && !Token.isUnresolved(props.engineVersion)) {
    problems.check(typeof props.engineVersion === 'string' && ALICLOUD_ENGINE_VERSION_PATTERN[props.engine].test(props.engineVersion),
      'engineVersion', `(${show(props.engineVersion)}) is not an RDS ${ENGINE_NAME[props.engine]} version (e.g. ${show(ALICLOUD_DEFAULT_ENGINE_VERSION[props.engine])})`);
  }
  if (!(typeof props.instanceClass === 'string' && Token.isUnresolved(props.instanceClass))) {
    const pattern = engineOk ? RDS_CLASS_PATTERN[props.engine] : /^(mysql|pg)(\.[a-z0-9]+){2,4}$/;
    problems.check(typeof props.instanceClass === 'string' && pattern.test(props.instanceClass), 'instanceClass',
      `(${show(props.instanceClass)}) must be an RDS cloud-disk instance type of the engine, such as ${engineOk && props.engine === DatabaseEngine.POSTGRES ? '"pg.n2.2c.2m"' : '"mysql.n2.medium.2c"'}`);
  }
  if (problems.integerInRange('allocatedStorageGb', props.allocatedStorageGb, 20, 32000) && props.allocatedStorageGb !== undefined) {
    problems.check(props.allocatedStorageGb % 5 === 0, 'allocatedStorageGb', `(${props.allocatedStorageGb}) must be a multiple of 5`);
  }
  problems.integerInRange('backupRetentionDays', props.backupRetentionDays, 7, 730);
  if (props.preferredBackupTime !== undefined) {
    const match = typeof props.preferredBackupTime === 'string' ? BACKUP_TIME_PATTERN.exec(props.preferredBackupTime) : null;
    problems.check(match !== null && (Number(match[1]) + 1) % 24 === Number(match[2]), 'preferredBackupTime',
      `(${show(props.preferredBackupTime)}) must be a one-hour window "HH:00Z-HH:00Z" in UTC, e.g. "18:00Z-19:00Z"`);
  }
  if (props.databaseName !== undefined) {
    problems.check(typeof props.databaseName === 'string' && DATABASE_NAME_PATTERN.test(props.databaseName), 'databaseName',
      `(${show(props.databaseName)}) must be 2–64 lowercase letters, digits or "_", starting with a letter and ending with a letter or digit`);
  }
  if (props.masterUsername !== undefined) {
    const username = props.masterUsername;
    if (problems.check(typeof username === 'string' && ACCOUNT_NAME_PATTERN.test(username), 'masterUsername',
      `(${show(username)}) must be 2–32 lowercase letters, digits or "_", starting with a letter and ending with a letter or digit`)) {
      problems.check(!RESERVED_ACCOUNT_NAMES.includes(username) && !username.startsWith('pg'), 'masterUsername',
        `(${show(username)}) is reserved by RDS or the engine (${RESERVED_ACCOUNT_NAMES.join(', ')}, names starting with "pg")`);
    }
  }
  if (problems.integerInRange('readReplicas', props.readReplicas, 0, MAX_READ_ONLY_INSTANCES)
    && (props.readReplicas ?? 0) > 0 && zoneCount !== undefined) {
    problems.check(zoneCount >= 2, 'readReplicas', 'need a zone other than the primary\'s');
  }
  problems.check(props.deletionProtection === undefined || typeof props.deletionProtection === 'boolean',
    'deletionProtection', `(${show(props.deletionProtection)}) must be true or false`);
  if (props.encryptionKey !== undefined) {
    problems.check(typeof props.encryptionKey === 'object' && props.encryptionKey !== null && typeof props.encryptionKey.keyId === 'string',
      'encryptionKey', 'must be an IEncryptionKey (an object with a keyId)');
  }
  if (props.allowedCidrs !== undefined) {
    if (problems.check(Array.isArray(props.allowedCidrs) && props.allowedCidrs.length > 0, 'allowedCidrs',
      `(${show(props.allowedCidrs)}) must be a non-empty list of CIDR blocks`)) {
      props.allowedCidrs.forEach((cidr, i) => checkCidr(problems, `allowedCidrs[${i}]`, cidr));
    }
  }
  problems.throwIfAny();
}

/** Checks the network; returns the number of zones when it is known at synth time. */
function validateNetwork(problems: ProblemCollector, network: INetwork | undefined): number | undefined {
  if (!problems.check(typeof network === 'object' && network !== null, 'network', `(${show(network)}) is required`)) return undefined;
  const { zoneIds, dataVswitchIds, appVswitchCidrs } = network!;
  if (!Array.isArray(zoneIds) || !Array.isArray(dataVswitchIds) || Token.isUnresolved(zoneIds) || Token.isUnresolved(dataVswitchIds)) {
    problems.add('network', 'must have zoneIds and dataVswitchIds as lists (the primary and standby zones are picked from them at synth time)');
    return undefined;
  }
  // The High-availability Edition puts the standby in another zone: two zones at least.
  problems.check(zoneIds.length >= 2, 'network.zoneIds', `(${zoneIds.length} zones) must hold at least 2 zones for the primary and the standby`);
  problems.check(dataVswitchIds.length === zoneIds.length, 'network.dataVswitchIds',
    `(${dataVswitchIds.length} vSwitches) must hold one data vSwitch per zone (${zoneIds.length})`);
  if (!Array.isArray(appVswitchCidrs)) {
    problems.add('network.appVswitchCidrs', 'must be a list of CIDR blocks (the default whitelist)');
  } else {
    appVswitchCidrs.forEach((cidr, i) => checkCidr(problems, `network.appVswitchCidrs[${i}]`, cidr));
  }
  return zoneIds.length;
}

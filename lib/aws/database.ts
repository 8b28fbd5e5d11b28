import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseEngine } from '../core/enums';
import { DEFAULT_ENGINE_VERSION, ENGINE_VERSION_PATTERN, RDS_INSTANCE_CLASS, supportsPerformanceInsights } from '../core/aws-rules';
import { ProblemCollector, show } from '../core/problems';
import { allowTcp } from './connections';
import { EncryptionKey } from './encryption-key';
import { IConnectable, IDatabaseEndpoint, IEncryptionKey, INetwork } from './interfaces';

/** Properties of {@link Database}. */
export interface DatabaseProps {
  /** The network; the database lives in its isolated subnets, one per zone. */
  readonly network: INetwork;
  /**
   * Database engine. MySQL and PostgreSQL run as one RDS instance (Multi-AZ, with a synchronous
   * standby in another zone); Aurora MySQL runs as a cluster with a writer and reader instances.
   */
  readonly engine: DatabaseEngine;
  /**
   * Engine version. Give a major version for MySQL (`8.4`) and PostgreSQL (`17`) so automatic
   * minor upgrades cause no drift; Aurora MySQL needs a full version (`8.0.mysql_aurora.3.10.3`).
   * The parameter-group family (`mysql8.4`, `postgres17`, `aurora-mysql8.0`) is derived from it.
   * A cross-region replica runs its source's version: give the source's here so the family matches
   * (it is not written to the replica). An Aurora global secondary must have the primary's version.
   * @default MySQL `8.4` (RDS standard support for 8.0 ends on 2026-07-31), PostgreSQL `17`
   *   (the newest major version, so the longest RDS standard support), Aurora MySQL
   *   `8.0.mysql_aurora.3.10.3` (3.10 is a long-term-support release, supported for at least three years)
   */
  readonly engineVersion?: string;
  /** Instance class of every instance, e.g. `db.r6g.large` (must start with `db.`). */
  readonly instanceClass: string;
  /**
   * Allocated gp3 storage in GiB, 20–65536 (MySQL and PostgreSQL only; Aurora storage grows by itself
   * and giving this prop with Aurora is an error).
   * @default 50
   */
  readonly allocatedStorageGb?: number;
  /**
   * Ceiling for RDS storage autoscaling in GiB, at most 65536 and at least 10% above
   * `allocatedStorageGb` (an RDS rule). Set it equal to `allocatedStorageGb` to turn autoscaling off.
   * MySQL and PostgreSQL only.
   * @default twice `allocatedStorageGb`, at most 65536 (autoscaling off when that is not 10% above it)
   */
  readonly maxAllocatedStorageGb?: number;
  /**
   * Days of automated backups, 1–35: the point-in-time-restore window. Keeping the maximum lets a
   * corruption noticed weeks later still be rolled back; long-term retention is AWS Backup's job.
   * @default 35
   */
  readonly backupRetentionDays?: number;
  /**
   * Name of a database to create: a letter, then letters, digits or `_`; at most 64 characters
   * (MySQL, Aurora MySQL) or 63 (PostgreSQL). It must not be a word the engine reserves.
   * @default no database is created (PostgreSQL still has `postgres`)
   */
  readonly databaseName?: string;
  /**
   * Name of the master user: a letter, then letters, digits or `_`; at most 16 characters (MySQL,
   * Aurora MySQL) or 63 (PostgreSQL). Not `rdsadmin`; with PostgreSQL not `admin` and not `pg_…`
   * (reserved by the engine). Its password is generated and kept in Secrets Manager by RDS, except
   * where RDS does not allow that (`crossRegionReplicas`, an `auroraGlobal` primary): then it comes
   * from the Terraform variable {@link Database.masterPasswordVariableName}.
   * @default 'dbadmin'
   */
  readonly masterUsername?: string;
  /**
   * Read replicas in the region. MySQL/PostgreSQL: 0–5 RDS read replicas, placed in the zones after
   * the first. Aurora MySQL: 0–15 reader instances, each in another zone than the writer, and also
   * the failover targets.
   * @default 0 for MySQL and PostgreSQL (the Multi-AZ standby handles failover), 1 for Aurora MySQL
   */
  readonly readReplicas?: number;
  /**
   * Refuse deletion of the database (and its replicas) until this is turned off and applied.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * KMS key for storage, snapshots, the master-user secret and Performance Insights.
   * @default a new {@link EncryptionKey} with yearly rotation
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Keep a synchronous standby (MySQL/PostgreSQL: Multi-AZ) or require a reader in another zone
   * (Aurora: `readReplicas` of at least 1). Set `false` only for development: a zone outage then
   * takes the database down.
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * Enhanced Monitoring interval in seconds: 0 (off), 1, 5, 10, 15, 30 or 60.
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Performance Insights, encrypted with the database key, with the free 7-day retention.
   * Some small classes (`db.t3.micro`, `db.t3.small`, ...) do not support it: turn it off there.
   * @default true
   */
  readonly performanceInsights?: boolean;
  /**
   * Daily backup window in UTC, `hh24:mi-hh24:mi`, at least 30 minutes, not overlapping the
   * maintenance window.
   * @default a 30-minute window that RDS picks per region
   */
  readonly preferredBackupWindow?: string;
  /**
   * Weekly maintenance window in UTC, `ddd:hh24:mi-ddd:hh24:mi` (e.g. `sun:03:00-sun:04:00`), at
   * least 30 minutes.
   * @default a 30-minute window that RDS picks per region
   */
  readonly preferredMaintenanceWindow?: string;
  /**
   * Start of every name: the instance or cluster identifier is exactly this, replicas add
   * `-replica-N`, Aurora instances `-instance-N`, the final snapshot `-final-snapshot`.
   * Lowercase letters, digits and `-`, starting with a letter, at most 40 characters, no `--`,
   * not ending in `-`. Identifiers are unique per account and region.
   * @default derived from the construct path (stack name and construct ids), lowercase
   */
  readonly identifierPrefix?: string;
  /**
   * MySQL/PostgreSQL in a standby region: this database is a cross-region read replica of the
   * instance with this ARN (`arn:aws:rds:<region>:<account>:db:<id>`, usually a token of the
   * primary region's `Database.arn`). It is encrypted with this region's key, Multi-AZ (a promoted
   * replica must still survive a zone loss), in this region's subnet group, and keeps
   * `backupRetentionDays` so it has point-in-time restore once promoted. Engine version, master
   * user, password and database come from the source. The source must set `crossRegionReplicas`.
   * To fail over, remove this prop and set `promotedReplica` (see there).
   * @default not a replica
   */
  readonly crossRegionSourceArn?: string;
  /**
   * MySQL/PostgreSQL: this database was a cross-region replica (`crossRegionSourceArn`) and has
   * been promoted. The instance keeps the replica's resource address and every argument, without
   * `replicate_source_db`, so `terraform apply` updates it in place: the provider calls
   * `PromoteReadReplica` (with `backup_retention_period` and `backup_window`), waits until the
   * instance is available, then modifies whatever else changed. Nothing that forces replacement
   * changes (`identifier`, `kms_key_id`, `storage_encrypted`, and the absent `username`, `db_name`,
   * `engine`). The promoted instance keeps the source's master user and password (the value of the
   * source stack's password variable); its password stays unmanaged so that it can in turn be the
   * source of a replica when failing back (RDS does not replicate an instance whose password it
   * manages). Promotion cannot be undone: a new replica must be seeded to fail back.
   * @default false
   */
  readonly promotedReplica?: boolean;
  /**
   * MySQL/PostgreSQL: read replicas of this database run in other regions (their
   * `crossRegionSourceArn` names this database). RDS does not create read replicas of an instance
   * whose master password it manages in Secrets Manager (RDS User Guide, "Limitations for Secrets
   * Manager integration with Amazon RDS"), so the password then comes from the ephemeral, sensitive
   * Terraform variable {@link Database.masterPasswordVariableName} through the write-only
   * `password_wo` argument: never in the synthesized JSON, the plan or the state.
   * @default false
   */
  readonly crossRegionReplicas?: boolean;
  /**
   * Version of the master password given through the password variable (`password_wo_version`,
   * `master_password_wo_version`): Terraform never compares write-only values, so raise this
   * number, with a new variable value, to change the password. Only with a password variable.
   * @default 1
   */
  readonly masterPasswordVersion?: number;
  /**
   * Aurora MySQL: membership of an Aurora Global Database (storage-level replication to other
   * regions, typically under a second of lag). The primary creates the global cluster; a
   * secondary joins it by its identifier. Aurora does not manage the master password of a cluster
   * in a global database in Secrets Manager (Aurora User Guide, "Limitations for Secrets Manager
   * integration with Amazon Aurora"), so the primary's password comes from the ephemeral, sensitive
   * variable {@link Database.masterPasswordVariableName} through `master_password_wo`.
   * @default not part of a global database
   */
  readonly auroraGlobal?: AuroraGlobalSettings;
}

/** Membership of an Aurora MySQL cluster in an Aurora Global Database. */
export interface AuroraGlobalSettings {
  /**
   * Identifier of the global cluster: letters, digits and `-`, starting with a letter, at most 63
   * characters, no `--`, not ending in `-`. The same in every region, so a secondary needs no
   * cross-stack reference (its stack deploys after the primary's).
   */
  readonly globalClusterIdentifier: string;
  /**
   * This cluster is a read-only secondary in another region: it joins the global cluster with this
   * region's KMS key and without master credentials (they come from the primary). Its writer slot
   * and readers run in different zones. A promotion is a managed failover or switchover of the
   * global cluster (`aws rds failover-global-cluster`), not a change of this prop.
   * @default false: this is the primary cluster, which creates the global cluster
   */
  readonly secondary?: boolean;
  /**
   * Secondary only: forward writes issued on this cluster to the primary (Aurora MySQL write
   * forwarding), so applications in this region can write without their own writer endpoint.
   * @default false
   */
  readonly writeForwarding?: boolean;
}

/**
 * The data tier: RDS MySQL or PostgreSQL Multi-AZ with optional read replicas, or an Aurora MySQL
 * cluster with readers in other zones. Private (isolated subnets, a security group without any rule
 * until {@link Database.allowFrom}), encrypted with a KMS key, TLS required by the parameter group,
 * master password managed by RDS in Secrets Manager, 35 days of point-in-time restore, deletion
 * protection and a final snapshot, Enhanced Monitoring, Performance Insights and log exports.
 */
export class Database extends Construct implements IDatabaseEndpoint {
  /** The engine. */
  public readonly engine: DatabaseEngine;
  /** The primary instance (MySQL, PostgreSQL; escape hatch). */
  public readonly instance?: DbInstance;
  /** The read replicas (MySQL, PostgreSQL; escape hatches). Empty for Aurora. */
  public readonly replicas: DbInstance[];
  /** The Aurora cluster (escape hatch). */
  public readonly cluster?: RdsCluster;
  /** The Aurora instances, the writer first, then the readers (escape hatches). Empty for RDS. */
  public readonly clusterInstances: RdsClusterInstance[];
  /** The database security group (escape hatch). */
  public readonly securityGroup: SecurityGroup;
  /** The DB subnet group over the isolated subnets of every zone (escape hatch). */
  public readonly subnetGroup: DbSubnetGroup;
  /** The DB parameter group: engine parameters of the instances (escape hatch). */
  public readonly parameterGroup: DbParameterGroup;
  /** The Aurora cluster parameter group (escape hatch). */
  public readonly clusterParameterGroup?: RdsClusterParameterGroup;
  /** The Enhanced Monitoring role, when monitoring is on (escape hatch). */
  public readonly monitoringRole?: IamRole;
  /** The KMS key of storage, snapshots, the master-user secret and Performance Insights. */
  public readonly encryptionKey: IEncryptionKey;

  /** Host name of the writer. */
  public readonly endpointAddress: string;
  /**
   * Host name for reads: the Aurora reader endpoint, or the first RDS read replica, or the primary
   * when there is no replica.
   */
  public readonly readerEndpointAddress: string;
  /** Host name of every read replica (RDS) or reader instance (Aurora). */
  public readonly readerEndpointAddresses: string[];
  /** TCP port: 3306 (MySQL, Aurora MySQL) or 5432 (PostgreSQL). */
  public readonly port: number;
  /** Id of the database security group. */
  public readonly securityGroupId: string;
  /**
   * ARN of the Secrets Manager secret holding the master user's credentials, when RDS manages the
   * password: undefined for a cross-region replica, a promoted replica, an Aurora global secondary
   * (their credentials are the source's) and where the password comes from a variable.
   */
  public readonly masterUserSecretArn?: string;
  /**
   * The Terraform variable holding the master password, where RDS cannot manage it (a source of
   * cross-region replicas, the primary of an Aurora global database). Ephemeral and sensitive, no
   * default: CI passes it as `TF_VAR_<name>` on plan and on apply.
   */
  public readonly masterPasswordVariable?: TerraformVariable;
  /** Name of {@link masterPasswordVariable}: `<identifierPrefix with "_" for "-">_master_password`. */
  public readonly masterPasswordVariableName?: string;
  /**
   * ARN of the instance (RDS) or cluster (Aurora), e.g. for AWS Backup selections. A replica's own
   * ARN, never its source's.
   */
  public readonly arn: string;
  /** Identifier of the instance (RDS) or cluster (Aurora). */
  public readonly identifier: string;
  /** ARN of the instance this database follows (`crossRegionSourceArn`); undefined when it follows none. */
  public readonly replicationSourceArn?: string;
  /** Whether this database follows another region: a cross-region replica or an Aurora global secondary. */
  public readonly isReplica: boolean;
  /** The Aurora global cluster, created by the global primary (escape hatch). */
  public readonly globalCluster?: RdsGlobalCluster;
  /** Identifier of the Aurora global cluster this cluster belongs to. */
  public readonly globalClusterIdentifier?: string;

  private ingressRules = 0;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    validate(id, props);

    const engine = props.engine;
    const aurora = engine === DatabaseEngine.AURORA_MYSQL;
    const engineVersion = props.engineVersion ?? DEFAULT_ENGINE_VERSION[engine];
    const allocatedStorageGb = props.allocatedStorageGb ?? 50;
    const maxAllocatedStorageGb = props.maxAllocatedStorageGb ?? defaultMaxStorageGb(allocatedStorageGb);
    const backupRetentionDays = props.backupRetentionDays ?? 35;
    const masterUsername = props.masterUsername ?? 'dbadmin';
    const readReplicas = props.readReplicas ?? (aurora ? 1 : 0);
    const deletionProtection = props.deletionProtection ?? true;
    const multiAz = props.multiAz ?? true;
    const monitoringIntervalSeconds = props.monitoringIntervalSeconds ?? 60;
    const performanceInsights = props.performanceInsights ?? supportsPerformanceInsights(props.instanceClass);
    const prefix = props.identifierPrefix ?? defaultIdentifierPrefix(this);
    const crossRegionSourceArn = props.crossRegionSourceArn;
    const promotedReplica = props.promotedReplica ?? false;
    const masterPasswordVersion = props.masterPasswordVersion ?? 1;
    const globalSettings = props.auroraGlobal;
    const globalSecondary = globalSettings?.secondary ?? false;
    const writeForwarding = globalSettings?.writeForwarding ?? false;
    const passwordFromVariable = needsPasswordVariable(props);

    this.engine = engine;
    this.port = engine === DatabaseEngine.POSTGRES ? 5432 : 3306;
    this.replicationSourceArn = crossRegionSourceArn;
    this.isReplica = crossRegionSourceArn !== undefined || globalSecondary;
    this.globalClusterIdentifier = globalSettings?.globalClusterIdentifier;
    this.encryptionKey = props.encryptionKey
      ?? new EncryptionKey(this, 'Key', { description: `${engine} database ${prefix}: storage, snapshots, master secret` });
    const keyArn = this.encryptionKey.keyArn;
    const zones = props.network.availabilityZones;

    this.subnetGroup = new DbSubnetGroup(this, 'SubnetGroup', {
      name: prefix,
      description: `Isolated subnets of every zone for ${prefix}`,
      subnetIds: props.network.isolatedSubnetIds,
    });
    // No inline rules: the only ingress is what allowFrom adds, and the provider removes the
    // allow-all egress rule that AWS puts on a new group.
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${prefix}-database`,
      description: `Database ${prefix}: ingress only from allowed peers`,
      vpcId: props.network.vpcId,
    });
    this.securityGroupId = this.securityGroup.id;

    const family = parameterGroupFamily(engine, engineVersion);
    this.parameterGroup = new DbParameterGroup(this, 'ParameterGroup', {
      namePrefix: `${prefix}-`,
      family,
      description: `${prefix}: ${aurora ? 'slow query log' : 'TLS required, logs for export'}`,
      parameter: INSTANCE_PARAMETERS[engine],
      // A new family (major upgrade) replaces the group; the old one is still in use until then.
      lifecycle: { createBeforeDestroy: true },
    });

    const monitoringGrant = monitoringIntervalSeconds > 0 ? this.createMonitoringRole(prefix) : undefined;
    this.monitoringRole = monitoringGrant?.role;
    const monitoring = {
      monitoringInterval: monitoringIntervalSeconds,
      monitoringRoleArn: monitoringGrant?.role.arn,
      // RDS checks the role's permissions when the instance is created.
      dependsOn: monitoringGrant ? [monitoringGrant.attachment] : undefined,
    };
    const insights = performanceInsights
      ? { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn, performanceInsightsRetentionPeriod: 7 }
      : { performanceInsightsEnabled: false };
    const logExports = LOG_EXPORTS[engine];
    const finalSnapshotIdentifier = `${prefix}-final-snapshot`;

    if (passwordFromVariable) {
      this.masterPasswordVariableName = `${prefix.replace(/-/g, '_')}_master_password`;
      this.masterPasswordVariable = masterPasswordVariable(this, this.masterPasswordVariableName, engine);
    }
    const masterPassword = this.masterPasswordVariable?.stringValue;

    if (aurora) {
      this.clusterParameterGroup = new RdsClusterParameterGroup(this, 'ClusterParameterGroup', {
        namePrefix: `${prefix}-`,
        family,
        description: `${prefix}: TLS required, audit log`,
        parameter: [
          { name: 'require_secure_transport', value: 'ON' },
          // The audit export stays empty unless Advanced Auditing is on.
          { name: 'server_audit_logging', value: '1' },
          { name: 'server_audit_events', value: 'CONNECT,QUERY_DCL,QUERY_DDL' },
        ],
        lifecycle: { createBeforeDestroy: true },
      });
      if (globalSettings && !globalSecondary) {
        this.globalCluster = new RdsGlobalCluster(this, 'GlobalCluster', {
          globalClusterIdentifier: globalSettings.globalClusterIdentifier,
          engine,
          engineVersion,
          storageEncrypted: true,
          deletionProtection,
        });
      }
      const clusterSettings = {
        clusterIdentifier: prefix,
        engine,
        engineVersion,
        storageEncrypted: true,
        kmsKeyId: keyArn,
        port: this.port,
        dbSubnetGroupName: this.subnetGroup.name,
        vpcSecurityGroupIds: [this.securityGroup.id],
        dbClusterParameterGroupName: this.clusterParameterGroup.name,
        backupRetentionPeriod: backupRetentionDays,
        preferredBackupWindow: props.preferredBackupWindow,
        preferredMaintenanceWindow: props.preferredMaintenanceWindow,
        copyTagsToSnapshot: true,
        deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier,
        deleteAutomatedBackups: false,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: logExports,
      };
      const cluster = globalSecondary
        ? new RdsCluster(this, 'Cluster', {
          ...clusterSettings,
          // A plain identifier: the global cluster is the primary stack's, which deploys first.
          globalClusterIdentifier: globalSettings!.globalClusterIdentifier,
          enableGlobalWriteForwarding: writeForwarding,
          // Provider docs (aws_rds_cluster, replication_source_identifier): a member of a global
          // cluster reports its replication source, which Terraform must not try to remove.
          lifecycle: { ignoreChanges: ['replication_source_identifier'] },
        })
        : new RdsCluster(this, 'Cluster', {
          ...clusterSettings,
          globalClusterIdentifier: this.globalCluster?.id,
          databaseName: props.databaseName,
          masterUsername,
          ...(masterPassword !== undefined
            ? { masterPasswordWo: masterPassword, masterPasswordWoVersion: masterPasswordVersion }
            : { manageMasterUserPassword: true, masterUserSecretKmsKeyId: keyArn }),
        });
      const instances: RdsClusterInstance[] = [];
      for (let i = 0; i <= readReplicas; i++) {
        instances.push(new RdsClusterInstance(this, i === 0 ? 'Writer' : `Reader${i}`, {
          identifier: `${prefix}-instance-${i + 1}`,
          clusterIdentifier: cluster.id,
          engine,
          engineVersion: cluster.engineVersion,
          instanceClass: props.instanceClass,
          // Writer in the first zone, each reader in the next one, so a zone loss leaves a reader to promote.
          availabilityZone: zoneAt(zones, i),
          // The writer goes first when it comes back as a reader; readers share one tier so Aurora
          // promotes the largest.
          promotionTier: i === 0 ? 0 : 1,
          dbSubnetGroupName: this.subnetGroup.name,
          dbParameterGroupName: this.parameterGroup.name,
          publiclyAccessible: false,
          // AWS advises against automatic minor upgrades on LTS releases: they may leave the LTS line.
          autoMinorVersionUpgrade: false,
          caCertIdentifier: CA_CERTIFICATE,
          copyTagsToSnapshot: true,
          preferredMaintenanceWindow: props.preferredMaintenanceWindow,
          ...monitoring,
          ...insights,
        }));
      }
      this.cluster = cluster;
      this.clusterInstances = instances;
      this.replicas = [];
      this.endpointAddress = cluster.endpoint;
      this.readerEndpointAddress = cluster.readerEndpoint;
      this.readerEndpointAddresses = instances.slice(1).map((reader) => reader.endpoint);
      this.masterUserSecretArn = globalSettings ? undefined : cluster.masterUserSecret.get(0).secretArn;
      this.arn = cluster.arn;
      this.identifier = cluster.clusterIdentifier;
    } else {
      const shared = {
        instanceClass: props.instanceClass,
        storageType: 'gp3',
        storageEncrypted: true,
        kmsKeyId: keyArn,
        // Equal to the allocated size means autoscaling off (0 for the provider).
        maxAllocatedStorage: maxAllocatedStorageGb > allocatedStorageGb ? maxAllocatedStorageGb : 0,
        vpcSecurityGroupIds: [this.securityGroup.id],
        parameterGroupName: this.parameterGroup.name,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        copyTagsToSnapshot: true,
        deletionProtection,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: logExports,
        caCertIdentifier: CA_CERTIFICATE,
        maintenanceWindow: props.preferredMaintenanceWindow,
        ...monitoring,
        ...insights,
      };
      // What the primary and a cross-region replica (before and after promotion) have in common.
      const standalone = {
        ...shared,
        identifier: prefix,
        allocatedStorage: allocatedStorageGb,
        multiAz,
        // RDS picks the zones of a Multi-AZ pair; a single-zone instance goes to the first zone.
        availabilityZone: multiAz ? undefined : zoneAt(zones, 0),
        dbSubnetGroupName: this.subnetGroup.name,
        port: this.port,
        backupRetentionPeriod: backupRetentionDays,
        backupWindow: props.preferredBackupWindow,
        deleteAutomatedBackups: false,
      };
      const primary = crossRegionSourceArn !== undefined || promotedReplica
        // One construct id for both forms: removing replicate_source_db promotes in place. No
        // engine, engine_version, username, db_name or password: the source's (and username,
        // db_name, engine force replacement once in state).
        ? new DbInstance(this, 'Instance', {
          ...standalone,
          // Cross-region: the source's ARN (an identifier only works in the same region).
          replicateSourceDb: crossRegionSourceArn,
          // RDS takes no final snapshot of a read replica; a promoted one gets the primary's.
          skipFinalSnapshot: !promotedReplica,
          finalSnapshotIdentifier: promotedReplica ? finalSnapshotIdentifier : undefined,
        })
        : new DbInstance(this, 'Instance', {
          ...standalone,
          engine,
          engineVersion,
          dbName: props.databaseName,
          username: masterUsername,
          ...(masterPassword !== undefined
            ? { passwordWo: masterPassword, passwordWoVersion: masterPasswordVersion }
            : { manageMasterUserPassword: true, masterUserSecretKmsKeyId: keyArn }),
          skipFinalSnapshot: false,
          finalSnapshotIdentifier,
        });
      const replicas: DbInstance[] = [];
      for (let i = 0; i < readReplicas; i++) {
        replicas.push(new DbInstance(this, `Replica${i + 1}`, {
          ...shared,
          identifier: `${prefix}-replica-${i + 1}`,
          // Same region: the identifier names the source. No subnet group either: a same-region
          // replica inherits the source's, and RDS rejects one given (DBSubnetGroupNotAllowedFault).
          replicateSourceDb: primary.identifier,
          availabilityZone: zoneAt(zones, i + 1),
          // RDS cannot take a final snapshot of a read replica.
          skipFinalSnapshot: true,
        }));
      }
      this.instance = primary;
      this.replicas = replicas;
      this.clusterInstances = [];
      this.endpointAddress = primary.address;
      this.readerEndpointAddresses = replicas.map((replica) => replica.address);
      this.readerEndpointAddress = replicas.length > 0 ? replicas[0].address : primary.address;
      const managed = crossRegionSourceArn === undefined && !promotedReplica && masterPassword === undefined;
      this.masterUserSecretArn = managed ? primary.masterUserSecret.get(0).secretArn : undefined;
      this.arn = primary.arn;
      this.identifier = primary.identifier;
    }
  }

  /**
   * Opens the database port to `peer` (an ingress rule on the database's group and an egress rule
   * on the peer's, each naming the other group). The only way any traffic reaches the database.
   */
  public allowFrom(peer: IConnectable, description?: string): void {
    this.ingressRules += 1;
    allowTcp(this, `AllowFrom${this.ingressRules}`, peer, this, this.port, description ?? `Clients of database ${this.node.id}`);
  }

  private createMonitoringRole(prefix: string): { role: IamRole; attachment: IamRolePolicyAttachment } {
    const partition = new DataAwsPartition(this, 'Partition');
    const account = new DataAwsCallerIdentity(this, 'Account');
    const trust = new DataAwsIamPolicyDocument(this, 'MonitoringTrust', {
      statement: [{
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
        // Confused-deputy guard: only Enhanced Monitoring of this account may assume the role.
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
      }],
    });
    const role = new IamRole(this, 'MonitoringRole', {
      // IAM names are global to the account, and the same stack may run in several regions.
      namePrefix: `${prefix.slice(0, 24).replace(/-+$/, '')}-monitoring-`,
      description: `Enhanced Monitoring of database ${prefix}`,
      assumeRolePolicy: trust.json,
    });
    const attachment = new IamRolePolicyAttachment(this, 'MonitoringPolicy', {
      role: role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
    return { role, attachment };
  }
}

/** Largest gp3 volume of RDS for MySQL and PostgreSQL, in GiB (RDS User Guide, "DB instance storage"). */
const MAX_STORAGE_GB = 65536;
/** Smallest gp3 volume of RDS for MySQL and PostgreSQL, in GiB (same source). */
const MIN_STORAGE_GB = 20;
const CA_CERTIFICATE = 'rds-ca-rsa2048-g1';
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];

const LOG_EXPORTS: Record<DatabaseEngine, string[]> = {
  [DatabaseEngine.MYSQL]: ['error', 'slowquery'],
  [DatabaseEngine.POSTGRES]: ['postgresql', 'upgrade'],
  [DatabaseEngine.AURORA_MYSQL]: ['audit', 'error', 'slowquery'],
};

const SLOW_QUERY_LOG = [
  { name: 'slow_query_log', value: '1' },
  { name: 'log_output', value: 'FILE' },
];

/** Instance-level parameters. Aurora MySQL forces TLS in the cluster parameter group instead. */
const INSTANCE_PARAMETERS: Record<DatabaseEngine, { name: string; value: string }[]> = {
  [DatabaseEngine.MYSQL]: [{ name: 'require_secure_transport', value: '1' }, ...SLOW_QUERY_LOG],
  [DatabaseEngine.POSTGRES]: [{ name: 'rds.force_ssl', value: '1' }],
  [DatabaseEngine.AURORA_MYSQL]: SLOW_QUERY_LOG,
};

/** RDS wants an autoscaling ceiling at least 10% above the allocated storage (User Guide, "storage autoscaling"). */
function leastAutoscalingCeilingGb(allocatedGb: number): number {
  return Math.ceil((allocatedGb * 11) / 10);
}

/** Twice the allocation, at most the largest volume; autoscaling off when that leaves no room. */
function defaultMaxStorageGb(allocatedGb: number): number {
  const ceiling = Math.min(2 * allocatedGb, MAX_STORAGE_GB);
  return ceiling >= leastAutoscalingCeilingGb(allocatedGb) ? ceiling : allocatedGb;
}

function parameterGroupFamily(engine: DatabaseEngine, engineVersion: string): string {
  const major = ENGINE_VERSION_PATTERN[engine].exec(engineVersion)![1];
  return `${engine}${major}`;
}

/**
 * Longest master password per engine (RDS API, CreateDBInstance and CreateDBCluster,
 * MasterUserPassword): 41 characters for MySQL and Aurora MySQL, 128 for PostgreSQL.
 */
const MAX_PASSWORD_LENGTH: Record<DatabaseEngine, number> = {
  [DatabaseEngine.MYSQL]: 41,
  [DatabaseEngine.POSTGRES]: 128,
  [DatabaseEngine.AURORA_MYSQL]: 41,
};

/**
 * The master password as a Terraform input variable: sensitive, and ephemeral (Terraform 1.10+),
 * so its value is kept neither in a saved plan nor, through a write-only argument (Terraform
 * 1.11+), in the state. Its rules are checked at plan time: printable ASCII, no space, `/`, `'`,
 * `"` or `@` (the same RDS source).
 */
function masterPasswordVariable(scope: Construct, name: string, engine: DatabaseEngine): TerraformVariable {
  const variable = new TerraformVariable(scope, 'MasterPassword', {
    type: 'string',
    sensitive: true,
    nullable: false,
    description: `Master password of the ${engine} database: 8-${MAX_PASSWORD_LENGTH[engine]} printable ASCII characters without space, /, ', " or @. Pass it as TF_VAR_${name} on plan and apply.`,
    validation: [{
      condition: `\${length(var.${name}) >= 8 && length(var.${name}) <= ${MAX_PASSWORD_LENGTH[engine]}`
        + ` && can(regex("^[!-~]+$", var.${name})) && length(regexall("[/@'\\"]", var.${name})) == 0}`,
      errorMessage: `The master password must be 8-${MAX_PASSWORD_LENGTH[engine]} printable ASCII characters without space, /, ', " or @.`,
    }],
  });
  variable.overrideLogicalId(name);
  // cdktf 0.21 has no binding for ephemeral input variables.
  variable.addOverride('ephemeral', true);
  return variable;
}

/** `arn:<partition>:rds:<region>:<account>:db:<identifier>` (RDS User Guide, "Amazon Resource Names in Amazon RDS"). */
const RDS_INSTANCE_ARN = /^arn:aws(-[a-z]+)*:rds:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:db:[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

/**
 * Records a problem unless `value` is the ARN of an RDS DB instance or a token (resolved by
 * Terraform, e.g. another stack's `Database.arn`). Returns whether it is acceptable. Shared by the
 * constructs that name an instance of another region.
 */
export function checkRdsInstanceArn(problems: ProblemCollector, path: string, value: unknown): boolean {
  const ok = typeof value === 'string' && (Token.isUnresolved(value) || (RDS_INSTANCE_ARN.test(value) && !value.endsWith('-')));
  return problems.check(ok, path,
    `(${show(value)}) must be the ARN of an RDS DB instance, "arn:aws:rds:<region>:<account>:db:<identifier>", or a token such as another stack's Database.arn`);
}

/** Zone `index` of the network, wrapping around. */
function zoneAt(zones: string[], index: number): string {
  return zones[index % zones.length];
}

/** An RDS identifier from the construct path: lowercase letters, digits and single `-`, at most 40. */
function defaultIdentifierPrefix(scope: Construct): string {
  let words = scope.node.path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(words)) words = `db-${words}`;
  return words.slice(0, 40).replace(/-+$/, '');
}

const IDENTIFIER_PATTERN = /^[a-z](?!.*--)[a-z0-9-]{0,39}$/;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A window as [start, length] in minutes, or undefined when malformed. */
function parseWindow(value: string, weekly: boolean): [number, number] | undefined {
  const time = '([01]\\d|2[0-3]):([0-5]\\d)';
  const point = weekly ? `(${WEEKDAYS.join('|')}):${time}` : time;
  const match = new RegExp(`^${point}-${point}$`).exec(value);
  if (!match) return undefined;
  const parts = match.slice(1);
  const minutes = (p: string[]) => weekly
    ? WEEKDAYS.indexOf(p[0]) * MINUTES_PER_DAY + Number(p[1]) * 60 + Number(p[2])
    : Number(p[0]) * 60 + Number(p[1]);
  const half = weekly ? 3 : 2;
  const start = minutes(parts.slice(0, half));
  const end = minutes(parts.slice(half));
  const period = weekly ? MINUTES_PER_WEEK : MINUTES_PER_DAY;
  return [start, (end - start + period) % period];
}

/** Whether two windows on a circular week overlap. */
function overlaps(a: [number, number], b: [number, number]): boolean {
  const ab = (b[0] - a[0] + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  const ba = (a[0] - b[0] + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  return ab < a[1] || ba < b[1];
}

function validate(id: string, props: DatabaseProps): void {
  const problems = new ProblemCollector(`aws.Database "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', 'are required (network, engine, instanceClass)');
    problems.throwIfAny();
  }
  problems.knownKeys('', props, [
    'network', 'engine', 'engineVersion', 'instanceClass', 'allocatedStorageGb', 'maxAllocatedStorageGb',
    'backupRetentionDays', 'databaseName', 'masterUsername', 'readReplicas', 'deletionProtection',
    'encryptionKey', 'multiAz', 'monitoringIntervalSeconds', 'performanceInsights', 'preferredBackupWindow',
    'preferredMaintenanceWindow', 'identifierPrefix', 'crossRegionSourceArn', 'promotedReplica',
    'crossRegionReplicas', 'masterPasswordVersion', 'auroraGlobal',
  ]);

  const engines = Object.values(DatabaseEngine) as DatabaseEngine[];
  const engineKnown = problems.check(engines.includes(props.engine), 'engine',
    `(${show(props.engine)}) must be one of ${engines.map((e) => show(e)).join(', ')}`);
  const aurora = props.engine === DatabaseEngine.AURORA_MYSQL;

  validateNetwork(problems, props.network);

  if (engineKnown && props.engineVersion !== undefined) {
    problems.check(typeof props.engineVersion === 'string' && ENGINE_VERSION_PATTERN[props.engine].test(props.engineVersion),
      'engineVersion', `(${show(props.engineVersion)}) is not a ${props.engine} version (e.g. ${show(DEFAULT_ENGINE_VERSION[props.engine])})`);
  }
  problems.check(typeof props.instanceClass === 'string' && RDS_INSTANCE_CLASS.test(props.instanceClass),
    'instanceClass', `(${show(props.instanceClass)}) must be an RDS instance class such as "db.r6g.large"`);

  if (aurora) {
    problems.check(props.allocatedStorageGb === undefined, 'allocatedStorageGb',
      `(${show(props.allocatedStorageGb)}) cannot be set with aurora-mysql: Aurora storage grows by itself`);
    problems.check(props.maxAllocatedStorageGb === undefined, 'maxAllocatedStorageGb',
      `(${show(props.maxAllocatedStorageGb)}) cannot be set with aurora-mysql: Aurora storage grows by itself`);
  } else {
    const storageOk = problems.integerInRange('allocatedStorageGb', props.allocatedStorageGb, MIN_STORAGE_GB, MAX_STORAGE_GB);
    if (problems.integerInRange('maxAllocatedStorageGb', props.maxAllocatedStorageGb, MIN_STORAGE_GB, MAX_STORAGE_GB)
      && storageOk && props.maxAllocatedStorageGb !== undefined) {
      const allocated = props.allocatedStorageGb ?? 50;
      const max = props.maxAllocatedStorageGb;
      const least = leastAutoscalingCeilingGb(allocated);
      problems.check(max === allocated || max >= least, 'maxAllocatedStorageGb',
        `(${max}) must equal allocatedStorageGb (${allocated}, autoscaling off) or be at least 10% above it (≥ ${least})`);
    }
  }

  problems.integerInRange('backupRetentionDays', props.backupRetentionDays, 1, 35);
  const readReplicasOk = problems.integerInRange('readReplicas', props.readReplicas, 0, aurora ? 15 : 5);
  if (aurora && readReplicasOk && props.readReplicas === 0 && props.multiAz !== false) {
    problems.add('readReplicas', '(0) leaves an Aurora cluster in one zone: keep at least 1 reader, or set multiAz: false');
  }
  problems.oneOf('monitoringIntervalSeconds', props.monitoringIntervalSeconds, MONITORING_INTERVALS);
  for (const flag of ['deletionProtection', 'multiAz', 'performanceInsights'] as const) {
    const value = props[flag];
    problems.check(value === undefined || typeof value === 'boolean', flag, `(${show(value)}) must be true or false`);
  }

  if (props.databaseName !== undefined) {
    const max = props.engine === DatabaseEngine.POSTGRES ? 63 : 64;
    problems.check(typeof props.databaseName === 'string' && new RegExp(`^[A-Za-z][A-Za-z0-9_]{0,${max - 1}}$`).test(props.databaseName),
      'databaseName', `(${show(props.databaseName)}) must be a letter followed by letters, digits or "_", at most ${max} characters`);
  }
  if (props.masterUsername !== undefined) validateMasterUsername(problems, props.engine, props.masterUsername);

  if (props.identifierPrefix !== undefined) {
    problems.check(typeof props.identifierPrefix === 'string' && IDENTIFIER_PATTERN.test(props.identifierPrefix)
      && !props.identifierPrefix.endsWith('-'), 'identifierPrefix',
    `(${show(props.identifierPrefix)}) must be lowercase letters, digits and "-", start with a letter, at most 40 characters, without "--" or a trailing "-"`);
  }
  if (props.encryptionKey !== undefined) {
    problems.check(typeof props.encryptionKey === 'object' && props.encryptionKey !== null && typeof props.encryptionKey.keyArn === 'string',
      'encryptionKey', 'must be an IEncryptionKey (an object with a keyArn)');
  }

  validateReplication(problems, props);

  let backup: [number, number] | undefined;
  let maintenance: [number, number] | undefined;
  if (props.preferredBackupWindow !== undefined) {
    backup = typeof props.preferredBackupWindow === 'string' ? parseWindow(props.preferredBackupWindow, false) : undefined;
    problems.check(backup !== undefined && backup[1] >= 30, 'preferredBackupWindow',
      `(${show(props.preferredBackupWindow)}) must be "hh24:mi-hh24:mi" in UTC, at least 30 minutes`);
  }
  if (props.preferredMaintenanceWindow !== undefined) {
    maintenance = typeof props.preferredMaintenanceWindow === 'string' ? parseWindow(props.preferredMaintenanceWindow, true) : undefined;
    problems.check(maintenance !== undefined && maintenance[1] >= 30, 'preferredMaintenanceWindow',
      `(${show(props.preferredMaintenanceWindow)}) must be "ddd:hh24:mi-ddd:hh24:mi" in UTC (ddd: mon..sun), at least 30 minutes`);
  }
  if (backup && maintenance) {
    const daily = backup;
    const clash = WEEKDAYS.some((_, day) => overlaps([day * MINUTES_PER_DAY + daily[0], daily[1]], maintenance!));
    problems.check(!clash, 'preferredBackupWindow',
      `(${show(props.preferredBackupWindow)}) must not overlap preferredMaintenanceWindow (${show(props.preferredMaintenanceWindow)})`);
  }
  problems.throwIfAny();
}

/**
 * Whether the master password comes from a variable: RDS manages no password of an instance with
 * cross-region replicas, nor of a cluster in a global database (see crossRegionReplicas and
 * auroraGlobal); replicas and secondaries have none of their own.
 */
function needsPasswordVariable(props: DatabaseProps): boolean {
  return props.engine === DatabaseEngine.AURORA_MYSQL
    ? props.auroraGlobal !== undefined && props.auroraGlobal.secondary !== true
    // RDS refuses any read replica, in-region or cross-region, of an instance whose password it manages.
    : (props.crossRegionReplicas === true || (props.readReplicas ?? 0) > 0)
      && props.crossRegionSourceArn === undefined && props.promotedReplica !== true;
}

const GLOBAL_CLUSTER_IDENTIFIER = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

/** Cross-region props: which engine each belongs to, and what a replica inherits. */
function validateReplication(problems: ProblemCollector, props: DatabaseProps): void {
  const aurora = props.engine === DatabaseEngine.AURORA_MYSQL;
  const replica = props.crossRegionSourceArn !== undefined;
  const promoted = props.promotedReplica === true;
  const global = props.auroraGlobal;
  for (const flag of ['promotedReplica', 'crossRegionReplicas'] as const) {
    const value = props[flag];
    problems.check(value === undefined || typeof value === 'boolean', flag, `(${show(value)}) must be true or false`);
  }

  if (replica) {
    if (problems.check(!aurora, 'crossRegionSourceArn',
      'cannot be set with aurora-mysql: use auroraGlobal (an Aurora Global Database) for another region')) {
      checkRdsInstanceArn(problems, 'crossRegionSourceArn', props.crossRegionSourceArn);
    }
    problems.check(!promoted, 'promotedReplica',
      '(true) cannot be set with crossRegionSourceArn: remove crossRegionSourceArn to promote, so the promoted database no longer depends on the source region');
    problems.check(props.crossRegionReplicas !== true, 'crossRegionReplicas',
      '(true) cannot be set on a cross-region replica: replicate the primary, or promote this one first');
    problems.check(props.readReplicas === undefined || props.readReplicas === 0, 'readReplicas',
      `(${show(props.readReplicas)}) must be 0 on a cross-region replica: add same-region replicas after promotion`);
  }
  problems.check(!(props.crossRegionReplicas === true && aurora), 'crossRegionReplicas',
    '(true) cannot be set with aurora-mysql: use auroraGlobal (an Aurora Global Database)');
  problems.check(!(promoted && aurora), 'promotedReplica', 'cannot be set with aurora-mysql: a global secondary is promoted by a global failover');

  if (global !== undefined) {
    if (problems.check(aurora, 'auroraGlobal', `cannot be set with ${show(props.engine)}: an Aurora Global Database is aurora-mysql only; use crossRegionSourceArn`)
      && problems.check(typeof global === 'object' && global !== null, 'auroraGlobal', `(${show(global)}) must be an object with a globalClusterIdentifier`)) {
      problems.knownKeys('auroraGlobal', global, ['globalClusterIdentifier', 'secondary', 'writeForwarding']);
      problems.check(typeof global.globalClusterIdentifier === 'string' && GLOBAL_CLUSTER_IDENTIFIER.test(global.globalClusterIdentifier)
        && !global.globalClusterIdentifier.endsWith('-'), 'auroraGlobal.globalClusterIdentifier',
      `(${show(global.globalClusterIdentifier)}) must be letters, digits and "-", start with a letter, at most 63 characters, without "--" or a trailing "-"`);
      for (const flag of ['secondary', 'writeForwarding'] as const) {
        problems.check(global[flag] === undefined || typeof global[flag] === 'boolean', `auroraGlobal.${flag}`, `(${show(global[flag])}) must be true or false`);
      }
      problems.check(!(global.writeForwarding === true && global.secondary !== true), 'auroraGlobal.writeForwarding',
        '(true) needs auroraGlobal.secondary: the primary cluster has its own writer');
    }
  }

  // A replica, promoted or not, and a global secondary take these from the source (RDS rejects them,
  // and on the instance username and db_name force replacement).
  const inherits = replica || promoted || (aurora && global?.secondary === true);
  if (inherits) {
    const what = aurora ? 'an Aurora global secondary' : replica ? 'a cross-region replica' : 'a promoted replica';
    for (const inherited of ['databaseName', 'masterUsername'] as const) {
      problems.check(props[inherited] === undefined, inherited, `(${show(props[inherited])}) cannot be set on ${what}: it is the source's`);
    }
  }
  if (props.masterPasswordVersion !== undefined && problems.integerInRange('masterPasswordVersion', props.masterPasswordVersion, 1, Number.MAX_SAFE_INTEGER)) {
    problems.check(needsPasswordVariable(props), 'masterPasswordVersion',
      `(${show(props.masterPasswordVersion)}) needs a password variable: only a source of cross-region replicas (crossRegionReplicas) or an Aurora global primary has one`);
  }
}

function validateNetwork(problems: ProblemCollector, network: INetwork | undefined): void {
  if (!problems.check(typeof network === 'object' && network !== null, 'network', `(${show(network)}) is required`)) return;
  const zones = network!.availabilityZones;
  const subnets = network!.isolatedSubnetIds;
  // A list token (an unknown number of subnets) is left to RDS.
  if (!Array.isArray(zones) || !Array.isArray(subnets) || Token.isUnresolved(zones) || Token.isUnresolved(subnets)) {
    problems.check(zones !== undefined && subnets !== undefined, 'network',
      'must have availabilityZones and isolatedSubnetIds');
    return;
  }
  // A DB subnet group must cover at least two zones (RDS rule).
  problems.check(subnets.length >= 2, 'network.isolatedSubnetIds',
    `(${subnets.length} subnets) must hold one subnet in each of at least 2 zones`);
  problems.check(zones.length === subnets.length, 'network.availabilityZones',
    `(${zones.length} zones) must match network.isolatedSubnetIds (${subnets.length}), one subnet per zone`);
}

function validateMasterUsername(problems: ProblemCollector, engine: DatabaseEngine, username: string): void {
  const max = engine === DatabaseEngine.POSTGRES ? 63 : 16;
  if (!problems.check(typeof username === 'string' && new RegExp(`^[A-Za-z][A-Za-z0-9_]{0,${max - 1}}$`).test(username),
    'masterUsername', `(${show(username)}) must be a letter followed by letters, digits or "_", at most ${max} characters`)) return;
  const lower = username.toLowerCase();
  problems.check(lower !== 'rdsadmin', 'masterUsername', `(${show(username)}) is reserved by RDS`);
  if (engine === DatabaseEngine.POSTGRES) {
    problems.check(lower !== 'admin' && !lower.startsWith('pg_'), 'masterUsername',
      `(${show(username)}) is reserved by PostgreSQL ("admin", names starting with "pg_")`);
  }
}

import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AppTier } from '../alicloud/app-tier';
import { BackupReplicationVault } from '../alicloud/backup-replication-vault';
import { DbCrossRegionBackup } from '../alicloud/db-cross-region-backup';
import { DtsReplication } from '../alicloud/dts-replication';
import { StateBackend } from '../alicloud/state-backend';
import { BackupBucket } from '../alicloud/backup-bucket';
import { BackupPlan } from '../alicloud/backup-plan';
import { Database } from '../alicloud/database';
import { AlidnsRecord } from '../alicloud/gen/providers/alicloud/alidns-record';
import { LoadBalancer } from '../alicloud/load-balancer';
import { Network } from '../alicloud/network';
import { Provider } from '../alicloud/provider';
import { resolveSpec, ResolvedSpec } from '../core/defaults';
import { DatabaseRole, planDeployment, RegionPlan } from '../core/region-plan';
import { HighAvailabilityStackProps } from '../core/spec';
import { appTierSettings, loadBalancerSettings } from '../core/tier-settings';
import { validateSpec } from '../core/validate-spec';
import { isValidated } from '../core/validated';

/** Properties of {@link AlicloudRegionStack}. */
export interface AlicloudRegionStackProps {
  /** Name of the deployment (the id of the {@link HighAvailabilityStack}). */
  readonly deploymentName: string;
  /** The whole spec; validated here when the stack is used on its own. */
  readonly spec: HighAvailabilityStackProps;
  /** The region this stack deploys, one of `spec.regions`. */
  readonly region: string;
  /**
   * The primary region's stack: standby regions follow its database and backups.
   * @default none; required for a standby region
   */
  readonly primary?: AlicloudRegionStack;
}

/**
 * One Alibaba Cloud region of a deployment, in its own Terraform stack with its own state: VPC with
 * vSwitches in every zone, ALB, ESS application tier, RDS High-availability edition across two zones,
 * an OSS backup bucket backed up by HBR, and, with `dns` and one region, a CNAME to the load balancer.
 * A standby region holds what the DR strategy asks for (docs/alicloud.md): backup copies only, or
 * also a load balancer, an app tier at its strategy's capacity and an RDS instance kept in sync by DTS.
 */
export class AlicloudRegionStack extends TerraformStack {
  /** Tag put on every taggable resource, naming the deployment it belongs to. */
  public static readonly DEPLOYMENT_TAG = 'cdktf-ha-deployment';

  /** The region. */
  public readonly region: string;
  /** Network tier. */
  public readonly network: Network;
  /** `primary` or `standby`. */
  public readonly role: string;
  /** Load-balancing tier; undefined in a backup-restore standby. */
  public readonly loadBalancer?: LoadBalancer;
  /** Application tier; undefined in a backup-restore standby. */
  public readonly appTier?: AppTier;
  /** DTS synchronization from the primary's database (a live standby). */
  public readonly databaseSync?: DtsReplication;
  /** The primary's RDS cross-region backups into the first standby region (backup-restore). */
  public readonly databaseCrossRegionBackup?: DbCrossRegionBackup;
  /** Copies of the primary's HBR backups in this standby region. */
  public readonly backupReplicationVault?: BackupReplicationVault;
  /** Remote state of this stack, when the spec asks for it. */
  public readonly stateBackend?: StateBackend;
  /** Database tier; undefined for a stateless application. */
  public readonly database?: Database;
  /** Backup bucket (OSS). */
  public readonly backupBucket: BackupBucket;
  /** Backup plan (HBR). */
  public readonly backupPlan: BackupPlan;

  constructor(scope: Construct, id: string, props: AlicloudRegionStackProps) {
    if (!isValidated(props.spec)) validateSpec(props.deploymentName, props.spec);
    super(scope, id);
    const spec: ResolvedSpec = resolveSpec(props.deploymentName, props.spec);
    const deployment = planDeployment(spec);
    const plan = deployment.regions.find((r) => r.region.name === props.region);
    if (!plan) throw new Error(`AlicloudRegionStack "${id}": region ${props.region} is not a live region of the spec (${deployment.regions.map((r) => r.region.name).join(', ')})`);
    if (plan.role === 'standby' && !props.primary) {
      throw new Error(`AlicloudRegionStack "${id}": the standby region ${props.region} needs the primary region's stack (props.primary)`);
    }
    this.region = plan.region.name;
    this.role = plan.role;
    new Provider(this, 'Alicloud', { region: this.region });
    if (spec.stateBackend) {
      // Each region's state lives in that region: losing one region never blocks planning the others.
      this.stateBackend = new StateBackend(this, 'StateBackend', {
        bucketPrefix: spec.stateBackend.bucketPrefix, region: this.region, lockTable: spec.stateBackend.lockTable,
      });
    }
    if (props.primary) this.addDependency(props.primary);

    this.network = new Network(this, 'Network', { cidr: plan.region.cidr, zoneCount: spec.zoneCount, natGatewayPerZone: spec.natGatewayPerZone });
    if (plan.runsLoadBalancer) {
      this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
        network: this.network,
        certificateId: plan.region.certificateArn ?? this.certificateVariable(spec).stringValue,
        ...loadBalancerSettings(spec),
      });
      this.appTier = new AppTier(this, 'App', {
        network: this.network,
        loadBalancer: this.loadBalancer,
        ...appTierSettings(spec, plan),
        tags: { ...spec.tags, [AlicloudRegionStack.DEPLOYMENT_TAG]: spec.id },
      });
    }
    const { database, sync } = this.buildDatabase(spec, plan, props.primary);
    this.database = database;
    this.databaseSync = sync;
    const standbys = deployment.regions.filter((r) => r.role === 'standby');
    if (plan.role === 'primary' && this.database && standbys[0]?.database === DatabaseRole.BACKUP_REPLICATION) {
      // RDS copies an instance's backups to one other region: the first standby.
      this.databaseCrossRegionBackup = new DbCrossRegionBackup(this, 'DatabaseCrossRegionBackup', {
        instanceId: this.database.instanceId,
        destinationRegion: standbys[0].region.name,
        retentionDays: Math.max(7, spec.database!.backupRetentionDays),
      });
    }

    // OSS retention (WORM) and versioning exclude each other: with objectLockDays the lock keeps the objects.
    this.backupBucket = new BackupBucket(this, 'BackupBucket', spec.backup.objectLockDays
      ? { objectLockDays: spec.backup.objectLockDays }
      : { retentionDays: spec.backup.retentionDays });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', {
      retentionDays: spec.backup.retentionDays,
      scheduleCron: spec.backup.scheduleCron,
      coldStorageAfterDays: spec.backup.coldStorageAfterDays,
      ossBucketNames: [this.backupBucket.bucketName],
      // HBR replicates a vault to one other region: the first standby, whose stack holds the replication vault.
      replicationRegion: plan.role === 'primary' ? standbys[0]?.region.name : undefined,
    });
    if (plan.role === 'standby' && plan.region.name === standbys[0]?.region.name) {
      this.backupReplicationVault = new BackupReplicationVault(this, 'BackupReplicationVault', {
        sourceVaultId: props.primary!.backupPlan.vaultId,
        sourceRegion: props.primary!.region,
      });
    }

    if (spec.dns && spec.regions.length === 1 && this.loadBalancer) this.addServiceRecord(spec);
    this.addOutputs(spec);
  }

  /** The database this region's role asks for; a live standby's is kept in sync from the primary's by DTS. */
  private buildDatabase(spec: ResolvedSpec, plan: RegionPlan, primary?: AlicloudRegionStack): { database?: Database; sync?: DtsReplication } {
    const settings = spec.database;
    if (!settings || (plan.database !== DatabaseRole.PRIMARY && plan.database !== DatabaseRole.PROMOTED_REPLICA
      && plan.database !== DatabaseRole.CROSS_REGION_REPLICA)) return {};
    // RDS admits clients by address: the whitelist is the app vSwitches of every zone (the construct's default).
    const database = new Database(this, 'Database', {
      network: this.network,
      engine: settings.engine,
      engineVersion: settings.engineVersion,
      instanceClass: settings.instanceClass,
      allocatedStorageGb: settings.allocatedStorageGb,
      backupRetentionDays: settings.backupRetentionDays,
      // The standby's copy of the database is created by DTS's structure initialization.
      databaseName: plan.database === DatabaseRole.CROSS_REGION_REPLICA ? undefined : settings.databaseName,
      readReplicas: settings.readReplicas,
    });
    if (plan.database !== DatabaseRole.CROSS_REGION_REPLICA) return { database };
    const source = primary!.database!;
    // DTS: a read-only RDS instance must be in its primary's region, so the copy in another region is synchronized.
    const sync = new DtsReplication(this, 'DatabaseSync', {
      sourceInstanceId: source.instanceId,
      sourceRegion: primary!.region,
      destinationInstanceId: database.instanceId,
      destinationRegion: this.region,
      engine: settings.engine,
      accountName: source.masterUsername,
      passwordVariableName: source.passwordVariableName,
      // DTS synchronizes named databases; validation requires database.databaseName for a live standby.
      databases: [settings.databaseName!],
    });
    return { database, sync };
  }

  /**
   * No Terraform resource issues a public certificate on Alibaba Cloud, and a certificate id belongs to
   * one region: each region's stack takes its own from a variable, `TF_VAR_<id>_<region>_certificate_id`.
   */
  private certificateVariable(spec: ResolvedSpec): TerraformVariable {
    return new TerraformVariable(this, `${spec.id}_${this.region}_certificate_id`.replace(/[^A-Za-z0-9_]/g, '_'), {
      type: 'string',
      nullable: false,
      description: `Id of the HTTPS certificate of ${spec.dns?.recordName ?? 'the service'} in ${this.region} (Certificate Management Service)`,
    });
  }

  /** With one region, the service name is a CNAME to the load balancer in Alibaba Cloud DNS. */
  private addServiceRecord(spec: ResolvedSpec): void {
    const { zoneName, recordName, ttlSeconds } = spec.dns!;
    new AlidnsRecord(this, 'Record', {
      domainName: zoneName,
      rr: recordName === zoneName ? '@' : recordName.slice(0, -(zoneName.length + 1)),
      type: 'CNAME',
      value: this.loadBalancer!.dnsName,
      ttl: ttlSeconds,
    });
  }

  private addOutputs(spec: ResolvedSpec): void {
    const singleRegionName = spec.dns && spec.regions.length === 1 ? spec.dns.recordName : undefined;
    if (this.loadBalancer) {
      new TerraformOutput(this, 'public_endpoint', { value: `https://${singleRegionName ?? this.loadBalancer.dnsName}`, description: 'HTTPS endpoint' });
      new TerraformOutput(this, 'load_balancer_dns_name', { value: this.loadBalancer.dnsName });
    }
    if (this.database) {
      new TerraformOutput(this, 'database_endpoint', { value: this.database.connectionString, description: 'Writer endpoint' });
      new TerraformOutput(this, 'database_password_variable', {
        value: this.database.passwordVariableName,
        description: 'Terraform variable that carries the database account password (TF_VAR_<name>)',
      });
    }
    new TerraformOutput(this, 'backup_bucket', { value: this.backupBucket.bucketName });
    new TerraformOutput(this, 'backup_vault', { value: this.backupPlan.vaultName });
  }
}

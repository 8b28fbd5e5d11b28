import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppTier } from '../aws/app-tier';
import { BackupBucket } from '../aws/backup-bucket';
import { BackupPlan } from '../aws/backup-plan';
import { Database, DatabaseProps } from '../aws/database';
import { DbBackupReplication } from '../aws/db-backup-replication';
import { LoadBalancer } from '../aws/load-balancer';
import { Network } from '../aws/network';
import { StateBackend } from '../aws/state-backend';
import { resolveSpec, ResolvedRegion, ResolvedSpec } from '../core/defaults';
import { DatabaseRole, DeploymentPlan, planDeployment, RegionPlan } from '../core/region-plan';
import { HighAvailabilityStackProps } from '../core/spec';
import { appTierSettings, loadBalancerSettings } from '../core/tier-settings';
import { validateSpec } from '../core/validate-spec';
import { isValidated } from '../core/validated';
import { LinkAction, recordCrossRegionLink } from './cross-region-links';

/** Properties of {@link AwsRegionStack}. */
export interface AwsRegionStackProps {
  /** Name of the deployment (the id of the {@link HighAvailabilityStack}). */
  readonly deploymentName: string;
  /** The whole spec; validated here when the stack is used on its own. */
  readonly spec: HighAvailabilityStackProps;
  /** The region this stack deploys, one of `spec.regions` (not the lost one after a promotion). */
  readonly region: string;
  /**
   * The primary region's stack: standby regions follow its database.
   * @default none; required for a standby region
   */
  readonly primary?: AwsRegionStack;
}

/**
 * One AWS region of a deployment, in its own Terraform stack with its own state. What it holds
 * follows the region's role and the DR strategy (docs/dr-strategies.md): the primary always runs
 * every tier; a standby runs from a network and backup copies (backup-restore) up to a full copy
 * (active-active), and its database follows the primary's.
 */
export class AwsRegionStack extends TerraformStack {
  /** Tag put on every taggable resource, naming the deployment it belongs to. */
  public static readonly DEPLOYMENT_TAG = 'cdktf-ha:deployment';

  /** The region. */
  public readonly region: string;
  /** `primary` or `standby`. */
  public readonly role: string;
  /** Network tier. */
  public readonly network: Network;
  /** Load-balancing tier; undefined in a backup-restore standby. */
  public readonly loadBalancer?: LoadBalancer;
  /** Application tier; undefined in a backup-restore standby. */
  public readonly appTier?: AppTier;
  /** Database tier; undefined for a stateless application or where only backups are kept. */
  public readonly database?: Database;
  /** Replication of the primary's automated RDS backups into this region (backup-restore standby). */
  public readonly databaseBackupReplication?: DbBackupReplication;
  /** Backup bucket. */
  public readonly backupBucket: BackupBucket;
  /** Backup plan and vault (AWS Backup). */
  public readonly backupPlan: BackupPlan;
  /** Remote state of this stack, when the spec asks for it. */
  public readonly stateBackend?: StateBackend;
  /** Public HTTPS endpoint of this region's load balancer (or of the service, with one region and DNS). */
  public readonly publicEndpoint?: string;

  constructor(scope: Construct, id: string, props: AwsRegionStackProps) {
    if (!isValidated(props.spec)) validateSpec(props.deploymentName, props.spec);
    super(scope, id);
    const spec = resolveSpec(props.deploymentName, props.spec);
    const deployment = planDeployment(spec);
    const plan = deployment.regions.find((r) => r.region.name === props.region);
    if (!plan) {
      throw new Error(`AwsRegionStack "${id}": region ${props.region} is not a live region of the spec (${deployment.regions.map((r) => r.region.name).join(', ')})`);
    }
    if (plan.role === 'standby' && !props.primary) {
      throw new Error(`AwsRegionStack "${id}": the standby region ${props.region} needs the primary region's stack (props.primary)`);
    }
    this.region = plan.region.name;
    this.role = plan.role;
    const tags = { ...spec.tags, [AwsRegionStack.DEPLOYMENT_TAG]: spec.id };
    new AwsProvider(this, 'aws', { region: this.region, defaultTags: [{ tags }] });
    if (spec.stateBackend) {
      // Each region's state lives in that region: losing one region never blocks planning the others.
      this.stateBackend = new StateBackend(this, 'StateBackend', { bucketPrefix: spec.stateBackend.bucketPrefix, region: this.region });
    }
    if (props.primary) this.addDependency(props.primary);

    this.network = new Network(this, 'Network', { cidr: plan.region.cidr, zoneCount: spec.zoneCount, natGatewayPerZone: spec.natGatewayPerZone });
    if (plan.runsLoadBalancer) {
      this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
        network: this.network,
        ...loadBalancerSettings(spec),
        wafAclArn: plan.region.wafAclArn,
        ...certificateOf(spec, plan.region),
      });
      this.appTier = new AppTier(this, 'App', {
        network: this.network,
        loadBalancer: this.loadBalancer,
        ...appTierSettings(spec, plan),
        tags,
      });
    }

    this.database = this.buildDatabase(spec, deployment, plan, props.primary);
    if (this.database && this.appTier) this.database.allowFrom(this.appTier, 'application tier');
    if (plan.database === DatabaseRole.BACKUP_REPLICATION) {
      this.databaseBackupReplication = new DbBackupReplication(this, 'DatabaseBackupReplication', {
        sourceDbInstanceArn: props.primary!.database!.arn,
        retentionDays: spec.database!.backupRetentionDays,
      });
      recordCrossRegionLink(this.databaseBackupReplication.resource, props.primary!.region, LinkAction.STATE_RM,
        'replicates the automated backups of the lost primary; the backups already copied stay restorable');
    }

    this.backupBucket = new BackupBucket(this, 'BackupBucket', {
      retentionDays: spec.backup.retentionDays,
      objectLockDays: spec.backup.objectLockDays,
    });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', {
      vaultName: backupVaultName(spec, this.region),
      retentionDays: spec.backup.retentionDays,
      scheduleCron: spec.backup.scheduleCron,
      coldStorageAfterDays: spec.backup.coldStorageAfterDays,
      // AWS Backup caps continuous backup (PITR) at 35 days of retention.
      continuousBackup: spec.backup.retentionDays <= 35,
      resourceArns: this.database ? [this.database.arn] : undefined,
      copyToVaultArns: plan.role === 'primary' ? this.standbyVaultArns(spec, deployment) : undefined,
    });

    // With several regions the service name lives in the global stack; with one, here.
    const singleRegion = spec.regions.length === 1;
    if (this.database && !singleRegion) this.publishDatabaseEndpoints(spec, plan, props.primary);
    if (this.loadBalancer) {
      this.publicEndpoint = spec.dns && singleRegion ? `https://${spec.dns.recordName}` : `https://${this.loadBalancer.dnsName}`;
    }
    if (spec.dns && this.loadBalancer && singleRegion) this.addServiceRecord(spec);
    this.addOutputs();
  }

  /** The database this region's role asks for, wired to the primary's where it follows it. */
  private buildDatabase(spec: ResolvedSpec, deployment: DeploymentPlan, plan: RegionPlan, primary?: AwsRegionStack): Database | undefined {
    const settings = spec.database;
    if (!settings) return undefined;
    const base: DatabaseProps = {
      network: this.network,
      engine: settings.engine,
      engineVersion: settings.engineVersion,
      instanceClass: settings.instanceClass,
      allocatedStorageGb: settings.allocatedStorageGb,
      backupRetentionDays: settings.backupRetentionDays,
    };
    const standbysReplicate = deployment.regions.some((r) => r.database === DatabaseRole.CROSS_REGION_REPLICA);
    switch (plan.database) {
      case DatabaseRole.PRIMARY:
        return new Database(this, 'Database', {
          ...base, databaseName: settings.databaseName, readReplicas: settings.readReplicas, crossRegionReplicas: standbysReplicate,
        });
      case DatabaseRole.PROMOTED_REPLICA:
        return new Database(this, 'Database', { ...base, promotedReplica: true, crossRegionReplicas: standbysReplicate });
      case DatabaseRole.GLOBAL_PRIMARY:
        return new Database(this, 'Database', {
          ...base, databaseName: settings.databaseName, readReplicas: settings.readReplicas,
          auroraGlobal: { globalClusterIdentifier: deployment.globalClusterIdentifier! },
        });
      case DatabaseRole.CROSS_REGION_REPLICA:
        return new Database(this, 'Database', { ...base, crossRegionSourceArn: primary!.database!.arn });
      case DatabaseRole.GLOBAL_SECONDARY:
        return new Database(this, 'Database', {
          ...base, readReplicas: settings.readReplicas,
          auroraGlobal: { globalClusterIdentifier: deployment.globalClusterIdentifier!, secondary: true, writeForwarding: plan.writeForwarding },
        });
      default:
        return undefined;
    }
  }

  /**
   * ARNs of the standby regions' vaults, which their own stacks create later. The names are fixed
   * (`<id>-<region>`), so the primary's copy rule can name them without depending on the standby stacks,
   * which depend on it (the dependency graph stays acyclic, and a copy job only runs after both exist).
   */
  private standbyVaultArns(spec: ResolvedSpec, deployment: DeploymentPlan): string[] | undefined {
    const standbys = deployment.regions.filter((r) => r.role === 'standby');
    if (standbys.length === 0) return undefined;
    const account = new DataAwsCallerIdentity(this, 'Account');
    const partition = new DataAwsPartition(this, 'Partition');
    return standbys.map((r) =>
      `arn:${partition.partition}:backup:${r.region.name}:${account.accountId}:backup-vault:${backupVaultName(spec, r.region.name)}`);
  }

  /**
   * Where applications find the database: SSM parameters `/<id>/database/writer-endpoint` and
   * `/reader-endpoint`. In an active-active standby over RDS, the writer is the primary's (reads stay local).
   */
  private publishDatabaseEndpoints(spec: ResolvedSpec, plan: RegionPlan, primary?: AwsRegionStack): void {
    const database = this.database!;
    const writer = plan.writesToPrimary ? primary!.database!.endpointAddress : database.endpointAddress;
    new SsmParameter(this, 'WriterEndpointParameter', {
      name: `/${spec.id}/database/writer-endpoint`,
      type: 'String',
      value: writer,
      description: 'Host name applications in this region send writes to',
    });
    new SsmParameter(this, 'ReaderEndpointParameter', {
      name: `/${spec.id}/database/reader-endpoint`,
      type: 'String',
      value: database.readerEndpointAddress,
      description: 'Host name applications in this region send reads to',
    });
  }

  /** With one region, the service name points straight at the load balancer. */
  private addServiceRecord(spec: ResolvedSpec): void {
    const zone = new DataAwsRoute53Zone(this, 'Zone', { name: spec.dns!.zoneName, privateZone: false });
    // Alias records have no TTL of their own; Route 53 answers with the target's (60 s for an ALB).
    new Route53Record(this, 'Record', {
      zoneId: zone.zoneId,
      name: spec.dns!.recordName,
      type: 'A',
      alias: { name: this.loadBalancer!.dnsName, zoneId: this.loadBalancer!.hostedZoneId, evaluateTargetHealth: true },
    });
  }

  private addOutputs(): void {
    if (this.publicEndpoint) {
      new TerraformOutput(this, 'public_endpoint', { value: this.publicEndpoint, description: 'HTTPS endpoint' });
      new TerraformOutput(this, 'load_balancer_dns_name', { value: this.loadBalancer!.dnsName });
    }
    if (this.database) {
      new TerraformOutput(this, 'database_endpoint', {
        value: this.database.endpointAddress,
        description: this.database.isReplica ? 'Endpoint of the cross-region replica (read-only until promoted)' : 'Writer endpoint',
      });
      new TerraformOutput(this, 'database_reader_endpoint', { value: this.database.readerEndpointAddress, description: 'Reader endpoint' });
      if (this.database.masterUserSecretArn) {
        new TerraformOutput(this, 'database_secret_arn', {
          value: this.database.masterUserSecretArn,
          description: 'Secrets Manager secret holding the master credentials (rotated by RDS)',
        });
      }
    }
    new TerraformOutput(this, 'backup_bucket', { value: this.backupBucket.bucketName });
    new TerraformOutput(this, 'backup_vault', { value: this.backupPlan.vaultName });
  }
}

/** Fixed vault names, so another region's copy rule can name a vault before it exists. */
function backupVaultName(spec: ResolvedSpec, region: string): string {
  return `${spec.id}-${region}`;
}

/** The HTTPS certificate of a region: the given ARN, or an ACM certificate validated in the DNS zone. */
function certificateOf(spec: ResolvedSpec, region: ResolvedRegion) {
  if (region.certificateArn) return { certificateArn: region.certificateArn };
  // Validation guarantees `dns` when no ARN is given.
  return { certificate: { zoneName: spec.dns!.zoneName, domainName: spec.dns!.recordName } };
}

import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppTier } from '../alicloud/app-tier';
import { BackupBucket } from '../alicloud/backup-bucket';
import { BackupPlan } from '../alicloud/backup-plan';
import { Database } from '../alicloud/database';
import { AlidnsRecord } from '../alicloud/gen/providers/alicloud/alidns-record';
import { LoadBalancer } from '../alicloud/load-balancer';
import { Network } from '../alicloud/network';
import { Provider } from '../alicloud/provider';
import { resolveSpec, ResolvedSpec } from '../core/defaults';
import { planDeployment } from '../core/region-plan';
import { HighAvailabilityStackProps } from '../core/spec';
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
}

/**
 * One Alibaba Cloud region of a deployment, in its own Terraform stack with its own state: VPC with
 * vSwitches in every zone, ALB, ESS application tier, RDS High-availability edition across two zones,
 * an OSS backup bucket backed up by HBR, and, with `dns`, a CNAME to the load balancer.
 */
export class AlicloudRegionStack extends TerraformStack {
  /** Tag put on every taggable resource, naming the deployment it belongs to. */
  public static readonly DEPLOYMENT_TAG = 'cdktf-ha-deployment';

  /** The region. */
  public readonly region: string;
  /** Network tier. */
  public readonly network: Network;
  /** Load-balancing tier. */
  public readonly loadBalancer: LoadBalancer;
  /** Application tier. */
  public readonly appTier: AppTier;
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
    const plan = planDeployment(spec).regions.find((r) => r.region.name === props.region);
    if (!plan) throw new Error(`AlicloudRegionStack "${id}": region ${props.region} is not one of spec.regions (${props.spec.regions.join(', ')})`);
    this.region = plan.region.name;
    new Provider(this, 'Alicloud', { region: this.region });

    this.network = new Network(this, 'Network', { cidr: plan.region.cidr, zoneCount: spec.zoneCount, natGatewayPerZone: spec.natGatewayPerZone });
    this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
      network: this.network,
      certificateId: plan.region.certificateArn,
      targetPort: spec.app.port,
      healthCheckPath: spec.app.healthCheckPath,
      healthCheckIntervalSeconds: spec.loadBalancer.healthCheckIntervalSeconds,
      healthyThreshold: spec.loadBalancer.healthyThreshold,
      unhealthyThreshold: spec.loadBalancer.unhealthyThreshold,
      algorithm: spec.loadBalancer.algorithm,
    });
    this.appTier = new AppTier(this, 'App', {
      network: this.network,
      loadBalancer: this.loadBalancer,
      instanceType: spec.app.instanceType,
      imageId: plan.region.imageId,
      userData: spec.app.userData,
      port: spec.app.port,
      minCapacity: plan.app!.minCapacity,
      maxCapacity: plan.app!.maxCapacity,
      desiredCapacity: plan.app!.desiredCapacity,
      targetCpuUtilization: spec.app.targetCpuUtilization,
      tags: { ...spec.tags, [AlicloudRegionStack.DEPLOYMENT_TAG]: spec.id },
    });
    if (spec.database) {
      // RDS admits clients by address: the whitelist is the app vSwitches of every zone (the construct's default).
      this.database = new Database(this, 'Database', {
        network: this.network,
        engine: spec.database.engine,
        engineVersion: spec.database.engineVersion,
        instanceClass: spec.database.instanceClass,
        allocatedStorageGb: spec.database.allocatedStorageGb,
        backupRetentionDays: spec.database.backupRetentionDays,
        databaseName: spec.database.databaseName,
        readReplicas: spec.database.readReplicas,
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
    });

    if (spec.dns && spec.regions.length === 1) this.addServiceRecord(spec);
    this.addOutputs(spec);
  }

  /** With one region, the service name is a CNAME to the load balancer in Alibaba Cloud DNS. */
  private addServiceRecord(spec: ResolvedSpec): void {
    const { zoneName, recordName, ttlSeconds } = spec.dns!;
    new AlidnsRecord(this, 'Record', {
      domainName: zoneName,
      rr: recordName === zoneName ? '@' : recordName.slice(0, -(zoneName.length + 1)),
      type: 'CNAME',
      value: this.loadBalancer.dnsName,
      ttl: ttlSeconds,
    });
  }

  private addOutputs(spec: ResolvedSpec): void {
    const singleRegionName = spec.dns && spec.regions.length === 1 ? spec.dns.recordName : undefined;
    new TerraformOutput(this, 'public_endpoint', { value: `https://${singleRegionName ?? this.loadBalancer.dnsName}`, description: 'HTTPS endpoint' });
    new TerraformOutput(this, 'load_balancer_dns_name', { value: this.loadBalancer.dnsName });
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

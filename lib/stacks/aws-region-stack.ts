import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppTier } from '../aws/app-tier';
import { BackupBucket } from '../aws/backup-bucket';
import { BackupPlan } from '../aws/backup-plan';
import { Database } from '../aws/database';
import { LoadBalancer } from '../aws/load-balancer';
import { Network } from '../aws/network';
import { resolveSpec, ResolvedRegion, ResolvedSpec } from '../core/defaults';
import { HighAvailabilityStackProps } from '../core/spec';
import { validateSpec } from '../core/validate-spec';

/** Properties of {@link AwsRegionStack}. */
export interface AwsRegionStackProps {
  /** Name of the deployment (the id of the {@link HighAvailabilityStack}). */
  readonly deploymentName: string;
  /** The whole spec; validated here when the stack is used on its own. */
  readonly spec: HighAvailabilityStackProps;
  /** The region this stack deploys, one of `spec.regions`. */
  readonly region: string;
}

/**
 * One AWS region of a deployment, in its own Terraform stack (its own state): network, load
 * balancer, application tier, database, backup bucket and backup plan, and the DNS record when one
 * region serves alone.
 */
export class AwsRegionStack extends TerraformStack {
  /** Tag put on every taggable resource, naming the deployment it belongs to. */
  public static readonly DEPLOYMENT_TAG = 'cdktf-ha:deployment';

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
  /** Backup bucket. */
  public readonly backupBucket: BackupBucket;
  /** Backup plan (AWS Backup). */
  public readonly backupPlan: BackupPlan;
  /** Public HTTPS endpoint of this region. */
  public readonly publicEndpoint: string;

  constructor(scope: Construct, id: string, props: AwsRegionStackProps) {
    validateSpec(props.deploymentName, props.spec);
    super(scope, id);
    const spec: ResolvedSpec = resolveSpec(props.deploymentName, props.spec);
    const region = spec.regions.find((r) => r.name === props.region);
    if (!region) throw new Error(`AwsRegionStack "${id}": region ${props.region} is not one of spec.regions (${props.spec.regions.join(', ')})`);
    this.region = region.name;

    const tags = { ...spec.tags, [AwsRegionStack.DEPLOYMENT_TAG]: spec.id };
    new AwsProvider(this, 'aws', { region: region.name, defaultTags: [{ tags }] });

    this.network = new Network(this, 'Network', {
      cidr: region.cidr,
      zoneCount: spec.zoneCount,
      natGatewayPerZone: spec.natGatewayPerZone,
    });
    this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
      network: this.network,
      targetPort: spec.app.port,
      healthCheckPath: spec.app.healthCheckPath,
      healthCheckIntervalSeconds: spec.loadBalancer.healthCheckIntervalSeconds,
      healthyThreshold: spec.loadBalancer.healthyThreshold,
      unhealthyThreshold: spec.loadBalancer.unhealthyThreshold,
      algorithm: spec.loadBalancer.algorithm,
      wafAclArn: region.wafAclArn,
      ...certificateOf(spec, region),
    });
    this.appTier = new AppTier(this, 'App', {
      network: this.network,
      loadBalancer: this.loadBalancer,
      instanceType: spec.app.instanceType,
      imageId: region.imageId,
      userData: spec.app.userData,
      port: spec.app.port,
      minCapacity: spec.app.minCapacity,
      maxCapacity: spec.app.maxCapacity,
      targetCpuUtilization: spec.app.targetCpuUtilization,
      tags,
    });

    if (spec.database) {
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
      this.database.allowFrom(this.appTier, 'application tier');
    }

    this.backupBucket = new BackupBucket(this, 'BackupBucket', {
      retentionDays: spec.backup.retentionDays,
      objectLockDays: spec.backup.objectLockDays,
    });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', {
      retentionDays: spec.backup.retentionDays,
      scheduleCron: spec.backup.scheduleCron,
      coldStorageAfterDays: spec.backup.coldStorageAfterDays,
      // Continuous backup (PITR) is capped at 35 days by AWS Backup.
      continuousBackup: spec.backup.retentionDays <= 35,
      resourceArns: this.database ? [this.database.arn] : undefined,
    });

    this.publicEndpoint = spec.dns ? `https://${spec.dns.recordName}` : `https://${this.loadBalancer.dnsName}`;
    if (spec.dns) {
      const zone = new DataAwsRoute53Zone(this, 'Zone', { name: spec.dns.zoneName, privateZone: false });
      // Alias records have no TTL of their own; Route 53 answers with the target's (60 s for an ALB).
      new Route53Record(this, 'Record', {
        zoneId: zone.zoneId,
        name: spec.dns.recordName,
        type: 'A',
        alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.hostedZoneId, evaluateTargetHealth: true },
      });
    }
    this.addOutputs();
  }

  private addOutputs(): void {
    new TerraformOutput(this, 'public_endpoint', { value: this.publicEndpoint, description: 'HTTPS endpoint of the service' });
    new TerraformOutput(this, 'load_balancer_dns_name', { value: this.loadBalancer.dnsName });
    if (this.database) {
      new TerraformOutput(this, 'database_endpoint', { value: this.database.endpointAddress, description: 'Writer endpoint' });
      new TerraformOutput(this, 'database_reader_endpoint', { value: this.database.readerEndpointAddress, description: 'Reader endpoint' });
      new TerraformOutput(this, 'database_secret_arn', {
        value: this.database.masterUserSecretArn,
        description: 'Secrets Manager secret holding the master credentials (rotated by RDS)',
      });
    }
    new TerraformOutput(this, 'backup_bucket', { value: this.backupBucket.bucketName });
    new TerraformOutput(this, 'backup_vault', { value: this.backupPlan.vaultName });
  }
}

/** The HTTPS certificate of a region: the given ARN, or an ACM certificate validated in the DNS zone. */
function certificateOf(spec: ResolvedSpec, region: ResolvedRegion) {
  if (region.certificateArn) return { certificateArn: region.certificateArn };
  // Validation guarantees `dns` when no ARN is given.
  return { certificate: { zoneName: spec.dns!.zoneName, domainName: spec.dns!.recordName } };
}

import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BucketReplication } from '../aws/bucket-replication';
import { DnsEndpoint, DnsRouting, FailoverDns } from '../aws/failover-dns';
import { route53HealthCheckInterval } from '../core/dr-model';
import { DeploymentPlan } from '../core/region-plan';
import { ResolvedSpec } from '../core/defaults';
import { StateBackend } from '../aws/state-backend';
import { AwsRegionStack } from './aws-region-stack';
import { LinkAction, recordCrossRegionLink } from './cross-region-links';

/** Route 53 is a global service whose control plane is in us-east-1; its health checks run from every continent. */
const ROUTE53_CONTROL_REGION = 'us-east-1';

const ROUTING: { readonly [mode in DeploymentPlan['routing']]: DnsRouting } = {
  simple: DnsRouting.SIMPLE,
  failover: DnsRouting.FAILOVER,
  latency: DnsRouting.LATENCY,
};

/**
 * The stack that ties the regions together, deployed after every region stack: health-checked DNS
 * failover between the regions' load balancers, and the cross-region replication of the primary's
 * backup bucket (one replication configuration per source bucket, so it holds every destination).
 * Built by HighAvailabilityStack; not exported.
 */
export class AwsGlobalStack extends TerraformStack {
  public readonly dns: FailoverDns;
  public readonly bucketReplication?: BucketReplication;

  constructor(scope: Construct, id: string, spec: ResolvedSpec, plan: DeploymentPlan, regionStacks: AwsRegionStack[]) {
    super(scope, id);
    const tags = { ...spec.tags, [AwsRegionStack.DEPLOYMENT_TAG]: spec.id };
    new AwsProvider(this, 'aws', { region: ROUTE53_CONTROL_REGION, defaultTags: [{ tags }] });
    if (spec.stateBackend) {
      // Kept in the first standby region of the spec (never the one that can be lost), so the global
      // stack can still be planned when the primary region is down.
      new StateBackend(this, 'StateBackend', { bucketPrefix: spec.stateBackend.bucketPrefix, region: spec.regions[1].name });
    }
    const [primary, ...standbys] = regionStacks;
    for (const stack of regionStacks) this.addDependency(stack);

    const endpoints: DnsEndpoint[] = regionStacks
      .filter((stack) => stack.loadBalancer !== undefined)
      .map((stack) => ({ region: stack.region, dnsName: stack.loadBalancer!.dnsName, hostedZoneId: stack.loadBalancer!.hostedZoneId }));
    this.dns = new FailoverDns(this, 'Dns', {
      zoneName: spec.dns!.zoneName,
      recordName: spec.dns!.recordName,
      endpoints,
      routing: endpoints.length > 1 ? ROUTING[plan.routing] : DnsRouting.SIMPLE,
      healthCheckPath: spec.app.healthCheckPath,
      healthCheckIntervalSeconds: route53HealthCheckInterval(spec.loadBalancer.healthCheckIntervalSeconds),
      failureThreshold: Math.min(10, spec.loadBalancer.unhealthyThreshold),
    });

    if (standbys.length > 0) {
      // The replication configuration acts on the primary's bucket, so it runs through a provider of that region.
      const sourceProvider = new AwsProvider(this, 'aws-primary', { alias: 'primary', region: primary.region, defaultTags: [{ tags }] });
      const replicationBucket = (stack: AwsRegionStack) => ({
        bucketName: stack.backupBucket.bucketName,
        bucketArn: stack.backupBucket.bucketArn,
        keyArn: stack.backupBucket.encryptionKey.keyArn,
        region: stack.region,
      });
      this.bucketReplication = new BucketReplication(this, 'BackupReplication', {
        source: replicationBucket(primary),
        destinations: standbys.map(replicationBucket),
        sourceProvider,
      });
      recordCrossRegionLink(this.bucketReplication.configuration, primary.region, LinkAction.STATE_RM,
        'the replication configuration of the primary\'s backup bucket is managed through the primary region\'s API');
    }
    new TerraformOutput(this, 'public_endpoint', { value: `https://${spec.dns!.recordName}`, description: 'HTTPS endpoint of the service' });
  }
}

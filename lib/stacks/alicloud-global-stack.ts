import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BucketReplication, ReplicationBucket } from '../alicloud/bucket-replication';
import { FailoverDns, GtmRouting } from '../alicloud/failover-dns';
import { Provider } from '../alicloud/provider';
import { StateBackend } from '../alicloud/state-backend';
import { ResolvedSpec } from '../core/defaults';
import { DeploymentPlan } from '../core/region-plan';
import { AlicloudRegionStack } from './alicloud-region-stack';
import { LinkAction, recordCrossRegionLink } from './cross-region-links';

const ROUTING: { readonly [mode in DeploymentPlan['routing']]: GtmRouting } = {
  simple: GtmRouting.SIMPLE,
  failover: GtmRouting.FAILOVER,
  latency: GtmRouting.LATENCY,
};

/**
 * The Alibaba Cloud stack that ties the regions together, deployed after every region stack: GTM
 * with an address pool and a health check per serving region, and the OSS cross-region replication
 * of the primary's backup bucket. Built by HighAvailabilityStack; not exported.
 */
export class AlicloudGlobalStack extends TerraformStack {
  public readonly dns: FailoverDns;
  public readonly bucketReplication?: BucketReplication;

  constructor(scope: Construct, id: string, spec: ResolvedSpec, plan: DeploymentPlan, regionStacks: AlicloudRegionStack[]) {
    super(scope, id);
    // Alibaba Cloud DNS and GTM are global services; the provider of the first standby region of the spec
    // (never the one that can be lost) reaches them, and holds this stack's state.
    const controlRegion = spec.regions[1].name;
    new Provider(this, 'Alicloud', { region: controlRegion });
    if (spec.stateBackend) {
      new StateBackend(this, 'StateBackend', { bucketPrefix: spec.stateBackend.bucketPrefix, region: controlRegion, lockTable: spec.stateBackend.lockTable });
    }
    for (const stack of regionStacks) this.addDependency(stack);
    const [primary, ...standbys] = regionStacks;

    const serving = regionStacks.filter((stack) => stack.loadBalancer !== undefined);
    this.dns = new FailoverDns(this, 'Dns', {
      zoneName: spec.dns!.zoneName,
      recordName: spec.dns!.recordName,
      endpoints: serving.map((stack) => ({ region: stack.region, address: stack.loadBalancer!.dnsName })),
      routing: serving.length > 1 ? ROUTING[plan.routing] : GtmRouting.SIMPLE,
      healthCheckPath: spec.app.healthCheckPath,
      // GTM 2.0 checks every 60 s, and fails an address after 1–3 failures.
      failureThreshold: Math.min(3, spec.loadBalancer.unhealthyThreshold),
      ttlSeconds: spec.dns!.ttlSeconds,
    });

    if (standbys.length > 0) {
      // The replication rules live on the primary's bucket, so they run through a provider of that region.
      const sourceProvider = new Provider(this, 'AlicloudPrimary', { region: primary.region, alias: 'primary' });
      const bucket = (stack: AlicloudRegionStack): ReplicationBucket => ({
        bucketName: stack.backupBucket.bucketName, region: stack.region, keyId: stack.backupBucket.encryptionKeyId,
      });
      this.bucketReplication = new BucketReplication(this, 'BackupReplication', {
        source: bucket(primary),
        destinations: standbys.map(bucket),
        sourceProvider: sourceProvider.resource,
        rtc: standbys.every((s) => BucketReplication.rtcAvailable(primary.region, s.region)),
      });
      for (const rule of this.bucketReplication.rules) {
        recordCrossRegionLink(rule, primary.region, LinkAction.STATE_RM,
          "a replication rule of the primary's backup bucket, managed through the primary region's API");
      }
    }
    new TerraformOutput(this, 'public_endpoint', { value: `https://${spec.dns!.recordName}`, description: 'HTTPS endpoint of the service' });
  }
}

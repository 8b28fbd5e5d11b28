import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import { ResiliencePolicies } from '../analysis/resilience-policies';
import { Construct } from 'constructs';
import { ResolvedSpec, resolveSpec } from '../core/defaults';
import { Cloud } from '../core/enums';
import { planDeployment } from '../core/region-plan';
import { HighAvailabilityStackProps, PolicySuppression } from '../core/spec';
import { validateSpec } from '../core/validate-spec';
import { markValidated } from '../core/validated';
import { AlicloudGlobalStack } from './alicloud-global-stack';
import { AlicloudRegionStack } from './alicloud-region-stack';
import { AwsGlobalStack } from './aws-global-stack';
import { AwsRegionStack } from './aws-region-stack';
import { crossRegionLinksOf } from './cross-region-links';
import { renderAlicloudRunbook, renderRunbook } from './runbook';

/**
 * A highly available deployment from one cloud-neutral spec: one Terraform stack per region
 * (`<id>-<region>`, each with its own state) holding the tiers that the region's role and the DR
 * strategy call for, plus, with several regions, a global stack (`<id>-global`) for health-checked
 * DNS failover and cross-region backup replication. Stacks depend on each other in deploy order:
 * primary, standbys, global.
 *
 * The spec is validated first: an invalid spec throws one `ValidationError` naming every problem,
 * and no stack is created. At synth a runbook (`<outdir>/<id>.runbook.md`) is written beside the stacks.
 */
export class HighAvailabilityStack extends Construct {
  /** Every stack, in deploy order. */
  public readonly stacks: TerraformStack[];
  /** The stack of the region that serves as primary (the promoted region after a failover). */
  public readonly primaryStack: TerraformStack;
  /** The AWS region stacks, in deploy order (escape hatch to each region's tiers). */
  public readonly awsRegionStacks: AwsRegionStack[];
  /** The Alibaba Cloud region stacks (escape hatch to each region's tiers); empty on AWS. */
  public readonly alicloudRegionStacks: AlicloudRegionStack[] = [];
  /** The global stack (DNS failover, backup replication); undefined with one region. */
  public readonly globalStack?: TerraformStack;
  /** The runbook for this deployment, in Markdown (also written beside the stacks at synth). */
  public readonly runbook: string;
  /** The resilience and security rules applied to every stack at synth, with their findings (`policies` of the spec). */
  public readonly policies: ResiliencePolicies;

  constructor(scope: Construct, id: string, props: HighAvailabilityStackProps) {
    validateSpec(id, props);
    markValidated(props);
    super(scope, id);
    const spec = resolveSpec(id, props);
    this.policies = new ResiliencePolicies({ suppressions: spec.policies.suppressions, failOn: spec.policies.failOn });
    const deployment = planDeployment(spec);
    if (spec.cloud === Cloud.ALICLOUD) {
      try {
        for (const plan of deployment.regions) {
          this.alicloudRegionStacks.push(new AlicloudRegionStack(this, `${id}-${plan.region.name}`, {
            deploymentName: id, spec: props, region: plan.region.name, primary: this.alicloudRegionStacks[0],
          }));
        }
        if (spec.regions.length > 1) {
          this.globalStack = new AlicloudGlobalStack(this, `${id}-global`, spec, deployment, this.alicloudRegionStacks);
        }
      } catch (error) {
        scope.node.tryRemoveChild(id);
        throw error;
      }
      this.awsRegionStacks = [];
      this.stacks = [...this.alicloudRegionStacks, ...(this.globalStack ? [this.globalStack] : [])];
      designSuppressions(spec, this.alicloudRegionStacks.map((s) => ({ stack: s, backupPlan: s.backupPlan.policy })))
        .forEach((s) => this.policies.addSuppression(s));
      for (const stack of this.stacks) Aspects.of(stack).add(this.policies);
      this.primaryStack = this.alicloudRegionStacks[0];
      const names = new Set(this.stacks.map((stack) => stack.node.id));
      this.runbook = renderAlicloudRunbook({
        spec,
        deployment,
        regionStacks: this.alicloudRegionStacks,
        globalStack: this.globalStack,
        links: crossRegionLinksOf(this).filter((link) => names.has(link.stack)),
        linksBeforePromotion: spec.promotedRegion ? linksBefore(id, props) : undefined,
      });
      writeBesideStacks(this.stacks[this.stacks.length - 1], `${id}.runbook.md`, this.runbook);
      return;
    }
    try {
      const regionStacks: AwsRegionStack[] = [];
      for (const plan of deployment.regions) {
        regionStacks.push(new AwsRegionStack(this, `${id}-${plan.region.name}`, {
          deploymentName: id, spec: props, region: plan.region.name, primary: regionStacks[0],
        }));
      }
      this.awsRegionStacks = regionStacks;
      if (spec.regions.length > 1) {
        this.globalStack = new AwsGlobalStack(this, `${id}-global`, spec, deployment, regionStacks);
      }
    } catch (error) {
      // A construct's own check failed after validation passed: leave nothing half-built in the app.
      scope.node.tryRemoveChild(id);
      throw error;
    }
    this.stacks = [...this.awsRegionStacks, ...(this.globalStack ? [this.globalStack] : [])];
    this.primaryStack = this.awsRegionStacks[0];
    designSuppressions(spec, this.awsRegionStacks.map((s) => ({ stack: s, backupPlan: s.backupPlan.plan })))
      .forEach((s) => this.policies.addSuppression(s));
    for (const stack of this.stacks) Aspects.of(stack).add(this.policies);

    const stackNames = new Set(this.stacks.map((s) => s.node.id));
    const links = crossRegionLinksOf(this).filter((link) => stackNames.has(link.stack));
    this.runbook = renderRunbook({
      spec,
      deployment,
      regionStacks: this.awsRegionStacks,
      globalStack: this.globalStack,
      links,
      // After a promotion the links to the lost region are gone from this configuration; the runbook
      // needs them from the configuration before it, built on the side and thrown away.
      linksBeforePromotion: spec.promotedRegion ? linksBefore(id, props) : undefined,
    });
    writeBesideStacks(this.stacks[this.stacks.length - 1], `${id}.runbook.md`, this.runbook);
  }
}

/**
 * Findings the design accepts, each with its reason (the report shows them like the user's own): a
 * standby's backup plan backs up copies of the primary's data, which the primary already copies there;
 * after a promotion with no standby left, there is no other region to copy to.
 */
function designSuppressions(spec: ResolvedSpec, regions: { stack: TerraformStack; backupPlan: TerraformResource }[]): PolicySuppression[] {
  if (spec.regions.length < 2) return [];
  const id = 'HA-BACKUP-CROSS-REGION';
  const address = (r: TerraformResource) => `${r.terraformResourceType}.${r.friendlyUniqueId}`;
  const [serving, ...standbys] = regions;
  const suppressions: PolicySuppression[] = standbys.map(({ stack, backupPlan }) => ({
    id, stack: stack.node.id, resource: address(backupPlan),
    reason: `standby region: its backups hold copies of ${serving.stack.node.id}'s data, which that region's plan already copies here`,
  }));
  if (standbys.length === 0 && spec.promotedRegion) {
    suppressions.push({
      id, stack: serving.stack.node.id, resource: address(serving.backupPlan),
      reason: `the only other region, ${spec.regions[0].name}, is lost: cross-region copies resume after failback (runbook)`,
    });
  }
  return suppressions;
}

/** The cross-region links of the same spec without `promotedRegion`. */
function linksBefore(id: string, props: HighAvailabilityStackProps) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ha-'));
  try {
    const before = new HighAvailabilityStack(new App({ outdir }), id, { ...props, promotedRegion: undefined });
    const names = new Set(before.stacks.map((s) => s.node.id));
    return crossRegionLinksOf(before).filter((link) => names.has(link.stack));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Writes a file into the app's output folder when `stack` is synthesized. */
function writeBesideStacks(stack: TerraformStack, fileName: string, content: string): void {
  const synthesizer = stack.synthesizer;
  stack.synthesizer = {
    synthesize(session) {
      synthesizer.synthesize(session);
      fs.writeFileSync(path.join(session.outdir, fileName), content);
    },
  };
}

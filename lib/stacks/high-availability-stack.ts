import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HighAvailabilityStackProps } from '../core/spec';
import { validateSpec } from '../core/validate-spec';
import { AwsRegionStack } from './aws-region-stack';

/**
 * A highly available deployment from one cloud-neutral spec: one Terraform stack per region, each
 * with its own state, holding the load-balancing, application, database and backup tiers spread
 * over the region's availability zones.
 *
 * The spec is validated first: an invalid spec throws one `ValidationError` naming every problem,
 * and no stack is created.
 */
export class HighAvailabilityStack extends Construct {
  /** Every stack, in deploy order. */
  public readonly stacks: TerraformStack[];
  /** The stack of the region that serves as primary. */
  public readonly primaryStack: TerraformStack;
  /** The AWS region stacks, in the order of `regions` (escape hatch to each region's tiers). */
  public readonly awsRegionStacks: AwsRegionStack[];

  constructor(scope: Construct, id: string, props: HighAvailabilityStackProps) {
    validateSpec(id, props);
    super(scope, id);
    try {
      this.awsRegionStacks = props.regions.map((region) =>
        new AwsRegionStack(this, `${id}-${region}`, { deploymentName: id, spec: props, region }));
    } catch (error) {
      // A construct's own check failed after validation passed: leave nothing half-built in the app.
      scope.node.tryRemoveChild(id);
      throw error;
    }
    this.stacks = [...this.awsRegionStacks];
    this.primaryStack = this.awsRegionStacks[0];
  }
}

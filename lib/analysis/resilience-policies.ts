import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
// cdktf's own token resolution (its public `resolve`, not re-exported from the package root): it turns one
// resource's configuration into the JSON `cdktf synth` writes, without resolving the whole stack again.
import { resolve } from 'cdktf/lib/_tokens';
import { IConstruct } from 'constructs';
import { PolicyFailOn } from '../core/enums';
import { PolicySuppression } from '../core/spec';
import { PolicyLevel, PolicySubject } from './policy-rule';
import { ALL_RULES } from './rules';

/** Properties of {@link ResiliencePolicies}. */
export interface ResiliencePoliciesProps {
  /**
   * Findings accepted on purpose, each with its reason (shown in the report). A suppression without
   * `resource` covers every resource of that rule.
   * @default none
   */
  readonly suppressions?: PolicySuppression[];
  /**
   * Which findings fail synth (as errors); the others are warnings.
   * @default PolicyFailOn.ERROR
   */
  readonly failOn?: PolicyFailOn;
}

/** A rule as documentation and reports show it. */
export interface PolicyRuleInfo {
  /** Rule id (`HA-…` availability, `SEC-…` security). */
  readonly id: string;
  /** `error` or `warn`. */
  readonly level: string;
  /** What it checks. */
  readonly description: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Terraform resource types it reads. */
  readonly resourceTypes: string[];
}

/** One result of one rule on one resource. */
export interface PolicyFinding {
  /** Rule id. */
  readonly id: string;
  /** Rule level. */
  readonly level: string;
  /** Terraform address of the resource. */
  readonly resource: string;
  /** Name of the stack. */
  readonly stack: string;
  /** Whether the resource passes. */
  readonly passed: boolean;
  /** Why it fails (empty when it passes). */
  readonly reason: string;
  /** The reason of the suppression, when the failure is accepted. */
  readonly suppressedBecause?: string;
}

/**
 * The resilience and security rules of cdktf-ha, as a cdktf Aspect usable on any stack:
 * `Aspects.of(stack).add(new ResiliencePolicies())`. Each failing rule becomes an annotation on its
 * resource with the rule id; with `failOn` an error-level (or any) finding fails synth.
 */
export class ResiliencePolicies implements IAspect {
  /** Every rule this aspect applies, for documentation and reports. */
  public static rules(): PolicyRuleInfo[] {
    return ALL_RULES.map(({ id, level, description, why, fix, resourceTypes }) => ({ id, level, description, why, fix, resourceTypes: [...resourceTypes] }));
  }

  /** Every result so far (passes included), in visiting order. */
  public readonly findings: PolicyFinding[] = [];
  private readonly suppressions: PolicySuppression[];
  private readonly failOn: PolicyFailOn;

  constructor(props: ResiliencePoliciesProps = {}) {
    this.suppressions = [...(props.suppressions ?? [])];
    this.failOn = props.failOn ?? PolicyFailOn.ERROR;
  }

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    const rules = ALL_RULES.filter((rule) => rule.resourceTypes.includes(resource.terraformResourceType));
    if (rules.length === 0) return;
    const stack = TerraformStack.of(resource);
    const subject: PolicySubject = {
      type: resource.terraformResourceType,
      address: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
      // What `cdktf synth` writes for this resource, references resolved to `${...}` strings.
      config: resolve(stack, resource.toTerraform()).resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {},
    };
    for (const rule of rules) {
      const reason = rule.check(subject);
      const suppression = reason === undefined ? undefined
        : this.suppressions.find((s) => s.id === rule.id && (s.resource === undefined || s.resource === subject.address));
      this.findings.push({
        id: rule.id, level: rule.level, resource: subject.address, stack: stack.node.id,
        passed: reason === undefined, reason: reason ?? '', suppressedBecause: suppression?.reason,
      });
      if (reason === undefined || suppression) continue;
      const message = `[${rule.id}] ${reason}. ${rule.why} Fix: ${rule.fix} (or suppress ${rule.id} with a reason).`;
      const fails = this.failOn === PolicyFailOn.WARN || (this.failOn === PolicyFailOn.ERROR && rule.level === PolicyLevel.ERROR);
      if (fails) Annotations.of(resource).addError(message);
      else Annotations.of(resource).addWarning(message);
    }
  }
}

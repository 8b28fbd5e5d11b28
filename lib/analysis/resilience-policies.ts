import { Annotations, IAspect, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
// cdktf's own token resolution (its public `resolve`, not re-exported from the package root): it turns a
// provider's configuration into the JSON `cdktf synth` writes.
import { resolve } from 'cdktf/lib/_tokens';
import { IConstruct } from 'constructs';
import { PolicyFailOn } from '../core/enums';
import { PolicySuppression } from '../core/spec';
import { evaluateStack, POLICY_METADATA_KEY } from './evaluate-policies';
import { PolicyLevel } from './policy-rule';
import { ALL_RULES } from './rules';
import { providerRegions, StackDocument } from './stack-document';

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
 * `Aspects.of(stack).add(new ResiliencePolicies())`. The rules run on each stack's final Terraform
 * configuration, once every aspect has run (as a validation of the stack, so `Testing.synth` runs them
 * only with `runValidations`). Each failing rule becomes an annotation on its resource with the rule id;
 * with `failOn` an error-level (or any) finding fails synth. The suppressions and `failOn` are written
 * into the stack's JSON (`//` → `cdktf-ha`), where `cdktf-ha report` finds them.
 */
export class ResiliencePolicies implements IAspect {
  /** Every rule this aspect applies, for documentation and reports. */
  public static rules(): PolicyRuleInfo[] {
    return ALL_RULES.map(({ id, level, description, why, fix, resourceTypes }) => ({ id, level, description, why, fix, resourceTypes: [...resourceTypes] }));
  }

  /** Every result so far (passes included), stack by stack. */
  public readonly findings: PolicyFinding[] = [];
  private readonly suppressions: PolicySuppression[];
  private readonly failOn: PolicyFailOn;
  private readonly visited = new Set<TerraformStack>();

  constructor(props: ResiliencePoliciesProps = {}) {
    this.suppressions = [...(props.suppressions ?? [])];
    this.failOn = props.failOn ?? PolicyFailOn.ERROR;
  }

  /** Accepts the failures of one rule (on one resource, in one stack) on purpose; shown in the report. */
  public addSuppression(suppression: PolicySuppression): void {
    this.suppressions.push(suppression);
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.visited.has(node)) return;
    const stack = node;
    this.visited.add(stack);
    stack.addOverride(`//.${POLICY_METADATA_KEY}`, { suppressions: this.suppressions, failOn: this.failOn });
    // Validations run after every aspect: the rules see the configuration that is written.
    stack.node.addValidation({ validate: () => { this.check(stack); return []; } });
  }

  private check(stack: TerraformStack): void {
    const doc: StackDocument = { name: stack.node.id, json: stack.toTerraform() };
    const results = evaluateStack(doc, deploymentRegionCount(stack), this.suppressions);
    const resources = new Map(stack.node.findAll().filter(TerraformResource.isTerraformResource)
      .map((r) => [`${(r as TerraformResource).terraformResourceType}.${(r as TerraformResource).friendlyUniqueId}`, r]));
    for (const result of results) {
      this.findings.push({
        id: result.id, level: result.level, resource: result.resource, stack: result.stack,
        passed: result.passed, reason: result.reason, suppressedBecause: result.suppressedBecause,
      });
      if (result.passed || result.suppressedBecause !== undefined) continue;
      const { rule } = result;
      const message = `[${rule.id}] ${result.reason}. ${rule.why} Fix: ${rule.fix} (or suppress ${rule.id} with a reason).`;
      const target = resources.get(result.resource) ?? stack;
      const fails = this.failOn === PolicyFailOn.WARN || (this.failOn === PolicyFailOn.ERROR && rule.level === PolicyLevel.ERROR);
      if (fails) Annotations.of(target).addError(message);
      else Annotations.of(target).addWarning(message);
    }
  }
}

/** The distinct regions of the providers of every stack of the app (cross-region rules apply from two). */
function deploymentRegionCount(stack: TerraformStack): number {
  const providers = stack.node.root.node.findAll().filter((node): node is TerraformProvider => node instanceof TerraformProvider);
  const regions = providers.flatMap((provider) =>
    providerRegions({ name: '', json: resolve(TerraformStack.of(provider), provider.toTerraform()) }));
  return new Set(regions).size;
}

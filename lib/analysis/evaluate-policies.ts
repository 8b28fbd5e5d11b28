// The rules applied to synthesized stacks: one evaluation shared by the synth-time aspect and the
// report, so both say the same about the same Terraform.
import { PolicyLevel, PolicyRule } from './policy-rule';
import { ALL_RULES } from './rules';
import { contextOf, resourcesOf, StackDocument } from './stack-document';

/** The key under a stack JSON's `//` section that holds the policy settings, for the report. */
export const POLICY_METADATA_KEY = 'cdktf-ha';

/** A finding accepted on purpose (API.md `policies.suppressions`). */
export interface SuppressionInput {
  readonly id: string;
  readonly reason: string;
  readonly resource?: string;
  readonly stack?: string;
}

/** One result of one rule on one resource (internal form; `PolicyFinding` is the public one). */
export interface RuleResult {
  readonly rule: PolicyRule;
  readonly id: string;
  readonly level: PolicyLevel;
  readonly resource: string;
  readonly stack: string;
  readonly passed: boolean;
  /** Why it fails (empty when it passes). */
  readonly reason: string;
  readonly suppressedBecause?: string;
}

/** The suppression that accepts a failure of `id` on `resource` in `stack`, if any. */
export function suppressionFor(suppressions: readonly SuppressionInput[], id: string, resource: string, stack: string): SuppressionInput | undefined {
  return suppressions.find((s) => s.id === id && (s.resource === undefined || s.resource === resource) && (s.stack === undefined || s.stack === stack));
}

/**
 * Every rule on every resource it reads in `stack`; `regionCount` is the number of regions of the whole
 * deployment (rules about cross-region copies apply from two).
 */
export function evaluateStack(
  stack: StackDocument, regionCount: number, suppressions: readonly SuppressionInput[] = [], rules: readonly PolicyRule[] = ALL_RULES,
): RuleResult[] {
  const context = contextOf(stack, regionCount);
  const results: RuleResult[] = [];
  for (const subject of resourcesOf(stack)) {
    for (const rule of rules) {
      if (!rule.resourceTypes.includes(subject.type)) continue;
      const reason = rule.check(subject, context);
      const suppression = reason === undefined ? undefined : suppressionFor(suppressions, rule.id, subject.address, stack.name);
      results.push({
        rule, id: rule.id, level: rule.level, resource: subject.address, stack: stack.name,
        passed: reason === undefined, reason: reason ?? '', suppressedBecause: suppression?.reason,
      });
    }
  }
  return results;
}

// How rules follow references between the resources of a stack: a rule reads
// `"${aws_route_table.Private.id}"` and needs the route table it names, or needs the policy, rule or
// instance that names its subject (by reference, or by literal name when written by hand).
import { PolicyContext, PolicySubject, refersTo } from '../policy-rule';

/** The resource of one of `types` in the stack that `value` refers to, if any. */
export function referencedResource(context: PolicyContext, types: readonly string[], value: unknown): PolicySubject | undefined {
  if (value === undefined || value === null) return undefined;
  for (const type of types) {
    const found = context.resourcesOfType(type).find((candidate) => refersTo(value, candidate.address));
    if (found) return found;
  }
  return undefined;
}

/** Whether a configuration value is only known at apply time (it holds a `${...}` expression). */
export function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}
/**
 * The resources of `type` in the stack whose `attribute` names `subject`: by reference
 * (`${aws_s3_bucket.B.id}`) or by the same literal name as the subject's `nameAttribute`
 * (`bucket = "my-bucket"`).
 */
export function attachedTo(context: PolicyContext, type: string, attribute: string, subject: PolicySubject, nameAttribute?: string): PolicySubject[] {
  const name = nameAttribute === undefined ? undefined : subject.config[nameAttribute];
  const literalName = typeof name === 'string' && name !== '' && !isUnknown(name) ? name : undefined;
  return context.resourcesOfType(type).filter((other) => {
    const value = other.config[attribute];
    return refersTo(value, subject.address) || (literalName !== undefined && value === literalName);
  });
}

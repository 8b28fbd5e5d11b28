// How the network, compute and edge rules follow references between resources of a stack: a rule
// reads `"${aws_route_table.Private.id}"` and needs the route table it names.
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

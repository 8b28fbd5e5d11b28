// Fixtures for rule tests: a subject and the stack around it, as synthesized JSON.
import { PolicyContext, PolicySubject } from '../../lib/analysis/policy-rule';
import { contextOf } from '../../lib/analysis/stack-document';

/** `{ type: { name: config } }` — the `resource` section of a stack. */
export type ResourceSection = { [type: string]: { [name: string]: object } };

/** A context over the given resources (and data sources) of one stack, in a deployment of `regionCount` regions. */
export function fixtureContext(resource: ResourceSection = {}, regionCount = 1, data: ResourceSection = {}): PolicyContext {
  return contextOf({ name: 'fixture', json: { resource, data } }, regionCount);
}

/** The subject `type.name` with its configuration. */
export function subject(type: string, config: object, name = 'x'): PolicySubject {
  return { type, address: `${type}.${name}`, config };
}

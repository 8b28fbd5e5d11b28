// The rules every DNS failover construct applies to its list of regional endpoints.
import { Token } from 'cdktf';
import { ProblemCollector, show } from './problems';

/**
 * Checks a list of regional endpoints: 1 to `max` of them, each checked by `checkOne`, one per region,
 * and at least two unless the routing sends everything to one (`single`). Returns whether the list
 * itself is usable (its items may still have problems).
 */
export function checkEndpointList<T extends { readonly region: string }>(
  problems: ProblemCollector,
  endpoints: T[] | undefined,
  max: number,
  checkOne: (path: string, endpoint: T) => void,
  routing: { readonly ok: boolean; readonly single: boolean; readonly name: string; readonly singleName: string },
): endpoints is T[] {
  const listOk = problems.check(
    Array.isArray(endpoints) && !Token.isUnresolved(endpoints) && endpoints.length >= 1 && endpoints.length <= max,
    'endpoints',
    `(${Array.isArray(endpoints) ? `${endpoints.length} endpoints` : show(endpoints)}) must be a list of 1 to ${max} endpoints`,
  );
  if (!listOk) return false;
  const list = endpoints!;
  list.forEach((endpoint, index) => checkOne(`endpoints[${index}]`, endpoint));
  const seen = new Map<string, number>();
  list.forEach((endpoint, index) => {
    const region = endpoint?.region;
    if (typeof region !== 'string' || Token.isUnresolved(region)) return;
    const first = seen.get(region);
    if (first === undefined) seen.set(region, index);
    else problems.add(`endpoints[${index}].region`, `(${show(region)}) is already the region of endpoints[${first}]: give one endpoint per region`);
  });
  if (routing.ok && !routing.single) {
    problems.check(list.length >= 2, 'endpoints',
      `(${list.length} endpoint) must list at least 2 endpoints for routing ${show(routing.name)}; use ${show(routing.singleName)} for one`);
  }
  return true;
}

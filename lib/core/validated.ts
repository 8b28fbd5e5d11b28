// Specs that already passed validation, so the stacks built from one spec validate it once.
import { HighAvailabilityStackProps } from './spec';

const validated = new WeakSet<HighAvailabilityStackProps>();

/** Marks a spec object as validated (it is not copied: a later mutation is the caller's business). */
export function markValidated(spec: HighAvailabilityStackProps): void {
  validated.add(spec);
}

/** Whether this very spec object passed validation. */
export function isValidated(spec: HighAvailabilityStackProps): boolean {
  return validated.has(spec);
}

// A record of every resource that ties a surviving region to another region, so the runbook can say
// exactly what to do with each when that region is lost.
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/** What the runbook tells an operator to do with a cross-region resource when its other region is lost. */
export enum LinkAction {
  /** Its API is in the lost region: drop it from the state, Terraform cannot reach it. */
  STATE_RM = 'state-rm',
  /** The next apply changes it in place (e.g. a replica promoted to a standalone database). */
  APPLY_CHANGES = 'apply-changes',
  /** It follows the lost region and cannot be re-pointed: drop it from the state and delete it by hand later. */
  STATE_RM_AND_DELETE = 'state-rm-and-delete',
}

/** One resource of a stack that depends on another region. */
export interface CrossRegionLink {
  readonly stack: string;
  readonly address: string;
  readonly dependsOnRegion: string;
  readonly action: LinkAction;
  readonly why: string;
}

const LINKS = Symbol.for('cdktf-ha.crossRegionLinks');

/** Records that `resource` (in its stack) depends on `region`. */
export function recordCrossRegionLink(resource: TerraformResource, dependsOnRegion: string, action: LinkAction, why: string): void {
  const root = resource.node.root as Construct & { [LINKS]?: CrossRegionLink[] };
  const links = (root[LINKS] ??= []);
  links.push({
    stack: resource.cdktfStack.node.id,
    address: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
    dependsOnRegion,
    action,
    why,
  });
}

/** Every link recorded under the app of `scope`. */
export function crossRegionLinksOf(scope: Construct): CrossRegionLink[] {
  return [...((scope.node.root as Construct & { [LINKS]?: CrossRegionLink[] })[LINKS] ?? [])];
}

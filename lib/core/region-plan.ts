// What runs in each region for a spec: the DR strategy turned into per-region roles, capacities and
// database modes (DESIGN.md, "DR strategies"). Cloud-neutral: both clouds' stacks build from it.
import { ResolvedRegion, ResolvedSpec } from './defaults';
import { DatabaseEngine, DrStrategy } from './enums';

/** How a region's database takes part in the deployment. */
export enum DatabaseRole {
  /** The only database, or the writer that cross-region replicas follow. */
  PRIMARY = 'primary',
  /** Aurora: the primary cluster of a global database. */
  GLOBAL_PRIMARY = 'global-primary',
  /** RDS: a cross-region read replica of the primary (promotable). */
  CROSS_REGION_REPLICA = 'cross-region-replica',
  /** RDS: a former cross-region replica, promoted to a standalone writer after the primary region was lost. */
  PROMOTED_REPLICA = 'promoted-replica',
  /** Aurora: a secondary cluster of the global database (read-only, or forwarding writes). */
  GLOBAL_SECONDARY = 'global-secondary',
  /** RDS: no running database; automated backups (with transaction logs) are replicated here. */
  BACKUP_REPLICATION = 'backup-replication',
  /** No database in this region (stateless app, or Aurora under backup-restore: AWS Backup copies only). */
  NONE = 'none',
}

/** One region of a deployment as it will be built. */
export interface RegionPlan {
  readonly region: ResolvedRegion;
  /** `primary` takes writes and is the DNS default; `standby` follows it. */
  readonly role: 'primary' | 'standby';
  /** Load balancer and application tier exist here (every strategy but backup-restore standbys). */
  readonly runsLoadBalancer: boolean;
  /** Application capacity; undefined when no application tier is built. */
  readonly app?: { readonly minCapacity: number; readonly maxCapacity: number; readonly desiredCapacity: number };
  readonly database: DatabaseRole;
  /** The app is given both the local reader and the primary's writer endpoint (active-active over RDS). */
  readonly writesToPrimary: boolean;
  /** Aurora write forwarding from this secondary to the primary (active-active over Aurora). */
  readonly writeForwarding: boolean;
}

/** How DNS sends traffic. */
export type DnsRoutingMode = 'simple' | 'failover' | 'latency';

/** The whole deployment: regions in deploy order (primary first) and how DNS routes between them. */
export interface DeploymentPlan {
  readonly regions: RegionPlan[];
  /** The primary region of the plan (the promoted region after a failover). */
  readonly primary: string;
  /** The former primary, lost, when `promotedRegion` is set. */
  readonly lostRegion?: string;
  readonly routing: DnsRoutingMode;
  /** Name of the Aurora global database cluster, when one is used. */
  readonly globalClusterIdentifier?: string;
}

/**
 * Capacity of a warm standby: half the primary's minimum, but at least one instance in every zone so
 * it takes traffic in every zone the moment DNS fails over; never more than the primary's minimum.
 * Scaling policies grow it to full size under load.
 */
export function warmStandbyMinCapacity(minCapacity: number, zoneCount: number): number {
  return Math.min(minCapacity, Math.max(zoneCount, Math.ceil(minCapacity / 2)));
}

/** Turns a resolved spec into the per-region plan. */
export function planDeployment(spec: ResolvedSpec): DeploymentPlan {
  const lostRegion = spec.promotedRegion ? spec.regions[0].name : undefined;
  const primary = spec.promotedRegion ?? spec.regions[0].name;
  const ordered = [
    spec.regions.find((r) => r.name === primary)!,
    ...spec.regions.filter((r) => r.name !== primary && r.name !== lostRegion),
  ];
  const aurora = spec.database?.engine === DatabaseEngine.AURORA_MYSQL;
  const strategy = spec.drStrategy;
  const standbysFollowLive = ordered.length > 1 && strategy !== DrStrategy.BACKUP_RESTORE;
  const promoted = spec.promotedRegion !== undefined;
  // An Aurora global database outlives its primary region: after `failover-global-cluster` the promoted
  // region's cluster is the writer and the other secondaries follow it, with no change to their configuration.
  const globalDatabase = aurora && (spec.drStrategy !== DrStrategy.BACKUP_RESTORE) && (standbysFollowLive || promoted);
  const full = { minCapacity: spec.app.minCapacity, maxCapacity: spec.app.maxCapacity, desiredCapacity: spec.app.minCapacity };

  const regions = ordered.map((region, index): RegionPlan => {
    if (index === 0) {
      return {
        region,
        role: 'primary',
        runsLoadBalancer: true,
        app: full,
        database: primaryDatabaseRole(spec, promoted, globalDatabase),
        writesToPrimary: false,
        writeForwarding: false,
      };
    }
    return { region, role: 'standby', ...standbyPlan(spec, aurora, promoted) };
  });
  return {
    regions,
    primary,
    lostRegion,
    routing: promoted || ordered.length === 1 || strategy === DrStrategy.BACKUP_RESTORE
      ? 'simple'
      : strategy === DrStrategy.ACTIVE_ACTIVE ? 'latency' : 'failover',
    globalClusterIdentifier: globalDatabase ? `${spec.id}-global` : undefined,
  };
}

function primaryDatabaseRole(spec: ResolvedSpec, promoted: boolean, globalDatabase: boolean): DatabaseRole {
  if (!spec.database) return DatabaseRole.NONE;
  if (promoted) {
    // Under backup-restore the promoted region had no database: the runbook restores it from the replicated
    // backups and imports it, so the plan is an ordinary primary.
    if (spec.drStrategy === DrStrategy.BACKUP_RESTORE) return DatabaseRole.PRIMARY;
    // Aurora keeps the cluster's configuration: the global failover made it the writer.
    return spec.database.engine === DatabaseEngine.AURORA_MYSQL ? DatabaseRole.GLOBAL_SECONDARY : DatabaseRole.PROMOTED_REPLICA;
  }
  return globalDatabase ? DatabaseRole.GLOBAL_PRIMARY : DatabaseRole.PRIMARY;
}

function standbyPlan(spec: ResolvedSpec, aurora: boolean, promoted: boolean): Omit<RegionPlan, 'region' | 'role'> {
  const { minCapacity, maxCapacity } = spec.app;
  const database = standbyDatabaseRole(spec, aurora);
  switch (spec.drStrategy) {
    case DrStrategy.BACKUP_RESTORE:
      return { runsLoadBalancer: false, database, writesToPrimary: false, writeForwarding: false };
    case DrStrategy.PILOT_LIGHT:
      // The pilot light: load balancer and target group ready, no instance until the runbook scales it up.
      return { runsLoadBalancer: true, app: { minCapacity: 0, maxCapacity, desiredCapacity: 0 }, database, writesToPrimary: false, writeForwarding: false };
    case DrStrategy.WARM_STANDBY: {
      const warm = warmStandbyMinCapacity(minCapacity, spec.zoneCount);
      return { runsLoadBalancer: true, app: { minCapacity: warm, maxCapacity, desiredCapacity: warm }, database, writesToPrimary: false, writeForwarding: false };
    }
    case DrStrategy.ACTIVE_ACTIVE:
      return {
        runsLoadBalancer: true,
        app: { minCapacity, maxCapacity, desiredCapacity: minCapacity },
        database,
        writesToPrimary: spec.database !== undefined && !aurora && !promoted,
        writeForwarding: aurora,
      };
  }
}

function standbyDatabaseRole(spec: ResolvedSpec, aurora: boolean): DatabaseRole {
  if (!spec.database) return DatabaseRole.NONE;
  if (spec.drStrategy === DrStrategy.BACKUP_RESTORE) return aurora ? DatabaseRole.NONE : DatabaseRole.BACKUP_REPLICATION;
  if (aurora) return DatabaseRole.GLOBAL_SECONDARY;
  // RDS: after a failover the other standbys follow the promoted primary (a new replica, re-seeded).
  return DatabaseRole.CROSS_REGION_REPLICA;
}

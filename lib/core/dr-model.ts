// The disaster-recovery model: the recovery time and recovery point a resolved spec delivers when
// a zone, a region or the data is lost, and the check of `recoveryObjectives` against it.
// Cloud-neutral code, no provider import. The figures are AWS's published ones (every constant names
// its source); where AWS publishes a range the upper end is used, and where it publishes none the
// constant says that it is an assumption.
import { describeCron, maxIntervalSeconds } from './cron';
import { ResolvedSpec } from './defaults';
import { DatabaseEngine, DrStrategy } from './enums';

// ---------------------------------------------------------------------------------------------
// Figures

/**
 * Route 53 health checkers probe every 10 or 30 seconds, nothing else.
 * Source: Amazon Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check
 * is healthy" ("you can specify the interval between checks: every 10 seconds or every 30 seconds").
 */
export const ROUTE53_FAST_INTERVAL_SECONDS = 10;
/** The standard (and default) Route 53 request interval; same source as {@link ROUTE53_FAST_INTERVAL_SECONDS}. */
export const ROUTE53_STANDARD_INTERVAL_SECONDS = 30;
/**
 * Route 53 `FailureThreshold` accepts 1 to 10 consecutive failed checks.
 * Source: Amazon Route 53 API Reference, "HealthCheckConfig" ("Valid values are integers between 1 and 10").
 */
export const ROUTE53_FAILURE_THRESHOLD_RANGE = { min: 1, max: 10 } as const;
/**
 * Route 53 answers an alias record to an ELB load balancer with a fixed 60 s TTL, so resolvers may
 * keep the failed region's address that long after the record changes.
 * Source: Amazon Route 53 FAQs, "Do I need to adjust the TTL for my records in order to use DNS
 * Failover?" ("ELB and S3 website endpoints ... alias records with a fixed TTL of 60 seconds").
 */
export const ROUTE53_ALIAS_TTL_SECONDS = 60;
/**
 * The DNS name of a load balancer answers with a 60 s TTL: clients that resolved the node of a lost
 * zone keep it that long. Source: Elastic Load Balancing User Guide, "How Elastic Load Balancing
 * works", Request routing ("The DNS entry also specifies the time-to-live (TTL) of 60 seconds").
 */
export const ELB_DNS_TTL_SECONDS = 60;
/**
 * RDS Multi-AZ (DB instance) failover, upper end of the published 60–120 s.
 * Source: Amazon RDS User Guide, "Failing over a Multi-AZ DB instance for Amazon RDS"
 * ("Failover times are typically 60–120 seconds").
 */
export const RDS_MULTI_AZ_FAILOVER_SECONDS = 120;
/**
 * Aurora failover to a reader in another zone, upper figure of the published one.
 * Source: Amazon Aurora User Guide, "High availability for Amazon Aurora" / "Fault tolerance for an
 * Aurora DB cluster" ("service is typically restored in less than 60 seconds, and often less than
 * 30 seconds").
 */
export const AURORA_FAILOVER_SECONDS = 60;
/**
 * Aurora Global Database: promoting a secondary region (global database failover) takes under a
 * minute. Source: Amazon Aurora "Global Database" feature page and Aurora FAQs ("RPO of 1 second and
 * RTO of less than 1 minute"); Aurora User Guide, "Using switchover or failover in Amazon Aurora
 * Global Database".
 */
export const AURORA_GLOBAL_FAILOVER_SECONDS = 60;
/**
 * Aurora Global Database replicates to secondary regions with a lag typically under one second.
 * Source: Amazon Aurora User Guide, "Using Amazon Aurora Global Database" ("Aurora replicates data to
 * the secondary AWS Regions ... with latency typically under a second").
 */
export const AURORA_GLOBAL_REPLICATION_LAG_SECONDS = 1;
/**
 * Promoting an RDS (MySQL/PostgreSQL) read replica to a standalone instance. AWS publishes no figure,
 * only "several minutes or longer, depending on the size of the read replica" (Amazon RDS User
 * Guide, "Promoting a read replica to be a standalone DB instance"); 10 minutes is assumed.
 */
export const RDS_REPLICA_PROMOTION_SECONDS = 600;
/**
 * Lag of an RDS cross-region read replica (asynchronous binlog / WAL replication). AWS publishes no
 * figure, only that cross-region lag is higher than in-region (Amazon RDS User Guide, "Creating a read
 * replica in a different AWS Region"); one minute is assumed. Alarm on the `ReplicaLag` metric.
 */
export const RDS_CROSS_REGION_REPLICA_LAG_SECONDS = 60;
/**
 * RDS ships transaction logs every five minutes, so point-in-time restore reaches to about five
 * minutes before now, in the region and (automated-backup replication copies the logs as soon as
 * they are ready) in the destination region. Sources: Amazon RDS User Guide, "Restoring a DB instance
 * to a specified time" ("The latest restorable time ... is typically within 5 minutes of the current
 * time"); AWS Knowledge Center, "Why is the point-in-time restore of my Amazon RDS DB instance taking
 * a long time?" ("RDS uploads transaction logs for DB instances to Amazon S3 every five minutes");
 * Amazon RDS User Guide, "Replicating automated backups to another AWS Region".
 */
export const RDS_TRANSACTION_LOG_INTERVAL_SECONDS = 300;
/**
 * S3 Replication Time Control replicates 99.99 % of objects within 15 minutes.
 * Source: Amazon S3 User Guide, "Meeting compliance requirements with S3 Replication Time Control".
 */
export const S3_RTC_SECONDS = 900;
/**
 * From launch request to a running instance that starts booting. AWS publishes no figure; two minutes
 * is assumed (instances usually reach `running` in well under that).
 */
export const EC2_LAUNCH_SECONDS = 120;
/**
 * Time the application is given to boot: the Auto Scaling health check grace period of `aws.AppTier`
 * (its default, which is also the console default). Source: Amazon EC2 Auto Scaling User Guide, "Set
 * the health check grace period for an Auto Scaling group" ("In the console, by default, the health
 * check grace period is 300 seconds").
 */
export const APP_BOOT_GRACE_SECONDS = 300;
/**
 * Restoring a database from a snapshot or to a point in time (a new instance or cluster). AWS
 * publishes no duration: it grows with the storage size and the transaction logs to replay (AWS
 * Knowledge Center, "Why is the point-in-time restore of my Amazon RDS DB instance taking a long
 * time?"), and the AWS whitepaper "Disaster Recovery of Workloads on AWS" puts backup-and-restore
 * recovery in hours. One hour is assumed.
 */
export const DATABASE_RESTORE_SECONDS = 3600;
/**
 * `terraform apply` that builds the load balancer and the app tier in a backup-restore standby
 * region. AWS publishes no figure (a load balancer is `provisioning` for minutes); 15 minutes is
 * assumed.
 */
export const STANDBY_PROVISION_SECONDS = 900;

/** The strategies from weakest to strongest (AWS whitepaper "Disaster Recovery of Workloads on AWS"). */
export const DR_STRATEGY_ORDER: readonly DrStrategy[] = [
  DrStrategy.BACKUP_RESTORE,
  DrStrategy.PILOT_LIGHT,
  DrStrategy.WARM_STANDBY,
  DrStrategy.ACTIVE_ACTIVE,
];

// ---------------------------------------------------------------------------------------------
// Types (internal: not part of the jsii surface)

/** One part of a recovery time or a recovery point. */
export interface RecoveryTerm {
  readonly what: string;
  readonly seconds: number;
}

/** The failure scenarios of the report. */
export type ScenarioId = 'zone-loss' | 'region-loss' | 'data-corruption';

/** What one failure scenario costs: recovery time, recovery point and what they are made of. */
export interface ScenarioEstimate {
  readonly id: ScenarioId;
  /** The region lost, or the region where a zone or the data is lost. */
  readonly region?: string;
  /** Full service (reads and writes) continues without a human. */
  readonly survives: boolean;
  /** null when the configuration cannot recover at all. */
  readonly rtoSeconds: number | null;
  /** null when the data cannot be recovered at all. */
  readonly rpoSeconds: number | null;
  /**
   * The steps of the recovery; their seconds add up exactly to `rtoSeconds`. Steps are added as if
   * each waited for the previous one (conservative). Where independent paths run side by side (the
   * load balancer and the database on zone loss) the terms are those of the longest path.
   */
  readonly terms: RecoveryTerm[];
  /** The recovery point of each copy the data is recovered from; `rpoSeconds` is the largest. */
  readonly rpoTerms?: RecoveryTerm[];
  readonly notes?: string[];
}

/** A recovery objective that the configuration does not meet. */
export interface ObjectiveProblem {
  /** `recoveryObjectives.rtoSeconds` or `recoveryObjectives.rpoSeconds`. */
  readonly path: string;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Route 53 mapping

/** The Route 53 request interval nearest to a load-balancer health-check interval: ≤ 10 s → 10, else 30. */
export function route53HealthCheckInterval(seconds: number): number {
  return seconds <= ROUTE53_FAST_INTERVAL_SECONDS ? ROUTE53_FAST_INTERVAL_SECONDS : ROUTE53_STANDARD_INTERVAL_SECONDS;
}

/** The load balancer's unhealthy threshold clamped to Route 53's `FailureThreshold` range (1–10). */
export function route53FailureThreshold(unhealthyThreshold: number): number {
  const { min, max } = ROUTE53_FAILURE_THRESHOLD_RANGE;
  return Math.min(max, Math.max(min, Math.round(unhealthyThreshold)));
}

// ---------------------------------------------------------------------------------------------
// Estimates

/**
 * Recovery time and recovery point of the configuration for the loss of a zone (of the primary
 * region), of the primary region (2+ regions; with one region it is not survivable) and of data
 * (corruption or deletion), in that order.
 */
export function estimateRecovery(spec: ResolvedSpec): ScenarioEstimate[] {
  return [zoneLoss(spec), regionLoss(spec), dataCorruption(spec)];
}

type DatabaseKind = 'rds' | 'aurora' | 'none';

function databaseKind(spec: ResolvedSpec): DatabaseKind {
  if (!spec.database) return 'none';
  return spec.database.engine === DatabaseEngine.AURORA_MYSQL ? 'aurora' : 'rds';
}

/** The region that serves as primary: the promoted standby once the primary was lost. */
function servingRegion(spec: ResolvedSpec): string {
  return spec.promotedRegion ?? spec.regions[0].name;
}

function total(terms: readonly RecoveryTerm[]): number {
  return terms.reduce((sum, term) => sum + term.seconds, 0);
}

/** The path that takes longest (the first of equals). */
function longestPath(paths: RecoveryTerm[][]): RecoveryTerm[] {
  return paths.reduce((longest, path) => (total(path) > total(longest) ? path : longest), []);
}

function largest(terms: readonly RecoveryTerm[]): RecoveryTerm | undefined {
  return terms.reduce<RecoveryTerm | undefined>((max, term) => (!max || term.seconds > max.seconds ? term : max), undefined);
}

function route53DetectionTerm(spec: ResolvedSpec): RecoveryTerm {
  const interval = route53HealthCheckInterval(spec.loadBalancer.healthCheckIntervalSeconds);
  const threshold = route53FailureThreshold(spec.loadBalancer.unhealthyThreshold);
  return {
    what: `Route 53 health checks mark the region unhealthy (${threshold} failed checks × ${interval} s)`,
    seconds: threshold * interval,
  };
}

const ALIAS_TTL_TERM: RecoveryTerm = {
  what: `resolvers drop the cached answer (Route 53 alias to a load balancer: fixed ${ROUTE53_ALIAS_TTL_SECONDS} s TTL)`,
  seconds: ROUTE53_ALIAS_TTL_SECONDS,
};

/** New instances launch, boot and pass the target group's health checks. */
function appStartTerms(spec: ResolvedSpec, why: string): RecoveryTerm[] {
  const { healthyThreshold, healthCheckIntervalSeconds } = spec.loadBalancer;
  return [
    { what: `${why}: EC2 instances launch`, seconds: EC2_LAUNCH_SECONDS },
    { what: `application boots (Auto Scaling health check grace period of ${APP_BOOT_GRACE_SECONDS} s)`, seconds: APP_BOOT_GRACE_SECONDS },
    {
      what: `target group marks the instances healthy (${healthyThreshold} checks × ${healthCheckIntervalSeconds} s)`,
      seconds: healthyThreshold * healthCheckIntervalSeconds,
    },
  ];
}

function promotionTerm(kind: DatabaseKind): RecoveryTerm | undefined {
  if (kind === 'aurora') return { what: 'Aurora Global Database failover to the standby region', seconds: AURORA_GLOBAL_FAILOVER_SECONDS };
  if (kind === 'rds') return { what: 'RDS cross-region read replica promoted to a standalone instance', seconds: RDS_REPLICA_PROMOTION_SECONDS };
  return undefined;
}

function zoneLoss(spec: ResolvedSpec): ScenarioEstimate {
  const region = servingRegion(spec);
  const kind = databaseKind(spec);
  const { unhealthyThreshold, healthCheckIntervalSeconds } = spec.loadBalancer;
  const notes: string[] = [];
  const appPath: RecoveryTerm[] = [
    {
      what: `load balancer marks the lost zone's targets unhealthy (${unhealthyThreshold} failed checks × ${healthCheckIntervalSeconds} s)`,
      seconds: unhealthyThreshold * healthCheckIntervalSeconds,
    },
    { what: `clients drop the lost zone's load-balancer node (ELB DNS TTL ${ELB_DNS_TTL_SECONDS} s)`, seconds: ELB_DNS_TTL_SECONDS },
  ];
  if (spec.app.minCapacity < 2) {
    // With fewer than two instances the survivors may hold none: service waits for a replacement.
    appPath.push(...appStartTerms(spec, 'Auto Scaling replaces the lost instances in the other zones'));
    notes.push(`app.minCapacity (${spec.app.minCapacity}) < 2: the lost zone may hold every instance; 2 or more keep serving while Auto Scaling replaces them`);
  } else {
    notes.push('the instances in the other zones keep serving; Auto Scaling replaces the lost ones in the background');
  }
  const databasePath: RecoveryTerm[] = [];
  if (kind === 'rds') databasePath.push({ what: 'RDS Multi-AZ failover to the standby in another zone', seconds: RDS_MULTI_AZ_FAILOVER_SECONDS });
  if (kind === 'aurora') databasePath.push({ what: 'Aurora promotes a reader in another zone to writer', seconds: AURORA_FAILOVER_SECONDS });
  const terms = longestPath([appPath, databasePath]);
  const other = terms === appPath ? databasePath : appPath;
  if (other.length > 0) notes.push(`in parallel: ${other.map((t) => t.what).join(', ')} (${total(other)} s)`);
  const rpoTerms: RecoveryTerm[] = kind === 'rds'
    ? [{ what: 'RDS Multi-AZ replicates synchronously to the standby', seconds: 0 }]
    : kind === 'aurora'
      ? [{ what: 'Aurora storage keeps six copies across three zones', seconds: 0 }]
      : [];
  return { id: 'zone-loss', region, survives: true, rtoSeconds: total(terms), rpoSeconds: 0, terms, rpoTerms, notes };
}

function regionLoss(spec: ResolvedSpec): ScenarioEstimate {
  const lost = servingRegion(spec);
  // Once a standby has been promoted the old primary is gone: only the remaining standbys can take over.
  const survivors = spec.regions.filter((r) => r.name !== lost && !(spec.promotedRegion && r.primary));
  if (survivors.length === 0) {
    const why = spec.regions.length < 2
      ? 'one region: backups and replicas stay in that region, so nothing outside it can take over; add a region to survive its loss'
      : `${lost} serves as promoted primary and no other standby region is left`;
    return { id: 'region-loss', region: lost, survives: false, rtoSeconds: null, rpoSeconds: null, terms: [], notes: [why] };
  }
  const kind = databaseKind(spec);
  const strategy = spec.drStrategy;
  const detection = route53DetectionTerm(spec);
  const promotion = promotionTerm(kind);
  const notes: string[] = [];
  let terms: RecoveryTerm[];
  switch (strategy) {
    case DrStrategy.BACKUP_RESTORE: {
      const provision: RecoveryTerm = {
        what: 'terraform apply builds the load balancer and app tier in the standby region (assumed)',
        seconds: STANDBY_PROVISION_SECONDS,
      };
      const restore: RecoveryTerm[] = kind === 'none' ? [] : [{
        what: kind === 'rds'
          ? 'database restored in the standby region from replicated automated backups (assumed)'
          : 'database restored in the standby region from the AWS Backup copy (assumed)',
        seconds: DATABASE_RESTORE_SECONDS,
      }];
      // Terraform builds the load balancer and restores the database side by side; the app waits for both.
      terms = [detection, ...longestPath([[provision], restore]), ...appStartTerms(spec, 'app tier starts'), ALIAS_TTL_TERM];
      notes.push('a person decides to recover and runs terraform apply with promotedRegion set; the DNS record then points at the standby');
      break;
    }
    case DrStrategy.PILOT_LIGHT:
      terms = [detection, ALIAS_TTL_TERM, ...(promotion ? [promotion] : []), ...appStartTerms(spec, 'app tier scales up from 0')];
      notes.push('Route 53 fails over to the SECONDARY record by itself; the database promotion and the scale-up are started by a person or automation');
      break;
    default: {
      terms = [detection, ALIAS_TTL_TERM, ...(promotion ? [promotion] : [])];
      if (promotion) {
        notes.push(`reads and stateless requests are served after ${detection.seconds + ALIAS_TTL_TERM.seconds} s (health checks + DNS); writes wait for the promotion`);
      }
      if (strategy === DrStrategy.WARM_STANDBY) {
        notes.push(`scaling the standby out to full capacity takes about ${total(appStartTerms(spec, ''))} s more (launch, boot, health checks); not counted`);
      }
    }
  }
  const rpoTerms = regionLossRpoTerms(spec, kind);
  if (spec.regions.length > 1) {
    notes.push(`backup-bucket objects replicate with S3 Replication Time Control (99.99 % within ${S3_RTC_SECONDS / 60} minutes)`);
  }
  const survives = kind === 'none' && (strategy === DrStrategy.WARM_STANDBY || strategy === DrStrategy.ACTIVE_ACTIVE);
  return {
    id: 'region-loss',
    region: lost,
    survives,
    rtoSeconds: total(terms),
    rpoSeconds: largest(rpoTerms)?.seconds ?? 0,
    terms,
    rpoTerms,
    notes,
  };
}

function regionLossRpoTerms(spec: ResolvedSpec, kind: DatabaseKind): RecoveryTerm[] {
  if (kind === 'none') return [];
  if (spec.drStrategy === DrStrategy.BACKUP_RESTORE) {
    if (kind === 'rds') {
      return [{ what: 'RDS automated-backup replication (transaction logs every 5 minutes)', seconds: RDS_TRANSACTION_LOG_INTERVAL_SECONDS }];
    }
    return [{ what: backupScheduleWhat(spec, 'AWS Backup copies to the standby region'), seconds: maxIntervalSeconds(spec.backup.scheduleCron) }];
  }
  if (kind === 'aurora') {
    return [{ what: 'Aurora Global Database replication lag (typically under 1 s)', seconds: AURORA_GLOBAL_REPLICATION_LAG_SECONDS }];
  }
  return [{ what: 'RDS cross-region read replica lag (asynchronous; assumed)', seconds: RDS_CROSS_REGION_REPLICA_LAG_SECONDS }];
}

function backupScheduleWhat(spec: ResolvedSpec, what: string): string {
  const cron = spec.backup.scheduleCron;
  return `${what} on the backup schedule "${cron}" (${describeCron(cron)})`;
}

function dataCorruption(spec: ResolvedSpec): ScenarioEstimate {
  const region = servingRegion(spec);
  const kind = databaseKind(spec);
  const scheduleSeconds = maxIntervalSeconds(spec.backup.scheduleCron);
  const scheduled: RecoveryTerm = { what: backupScheduleWhat(spec, 'AWS Backup recovery point'), seconds: scheduleSeconds };
  const notes: string[] = ['replicas and standby regions copy corruption at once: recovery restores from backups in a new resource'];
  // AWS Backup keeps continuous backups (PITR) for at most 35 days; a longer retention means scheduled snapshots only.
  const continuous = spec.backup.retentionDays <= 35;
  let rpoTerms: RecoveryTerm[];
  if (kind !== 'none') {
    rpoTerms = [{
      what: `point-in-time restore (RDS transaction logs every 5 minutes, for ${spec.database!.backupRetentionDays} days)`,
      seconds: RDS_TRANSACTION_LOG_INTERVAL_SECONDS,
    }];
    notes.push(`corruption found after ${spec.database!.backupRetentionDays} days: restore a scheduled recovery point (${scheduleSeconds} s apart, kept ${spec.backup.retentionDays} days)`);
  } else if (continuous) {
    rpoTerms = [{ what: 'AWS Backup continuous backup (point-in-time restore)', seconds: RDS_TRANSACTION_LOG_INTERVAL_SECONDS }];
  } else {
    rpoTerms = [scheduled];
    notes.push(`backup.retentionDays (${spec.backup.retentionDays}) > 35 turns continuous backup off: only the scheduled recovery points remain`);
  }
  const restore: RecoveryTerm = kind === 'none'
    ? { what: 'restore from AWS Backup (assumed)', seconds: DATABASE_RESTORE_SECONDS }
    : { what: 'database restored to a new instance before the corruption (assumed)', seconds: DATABASE_RESTORE_SECONDS };
  const terms = kind === 'none' ? [restore] : [restore, ...appStartTerms(spec, 'app tier rolls out pointing at the restored database')];
  return {
    id: 'data-corruption',
    region,
    survives: false,
    rtoSeconds: total(terms),
    rpoSeconds: Math.min(...rpoTerms.map((t) => t.seconds)),
    terms,
    rpoTerms,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Objectives

interface Objective {
  readonly key: 'rtoSeconds' | 'rpoSeconds';
  readonly value: (estimate: ScenarioEstimate) => number | null;
  readonly dominant: (estimate: ScenarioEstimate) => RecoveryTerm | undefined;
}

const OBJECTIVES: readonly Objective[] = [
  { key: 'rtoSeconds', value: (e) => e.rtoSeconds, dominant: (e) => largest(e.terms) },
  { key: 'rpoSeconds', value: (e) => e.rpoSeconds, dominant: (e) => largest(e.rpoTerms ?? []) },
];

/**
 * The scenario the objectives are checked against (API.md): the loss of the primary region with 2+
 * regions, of a zone with one.
 */
export function checkedScenario(spec: ResolvedSpec): ScenarioEstimate {
  return spec.regions.length >= 2 ? regionLoss(spec) : zoneLoss(spec);
}

/**
 * Each given recovery objective the configuration does not meet, with the estimate, the term that
 * dominates it and the first configuration (a stronger strategy, a 10 s health-check interval) that
 * would meet it, or the statement that none does.
 */
export function objectiveProblems(spec: ResolvedSpec): ObjectiveProblem[] {
  const problems: ObjectiveProblem[] = [];
  const estimate = checkedScenario(spec);
  for (const objective of OBJECTIVES) {
    const target = spec[objective.key];
    if (target === undefined) continue;
    const value = objective.value(estimate);
    if (value !== null && value <= target) continue;
    problems.push({
      path: `recoveryObjectives.${objective.key}`,
      message: `(${target}) cannot be met: ${describeEstimate(spec, estimate, objective)}; ${suggestion(spec, objective, target)}`,
    });
  }
  return problems;
}

function configurationName(spec: ResolvedSpec): string {
  return spec.regions.length >= 2 ? spec.drStrategy : 'one region';
}

function describeEstimate(spec: ResolvedSpec, estimate: ScenarioEstimate, objective: Objective): string {
  const loss = estimate.id === 'zone-loss' ? `a zone of ${estimate.region}` : estimate.region;
  const value = objective.value(estimate);
  if (value === null) return `${configurationName(spec)} cannot recover on losing ${loss} (${estimate.notes?.[0] ?? 'no copy outside it'})`;
  const dominant = objective.dominant(estimate);
  return `${configurationName(spec)} gives ${value} s on losing ${loss}${dominant ? ` (dominated by: ${dominant.what})` : ''}`;
}

interface Candidate {
  readonly label: string;
  readonly spec: ResolvedSpec;
}

/**
 * Configurations to try, cheapest change first: the current and each stronger strategy, each with
 * a 10 s health-check interval too (RTO); then the same with an Aurora database (RDS engines).
 */
function candidates(spec: ResolvedSpec, objective: Objective): Candidate[] {
  const result: Candidate[] = [];
  const strategies = spec.regions.length >= 2 ? DR_STRATEGY_ORDER.slice(DR_STRATEGY_ORDER.indexOf(spec.drStrategy)) : [spec.drStrategy];
  const strongest = DR_STRATEGY_ORDER[DR_STRATEGY_ORDER.length - 1];
  const fasterChecks = objective.key === 'rtoSeconds' && spec.loadBalancer.healthCheckIntervalSeconds > ROUTE53_FAST_INTERVAL_SECONDS;
  const fast = `loadBalancer.healthCheckIntervalSeconds ≤ ${ROUTE53_FAST_INTERVAL_SECONDS}`;
  for (const strategy of strategies) {
    const name = strategy === strongest ? strategy : `${strategy} or better`;
    const withStrategy: ResolvedSpec = { ...spec, drStrategy: strategy };
    if (strategy !== spec.drStrategy) result.push({ label: name, spec: withStrategy });
    if (fasterChecks) {
      result.push({
        label: strategy === spec.drStrategy ? fast : `${name} with ${fast}`,
        spec: { ...withStrategy, loadBalancer: { ...spec.loadBalancer, healthCheckIntervalSeconds: ROUTE53_FAST_INTERVAL_SECONDS } },
      });
    }
  }
  // Last resort, a different engine: Aurora fails over and replicates across regions fastest.
  if (spec.database && spec.database.engine !== DatabaseEngine.AURORA_MYSQL) {
    const aurora = { ...spec.database, engine: DatabaseEngine.AURORA_MYSQL };
    for (const candidate of [{ label: '', spec }, ...result]) {
      const label = candidate.label ? `${candidate.label} with database.engine aurora-mysql` : 'database.engine aurora-mysql';
      result.push({ label, spec: { ...candidate.spec, database: aurora } });
    }
  }
  return result;
}

function suggestion(spec: ResolvedSpec, objective: Objective, target: number): string {
  let best: { label: string; value: number } | undefined;
  for (const candidate of candidates(spec, objective)) {
    const value = objective.value(checkedScenario(candidate.spec));
    if (value === null) continue;
    if (value <= target) return `${candidate.label} gives ${value} s`;
    if (!best || value < best.value) best = { label: candidate.label, value };
  }
  const current = objective.value(checkedScenario(spec));
  const bestText = best && (current === null || best.value < current)
    ? `the best, ${best.label}, gives ${best.value} s`
    : current === null ? 'no configuration recovers' : `no change of strategy or health checks improves on ${current} s`;
  return `the objective is below what any configuration delivers (${bestText})`;
}

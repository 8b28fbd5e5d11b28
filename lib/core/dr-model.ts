// The disaster-recovery model: the recovery time and recovery point a resolved spec delivers when
// a zone, a region or the data is lost, and the check of `recoveryObjectives` against it.
// Cloud-neutral code, no provider import. The figures are each cloud's published ones (every constant
// names its source); where a range is published the upper end is used, and where none is the constant
// says that it is an assumption. `CLOUD_FIGURES` picks the figures and the names by `spec.cloud`.
import { describeCron, maxIntervalSeconds } from './cron';
import { ResolvedSpec, SPEC_DEFAULTS } from './defaults';
import { Cloud, DatabaseEngine, DrStrategy } from './enums';

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

// ---------------------------------------------------------------------------------------------
// Figures: Alibaba Cloud

/**
 * GTM 2.0 probes every 60 s: the only `interval` the provider accepts (aliyun/alicloud 1.283.0,
 * `alicloud_alidns_gtm_instance` health_check_config: IntInSlice[60]; see lib/alicloud/failover-dns.ts).
 */
export const GTM_INTERVAL_SECONDS = 60;
/** GTM 2.0 `evaluation_count` accepts 1, 2 or 3 failed checks; same source as {@link GTM_INTERVAL_SECONDS}. */
export const GTM_FAILURE_THRESHOLD_RANGE = { min: 1, max: 3 } as const;
/**
 * RDS High-availability edition switches over to the secondary instance in the other zone. Alibaba
 * Cloud states "within 30 seconds" (ApsaraDB RDS, High-availability Edition); the page was not found
 * in the searchable documentation here, so treat it as to be confirmed. The switchover topics found
 * ("Primary/secondary switchovers", help.aliyun.com/en/document_detail/350937.html) give no duration.
 */
export const RDS_HA_SWITCHOVER_SECONDS = 30;
/**
 * Lag of the DTS synchronization that keeps the standby region's RDS instance in sync. Alibaba Cloud
 * publishes no figure (DTS Insight starts diagnosing latency above 600 s: DTS User Guide, "View DTS
 * Insight latency messages"); 10 s is assumed. Alarm on the DTS task's synchronization latency.
 */
export const DTS_SYNC_LATENCY_SECONDS = 10;
/**
 * Taking over the writes in the standby region: the runbook's `terraform apply` with `promotedRegion`
 * removes the DTS task and points the app at the standby instance (no RDS promotion to wait for). No
 * published figure; 5 minutes is assumed.
 */
export const DTS_CUTOVER_APPLY_SECONDS = 300;
/**
 * How far behind the RDS log backups are, in the region and as cross-region log backups
 * (`alicloud_rds_instance_cross_backup_policy`, log backup on). Alibaba Cloud publishes no upload
 * interval (ApsaraDB RDS for MySQL, "Overview" of backups: log backups are "uploaded" and restore is
 * "accurate to seconds"); 5 minutes is assumed, as on AWS.
 */
export const RDS_LOG_BACKUP_INTERVAL_SECONDS = 300;
/**
 * OSS Replication Time Control replicates 99.99 % of new objects within 10 minutes (only between
 * some region pairs). Source: OSS User Guide, "RTC" (alibabacloud.com/help/doc-detail/462074.html).
 */
export const OSS_RTC_SECONDS = 600;
/**
 * From an ESS scale-out to a running ECS instance. No published figure; two minutes is assumed, as
 * {@link EC2_LAUNCH_SECONDS}.
 */
export const ECS_LAUNCH_SECONDS = 120;
/**
 * Time the application is given to boot on ECS. `alicloud.AppTier` sets no grace period (ESS checks
 * ECS status and the ALB server group); five minutes is assumed, as {@link APP_BOOT_GRACE_SECONDS}.
 */
export const ECS_APP_BOOT_SECONDS = 300;
/**
 * Restoring an RDS instance from a (cross-region) backup or to a point in time, or restoring from
 * HBR. No published duration; one hour is assumed, as {@link DATABASE_RESTORE_SECONDS}.
 */
export const ALICLOUD_RESTORE_SECONDS = 3600;
/**
 * `terraform apply` that builds the ALB and the ESS app tier in a backup-restore standby region. No
 * published figure; 15 minutes is assumed, as {@link STANDBY_PROVISION_SECONDS}.
 */
export const ALICLOUD_STANDBY_PROVISION_SECONDS = 900;

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

/**
 * What the model reads: a resolved spec has all of it (validation estimates the spec), and the report
 * builds it from synthesized stacks, adding what it observed there that a valid spec never produces.
 */
export interface RecoveryInputs {
  readonly cloud: Cloud;
  /** Deployment regions; the first `primary` one serves unless `promotedRegion` is set. */
  readonly regions: readonly { readonly name: string; readonly primary: boolean }[];
  readonly drStrategy: DrStrategy;
  readonly promotedRegion?: string;
  readonly loadBalancer: {
    readonly healthCheckIntervalSeconds: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
  };
  readonly app: { readonly minCapacity: number };
  readonly database?: { readonly engine: DatabaseEngine; readonly backupRetentionDays: number };
  readonly backup: { readonly retentionDays: number; readonly scheduleCron: string };
  readonly dns?: { readonly ttlSeconds: number };
  readonly observed?: ObservedFacts;
}

/** Weaknesses seen in synthesized stacks (hand-written or modified resources); absent means "as the spec builds it". */
export interface ObservedFacts {
  /** false: the writer database has no standby in another zone (RDS without Multi-AZ, Aurora without a reader elsewhere). */
  readonly databaseMultiZone?: boolean;
  /** Zones the serving region's app group can launch into. */
  readonly appZones?: number;
  /** The backup schedule when it is not a 5-field cron (Alibaba HBR): its longest interval and a description. */
  readonly backupSchedule?: { readonly seconds: number; readonly text: string };
  /** false: nothing keeps backups (no backup plan, database backups off): deleted data is lost. */
  readonly backups?: boolean;
  /** false: with 2+ regions, no DNS answer with a health check moves users to a standby by itself. */
  readonly dnsFailover?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Route 53 and GTM mapping

/** The Route 53 request interval nearest to a load-balancer health-check interval: ≤ 10 s → 10, else 30. */
export function route53HealthCheckInterval(seconds: number): number {
  return seconds <= ROUTE53_FAST_INTERVAL_SECONDS ? ROUTE53_FAST_INTERVAL_SECONDS : ROUTE53_STANDARD_INTERVAL_SECONDS;
}

/** The load balancer's unhealthy threshold clamped to Route 53's `FailureThreshold` range (1–10). */
export function route53FailureThreshold(unhealthyThreshold: number): number {
  const { min, max } = ROUTE53_FAILURE_THRESHOLD_RANGE;
  return Math.min(max, Math.max(min, Math.round(unhealthyThreshold)));
}

/** The load balancer's unhealthy threshold clamped to GTM 2.0's `evaluation_count` range (1–3). */
export function gtmFailureThreshold(unhealthyThreshold: number): number {
  const { min, max } = GTM_FAILURE_THRESHOLD_RANGE;
  return Math.min(max, Math.max(min, Math.round(unhealthyThreshold)));
}

// ---------------------------------------------------------------------------------------------
// The figures of each cloud

/** What a cloud's deployment does at each step of a recovery, with its figures and its names. */
interface CloudFigures {
  /** Whoever replaces instances ("Auto Scaling", "ESS"). */
  readonly scaler: string;
  readonly launch: (why: string) => RecoveryTerm;
  readonly boot: RecoveryTerm;
  /** Whoever marks new instances healthy ("target group"). */
  readonly serverGroup: string;
  readonly zoneDetection: (spec: RecoveryInputs) => RecoveryTerm;
  /** Clients still resolving the lost zone's load-balancer address, where a figure is published. */
  readonly zoneDnsTerm?: RecoveryTerm;
  readonly zoneNote?: string;
  readonly zoneFailover: RecoveryTerm;
  readonly zoneReplication: RecoveryTerm;
  readonly regionDetection: (spec: RecoveryInputs) => RecoveryTerm;
  readonly regionDnsTerm: (spec: RecoveryInputs) => RecoveryTerm;
  /** Taking over the writes in a standby region (RDS engines). */
  readonly rdsTakeover: RecoveryTerm;
  /** How the takeover is named in the notes. */
  readonly takeoverName: string;
  readonly crossRegionLag: RecoveryTerm;
  readonly crossRegionBackup: RecoveryTerm;
  readonly standbyRestore: RecoveryTerm;
  readonly standbyProvision: RecoveryTerm;
  readonly backupRestoreNote: string;
  readonly pilotLightNote: string;
  readonly objectReplicationNote: string;
  readonly pointInTime: (retentionDays: number) => RecoveryTerm;
  readonly backupService: string;
  /** Longest retention that keeps a continuous backup of the data outside the database; undefined: none. */
  readonly continuousBackupMaxDays?: number;
  readonly restoreSeconds: number;
  readonly databaseRestoreWhat: string;
  readonly supportsAurora: boolean;
  /** The region-loss health checks follow `loadBalancer.healthCheckIntervalSeconds`. */
  readonly regionChecksFollowInterval: boolean;
}

function loadBalancerDetection(spec: RecoveryInputs, what: string): RecoveryTerm {
  const { unhealthyThreshold, healthCheckIntervalSeconds } = spec.loadBalancer;
  return {
    what: `${what} (${unhealthyThreshold} failed checks × ${healthCheckIntervalSeconds} s)`,
    seconds: unhealthyThreshold * healthCheckIntervalSeconds,
  };
}

const AWS_FIGURES: CloudFigures = {
  scaler: 'Auto Scaling',
  launch: (why) => ({ what: `${why}: EC2 instances launch`, seconds: EC2_LAUNCH_SECONDS }),
  boot: { what: `application boots (Auto Scaling health check grace period of ${APP_BOOT_GRACE_SECONDS} s)`, seconds: APP_BOOT_GRACE_SECONDS },
  serverGroup: 'target group',
  zoneDetection: (spec) => loadBalancerDetection(spec, "load balancer marks the lost zone's targets unhealthy"),
  zoneDnsTerm: { what: `clients drop the lost zone's load-balancer node (ELB DNS TTL ${ELB_DNS_TTL_SECONDS} s)`, seconds: ELB_DNS_TTL_SECONDS },
  zoneFailover: { what: 'RDS Multi-AZ failover to the standby in another zone', seconds: RDS_MULTI_AZ_FAILOVER_SECONDS },
  zoneReplication: { what: 'RDS Multi-AZ replicates synchronously to the standby', seconds: 0 },
  regionDetection: (spec) => {
    const interval = route53HealthCheckInterval(spec.loadBalancer.healthCheckIntervalSeconds);
    const threshold = route53FailureThreshold(spec.loadBalancer.unhealthyThreshold);
    return {
      what: `Route 53 health checks mark the region unhealthy (${threshold} failed checks × ${interval} s)`,
      seconds: threshold * interval,
    };
  },
  regionDnsTerm: () => ({
    what: `resolvers drop the cached answer (Route 53 alias to a load balancer: fixed ${ROUTE53_ALIAS_TTL_SECONDS} s TTL)`,
    seconds: ROUTE53_ALIAS_TTL_SECONDS,
  }),
  rdsTakeover: { what: 'RDS cross-region read replica promoted to a standalone instance', seconds: RDS_REPLICA_PROMOTION_SECONDS },
  takeoverName: 'the promotion',
  crossRegionLag: { what: 'RDS cross-region read replica lag (asynchronous; assumed)', seconds: RDS_CROSS_REGION_REPLICA_LAG_SECONDS },
  crossRegionBackup: { what: 'RDS automated-backup replication (transaction logs every 5 minutes)', seconds: RDS_TRANSACTION_LOG_INTERVAL_SECONDS },
  standbyRestore: { what: 'database restored in the standby region from replicated automated backups (assumed)', seconds: DATABASE_RESTORE_SECONDS },
  standbyProvision: {
    what: 'terraform apply builds the load balancer and app tier in the standby region (assumed)',
    seconds: STANDBY_PROVISION_SECONDS,
  },
  backupRestoreNote: 'a person decides to recover and runs terraform apply with promotedRegion set; the DNS record then points at the standby',
  pilotLightNote: 'Route 53 fails over to the SECONDARY record by itself; the database promotion and the scale-up are started by a person or automation',
  objectReplicationNote: `backup-bucket objects replicate with S3 Replication Time Control (99.99 % within ${S3_RTC_SECONDS / 60} minutes)`,
  pointInTime: (days) => ({
    what: `point-in-time restore (RDS transaction logs every 5 minutes, for ${days} days)`,
    seconds: RDS_TRANSACTION_LOG_INTERVAL_SECONDS,
  }),
  backupService: 'AWS Backup',
  // AWS Backup keeps continuous backups (PITR) for at most 35 days.
  continuousBackupMaxDays: 35,
  restoreSeconds: DATABASE_RESTORE_SECONDS,
  databaseRestoreWhat: 'database restored to a new instance before the corruption (assumed)',
  supportsAurora: true,
  regionChecksFollowInterval: true,
};

const ALICLOUD_FIGURES: CloudFigures = {
  scaler: 'ESS',
  launch: (why) => ({ what: `${why}: ECS instances launch (assumed)`, seconds: ECS_LAUNCH_SECONDS }),
  boot: { what: `application boots (assumed ${ECS_APP_BOOT_SECONDS} s)`, seconds: ECS_APP_BOOT_SECONDS },
  serverGroup: 'ALB server group',
  zoneDetection: (spec) => loadBalancerDetection(spec, "ALB health checks mark the lost zone's backend servers unhealthy"),
  zoneNote: 'clients that resolved the lost zone\'s ALB address keep it for the ALB domain\'s TTL, which Alibaba Cloud does not publish (not counted)',
  zoneFailover: { what: 'RDS HA switchover to the secondary instance in the other zone', seconds: RDS_HA_SWITCHOVER_SECONDS },
  zoneReplication: { what: 'RDS High-availability edition replicates to the secondary instance (semi-synchronous)', seconds: 0 },
  regionDetection: (spec) => {
    const threshold = gtmFailureThreshold(spec.loadBalancer.unhealthyThreshold);
    return {
      what: `GTM health checks mark the region's address pool unavailable (${threshold} failed checks × ${GTM_INTERVAL_SECONDS} s)`,
      seconds: threshold * GTM_INTERVAL_SECONDS,
    };
  },
  regionDnsTerm: (spec) => {
    const ttl = spec.dns?.ttlSeconds ?? SPEC_DEFAULTS.dnsTtlSeconds;
    return { what: `resolvers drop the cached answer (GTM CNAME to the ALB: dns.ttlSeconds ${ttl} s)`, seconds: ttl };
  },
  rdsTakeover: {
    what: 'terraform apply stops the DTS synchronization and points writes at the standby RDS instance (assumed)',
    seconds: DTS_CUTOVER_APPLY_SECONDS,
  },
  takeoverName: 'the DTS cutover',
  crossRegionLag: { what: 'DTS synchronization latency to the standby RDS instance (assumed)', seconds: DTS_SYNC_LATENCY_SECONDS },
  crossRegionBackup: { what: 'RDS cross-region log backup (logs assumed 5 minutes behind)', seconds: RDS_LOG_BACKUP_INTERVAL_SECONDS },
  standbyRestore: { what: 'RDS instance restored in the standby region from the RDS cross-region backup (assumed)', seconds: ALICLOUD_RESTORE_SECONDS },
  standbyProvision: {
    what: 'terraform apply builds the ALB and the ESS app tier in the standby region (assumed)',
    seconds: ALICLOUD_STANDBY_PROVISION_SECONDS,
  },
  backupRestoreNote: 'a person decides to recover and runs terraform apply with promotedRegion set; GTM then answers with the standby',
  pilotLightNote: 'GTM fails over to the standby address pool by itself; the DTS cutover and the scale-up are started by a person or automation',
  objectReplicationNote: `backup-bucket objects replicate with OSS Replication Time Control where every region pair offers it (99.99 % within ${OSS_RTC_SECONDS / 60} minutes), else best-effort`,
  pointInTime: (days) => ({
    what: `RDS point-in-time restore (log backup, assumed 5 minutes behind, for ${days} days)`,
    seconds: RDS_LOG_BACKUP_INTERVAL_SECONDS,
  }),
  backupService: 'HBR',
  continuousBackupMaxDays: undefined,
  restoreSeconds: ALICLOUD_RESTORE_SECONDS,
  databaseRestoreWhat: 'RDS point-in-time restore to a new instance before the corruption (assumed)',
  supportsAurora: false,
  regionChecksFollowInterval: false,
};

/** The figures of each cloud. */
const CLOUD_FIGURES: { readonly [cloud: string]: CloudFigures } = {
  [Cloud.AWS]: AWS_FIGURES,
  [Cloud.ALICLOUD]: ALICLOUD_FIGURES,
};

function figures(spec: RecoveryInputs): CloudFigures {
  return CLOUD_FIGURES[spec.cloud] ?? AWS_FIGURES;
}

// ---------------------------------------------------------------------------------------------
// Estimates

/**
 * Recovery time and recovery point of the configuration for the loss of a zone (of the primary
 * region), of the primary region (2+ regions; with one region it is not survivable) and of data
 * (corruption or deletion), in that order.
 */
export function estimateRecovery(spec: RecoveryInputs): ScenarioEstimate[] {
  return [zoneLoss(spec), regionLoss(spec), dataCorruption(spec)];
}

type DatabaseKind = 'rds' | 'aurora' | 'none';

function databaseKind(spec: RecoveryInputs): DatabaseKind {
  if (!spec.database) return 'none';
  // Aurora exists on AWS only (validation rejects it elsewhere).
  return spec.database.engine === DatabaseEngine.AURORA_MYSQL && figures(spec).supportsAurora ? 'aurora' : 'rds';
}

/** The region that serves as primary: the promoted standby once the primary was lost. */
function servingRegion(spec: RecoveryInputs): string {
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

/** New instances launch, boot and pass the target group's health checks. */
function appStartTerms(spec: RecoveryInputs, why: string): RecoveryTerm[] {
  const cloud = figures(spec);
  const { healthyThreshold, healthCheckIntervalSeconds } = spec.loadBalancer;
  return [
    cloud.launch(why),
    cloud.boot,
    {
      what: `${cloud.serverGroup} marks the instances healthy (${healthyThreshold} checks × ${healthCheckIntervalSeconds} s)`,
      seconds: healthyThreshold * healthCheckIntervalSeconds,
    },
  ];
}

function promotionTerm(spec: RecoveryInputs, kind: DatabaseKind): RecoveryTerm | undefined {
  if (kind === 'aurora') return { what: 'Aurora Global Database failover to the standby region', seconds: AURORA_GLOBAL_FAILOVER_SECONDS };
  if (kind === 'rds') return figures(spec).rdsTakeover;
  return undefined;
}

function zoneLoss(spec: RecoveryInputs): ScenarioEstimate {
  const cloud = figures(spec);
  const region = servingRegion(spec);
  const kind = databaseKind(spec);
  const observed = spec.observed ?? {};
  const notes: string[] = [];
  const singleZoneDatabase = kind !== 'none' && observed.databaseMultiZone === false;
  const rpoTerms: RecoveryTerm[] = kind === 'none' ? []
    : singleZoneDatabase ? [cloud.pointInTime(spec.database!.backupRetentionDays)]
      : kind === 'rds' ? [cloud.zoneReplication]
        : [{ what: 'Aurora storage keeps six copies across three zones', seconds: 0 }];
  const rpoSeconds = largest(rpoTerms)?.seconds ?? 0;
  if (observed.appZones !== undefined && observed.appZones < 2) {
    notes.push(`the app group launches into ${observed.appZones} zone only: when that zone is lost no instance can start elsewhere until the group gets subnets in other zones`);
    return { id: 'zone-loss', region, survives: false, rtoSeconds: null, rpoSeconds, terms: [], rpoTerms, notes };
  }
  const appPath: RecoveryTerm[] = [cloud.zoneDetection(spec), ...(cloud.zoneDnsTerm ? [cloud.zoneDnsTerm] : [])];
  if (spec.app.minCapacity < 2) {
    // With fewer than two instances the survivors may hold none: service waits for a replacement.
    appPath.push(...appStartTerms(spec, `${cloud.scaler} replaces the lost instances in the other zones`));
    notes.push(`app.minCapacity (${spec.app.minCapacity}) < 2: the lost zone may hold every instance; 2 or more keep serving while ${cloud.scaler} replaces them`);
  } else {
    notes.push(`the instances in the other zones keep serving; ${cloud.scaler} replaces the lost ones in the background`);
  }
  if (cloud.zoneNote) notes.push(cloud.zoneNote);
  const databasePath: RecoveryTerm[] = [];
  if (singleZoneDatabase) {
    // No standby: the database is rebuilt from its backups and the app is pointed at the new one.
    databasePath.push({ what: 'the single-zone database is restored from its backups into another zone (assumed)', seconds: cloud.restoreSeconds },
      ...appStartTerms(spec, 'app tier rolls out pointing at the restored database'));
    notes.push('the database has no standby in another zone: a person restores it (point-in-time) and points the app at it');
  } else if (kind === 'rds') {
    databasePath.push(cloud.zoneFailover);
  } else if (kind === 'aurora') {
    databasePath.push({ what: 'Aurora promotes a reader in another zone to writer', seconds: AURORA_FAILOVER_SECONDS });
  }
  const terms = longestPath([appPath, databasePath]);
  const other = terms === appPath ? databasePath : appPath;
  if (other.length > 0) notes.push(`in parallel: ${other.map((t) => t.what).join(', ')} (${total(other)} s)`);
  return { id: 'zone-loss', region, survives: !singleZoneDatabase, rtoSeconds: total(terms), rpoSeconds, terms, rpoTerms, notes };
}

function regionLoss(spec: RecoveryInputs): ScenarioEstimate {
  const lost = servingRegion(spec);
  // Once a standby has been promoted the old primary is gone: only the remaining standbys can take over.
  const survivors = spec.regions.filter((r) => r.name !== lost && !(spec.promotedRegion && r.primary));
  if (survivors.length === 0) {
    const why = spec.regions.length < 2
      ? 'one region: backups and replicas stay in that region, so nothing outside it can take over; add a region to survive its loss'
      : `${lost} serves as promoted primary and no other standby region is left`;
    return { id: 'region-loss', region: lost, survives: false, rtoSeconds: null, rpoSeconds: null, terms: [], notes: [why] };
  }
  const cloud = figures(spec);
  const kind = databaseKind(spec);
  const strategy = spec.drStrategy;
  const detection = cloud.regionDetection(spec);
  const dns = cloud.regionDnsTerm(spec);
  const promotion = promotionTerm(spec, kind);
  const notes: string[] = [];
  let terms: RecoveryTerm[];
  switch (strategy) {
    case DrStrategy.BACKUP_RESTORE: {
      const restore: RecoveryTerm[] = kind === 'none' ? [] : [kind === 'rds' ? cloud.standbyRestore : {
        what: 'database restored in the standby region from the AWS Backup copy (assumed)',
        seconds: DATABASE_RESTORE_SECONDS,
      }];
      // Terraform builds the load balancer and restores the database side by side; the app waits for both.
      terms = [detection, ...longestPath([[cloud.standbyProvision], restore]), ...appStartTerms(spec, 'app tier starts'), dns];
      notes.push(cloud.backupRestoreNote);
      break;
    }
    case DrStrategy.PILOT_LIGHT:
      terms = [detection, dns, ...(promotion ? [promotion] : []), ...appStartTerms(spec, 'app tier scales up from 0')];
      notes.push(cloud.pilotLightNote);
      break;
    default: {
      terms = [detection, dns, ...(promotion ? [promotion] : [])];
      if (promotion) {
        notes.push(`reads and stateless requests are served after ${detection.seconds + dns.seconds} s (health checks + DNS); writes wait for ${cloud.takeoverName}`);
      }
      if (strategy === DrStrategy.WARM_STANDBY) {
        notes.push(`scaling the standby out to full capacity takes about ${total(appStartTerms(spec, ''))} s more (launch, boot, health checks); not counted`);
      }
    }
  }
  const rpoTerms = regionLossRpoTerms(spec, kind);
  if (spec.regions.length > 1) notes.push(cloud.objectReplicationNote);
  // Under backup-restore the promotion's apply points DNS at the standby (a term of its own).
  const automaticDns = strategy === DrStrategy.BACKUP_RESTORE || spec.observed?.dnsFailover !== false;
  if (!automaticDns) {
    notes.unshift('no health-checked DNS answer sends users to the standby: a person has to move them (not counted); the figures assume they are moved');
  }
  const survives = automaticDns && kind === 'none' && (strategy === DrStrategy.WARM_STANDBY || strategy === DrStrategy.ACTIVE_ACTIVE);
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

function regionLossRpoTerms(spec: RecoveryInputs, kind: DatabaseKind): RecoveryTerm[] {
  const cloud = figures(spec);
  if (kind === 'none') return [];
  if (spec.drStrategy === DrStrategy.BACKUP_RESTORE) {
    if (kind === 'rds') return [cloud.crossRegionBackup];
    return [{ what: backupScheduleWhat(spec, 'AWS Backup copies to the standby region'), seconds: backupIntervalSeconds(spec) }];
  }
  if (kind === 'aurora') {
    return [{ what: 'Aurora Global Database replication lag (typically under 1 s)', seconds: AURORA_GLOBAL_REPLICATION_LAG_SECONDS }];
  }
  return [cloud.crossRegionLag];
}

function backupScheduleWhat(spec: RecoveryInputs, what: string): string {
  const cron = spec.backup.scheduleCron;
  return `${what} on the backup schedule ${spec.observed?.backupSchedule?.text ?? `"${cron}" (${describeCron(cron)})`}`;
}

/** The longest time between two scheduled backups. */
function backupIntervalSeconds(spec: RecoveryInputs): number {
  return spec.observed?.backupSchedule?.seconds ?? maxIntervalSeconds(spec.backup.scheduleCron);
}

function dataCorruption(spec: RecoveryInputs): ScenarioEstimate {
  const cloud = figures(spec);
  const region = servingRegion(spec);
  const kind = databaseKind(spec);
  if (spec.observed?.backups === false) {
    return {
      id: 'data-corruption', region, survives: false, rtoSeconds: null, rpoSeconds: null, terms: [], rpoTerms: [],
      notes: ['no backup plan and no database backups: deleted or corrupted data cannot be recovered'],
    };
  }
  const scheduleSeconds = backupIntervalSeconds(spec);
  const scheduled: RecoveryTerm = { what: backupScheduleWhat(spec, `${cloud.backupService} recovery point`), seconds: scheduleSeconds };
  const notes: string[] = ['replicas and standby regions copy corruption at once: recovery restores from backups in a new resource'];
  const maxContinuousDays = cloud.continuousBackupMaxDays;
  let rpoTerms: RecoveryTerm[];
  if (kind !== 'none') {
    rpoTerms = [cloud.pointInTime(spec.database!.backupRetentionDays)];
    notes.push(`corruption found after ${spec.database!.backupRetentionDays} days: restore a scheduled recovery point (${scheduleSeconds} s apart, kept ${spec.backup.retentionDays} days)`);
  } else if (maxContinuousDays !== undefined && spec.backup.retentionDays <= maxContinuousDays) {
    rpoTerms = [{ what: `${cloud.backupService} continuous backup (point-in-time restore)`, seconds: RDS_TRANSACTION_LOG_INTERVAL_SECONDS }];
  } else {
    rpoTerms = [scheduled];
    notes.push(maxContinuousDays === undefined
      ? `${cloud.backupService} keeps the scheduled recovery points only (no continuous backup)`
      : `backup.retentionDays (${spec.backup.retentionDays}) > ${maxContinuousDays} turns continuous backup off: only the scheduled recovery points remain`);
  }
  const restore: RecoveryTerm = kind === 'none'
    ? { what: `restore from ${cloud.backupService} (assumed)`, seconds: cloud.restoreSeconds }
    : { what: cloud.databaseRestoreWhat, seconds: cloud.restoreSeconds };
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
export function checkedScenario(spec: RecoveryInputs): ScenarioEstimate {
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
 * a 10 s health-check interval too (RTO, where it shortens the checked scenario); then the same with
 * an Aurora database (RDS engines, AWS only).
 */
function candidates(spec: ResolvedSpec, objective: Objective): Candidate[] {
  const result: Candidate[] = [];
  const strategies = spec.regions.length >= 2 ? DR_STRATEGY_ORDER.slice(DR_STRATEGY_ORDER.indexOf(spec.drStrategy)) : [spec.drStrategy];
  const strongest = DR_STRATEGY_ORDER[DR_STRATEGY_ORDER.length - 1];
  // On Alibaba Cloud GTM checks every 60 s whatever the interval: faster checks help zone loss only.
  const intervalMatters = figures(spec).regionChecksFollowInterval || spec.regions.length < 2;
  const fasterChecks = objective.key === 'rtoSeconds' && intervalMatters
    && spec.loadBalancer.healthCheckIntervalSeconds > ROUTE53_FAST_INTERVAL_SECONDS;
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
  if (spec.database && spec.database.engine !== DatabaseEngine.AURORA_MYSQL && figures(spec).supportsAurora) {
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

// The one cloud-neutral spec of a highly available deployment (API.md). Defaults live in defaults.ts,
// rules in validate-spec.ts.
import { Cloud, DatabaseEngine, DrStrategy, LoadBalancingAlgorithm, PolicyFailOn } from './enums';

/** Recovery objectives the deployment must meet; checked against what the configuration delivers. */
export interface RecoveryObjectives {
  /**
   * Longest acceptable time from the failure to restored service, in seconds.
   * @default not checked
   */
  readonly rtoSeconds?: number;
  /**
   * Longest acceptable window of lost data, in seconds.
   * @default not checked
   */
  readonly rpoSeconds?: number;
}

/** Network settings, for every region. */
export interface NetworkSettings {
  /**
   * One IPv4 CIDR per region, in the order of `regions`; they must not overlap.
   * @default `10.<i>.0.0/16` for region index i
   */
  readonly cidrs?: string[];
  /**
   * Availability zones per region (2–6).
   * @default 3
   */
  readonly zoneCount?: number;
  /**
   * A NAT gateway in every zone. `false` keeps one (cheaper, but a single point of failure for egress).
   * @default true
   */
  readonly natGatewayPerZone?: boolean;
}

/** Load-balancer settings. */
export interface LoadBalancerSettings {
  /**
   * Certificate of the HTTPS listener (AWS: ACM ARN; Alibaba Cloud: certificate id). Only with one region:
   * use `perRegion[r].certificateArn` with several.
   * @default an ACM certificate for `dns.recordName`, DNS-validated in `dns.zoneName`
   */
  readonly certificateArn?: string;
  /**
   * Seconds between health checks of each target (AWS 5–300, Alibaba Cloud 1–50).
   * @default 10
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Consecutive successful checks before a target is healthy (2–10).
   * @default 3
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failed checks before a target is unhealthy (2–10).
   * @default 2
   */
  readonly unhealthyThreshold?: number;
  /**
   * WAF web ACL to associate (AWS WAFv2 ARN). Only with one region: use `perRegion[r].wafAclArn` with several.
   * @default no WAF
   */
  readonly wafAclArn?: string;
  /**
   * How requests are spread over targets.
   * @default LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS
   */
  readonly algorithm?: LoadBalancingAlgorithm;
}

/** Application tier settings. */
export interface AppSettings {
  /** Instance type, e.g. `t3.small` (AWS) or `ecs.g7.large` (Alibaba Cloud). */
  readonly instanceType: string;
  /**
   * Machine image id. Only with one region: use `perRegion[r].imageId` with several.
   * @default the latest Amazon Linux 2023 image for the instance type's architecture (AWS)
   */
  readonly imageId?: string;
  /**
   * Start-up script run on each instance.
   * @default none
   */
  readonly userData?: string;
  /**
   * Port the application listens on (1–65535).
   * @default 80
   */
  readonly port?: number;
  /**
   * Path of the health check (load balancer and DNS), starting with `/`.
   * @default "/health"
   */
  readonly healthCheckPath?: string;
  /**
   * Fewest instances per region (spread over every zone).
   * @default 2
   */
  readonly minCapacity?: number;
  /**
   * Most instances per region.
   * @default 6
   */
  readonly maxCapacity?: number;
  /**
   * Average CPU utilization (percent, 1–100) that target tracking keeps.
   * @default 50
   */
  readonly targetCpuUtilization?: number;
}

/** Database tier settings. */
export interface DatabaseSettings {
  /** Database engine. */
  readonly engine: DatabaseEngine;
  /**
   * Engine version.
   * @default the library's tested default per engine (see docs/database.md)
   */
  readonly engineVersion?: string;
  /** Instance class, e.g. `db.t3.medium` (AWS). */
  readonly instanceClass: string;
  /**
   * Allocated storage in GB (MySQL/PostgreSQL 20–65536; Aurora grows by itself and takes none).
   * @default 50
   */
  readonly allocatedStorageGb?: number;
  /**
   * Days of automated backups and point-in-time recovery (1–35).
   * @default 35
   */
  readonly backupRetentionDays?: number;
  /**
   * Name of a database created at launch.
   * @default none
   */
  readonly databaseName?: string;
  /**
   * RDS: in-region read replicas. Aurora: number of readers.
   * @default 0 (Aurora: 1)
   */
  readonly readReplicas?: number;
}

/** Backup and recovery settings. */
export interface BackupSettings {
  /**
   * Days to keep backup recovery points and noncurrent object versions.
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * Backup schedule, standard 5-field cron in UTC.
   * @default "0 3 * * *"
   */
  readonly scheduleCron?: string;
  /**
   * Object-lock (WORM) retention of backup objects in days, at most `retentionDays`.
   * @default no object lock
   */
  readonly objectLockDays?: number;
  /**
   * Days after which backups move to cold storage; must leave the 90 days AWS Backup requires before deletion.
   * @default no cold storage for recovery points
   */
  readonly coldStorageAfterDays?: number;
}

/** DNS name of the service. */
export interface DnsSettings {
  /** Public hosted zone, e.g. `example.com`. */
  readonly zoneName: string;
  /** Record that users reach, inside the zone, e.g. `shop.example.com`. */
  readonly recordName: string;
  /**
   * TTL of the record in seconds (1–86400).
   * @default 60
   */
  readonly ttlSeconds?: number;
}

/** Settings that belong to one region (an ARN or an image id exists in one region only). */
export interface RegionSettings {
  /**
   * Certificate of that region's HTTPS listener.
   * @default an ACM certificate from `dns`
   */
  readonly certificateArn?: string;
  /**
   * Machine image id in that region.
   * @default the latest Amazon Linux 2023 image
   */
  readonly imageId?: string;
  /**
   * WAF web ACL of that region's load balancer.
   * @default no WAF
   */
  readonly wafAclArn?: string;
}

/** Remote state, one per stack, kept in the stack's own region. */
export interface StateBackendSettings {
  /** Start of the state bucket name; the region is appended. */
  readonly bucketPrefix: string;
  /**
   * Lock table (Alibaba Cloud Tablestore). AWS uses S3's lock file.
   * @default S3 lock file on AWS
   */
  readonly lockTable?: string;
}

/** A policy finding that is accepted on purpose. */
export interface PolicySuppression {
  /** Rule id. */
  readonly id: string;
  /** Why it is accepted; shown in the report. */
  readonly reason: string;
  /**
   * Only for this resource (`aws_nat_gateway.x`).
   * @default every resource
   */
  readonly resource?: string;
  /**
   * Only in this stack (`shop-us-west-2`): the same address can exist in every region's stack.
   * @default every stack
   */
  readonly stack?: string;
}

/** Policy checks at synth. */
export interface PolicySettings {
  /**
   * Accepted findings.
   * @default none
   */
  readonly suppressions?: PolicySuppression[];
  /**
   * Which findings fail synth.
   * @default PolicyFailOn.ERROR
   */
  readonly failOn?: PolicyFailOn;
}

/** The spec of a {@link HighAvailabilityStack}. */
export interface HighAvailabilityStackProps {
  /** The cloud. */
  readonly cloud: Cloud;
  /** 1–5 distinct regions of that cloud; the first is the primary. */
  readonly regions: string[];
  /**
   * Disaster-recovery strategy across regions.
   * @default DrStrategy.WARM_STANDBY with 2+ regions, else DrStrategy.BACKUP_RESTORE
   */
  readonly drStrategy?: DrStrategy;
  /**
   * Objectives checked against what the configuration delivers.
   * @default none
   */
  readonly recoveryObjectives?: RecoveryObjectives;
  /**
   * Network settings.
   * @default `10.<i>.0.0/16` per region, 3 zones, a NAT gateway per zone
   */
  readonly network?: NetworkSettings;
  /**
   * Load-balancer settings.
   * @default see {@link LoadBalancerSettings}
   */
  readonly loadBalancer?: LoadBalancerSettings;
  /** Application tier. */
  readonly app: AppSettings;
  /**
   * Database tier.
   * @default no database (a stateless application)
   */
  readonly database?: DatabaseSettings;
  /**
   * Backup settings.
   * @default 35 days, daily at 03:00 UTC
   */
  readonly backup?: BackupSettings;
  /**
   * DNS name of the service; required with 2+ regions.
   * @default no DNS record
   */
  readonly dns?: DnsSettings;
  /**
   * Tags for every taggable resource.
   * @default none
   */
  readonly tags?: { [key: string]: string };
  /**
   * Regional values, keyed by region.
   * @default none
   */
  readonly perRegion?: { [region: string]: RegionSettings };
  /**
   * A standby region that took over after the primary region was lost.
   * @default none
   */
  readonly promotedRegion?: string;
  /**
   * Remote state per stack.
   * @default local state
   */
  readonly stateBackend?: StateBackendSettings;
  /**
   * Policy checks.
   * @default fail on errors, no suppressions
   */
  readonly policies?: PolicySettings;
}

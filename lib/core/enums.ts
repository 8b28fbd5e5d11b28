/** The cloud a {@link HighAvailabilityStack} deploys to. */
export enum Cloud {
  /** Amazon Web Services (hashicorp/aws provider). */
  AWS = 'aws',
  /** Alibaba Cloud (aliyun/alicloud provider). */
  ALICLOUD = 'alicloud',
}

/**
 * Disaster-recovery strategy across regions, the four strategies of the AWS whitepaper
 * "Disaster Recovery of Workloads on AWS: Recovery in the Cloud".
 */
export enum DrStrategy {
  /** Standby regions hold only copies of data; recovery restores from them. */
  BACKUP_RESTORE = 'backup-restore',
  /** Standby network, load balancer and database replica run; the app tier is scaled to zero. */
  PILOT_LIGHT = 'pilot-light',
  /** A scaled-down full copy runs in each standby region; DNS fails over automatically. */
  WARM_STANDBY = 'warm-standby',
  /** Every region serves traffic at full capacity. */
  ACTIVE_ACTIVE = 'active-active',
}

/** Database engine of the data tier. */
export enum DatabaseEngine {
  /** MySQL (RDS Multi-AZ on AWS, RDS High-availability edition on Alibaba Cloud). */
  MYSQL = 'mysql',
  /** PostgreSQL (RDS Multi-AZ on AWS, RDS High-availability edition on Alibaba Cloud). */
  POSTGRES = 'postgres',
  /** Aurora MySQL, a cluster with readers in other zones (AWS only). */
  AURORA_MYSQL = 'aurora-mysql',
}

/** How the load balancer picks a target for a request. */
export enum LoadBalancingAlgorithm {
  /** Each target in turn (Alibaba Cloud: `Wrr`). */
  ROUND_ROBIN = 'round-robin',
  /** The target with the fewest requests in flight (Alibaba Cloud: `Wlc`). */
  LEAST_OUTSTANDING_REQUESTS = 'least-outstanding-requests',
}

/** Which policy findings fail the synthesis. */
export enum PolicyFailOn {
  /** Fail on an unsuppressed finding at error level. */
  ERROR = 'error',
  /** Fail on any unsuppressed finding, warnings included. */
  WARN = 'warn',
  /** Never fail; findings are reported only. */
  NEVER = 'never',
}

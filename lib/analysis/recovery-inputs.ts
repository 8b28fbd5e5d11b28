// The DR model's inputs as the synthesized stacks show them: the strategy the standby regions implement,
// the database, the health checks, the app group and the backups of the serving region. The model
// (core/dr-model.ts) is the one validation uses, so spec-time checks and the report agree.
import { fromAwsScheduleExpression, hbrScheduleIntervalSeconds } from '../core/cron';
import { ObservedFacts, RecoveryInputs } from '../core/dr-model';
import { Cloud, DatabaseEngine, DrStrategy } from '../core/enums';
import { asList, PolicySubject } from './policy-rule';
import { resourcesOf, StackDocument } from './stack-document';
import { localRefs } from './terraform-refs';
import { Topology, TopologyRegion } from './topology';

/** What the report derives the scenarios from, with the strategy it read. */
export interface DerivedRecoveryInputs {
  readonly inputs: RecoveryInputs;
  /** `single-region` or a DR strategy value. */
  readonly strategy: string;
}

// Provider defaults where the configuration leaves a value out (AWS: target group health check
// interval 30 s, healthy 5, unhealthy 2; Alibaba ALB server group: 2 s, 3, 3).
const HEALTH_CHECK_DEFAULTS = {
  aws: { healthCheckIntervalSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 2 },
  alicloud: { healthCheckIntervalSeconds: 2, healthyThreshold: 3, unhealthyThreshold: 3 },
} as const;

/** Reads the model's inputs from the topology and the stacks of its regions. */
export function recoveryInputsOf(topology: Topology, stacks: readonly StackDocument[]): DerivedRecoveryInputs {
  const subjectsOf = (region: TopologyRegion | undefined) => (region
    ? stacks.filter((s) => region.stacks.includes(s.name)).flatMap(resourcesOf) : []);
  const primary = topology.regions[0];
  const standby = topology.regions[1];
  const here = subjectsOf(primary);
  const ofType = (type: string) => here.filter((s) => s.type === type);
  const cloud = topology.cloud === 'alicloud' ? Cloud.ALICLOUD : Cloud.AWS;

  const strategy = topology.regions.length < 2 ? undefined : readStrategy(topology, subjectsOf(standby));
  const database = readDatabase(here);
  const backup = readBackup(here);
  const app = [...ofType('aws_autoscaling_group'), ...ofType('alicloud_ess_scaling_group')][0];
  const appZones = app ? primary.resources.find((r) => r.address === app.address)?.zones : undefined;
  const observed: ObservedFacts = {
    databaseMultiZone: database?.multiZone,
    appZones: appZones === undefined ? undefined : appZones.length === 0 ? primary.zones.length : appZones.length,
    backupSchedule: backup.schedule,
    backups: backup.plans > 0 || (database?.backupRetentionDays ?? 0) > 0,
    dnsFailover: topology.regions.length < 2 || dnsMovesUsers(topology),
  };
  const inputs: RecoveryInputs = {
    cloud,
    regions: topology.regions.map((r) => ({ name: r.name, primary: r.role === 'primary' })),
    drStrategy: strategy ?? DrStrategy.BACKUP_RESTORE,
    loadBalancer: readHealthChecks(here, topology.cloud),
    app: { minCapacity: app ? Number(app.config.min_size ?? 0) : 2 },
    database: database && { engine: database.engine, backupRetentionDays: database.backupRetentionDays },
    backup: { retentionDays: backup.retentionDays, scheduleCron: backup.cron },
    dns: topology.dns?.ttlSeconds !== undefined ? { ttlSeconds: topology.dns.ttlSeconds } : undefined,
    observed,
  };
  return { inputs, strategy: strategy ?? 'single-region' };
}

/** Some health-checked DNS answer points at a standby region, so users move without a person. */
function dnsMovesUsers(topology: Topology): boolean {
  const standbys = new Set(topology.regions.filter((r) => r.role === 'standby').map((r) => r.name));
  return (topology.dns?.targets ?? []).some((t) => t.healthChecked && standbys.has(t.region));
}

/**
 * The strategy of the first standby: no load balancer there → backup-restore; an app group that keeps
 * no instance → pilot-light; DNS answering with every region (latency / weighted) → active-active;
 * otherwise warm-standby.
 */
function readStrategy(topology: Topology, standby: PolicySubject[]): DrStrategy {
  if (!standby.some((s) => s.type === 'aws_lb' || s.type === 'alicloud_alb_load_balancer')) return DrStrategy.BACKUP_RESTORE;
  const group = standby.find((s) => s.type === 'aws_autoscaling_group' || s.type === 'alicloud_ess_scaling_group');
  if (group && Number(group.config.min_size ?? 0) === 0) return DrStrategy.PILOT_LIGHT;
  if (topology.dns && topology.dns.routing !== 'failover' && topology.dns.targets.length > 1) return DrStrategy.ACTIVE_ACTIVE;
  return DrStrategy.WARM_STANDBY;
}

interface DatabaseFacts {
  readonly engine: DatabaseEngine;
  readonly backupRetentionDays: number;
  readonly multiZone: boolean;
}

/** The serving region's writer database: an Aurora cluster, an RDS instance that replicates nothing, or Alibaba RDS. */
function readDatabase(here: PolicySubject[]): DatabaseFacts | undefined {
  const cluster = here.find((s) => s.type === 'aws_rds_cluster');
  if (cluster) {
    const instances = here.filter((s) => s.type === 'aws_rds_cluster_instance' && localRefs(s.config.cluster_identifier).includes(cluster.address));
    const zones = new Set(instances.map((i) => JSON.stringify(i.config.availability_zone ?? i.address)));
    return {
      engine: DatabaseEngine.AURORA_MYSQL,
      backupRetentionDays: Number(cluster.config.backup_retention_period ?? 1),
      multiZone: instances.length >= 2 && zones.size >= 2,
    };
  }
  const rds = here.find((s) => s.type === 'aws_db_instance' && !s.config.replicate_source_db);
  if (rds) {
    return {
      engine: DatabaseEngine.MYSQL,
      backupRetentionDays: Number(rds.config.backup_retention_period ?? 0),
      multiZone: rds.config.multi_az === true || rds.config.multi_az === 'true',
    };
  }
  const alicloud = here.find((s) => s.type === 'alicloud_db_instance');
  if (alicloud) {
    const policy = here.find((s) => s.type === 'alicloud_db_backup_policy' && localRefs(s.config.instance_id).includes(alicloud.address));
    const { zone_id: zone, zone_id_slave_a: secondary } = alicloud.config;
    return {
      engine: DatabaseEngine.MYSQL,
      // RDS keeps backups 7 days unless a backup policy says otherwise.
      backupRetentionDays: Number(policy?.config.backup_retention_period ?? 7),
      multiZone: Boolean(secondary) && secondary !== zone,
    };
  }
  return undefined;
}

function readHealthChecks(here: PolicySubject[], cloud: 'aws' | 'alicloud'): RecoveryInputs['loadBalancer'] {
  const defaults = HEALTH_CHECK_DEFAULTS[cloud];
  const group = here.find((s) => s.type === 'aws_lb_target_group');
  if (group) {
    const check = asList(group.config.health_check)[0] ?? {};
    return {
      healthCheckIntervalSeconds: Number(check.interval ?? defaults.healthCheckIntervalSeconds),
      healthyThreshold: Number(check.healthy_threshold ?? defaults.healthyThreshold),
      unhealthyThreshold: Number(check.unhealthy_threshold ?? defaults.unhealthyThreshold),
    };
  }
  const serverGroup = here.find((s) => s.type === 'alicloud_alb_server_group');
  const check = asList(serverGroup?.config.health_check_config)[0] ?? {};
  return {
    healthCheckIntervalSeconds: Number(check.health_check_interval ?? defaults.healthCheckIntervalSeconds),
    healthyThreshold: Number(check.healthy_threshold ?? defaults.healthyThreshold),
    unhealthyThreshold: Number(check.unhealthy_threshold ?? defaults.unhealthyThreshold),
  };
}

interface BackupFacts {
  readonly plans: number;
  readonly cron: string;
  readonly retentionDays: number;
  readonly schedule?: ObservedFacts['backupSchedule'];
}

// What the model assumes when a region has no backup plan (it then only matters with a database).
const NO_PLAN: BackupFacts = { plans: 0, cron: '0 3 * * *', retentionDays: 0 };

/** The first backup rule of the serving region (AWS Backup plan or HBR policy). */
function readBackup(here: PolicySubject[]): BackupFacts {
  const plans = here.filter((s) => s.type === 'aws_backup_plan' || s.type === 'alicloud_hbr_policy');
  const plan = plans[0];
  if (!plan) return NO_PLAN;
  const rules = asList(plan.config.rules ?? plan.config.rule);
  if (plan.type === 'aws_backup_plan') {
    const rule = rules[0] ?? {};
    const schedule = String(rule.schedule ?? '');
    const cron = fromAwsScheduleExpression(schedule);
    return {
      plans: plans.length,
      cron: cron ?? NO_PLAN.cron,
      retentionDays: Number(asList(rule.lifecycle)[0]?.delete_after ?? 0),
      // A schedule without a 5-field form: assume daily and say so.
      schedule: cron ? undefined : { seconds: 86400, text: `"${schedule}" (not a plain cron; assumed daily)` },
    };
  }
  const backupRule = rules.find((r) => r?.rule_type === 'BACKUP') ?? {};
  const retention = rules.find((r) => r?.rule_type === 'TRANSITION')?.retention;
  const schedule = String(backupRule.schedule ?? '');
  const seconds = hbrScheduleIntervalSeconds(schedule);
  return {
    plans: plans.length,
    cron: NO_PLAN.cron,
    retentionDays: Number(retention ?? 0),
    schedule: { seconds: seconds ?? 86400, text: `"${schedule}" (${seconds ? `every ${seconds} s` : 'not understood; assumed daily'})` },
  };
}

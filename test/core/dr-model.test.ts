import { resolveSpec, ResolvedSpec } from '../../lib/core/defaults';
import {
  APP_BOOT_GRACE_SECONDS,
  AURORA_FAILOVER_SECONDS,
  AURORA_GLOBAL_FAILOVER_SECONDS,
  DATABASE_RESTORE_SECONDS,
  ALICLOUD_RESTORE_SECONDS,
  ALICLOUD_STANDBY_PROVISION_SECONDS,
  DR_STRATEGY_ORDER,
  DTS_CUTOVER_APPLY_SECONDS,
  DTS_SYNC_LATENCY_SECONDS,
  EC2_LAUNCH_SECONDS,
  ECS_APP_BOOT_SECONDS,
  ECS_LAUNCH_SECONDS,
  estimateRecovery,
  GTM_INTERVAL_SECONDS,
  gtmFailureThreshold,
  objectiveProblems,
  RDS_HA_SWITCHOVER_SECONDS,
  RDS_LOG_BACKUP_INTERVAL_SECONDS,
  RDS_MULTI_AZ_FAILOVER_SECONDS,
  RDS_REPLICA_PROMOTION_SECONDS,
  route53FailureThreshold,
  route53HealthCheckInterval,
  ScenarioEstimate,
  STANDBY_PROVISION_SECONDS,
} from '../../lib/core/dr-model';
import { Cloud, DatabaseEngine, DrStrategy } from '../../lib/core/enums';
import { HighAvailabilityStackProps } from '../../lib/core/spec';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const ENGINES: Array<DatabaseEngine | undefined> = [DatabaseEngine.MYSQL, DatabaseEngine.POSTGRES, DatabaseEngine.AURORA_MYSQL, undefined];

interface Options {
  readonly regionCount?: number;
  readonly strategy?: DrStrategy;
  readonly engine?: DatabaseEngine;
  readonly stateless?: boolean;
  readonly patch?: Partial<HighAvailabilityStackProps>;
}

/** A resolved spec with the library's defaults (MySQL unless told otherwise). */
function spec(options: Options = {}): ResolvedSpec {
  const regionCount = options.regionCount ?? 2;
  const props: HighAvailabilityStackProps = {
    cloud: Cloud.AWS,
    regions: REGIONS.slice(0, regionCount),
    drStrategy: options.strategy ?? (regionCount > 1 ? DrStrategy.WARM_STANDBY : DrStrategy.BACKUP_RESTORE),
    dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
    app: { instanceType: 't3.small' },
    database: options.stateless ? undefined : { engine: options.engine ?? DatabaseEngine.MYSQL, instanceClass: 'db.t3.medium' },
    ...options.patch,
  };
  return resolveSpec('shop', props);
}

function scenario(resolved: ResolvedSpec, id: ScenarioEstimate['id']): ScenarioEstimate {
  const found = estimateRecovery(resolved).find((s) => s.id === id);
  if (!found) throw new Error(`no ${id} scenario`);
  return found;
}

const sum = (s: ScenarioEstimate) => s.terms.reduce((total, term) => total + term.seconds, 0);

// Defaults: target group every 10 s, unhealthy after 2, healthy after 3 → Route 53 10 s × 2.
const DETECTION = 20;
const TTL = 60;
const APP_START = EC2_LAUNCH_SECONDS + APP_BOOT_GRACE_SECONDS + 3 * 10; // 450

describe('route53HealthCheckInterval', () => {
  test.each([[1, 10], [5, 10], [10, 10], [11, 30], [30, 30], [50, 30], [300, 30]])('%p s → %p s', (seconds, expected) => {
    expect(route53HealthCheckInterval(seconds)).toBe(expected);
  });
});

describe('route53FailureThreshold', () => {
  test.each([[0, 1], [1, 1], [2, 2], [10, 10], [11, 10]])('%p → %p', (threshold, expected) => {
    expect(route53FailureThreshold(threshold)).toBe(expected);
  });
});

describe('estimateRecovery over every configuration', () => {
  const cases: Array<[number, DrStrategy, DatabaseEngine | undefined]> = [];
  for (let regionCount = 1; regionCount <= 5; regionCount++) {
    for (const strategy of regionCount === 1 ? [DrStrategy.BACKUP_RESTORE] : DR_STRATEGY_ORDER) {
      for (const engine of ENGINES) cases.push([regionCount, strategy, engine]);
    }
  }

  test.each(cases)('%p regions, %p, %p: three scenarios whose terms add up to rtoSeconds', (regionCount, strategy, engine) => {
    const estimates = estimateRecovery(spec({ regionCount, strategy, engine, stateless: engine === undefined }));
    expect(estimates.map((s) => s.id)).toEqual(['zone-loss', 'region-loss', 'data-corruption']);
    for (const estimate of estimates) {
      expect(estimate.region).toBe('us-east-1');
      if (estimate.rtoSeconds === null) {
        expect(estimate.terms).toEqual([]);
      } else {
        expect(sum(estimate)).toBe(estimate.rtoSeconds);
        expect(estimate.terms.every((t) => Number.isInteger(t.seconds) && t.seconds >= 0 && t.what.length > 0)).toBe(true);
      }
      if (estimate.rpoTerms && estimate.rpoTerms.length > 0 && estimate.id !== 'data-corruption') {
        expect(estimate.rpoSeconds).toBe(Math.max(...estimate.rpoTerms.map((t) => t.seconds)));
      }
    }
    const regionLoss = estimates[1];
    if (regionCount === 1) {
      expect(regionLoss).toMatchObject({ survives: false, rtoSeconds: null, rpoSeconds: null, terms: [] });
    } else {
      expect(regionLoss.rtoSeconds).toBeGreaterThan(0);
    }
  });

  test.each(ENGINES)('region loss is monotonic in the strategy (%p): active-active ≤ warm ≤ pilot ≤ backup-restore', (engine) => {
    for (let regionCount = 2; regionCount <= 5; regionCount++) {
      const rto = DR_STRATEGY_ORDER.map((strategy) =>
        scenario(spec({ regionCount, strategy, engine, stateless: engine === undefined }), 'region-loss').rtoSeconds!);
      const rpo = DR_STRATEGY_ORDER.map((strategy) =>
        scenario(spec({ regionCount, strategy, engine, stateless: engine === undefined }), 'region-loss').rpoSeconds!);
      for (let i = 1; i < rto.length; i++) {
        expect(rto[i]).toBeLessThanOrEqual(rto[i - 1]);
        expect(rpo[i]).toBeLessThanOrEqual(rpo[i - 1]);
      }
    }
  });
});

describe('region loss with the default settings', () => {
  test.each([
    // strategy, engine, rto, rpo
    [DrStrategy.BACKUP_RESTORE, DatabaseEngine.MYSQL, DETECTION + DATABASE_RESTORE_SECONDS + APP_START + TTL, 300],
    [DrStrategy.BACKUP_RESTORE, DatabaseEngine.POSTGRES, 4130, 300],
    [DrStrategy.BACKUP_RESTORE, DatabaseEngine.AURORA_MYSQL, 4130, 86400],
    [DrStrategy.BACKUP_RESTORE, undefined, DETECTION + STANDBY_PROVISION_SECONDS + APP_START + TTL, 0],
    [DrStrategy.PILOT_LIGHT, DatabaseEngine.MYSQL, DETECTION + TTL + RDS_REPLICA_PROMOTION_SECONDS + APP_START, 60],
    [DrStrategy.PILOT_LIGHT, DatabaseEngine.AURORA_MYSQL, DETECTION + TTL + AURORA_GLOBAL_FAILOVER_SECONDS + APP_START, 1],
    [DrStrategy.PILOT_LIGHT, undefined, 530, 0],
    [DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL, 680, 60],
    [DrStrategy.WARM_STANDBY, DatabaseEngine.AURORA_MYSQL, 140, 1],
    [DrStrategy.WARM_STANDBY, undefined, 80, 0],
    [DrStrategy.ACTIVE_ACTIVE, DatabaseEngine.POSTGRES, 680, 60],
    [DrStrategy.ACTIVE_ACTIVE, DatabaseEngine.AURORA_MYSQL, 140, 1],
    [DrStrategy.ACTIVE_ACTIVE, undefined, 80, 0],
  ])('%p with %p: RTO %p s, RPO %p s', (strategy, engine, rto, rpo) => {
    const estimate = scenario(spec({ strategy, engine, stateless: engine === undefined }), 'region-loss');
    expect(estimate.rtoSeconds).toBe(rto);
    expect(estimate.rpoSeconds).toBe(rpo);
  });

  test('backup-restore: the terms in order, database restore alongside the load balancer build', () => {
    const estimate = scenario(spec({ strategy: DrStrategy.BACKUP_RESTORE }), 'region-loss');
    expect(estimate.terms.map((t) => t.seconds)).toEqual([20, 3600, 120, 300, 30, 60]);
    expect(estimate.terms[0].what).toMatch(/2 failed checks × 10 s/);
    expect(estimate.terms[1].what).toMatch(/restored in the standby region from replicated automated backups/);
    expect(estimate.terms[5].what).toMatch(/fixed 60 s TTL/);
    expect(estimate.survives).toBe(false);
  });

  test('only a stateless warm standby or active-active survives without a human', () => {
    expect(scenario(spec({ strategy: DrStrategy.WARM_STANDBY, stateless: true }), 'region-loss').survives).toBe(true);
    expect(scenario(spec({ strategy: DrStrategy.ACTIVE_ACTIVE, stateless: true }), 'region-loss').survives).toBe(true);
    expect(scenario(spec({ strategy: DrStrategy.PILOT_LIGHT, stateless: true }), 'region-loss').survives).toBe(false);
    const withDatabase = scenario(spec({ strategy: DrStrategy.ACTIVE_ACTIVE }), 'region-loss');
    expect(withDatabase.survives).toBe(false);
    expect(withDatabase.notes!.join(' ')).toMatch(/reads and stateless requests are served after 80 s/);
  });

  test('the backup schedule sets the Aurora backup-restore recovery point', () => {
    const weekly = scenario(spec({ strategy: DrStrategy.BACKUP_RESTORE, engine: DatabaseEngine.AURORA_MYSQL,
      patch: { backup: { scheduleCron: '0 2 * * 0' } } }), 'region-loss');
    expect(weekly.rpoSeconds).toBe(7 * 86400);
    expect(weekly.rpoTerms![0].what).toMatch(/"0 2 \* \* 0"/);
    const sixHourly = scenario(spec({ strategy: DrStrategy.BACKUP_RESTORE, engine: DatabaseEngine.AURORA_MYSQL,
      patch: { backup: { scheduleCron: '0 */6 * * *' } } }), 'region-loss');
    expect(sixHourly.rpoSeconds).toBe(6 * 3600);
  });

  test.each([
    // interval, unhealthy threshold, detection seconds
    [10, 2, 20], [5, 3, 30], [11, 2, 60], [30, 10, 300], [300, 4, 120],
  ])('health checks every %p s, unhealthy after %p: detection %p s', (interval, threshold, detection) => {
    const estimate = scenario(spec({ strategy: DrStrategy.WARM_STANDBY, stateless: true,
      patch: { loadBalancer: { healthCheckIntervalSeconds: interval, unhealthyThreshold: threshold } } }), 'region-loss');
    expect(estimate.terms[0].seconds).toBe(detection);
    expect(estimate.rtoSeconds).toBe(detection + TTL);
  });

  test('after promotion the promoted region is the one whose loss counts, and another standby must be left', () => {
    const two = scenario(spec({ patch: { promotedRegion: 'us-west-2' } }), 'region-loss');
    expect(two).toMatchObject({ region: 'us-west-2', rtoSeconds: null, survives: false });
    const three = scenario(spec({ regionCount: 3, patch: { promotedRegion: 'us-west-2' } }), 'region-loss');
    expect(three.region).toBe('us-west-2');
    expect(three.rtoSeconds).toBe(680);
  });
});

describe('zone loss', () => {
  test.each([
    [DatabaseEngine.MYSQL, RDS_MULTI_AZ_FAILOVER_SECONDS, /RDS Multi-AZ failover/],
    [DatabaseEngine.POSTGRES, RDS_MULTI_AZ_FAILOVER_SECONDS, /RDS Multi-AZ failover/],
    // The load balancer path (20 s detection + 60 s ELB DNS TTL) outlasts Aurora's 60 s failover.
    [DatabaseEngine.AURORA_MYSQL, 80, /load balancer marks/],
    [undefined, 80, /load balancer marks/],
  ])('%p: RTO %p s, RPO 0, survives', (engine, rto, dominant) => {
    const estimate = scenario(spec({ regionCount: 1, engine, stateless: engine === undefined }), 'zone-loss');
    expect(estimate).toMatchObject({ survives: true, rtoSeconds: rto, rpoSeconds: 0 });
    expect(estimate.terms[0].what).toMatch(dominant);
    expect(AURORA_FAILOVER_SECONDS).toBeLessThan(80);
  });

  test('one instance may sit in the lost zone: replacement is counted', () => {
    const estimate = scenario(spec({ regionCount: 1, stateless: true, patch: { app: { instanceType: 't3.small', minCapacity: 1 } } }), 'zone-loss');
    expect(estimate.rtoSeconds).toBe(20 + 60 + APP_START);
    expect(estimate.notes!.join(' ')).toMatch(/app\.minCapacity \(1\) < 2/);
  });

  test('is the same for every strategy and region count', () => {
    const values = new Set<number | null>();
    for (let regionCount = 1; regionCount <= 5; regionCount++) {
      for (const strategy of regionCount === 1 ? [DrStrategy.BACKUP_RESTORE] : DR_STRATEGY_ORDER) {
        values.add(scenario(spec({ regionCount, strategy }), 'zone-loss').rtoSeconds);
      }
    }
    expect([...values]).toEqual([120]);
  });
});

describe('data corruption', () => {
  test('with a database: point-in-time restore, RPO 300 s, whatever the schedule', () => {
    const estimate = scenario(spec({ patch: { backup: { scheduleCron: '0 0 1 * *' } } }), 'data-corruption');
    expect(estimate).toMatchObject({ survives: false, rpoSeconds: 300, rtoSeconds: DATABASE_RESTORE_SECONDS + APP_START });
    expect(estimate.notes!.join(' ')).toMatch(/2678400 s apart/);
  });

  test('stateless with continuous backup (retention ≤ 35 days): RPO 300 s', () => {
    expect(scenario(spec({ stateless: true }), 'data-corruption').rpoSeconds).toBe(300);
  });

  test.each([
    ['0 3 * * *', 86400],
    ['0 0 1 * *', 31 * 86400],
    ['0 */4 * * *', 4 * 3600],
    ['30 2 * * 1-5', 3 * 86400],
  ])('stateless with retention > 35 days: RPO is the longest gap of %p (%p s)', (scheduleCron, rpo) => {
    const estimate = scenario(spec({ stateless: true, patch: { backup: { retentionDays: 90, scheduleCron } } }), 'data-corruption');
    expect(estimate.rpoSeconds).toBe(rpo);
    expect(estimate.rtoSeconds).toBe(DATABASE_RESTORE_SECONDS);
  });
});

describe('objectiveProblems', () => {
  test('no objectives, no problems', () => {
    expect(objectiveProblems(spec({ strategy: DrStrategy.BACKUP_RESTORE }))).toEqual([]);
  });

  test('met objectives give no problem (equal counts as met)', () => {
    expect(objectiveProblems(spec({ engine: DatabaseEngine.AURORA_MYSQL,
      patch: { recoveryObjectives: { rtoSeconds: 140, rpoSeconds: 1 } } }))).toEqual([]);
    expect(objectiveProblems(spec({ regionCount: 1, patch: { recoveryObjectives: { rtoSeconds: 120, rpoSeconds: 1 } } }))).toEqual([]);
  });

  test('RPO not met: names the estimate, what dominates it and the first strategy that meets it', () => {
    const problems = objectiveProblems(spec({ strategy: DrStrategy.BACKUP_RESTORE, engine: DatabaseEngine.AURORA_MYSQL,
      patch: { recoveryObjectives: { rpoSeconds: 60 } } }));
    expect(problems).toEqual([{
      path: 'recoveryObjectives.rpoSeconds',
      message: '(60) cannot be met: backup-restore gives 86400 s on losing us-east-1 (dominated by: AWS Backup copies to the standby '
        + 'region on the backup schedule "0 3 * * *" (at 03:00 UTC, every day)); pilot-light or better gives 1 s',
    }]);
  });

  test('RTO not met: a stronger strategy is named', () => {
    const [problem] = objectiveProblems(spec({ strategy: DrStrategy.PILOT_LIGHT, stateless: true,
      patch: { recoveryObjectives: { rtoSeconds: 300 } } }));
    expect(problem.path).toBe('recoveryObjectives.rtoSeconds');
    expect(problem.message).toBe('(300) cannot be met: pilot-light gives 530 s on losing us-east-1 '
      + '(dominated by: application boots (Auto Scaling health check grace period of 300 s)); warm-standby or better gives 80 s');
  });

  test('RTO not met: a 10 s health-check interval is tried before a stronger strategy', () => {
    const [problem] = objectiveProblems(spec({ strategy: DrStrategy.WARM_STANDBY, stateless: true,
      patch: { loadBalancer: { healthCheckIntervalSeconds: 30 }, recoveryObjectives: { rtoSeconds: 100 } } }));
    expect(problem.message).toBe('(100) cannot be met: warm-standby gives 120 s on losing us-east-1 '
      + '(dominated by: Route 53 health checks mark the region unhealthy (2 failed checks × 30 s)); '
      + 'loadBalancer.healthCheckIntervalSeconds ≤ 10 gives 80 s');
  });

  test('RTO not met with RDS: the Aurora engine is the last resort', () => {
    const [problem] = objectiveProblems(spec({ strategy: DrStrategy.WARM_STANDBY, patch: { recoveryObjectives: { rtoSeconds: 300 } } }));
    expect(problem.message).toMatch(/^\(300\) cannot be met: warm-standby gives 680 s on losing us-east-1 \(dominated by: RDS cross-region read replica promoted/);
    expect(problem.message).toMatch(/; database\.engine aurora-mysql gives 140 s$/);
  });

  test('unreachable objective: says so and names the best configuration', () => {
    const [problem] = objectiveProblems(spec({ strategy: DrStrategy.BACKUP_RESTORE, stateless: true,
      patch: { recoveryObjectives: { rtoSeconds: 30 } } }));
    expect(problem.message).toBe('(30) cannot be met: backup-restore gives 1430 s on losing us-east-1 (dominated by: terraform apply builds '
      + 'the load balancer and app tier in the standby region (assumed)); the objective is below what any configuration delivers '
      + '(the best, warm-standby or better, gives 80 s)');
  });

  test('one region: checked against zone loss, with no other strategy to offer', () => {
    const [problem] = objectiveProblems(spec({ regionCount: 1, patch: { recoveryObjectives: { rtoSeconds: 60 } } }));
    expect(problem.message).toBe('(60) cannot be met: one region gives 120 s on losing a zone of us-east-1 (dominated by: RDS Multi-AZ '
      + 'failover to the standby in another zone); the objective is below what any configuration delivers (the best, '
      + 'database.engine aurora-mysql, gives 80 s)');
    const [met] = objectiveProblems(spec({ regionCount: 1, patch: { recoveryObjectives: { rtoSeconds: 100 } } }));
    expect(met.message).toMatch(/; database\.engine aurora-mysql gives 80 s$/);
    const [stateless] = objectiveProblems(spec({ regionCount: 1, stateless: true, patch: { recoveryObjectives: { rtoSeconds: 60 } } }));
    expect(stateless.message).toMatch(/one region gives 80 s on losing a zone of us-east-1 .*; the objective is below what any configuration delivers \(no change of strategy or health checks improves on 80 s\)$/);
  });

  test('both objectives reported, RTO first', () => {
    const problems = objectiveProblems(spec({ strategy: DrStrategy.BACKUP_RESTORE, patch: { recoveryObjectives: { rtoSeconds: 60, rpoSeconds: 10 } } }));
    expect(problems.map((p) => p.path)).toEqual(['recoveryObjectives.rtoSeconds', 'recoveryObjectives.rpoSeconds']);
    expect(problems[1].message).toMatch(/backup-restore gives 300 s .*pilot-light or better with database\.engine aurora-mysql gives 1 s$/);
  });
});

describe('Alibaba Cloud', () => {
  const ALI_REGIONS = ['cn-hangzhou', 'cn-shanghai'];
  /** An Alibaba Cloud spec with the library's defaults (MySQL unless stateless). */
  function aliSpec(options: Options = {}): ResolvedSpec {
    const regionCount = options.regionCount ?? 2;
    return spec({
      ...options,
      regionCount,
      patch: {
        cloud: Cloud.ALICLOUD,
        regions: ALI_REGIONS.slice(0, regionCount),
        app: { instanceType: 'ecs.g7.large' },
        database: options.stateless ? undefined : { engine: options.engine ?? DatabaseEngine.MYSQL, instanceClass: 'mysql.n2.medium.2c', databaseName: 'shop' },
        ...options.patch,
      },
    });
  }
  // Defaults: ALB checks every 10 s, unhealthy after 2, healthy after 3; GTM 60 s × 2; dns.ttlSeconds 60.
  const GTM = 2 * GTM_INTERVAL_SECONDS; // 120
  const ALI_APP_START = ECS_LAUNCH_SECONDS + ECS_APP_BOOT_SECONDS + 3 * 10; // 450

  test('the figures', () => {
    expect([GTM_INTERVAL_SECONDS, RDS_HA_SWITCHOVER_SECONDS, DTS_SYNC_LATENCY_SECONDS, DTS_CUTOVER_APPLY_SECONDS,
      RDS_LOG_BACKUP_INTERVAL_SECONDS, ALICLOUD_RESTORE_SECONDS, ALICLOUD_STANDBY_PROVISION_SECONDS]).toEqual([60, 30, 10, 300, 300, 3600, 900]);
  });

  test.each([[0, 1], [1, 1], [2, 2], [3, 3], [10, 3]])('gtmFailureThreshold(%p) = %p', (threshold, expected) => {
    expect(gtmFailureThreshold(threshold)).toBe(expected);
  });

  test.each([
    // regions, strategy, engine, zone RTO, region RTO, region RPO, survives, corruption RTO, corruption RPO
    [1, DrStrategy.BACKUP_RESTORE, DatabaseEngine.MYSQL, 30, null, null, false, 4050, 300],
    [1, DrStrategy.BACKUP_RESTORE, undefined, 20, null, null, false, 3600, 86400],
    [2, DrStrategy.BACKUP_RESTORE, DatabaseEngine.MYSQL, 30, GTM + ALICLOUD_RESTORE_SECONDS + ALI_APP_START + 60, 300, false, 4050, 300],
    [2, DrStrategy.BACKUP_RESTORE, undefined, 20, GTM + ALICLOUD_STANDBY_PROVISION_SECONDS + ALI_APP_START + 60, 0, false, 3600, 86400],
    [2, DrStrategy.PILOT_LIGHT, DatabaseEngine.MYSQL, 30, GTM + 60 + DTS_CUTOVER_APPLY_SECONDS + ALI_APP_START, 10, false, 4050, 300],
    [2, DrStrategy.PILOT_LIGHT, undefined, 20, 630, 0, false, 3600, 86400],
    [2, DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL, 30, 480, 10, false, 4050, 300],
    [2, DrStrategy.WARM_STANDBY, undefined, 20, 180, 0, true, 3600, 86400],
    [2, DrStrategy.ACTIVE_ACTIVE, DatabaseEngine.MYSQL, 30, 480, 10, false, 4050, 300],
    [2, DrStrategy.ACTIVE_ACTIVE, undefined, 20, 180, 0, true, 3600, 86400],
  ])('%p regions, %p, %p: zone %p s, region %p s / %p s, survives %p, corruption %p s / %p s',
    (regionCount, strategy, engine, zoneRto, regionRto, regionRpo, survives, corruptionRto, corruptionRpo) => {
      const estimates = estimateRecovery(aliSpec({ regionCount, strategy, engine, stateless: engine === undefined }));
      const [zone, region, corruption] = estimates;
      expect(zone).toMatchObject({ region: 'cn-hangzhou', rtoSeconds: zoneRto, rpoSeconds: 0, survives: true });
      expect(region).toMatchObject({ region: 'cn-hangzhou', rtoSeconds: regionRto, rpoSeconds: regionRpo, survives });
      expect(corruption).toMatchObject({ rtoSeconds: corruptionRto, rpoSeconds: corruptionRpo, survives: false });
      for (const estimate of estimates) {
        if (estimate.rtoSeconds !== null) expect(sum(estimate)).toBe(estimate.rtoSeconds);
        const text = [...estimate.terms, ...(estimate.rpoTerms ?? [])].map((t) => t.what).join(' | ');
        expect(text).not.toMatch(/Route 53|ELB|EC2|Auto Scaling|Multi-AZ|AWS Backup|Aurora|S3/);
      }
    });

  test.each([DatabaseEngine.MYSQL, undefined])('region loss is monotonic in the strategy (%p)', (engine) => {
    const region = DR_STRATEGY_ORDER.map((strategy) => scenario(aliSpec({ strategy, engine, stateless: engine === undefined }), 'region-loss'));
    for (let i = 1; i < region.length; i++) {
      expect(region[i].rtoSeconds!).toBeLessThanOrEqual(region[i - 1].rtoSeconds!);
      expect(region[i].rpoSeconds!).toBeLessThanOrEqual(region[i - 1].rpoSeconds!);
    }
  });

  test('zone loss: RDS HA switchover outlasts the ALB checks; no ELB DNS TTL', () => {
    const estimate = scenario(aliSpec({ regionCount: 1 }), 'zone-loss');
    expect(estimate.terms).toEqual([{ what: 'RDS HA switchover to the secondary instance in the other zone', seconds: 30 }]);
    expect(estimate.notes!.join(' ')).toMatch(/in parallel: ALB health checks mark the lost zone's backend servers unhealthy \(2 failed checks × 10 s\) \(20 s\)/);
    const single = scenario(aliSpec({ regionCount: 1, stateless: true, patch: { app: { instanceType: 'ecs.g7.large', minCapacity: 1 } } }), 'zone-loss');
    expect(single.rtoSeconds).toBe(20 + ALI_APP_START);
    expect(single.terms[1].what).toMatch(/^ESS replaces the lost instances in the other zones: ECS instances launch/);
  });

  test('region loss: GTM detection (60 s × min(3, unhealthyThreshold)), then dns.ttlSeconds, then the DTS cutover', () => {
    const estimate = scenario(aliSpec({ strategy: DrStrategy.WARM_STANDBY }), 'region-loss');
    expect(estimate.terms.map((t) => t.seconds)).toEqual([120, 60, 300]);
    expect(estimate.terms[0].what).toBe("GTM health checks mark the region's address pool unavailable (2 failed checks × 60 s)");
    expect(estimate.terms[1].what).toMatch(/GTM CNAME to the ALB: dns\.ttlSeconds 60 s/);
    expect(estimate.terms[2].what).toMatch(/stops the DTS synchronization/);
    expect(estimate.rpoTerms![0].what).toMatch(/^DTS synchronization latency/);
    expect(estimate.notes!.join(' ')).toMatch(/OSS Replication Time Control .*99\.99 % within 10 minutes/);
    const slow = scenario(aliSpec({ strategy: DrStrategy.WARM_STANDBY, stateless: true,
      patch: { dns: { zoneName: 'example.com', recordName: 'shop.example.com', ttlSeconds: 300 },
        loadBalancer: { healthCheckIntervalSeconds: 30, unhealthyThreshold: 10 } } }), 'region-loss');
    expect(slow.terms.map((t) => t.seconds)).toEqual([180, 300]);
  });

  test('backup-restore: restore from the RDS cross-region backup, RPO the log backups', () => {
    const estimate = scenario(aliSpec({ strategy: DrStrategy.BACKUP_RESTORE }), 'region-loss');
    expect(estimate.terms.map((t) => t.seconds)).toEqual([120, 3600, 120, 300, 30, 60]);
    expect(estimate.terms[1].what).toMatch(/RDS cross-region backup/);
    expect(estimate.rpoTerms![0].what).toMatch(/RDS cross-region log backup/);
  });

  test('data corruption: RDS point-in-time restore; stateless restores an HBR recovery point', () => {
    const withDatabase = scenario(aliSpec(), 'data-corruption');
    expect(withDatabase.rpoTerms![0].what).toMatch(/^RDS point-in-time restore/);
    const stateless = scenario(aliSpec({ stateless: true, patch: { backup: { scheduleCron: '0 */4 * * *' } } }), 'data-corruption');
    expect(stateless.rpoSeconds).toBe(4 * 3600);
    expect(stateless.rpoTerms![0].what).toMatch(/^HBR recovery point/);
  });

  test('an aurora-mysql engine (rejected by validation on Alibaba Cloud) is modelled as RDS', () => {
    expect(scenario(aliSpec({ engine: DatabaseEngine.AURORA_MYSQL }), 'region-loss').rtoSeconds).toBe(480);
  });

  test('objectives: the suggestions name no Aurora', () => {
    const problems = objectiveProblems(aliSpec({ strategy: DrStrategy.BACKUP_RESTORE, patch: { recoveryObjectives: { rtoSeconds: 900, rpoSeconds: 60 } } }));
    expect(problems).toEqual([
      {
        path: 'recoveryObjectives.rtoSeconds',
        message: '(900) cannot be met: backup-restore gives 4230 s on losing cn-hangzhou (dominated by: RDS instance restored in the standby '
          + 'region from the RDS cross-region backup (assumed)); warm-standby or better gives 480 s',
      },
      {
        path: 'recoveryObjectives.rpoSeconds',
        message: '(60) cannot be met: backup-restore gives 300 s on losing cn-hangzhou (dominated by: RDS cross-region log backup (logs assumed '
          + '5 minutes behind)); pilot-light or better gives 10 s',
      },
    ]);
    const [unreachable] = objectiveProblems(aliSpec({ strategy: DrStrategy.WARM_STANDBY,
      patch: { loadBalancer: { healthCheckIntervalSeconds: 30 }, recoveryObjectives: { rtoSeconds: 300 } } }));
    expect(unreachable.message).toBe('(300) cannot be met: warm-standby gives 480 s on losing cn-hangzhou (dominated by: terraform apply stops '
      + 'the DTS synchronization and points writes at the standby RDS instance (assumed)); the objective is below what any configuration '
      + 'delivers (no change of strategy or health checks improves on 480 s)');
    const [zone] = objectiveProblems(aliSpec({ regionCount: 1, patch: { recoveryObjectives: { rtoSeconds: 20 } } }));
    expect(zone.message).toMatch(/one region gives 30 s on losing a zone of cn-hangzhou \(dominated by: RDS HA switchover/);
    for (const problem of [...problems, unreachable, zone]) expect(problem.message).not.toMatch(/aurora/i);
  });

  test('objectives: one region, faster ALB checks are suggested for zone loss', () => {
    const [problem] = objectiveProblems(aliSpec({ regionCount: 1, stateless: true,
      patch: { loadBalancer: { healthCheckIntervalSeconds: 30 }, recoveryObjectives: { rtoSeconds: 30 } } }));
    expect(problem.message).toMatch(/one region gives 60 s .*; loadBalancer\.healthCheckIntervalSeconds ≤ 10 gives 20 s$/);
  });
});

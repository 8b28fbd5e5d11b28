// Alibaba Cloud across regions: every strategy × engine over 2 and 3 regions, promotion, and the
// schema check of every stack.
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack, HighAvailabilityStackProps } from '../../lib';
import { alicloudSchemaProblems } from '../util/alicloud-schema';
import { expectReportToAgreeWithModel } from '../util/report-agreement';

const ALL_REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'];
const STRATEGIES = [DrStrategy.BACKUP_RESTORE, DrStrategy.PILOT_LIGHT, DrStrategy.WARM_STANDBY, DrStrategy.ACTIVE_ACTIVE];
const ENGINES: (DatabaseEngine | undefined)[] = [DatabaseEngine.MYSQL, DatabaseEngine.POSTGRES, undefined];

function specFor(regionCount: number, drStrategy: DrStrategy, engine: DatabaseEngine | undefined, extra: Partial<HighAvailabilityStackProps> = {}): HighAvailabilityStackProps {
  return {
    cloud: Cloud.ALICLOUD,
    regions: ALL_REGIONS.slice(0, regionCount),
    drStrategy,
    dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
    app: { instanceType: 'ecs.g7.large', port: 8080, minCapacity: 4, maxCapacity: 8 },
    database: engine && {
      engine,
      instanceClass: engine === DatabaseEngine.MYSQL ? 'mysql.n2.medium.2c' : 'pg.n2.2c.2m',
      databaseName: 'shop',
    },
    ...extra,
  };
}

function build(props: HighAvailabilityStackProps) {
  const app = Testing.app();
  const ha = new HighAvailabilityStack(app, 'shop', props);
  app.synth();
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return { ha, outdir: app.outdir, tf: Object.fromEntries(ha.stacks.map((s) => [s.node.id, read(s.node.id)])) as Record<string, any> };
}
const values = (stack: any, type: string): any[] => Object.values(stack?.resource?.[type] ?? {});

const matrix: [number, DrStrategy, DatabaseEngine | undefined][] = [];
for (const strategy of STRATEGIES) for (const engine of ENGINES) matrix.push([2, strategy, engine]);
for (const strategy of STRATEGIES) matrix.push([3, strategy, DatabaseEngine.MYSQL]);

describe.each(matrix)('%i regions, %s, %s', (regionCount, strategy, engine) => {
  const { ha, tf, outdir } = build(specFor(regionCount, strategy, engine));
  const regions = ALL_REGIONS.slice(0, regionCount);
  const [primary, ...standbys] = regions;
  const live = strategy !== DrStrategy.BACKUP_RESTORE;

  test('the report read back from the stacks agrees with the DR model of the spec', () => {
    expectReportToAgreeWithModel(outdir, specFor(regionCount, strategy, engine));
  });

  test('one stack per region plus the global one, in deploy order', () => {
    expect(ha.stacks.map((s) => s.node.id)).toEqual([...regions.map((r) => `shop-${r}`), 'shop-global']);
    for (const region of regions) expect(tf[`shop-${region}`].provider.alicloud[0].region).toBe(region);
    expect(ha.stacks[ha.stacks.length - 1].dependencies).toHaveLength(regionCount);
  });

  test('each standby runs what the strategy asks for, its database synchronized by DTS', () => {
    for (const region of standbys) {
      const standby = tf[`shop-${region}`];
      const group = values(standby, 'alicloud_ess_scaling_group')[0];
      const expected = {
        [DrStrategy.BACKUP_RESTORE]: undefined,
        [DrStrategy.PILOT_LIGHT]: { min_size: 0, desired_capacity: 0, max_size: 8 },
        [DrStrategy.WARM_STANDBY]: { min_size: 3, desired_capacity: 3, max_size: 8 },
        [DrStrategy.ACTIVE_ACTIVE]: { min_size: 4, desired_capacity: 4, max_size: 8 },
      }[strategy];
      if (expected) expect(group).toMatchObject(expected);
      else expect(group).toBeUndefined();
      expect(values(standby, 'alicloud_db_instance')).toHaveLength(engine && live ? 1 : 0);
      const [job] = values(standby, 'alicloud_dts_synchronization_job');
      if (engine && live) {
        expect(job).toMatchObject({ source_endpoint_region: primary, destination_endpoint_region: region, data_synchronization: true });
        expect(job.source_endpoint_instance_id).toMatch(/terraform_remote_state/);
      } else {
        expect(job).toBeUndefined();
      }
    }
  });

  test('backups reach the standbys: OSS replication, HBR replication vault, RDS cross-region backup', () => {
    const rules = values(tf['shop-global'], 'alicloud_oss_bucket_replication');
    expect(rules.map((r) => r.destination.location)).toEqual(standbys.map((r) => `oss-${r}`));
    for (const rule of rules) expect(rule.provider).toBe('alicloud.primary');
    expect(values(tf[`shop-${standbys[0]}`], 'alicloud_hbr_replication_vault')).toHaveLength(1);
    const cross = values(tf[`shop-${primary}`], 'alicloud_rds_instance_cross_backup_policy');
    expect(cross.map((c) => c.cross_backup_region)).toEqual(engine && !live ? [standbys[0]] : []);
  });

  test('GTM: a pool and an HTTPS monitor per serving region, the strategy\'s access strategy', () => {
    const global = tf['shop-global'];
    const pools = values(global, 'alicloud_alidns_address_pool');
    expect(pools).toHaveLength(live ? regionCount : 1);
    for (const monitor of values(global, 'alicloud_alidns_monitor_config')) expect(monitor.protocol_type).toBe('HTTPS');
    const [strategyResource] = values(global, 'alicloud_alidns_access_strategy');
    if (strategy === DrStrategy.PILOT_LIGHT || strategy === DrStrategy.WARM_STANDBY) {
      expect(strategyResource.failover_addr_pools).toHaveLength(standbys.length);
    } else {
      expect(strategyResource.failover_addr_pools ?? []).toHaveLength(0);
    }
  });

  test('every stack conforms to the pinned aliyun/alicloud schema', () => {
    for (const [name, stack] of Object.entries(tf)) expect([name, alicloudSchemaProblems(stack)]).toEqual([name, []]);
  });
});

describe('promotion after the loss of the primary region', () => {
  const props = specFor(3, DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL, {
    promotedRegion: 'cn-shanghai', network: { cidrs: ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16'] },
  });
  const { ha, tf } = build(props);

  test('the promoted region is primary at full capacity, without DTS; the other standby follows it', () => {
    expect(ha.stacks.map((s) => s.node.id)).toEqual(['shop-cn-shanghai', 'shop-cn-beijing', 'shop-global']);
    const promoted = tf['shop-cn-shanghai'];
    expect(values(promoted, 'alicloud_ess_scaling_group')[0]).toMatchObject({ min_size: 4, max_size: 8 });
    expect(values(promoted, 'alicloud_dts_synchronization_job')).toEqual([]);
    expect(values(tf['shop-cn-beijing'], 'alicloud_dts_synchronization_job')[0].source_endpoint_region).toBe('cn-shanghai');
    // GTM answers with the promoted region only; the other pool stays monitored.
    const [access] = values(tf['shop-global'], 'alicloud_alidns_access_strategy');
    expect(access.default_addr_pools).toHaveLength(1);
    expect(access.default_addr_pools[0].addr_pool_id).toMatch(/Pool-cn-shanghai/);
    expect(access.failover_addr_pools ?? []).toEqual([]);
  });

  test('the runbook drops the replication rules of the lost primary\'s bucket', () => {
    expect(ha.runbook).toContain('## Promotion of cn-shanghai after the loss of cn-hangzhou');
    expect(ha.runbook).toMatch(/terraform state rm 'alicloud_oss_bucket_replication\.BackupReplication_/);
    expect(ha.runbook).toContain('npx cdktf deploy shop-cn-shanghai shop-cn-beijing shop-global');
  });
});

test('a live standby needs a named database for DTS', () => {
  expect(() => build(specFor(2, DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL, {
    database: { engine: DatabaseEngine.MYSQL, instanceClass: 'mysql.n2.medium.2c' },
  }))).toThrow(/database\.databaseName is required on Alibaba Cloud with warm-standby across regions/);
});

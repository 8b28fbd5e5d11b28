// Table-driven: every strategy × engine over 1–5 regions, asserting what runs where, the
// cross-region data paths, DNS, stack order, and (batched) the real terraform validate.
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack, HighAvailabilityStackProps } from '../../lib';
import { analyze } from '../../lib/analysis/report';
import { readSynthOutput } from '../../lib/analysis/synth-output';
import { expectReportToAgreeWithModel } from '../util/report-agreement';
import { testWithTerraform, validateStacks } from '../util/terraform';

const ALL_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'];
const STRATEGIES = [DrStrategy.BACKUP_RESTORE, DrStrategy.PILOT_LIGHT, DrStrategy.WARM_STANDBY, DrStrategy.ACTIVE_ACTIVE];
const ENGINES: (DatabaseEngine | undefined)[] = [DatabaseEngine.MYSQL, DatabaseEngine.POSTGRES, DatabaseEngine.AURORA_MYSQL, undefined];

function specFor(regionCount: number, drStrategy: DrStrategy, engine: DatabaseEngine | undefined, extra: Partial<HighAvailabilityStackProps> = {}): HighAvailabilityStackProps {
  return {
    cloud: Cloud.AWS,
    regions: ALL_REGIONS.slice(0, regionCount),
    drStrategy: regionCount > 1 ? drStrategy : undefined,
    dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
    app: { instanceType: 't3.small', port: 8080, minCapacity: 4, maxCapacity: 8 },
    database: engine && {
      engine,
      instanceClass: engine === DatabaseEngine.AURORA_MYSQL ? 'db.r6g.large' : 'db.t3.medium',
    },
    ...extra,
  };
}

interface Built {
  ha: HighAvailabilityStack;
  outdir: string;
  tf: Record<string, any>;
}

/** Synthesizes the whole app, as `cdktf synth` does: cross-stack references become remote-state lookups only then. */
function build(props: HighAvailabilityStackProps): Built {
  const app = Testing.app();
  const ha = new HighAvailabilityStack(app, 'shop', props);
  app.synth();
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return { ha, outdir: app.outdir, tf: Object.fromEntries(ha.stacks.map((s) => [s.node.id, read(s.node.id)])) };
}

const values = (stack: any, type: string): any[] => Object.values(stack?.resource?.[type] ?? {});
const count = (stack: any, type: string) => values(stack, type).length;

const built = new Map<string, Built>();
function cached(regionCount: number, strategy: DrStrategy, engine: DatabaseEngine | undefined): Built {
  const key = `${regionCount}/${strategy}/${engine}`;
  if (!built.has(key)) built.set(key, build(specFor(regionCount, strategy, engine)));
  return built.get(key)!;
}

// Every strategy × engine with 2 regions; 3 to 5 regions (two or more standbys: latency sets, several
// replication destinations) for each strategy with MySQL and Aurora, and one more for PostgreSQL.
const matrix: [number, DrStrategy, DatabaseEngine | undefined][] = [];
for (const strategy of STRATEGIES) for (const engine of ENGINES) matrix.push([2, strategy, engine]);
for (const strategy of STRATEGIES) {
  matrix.push([3, strategy, DatabaseEngine.MYSQL], [3, strategy, DatabaseEngine.AURORA_MYSQL], [5, strategy, DatabaseEngine.MYSQL]);
}
matrix.push([4, DrStrategy.WARM_STANDBY, DatabaseEngine.POSTGRES], [5, DrStrategy.ACTIVE_ACTIVE, undefined]);

describe.each(matrix)('%i regions, %s, %s', (regionCount, strategy, engine) => {
  const { ha, tf, outdir } = cached(regionCount, strategy, engine);
  const regions = ALL_REGIONS.slice(0, regionCount);
  const [primary, ...standbys] = regions;
  const primaryTf = tf[`shop-${primary}`];
  const aurora = engine === DatabaseEngine.AURORA_MYSQL;
  const live = strategy !== DrStrategy.BACKUP_RESTORE;

  test('the report read back from the stacks agrees with the DR model of the spec', () => {
    expectReportToAgreeWithModel(outdir, specFor(regionCount, strategy, engine));
  });

  test('one stack per region plus the global stack, in deploy order, without cycles', () => {
    expect(ha.stacks.map((s) => s.node.id)).toEqual([...regions.map((r) => `shop-${r}`), 'shop-global']);
    expect(ha.primaryStack.node.id).toBe(`shop-${primary}`);
    const position = new Map(ha.stacks.map((s, i) => [s, i]));
    for (const stack of ha.stacks) {
      for (const dependency of stack.dependencies) expect(position.get(dependency as any)!).toBeLessThan(position.get(stack)!);
    }
    const global = ha.stacks[ha.stacks.length - 1];
    expect(global.dependencies).toHaveLength(regionCount);
    for (const region of regions) expect(tf[`shop-${region}`].provider.aws[0].region).toBe(region);
  });

  test('the primary runs every tier at full capacity', () => {
    expect(count(primaryTf, 'aws_lb')).toBe(1);
    expect(values(primaryTf, 'aws_autoscaling_group')[0]).toMatchObject({ min_size: 4, max_size: 8, desired_capacity: 4 });
    if (!engine) expect(count(primaryTf, 'aws_db_instance') + count(primaryTf, 'aws_rds_cluster')).toBe(0);
    else if (aurora) expect(count(primaryTf, 'aws_rds_global_cluster')).toBe(live ? 1 : 0);
    else expect(values(primaryTf, 'aws_db_instance')[0]).toMatchObject({ multi_az: true, storage_encrypted: true });
  });

  test('each standby runs what the strategy asks for', () => {
    for (const region of standbys) {
      const standby = tf[`shop-${region}`];
      const asg = values(standby, 'aws_autoscaling_group')[0];
      const expected = {
        [DrStrategy.BACKUP_RESTORE]: undefined,
        [DrStrategy.PILOT_LIGHT]: { min_size: 0, desired_capacity: 0, max_size: 8 },
        [DrStrategy.WARM_STANDBY]: { min_size: 3, desired_capacity: 3, max_size: 8 },
        [DrStrategy.ACTIVE_ACTIVE]: { min_size: 4, desired_capacity: 4, max_size: 8 },
      }[strategy];
      if (expected) expect(asg).toMatchObject(expected);
      else expect(asg).toBeUndefined();
      expect(count(standby, 'aws_lb')).toBe(live ? 1 : 0);
      expect(count(standby, 'aws_vpc')).toBe(1);
      expect(count(standby, 'aws_backup_vault')).toBe(1);
    }
  });

  test('the standby databases follow the primary', () => {
    for (const region of standbys) {
      const standby = tf[`shop-${region}`];
      if (!engine) {
        expect(count(standby, 'aws_db_instance') + count(standby, 'aws_rds_cluster')).toBe(0);
      } else if (!live) {
        expect(count(standby, 'aws_db_instance') + count(standby, 'aws_rds_cluster')).toBe(0);
        expect(count(standby, 'aws_db_instance_automated_backups_replication')).toBe(aurora ? 0 : 1);
      } else if (aurora) {
        const cluster = values(standby, 'aws_rds_cluster')[0];
        expect(cluster.global_cluster_identifier).toBe('shop-global');
        expect(cluster.enable_global_write_forwarding ?? false).toBe(strategy === DrStrategy.ACTIVE_ACTIVE);
        expect(cluster.master_username).toBeUndefined();
        expect(cluster.kms_key_id).toMatch(/aws_kms_key/);
      } else {
        const replica = values(standby, 'aws_db_instance')[0];
        expect(replica.replicate_source_db).toMatch(/terraform_remote_state|data\./);
        expect(replica).toMatchObject({ multi_az: true, storage_encrypted: true });
        expect(replica.kms_key_id).toMatch(/aws_kms_key/);
      }
      if (engine && strategy === DrStrategy.ACTIVE_ACTIVE && !aurora) {
        const writer = values(standby, 'aws_ssm_parameter').find((p) => p.name === '/shop/database/writer-endpoint');
        expect(writer.value).toMatch(/terraform_remote_state/);
      }
    }
  });

  test('backups reach every standby: S3 replication with RTC and AWS Backup copies', () => {
    const global = tf['shop-global'];
    const [replication] = values(global, 'aws_s3_bucket_replication_configuration');
    expect(replication.provider).toBe('aws.primary');
    expect(replication.rule.map((r: any) => r.id)).toEqual(standbys.map((r) => `to-${r}`));
    for (const rule of replication.rule) {
      expect(rule.destination.replication_time.status).toBe('Enabled');
      expect(rule.delete_marker_replication.status).toBe('Enabled');
    }
    const copies = values(primaryTf, 'aws_backup_plan')[0].rule[0].copy_action;
    expect(copies.map((c: any) => c.destination_vault_arn)).toEqual(standbys.map((r) => expect.stringContaining(`:backup:${r}:`)));
  });

  test('DNS: health check per serving region and the routing of the strategy', () => {
    const global = tf['shop-global'];
    const records = values(global, 'aws_route53_record');
    const servingRegions = live ? regions : [primary];
    expect(values(global, 'aws_route53_health_check').map((h) => h.fqdn)).toHaveLength(servingRegions.length);
    for (const check of values(global, 'aws_route53_health_check')) {
      expect(check).toMatchObject({ type: 'HTTPS', resource_path: '/health', request_interval: 10, failure_threshold: 2 });
    }
    if (strategy === DrStrategy.BACKUP_RESTORE) {
      expect(records).toHaveLength(1);
      expect(records[0].set_identifier).toBeUndefined();
    } else if (strategy === DrStrategy.ACTIVE_ACTIVE) {
      expect(records.map((r) => r.latency_routing_policy?.region).sort()).toEqual([...regions].sort());
    } else {
      const types = records.flatMap((r) => (r.failover_routing_policy ? [r.failover_routing_policy.type] : []));
      expect(types.sort()).toEqual(['PRIMARY', 'SECONDARY']);
      expect(records.filter((r) => r.latency_routing_policy)).toHaveLength(standbys.length > 1 ? standbys.length : 0);
    }
    for (const record of records) expect(record.alias.evaluate_target_health).toBe(true);
  });
});

describe('one region', () => {
  test.each(ENGINES)('%s: a single stack with its own DNS record and no global stack', (engine) => {
    const { ha, tf } = build(specFor(1, DrStrategy.BACKUP_RESTORE, engine));
    expect(ha.stacks.map((s) => s.node.id)).toEqual(['shop-us-east-1']);
    expect(ha.globalStack).toBeUndefined();
    expect(count(tf['shop-us-east-1'], 'aws_route53_record')).toBeGreaterThanOrEqual(1);
    expect(values(tf['shop-us-east-1'], 'aws_backup_plan')[0].rule[0].copy_action).toBeUndefined();
  });
});

describe('promotion after the loss of the primary region', () => {
  const props = specFor(3, DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL, {
    promotedRegion: 'us-west-2', network: { cidrs: ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16'] },
  });
  const { ha, tf, outdir } = build(props);

  test('the report reads the promoted region as primary and agrees with the DR model', () => {
    expectReportToAgreeWithModel(outdir, props);
    const { report } = analyze(readSynthOutput(outdir));
    expect(report.regions.map((r) => [r.name, r.role])).toEqual([['us-west-2', 'primary'], ['eu-west-1', 'standby']]);
    expect(report.strategy).toBe('warm-standby');
  });

  test('drops the lost region and makes the promoted one primary at full capacity', () => {
    expect(ha.stacks.map((s) => s.node.id)).toEqual(['shop-us-west-2', 'shop-eu-west-1', 'shop-global']);
    expect(ha.primaryStack.node.id).toBe('shop-us-west-2');
    expect(values(tf['shop-us-west-2'], 'aws_autoscaling_group')[0]).toMatchObject({ min_size: 4, max_size: 8 });
    for (const stack of Object.values(tf)) {
      expect(JSON.stringify(stack.data?.terraform_remote_state ?? {})).not.toContain('shop-us-east-1');
    }
    expect(tf['shop-global'].provider.aws.map((p: any) => p.region)).toEqual(['us-east-1', 'us-west-2']); // Route 53 control plane + the new primary
  });

  test('the replica is promoted in place and the other standby follows the new primary', () => {
    const promoted = values(tf['shop-us-west-2'], 'aws_db_instance')[0];
    expect(promoted.replicate_source_db).toBeUndefined();
    expect(promoted.multi_az).toBe(true);
    const before = build(specFor(3, DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL));
    expect(Object.keys(tf['shop-us-west-2'].resource.aws_db_instance)).toEqual(Object.keys(before.tf['shop-us-west-2'].resource.aws_db_instance));
    const other = values(tf['shop-eu-west-1'], 'aws_db_instance')[0];
    expect(other.replicate_source_db).toMatch(/terraform_remote_state\.cross-stack-reference-input-shop--shop-us-west-2\./);
  });

  test('DNS is pinned to the survivor and backups replicate from it', () => {
    const global = tf['shop-global'];
    const records = values(global, 'aws_route53_record');
    expect(records).toHaveLength(1);
    expect(records[0].failover_routing_policy).toBeUndefined();
    expect(global.provider.aws.find((p: any) => p.alias === 'primary').region).toBe('us-west-2');
  });

  test('the runbook lists the exact steps', () => {
    expect(ha.runbook).toContain('## Promotion of us-west-2 after the loss of us-east-1');
    expect(ha.runbook).toMatch(/terraform state rm 'aws_s3_bucket_replication_configuration\.BackupReplication_Configuration_[0-9A-F]+'/);
    expect(ha.runbook).toMatch(/aws rds modify-db-instance --region eu-west-1 .* --new-db-instance-identifier .*-from-us-east-1/);
    expect(ha.runbook).toContain('npx cdktf deploy shop-us-west-2 shop-eu-west-1 shop-global');
    expect(ha.runbook).toContain("regions: ['us-west-2', 'us-east-1', ...]");
  });

  test('Aurora: the runbook fails the global database over, nothing is rebuilt', () => {
    const aurora = build(specFor(2, DrStrategy.PILOT_LIGHT, DatabaseEngine.AURORA_MYSQL, { promotedRegion: 'us-west-2' }));
    expect(aurora.ha.runbook).toMatch(/aws rds failover-global-cluster --region us-west-2 --global-cluster-identifier shop-global .* --allow-data-loss/);
    expect(values(aurora.tf['shop-us-west-2'], 'aws_rds_cluster')[0].global_cluster_identifier).toBe('shop-global');
  });
});

testWithTerraform('every stack of every strategy × engine passes terraform validate (the whole matrix, promotion)', () => {
  const stacks: Record<string, object> = {};
  for (const [regions, strategy, engine] of matrix) {
    for (const [name, json] of Object.entries(cached(regions, strategy, engine).tf)) stacks[`${regions}/${strategy}/${engine}/${name}`] = json;
  }
  const promoted = build(specFor(3, DrStrategy.WARM_STANDBY, DatabaseEngine.MYSQL, { promotedRegion: 'us-west-2' }));
  for (const [name, json] of Object.entries(promoted.tf)) stacks[`promoted/${name}`] = json;
  const diagnostics = validateStacks(stacks, { shareProviders: true });
  expect(Object.entries(diagnostics).filter(([, d]) => d.length > 0)).toEqual([]);
  expect(Object.keys(diagnostics).length).toBeGreaterThanOrEqual(16 * 3 + 4 * (4 + 4 + 6));
}, 600_000);

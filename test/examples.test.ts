// Synthesizes every bundled example as `cdktf synth` would, then checks what matters and runs terraform validate.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderArchitectureSvg } from '../lib/analysis/diagram';
import { analyze } from '../lib/analysis/report';
import { readSynthOutput } from '../lib/analysis/synth-output';
import { testWithTerraform, validateOutdir } from './util/terraform';
import { parseXml, texts } from './util/xml';

function synthExample(name: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => require(`../examples/${name}/main`));
  } finally {
    delete process.env.CDKTF_OUTDIR;
  }
  return outdir;
}

const readStack = (outdir: string, stack: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
const valuesOf = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});
/** The local backend's state path is absolute, so it differs between clones. */
const portable = (tf: object) => JSON.parse(JSON.stringify(tf).split(process.cwd()).join('<root>'));

/** The report's view of an example: regions, strategy, what each scenario gives, what blocks. */
function reportOf(outdir: string) {
  return analyze(readSynthOutput(outdir));
}
const scenarioFigures = (outdir: string) =>
  reportOf(outdir).report.scenarios.map((s) => [s.id, s.region, s.survives, s.rtoSeconds, s.rpoSeconds]);

/** docs/examples/<example> holds the report and diagram the example gives today (else: npx projen docs:report). */
function expectDocumented(example: string, outdir: string) {
  const { report, topology } = reportOf(outdir);
  const documented = (file: string) => fs.readFileSync(path.join(__dirname, '..', 'docs', 'examples', example, file), 'utf8');
  expect(JSON.parse(documented('report.json'))).toEqual(JSON.parse(JSON.stringify(report)));
  expect(documented('architecture.svg')).toBe(renderArchitectureSvg(topology));
}

/** What every warm-standby example shows: replication, copies, health-checked failover DNS, the standby's loss survived. */
function expectWarmStandbyTopology(outdir: string, primary: string, standby: string) {
  const { report, topology } = reportOf(outdir);
  expect(topology.links.map((l) => [l.kind, l.fromRegion, l.toRegion])).toEqual(expect.arrayContaining([
    ['database-replication', primary, standby], ['backup-copy', primary, standby], ['object-replication', primary, standby]]));
  expect(topology.dns).toMatchObject({ name: 'shop.example.com', stack: 'shop-global', routing: 'failover' });
  expect(topology.dns!.targets.map((t) => [t.region, t.role, t.healthChecked])).toEqual([[primary, 'PRIMARY', true], [standby, 'SECONDARY', true]]);
  expect(report.stacks.map((s) => s.name)).toEqual([`shop-${primary}`, `shop-${standby}`, 'shop-global']);
  expect(report.scenarios.find((s) => s.id === 'region-loss' && s.region === standby)).toMatchObject({ survives: true, rtoSeconds: 0, rpoSeconds: 0 });
  const database = topology.regions[0].resources.find((x) => x.tier === 'database')!;
  expect(database.name).toBe(`shop-shop-${primary}-database`);
  return database;
}

function expectValid(outdir: string, stacks: string[]) {
  const diagnostics = validateOutdir(outdir);
  expect(Object.keys(diagnostics)).toEqual(stacks);
  for (const found of Object.values(diagnostics)) expect(found).toEqual([]);
}

describe('examples/aws-single-region', () => {
  const outdir = synthExample('aws-single-region');

  test('the report: one region of 3 zones, zone loss survived, region loss not, no blocking finding', () => {
    const { report, topology } = reportOf(outdir);
    expect(report.regions).toEqual([{ name: 'us-east-1', role: 'primary', zones: 3, stack: 'shop-us-east-1' }]);
    expect(report.strategy).toBe('single-region');
    expect(scenarioFigures(outdir)).toEqual([
      ['zone-loss', 'us-east-1', true, 120, 0], ['region-loss', 'us-east-1', false, null, null], ['data-corruption', 'us-east-1', false, 4050, 300]]);
    expect(report.singlePointsOfFailure).toEqual([]);
    expect(report.policySummary).toMatchObject({ failing: 0, blocking: 0 });
    // The Multi-AZ database spans the zones; the read replica is in the database row too.
    expect(topology.regions[0].resources.filter((r) => r.type === 'aws_db_instance').map((r) => r.detail)).toEqual(['mysql writer, Multi-AZ', 'read replica, single zone']);
  });
  const tf = readStack(outdir, 'shop-us-east-1');
  const values = (type: string) => valuesOf(tf, type);

  test('synthesizes one stack for us-east-1, and its runbook', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['shop-us-east-1']);
    expect(tf.provider.aws[0].region).toBe('us-east-1');
    expect(fs.readFileSync(path.join(outdir, 'shop.runbook.md'), 'utf8')).toContain('# Runbook: shop');
  });

  test('is zone-redundant in every tier', () => {
    expect(values('aws_lb')[0].subnets).toHaveLength(3);
    expect(values('aws_autoscaling_group')[0].vpc_zone_identifier).toHaveLength(3);
    expect(values('aws_nat_gateway')).toHaveLength(3);
    const [primary] = values('aws_db_instance').filter((db) => !db.replicate_source_db);
    expect(primary).toMatchObject({ engine: 'mysql', multi_az: true, storage_encrypted: true, deletion_protection: true });
    expect(values('aws_db_instance').filter((db) => db.replicate_source_db)).toHaveLength(1);
  });

  test('health checks, TLS and IMDSv2', () => {
    expect(values('aws_lb_target_group')[0].health_check).toMatchObject({ path: '/health', port: 'traffic-port' });
    expect(values('aws_lb_listener').find((l) => l.port === 443).ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(values('aws_launch_template')[0].metadata_options).toMatchObject({ http_tokens: 'required' });
  });

  test('matches the snapshot', () => {
    expect(portable(tf)).toMatchSnapshot();
  });

  testWithTerraform('every stack passes terraform validate', () => expectValid(outdir, ['shop-us-east-1']));
});

describe('examples/aws-warm-standby', () => {
  const outdir = synthExample('aws-warm-standby');

  test('the report: warm standby, replication and failover as synthesized; docs/examples shows this very report', () => {
    const { report, topology } = reportOf(outdir);
    expect(report.strategy).toBe('warm-standby');
    expect(report.regions.map((r) => [r.name, r.role])).toEqual([['us-east-1', 'primary'], ['us-west-2', 'standby']]);
    expect(topology.links.map((l) => l.label).sort()).toEqual(['AWS Backup copy', 'RDS cross-region read replica', 'S3 replication']);
    expect(scenarioFigures(outdir)).toEqual([
      ['zone-loss', 'us-east-1', true, 120, 0], ['region-loss', 'us-east-1', false, 680, 60],
      ['data-corruption', 'us-east-1', false, 4050, 300], ['region-loss', 'us-west-2', true, 0, 0]]);
    expect(report.policySummary).toMatchObject({ failing: 0, blocking: 0, suppressed: 0 });
    expectDocumented('aws-warm-standby', outdir);
    expect(expectWarmStandbyTopology(outdir, 'us-east-1', 'us-west-2').zones).toEqual([]); // Multi-AZ spans the zones
  });

  test('the diagram is valid SVG showing every region, zone, tier, resource name, link and the DNS name; docs/examples holds it', () => {
    const { topology } = reportOf(outdir);
    const svg = renderArchitectureSvg(topology);
    expect(parseXml(svg)).toMatchObject({ name: 'svg', attrs: expect.objectContaining({ xmlns: 'http://www.w3.org/2000/svg' }) });
    const shown = texts(svg).join('\n');
    for (const text of ['us-east-1 — primary (stack shop-us-east-1)', 'us-west-2 — standby (stack shop-us-west-2)', 'zone 1', 'zone 3',
      'Load balancer', 'App', 'Database', 'Backup', 'Network', 'shop.example.com', 'PRIMARY', 'SECONDARY',
      'shop-shop-us-east-1-database', 'shop-shop-us-west-2-database', 'RDS cross-region read', 'AWS Backup copy', 'S3 replication']) {
      expect(shown).toContain(text);
    }
  });
  const stacks = ['shop-global', 'shop-us-east-1', 'shop-us-west-2'];
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const primary = readStack(outdir, 'shop-us-east-1');
  const standby = readStack(outdir, 'shop-us-west-2');
  const global = readStack(outdir, 'shop-global');

  test('three stacks, deployed primary → standby → global', () => {
    expect(Object.keys(manifest.stacks).sort()).toEqual(stacks);
    expect(manifest.stacks['shop-us-east-1'].dependencies).toEqual([]);
    expect(manifest.stacks['shop-us-west-2'].dependencies).toEqual(['shop/shop-us-east-1']);
    expect(manifest.stacks['shop-global'].dependencies.sort()).toEqual(['shop/shop-us-east-1', 'shop/shop-us-west-2']);
  });

  test('each stack keeps its state in its own region, with a lock file', () => {
    expect(primary.terraform.backend.s3).toMatchObject({ bucket: 'shop-tfstate-us-east-1', region: 'us-east-1', use_lockfile: true, encrypt: true });
    expect(standby.terraform.backend.s3).toMatchObject({ bucket: 'shop-tfstate-us-west-2', region: 'us-west-2', use_lockfile: true });
    expect(global.terraform.backend.s3).toMatchObject({ bucket: 'shop-tfstate-us-west-2', key: 'shop-global/terraform.tfstate' });
  });

  test('warm standby: a scaled-down copy with a cross-region replica, and DNS failover', () => {
    expect(valuesOf(standby, 'aws_autoscaling_group')[0]).toMatchObject({ min_size: 2, max_size: 6 });
    expect(valuesOf(standby, 'aws_db_instance')[0].replicate_source_db).toMatch(/terraform_remote_state/);
    const failover = valuesOf(global, 'aws_route53_record').map((r) => r.failover_routing_policy?.type).sort();
    expect(failover).toEqual(['PRIMARY', 'SECONDARY']);
    expect(valuesOf(global, 'aws_route53_health_check')).toHaveLength(2);
  });

  test('matches the snapshot', () => {
    expect(portable({ primary, standby, global })).toMatchSnapshot();
  });

  testWithTerraform('every stack passes terraform validate', () => expectValid(outdir, stacks));
});

describe('examples/bootstrap-state', () => {
  const outdir = synthExample('bootstrap-state');

  test('the report: state buckets only, no tier, so no region and no scenario; the buckets pass the bucket rules', () => {
    const { report } = reportOf(outdir);
    expect(report).toMatchObject({ strategy: 'none', regions: [], scenarios: [] });
    expect(report.policies.filter((p) => p.id.startsWith('SEC-BUCKET')).every((p) => p.passed)).toBe(true);
    expect(report.policySummary.blocking).toBe(0);
  });
  const stacks = ['shop-tfstate-us-east-1', 'shop-tfstate-us-west-2'];

  test('one state bucket per region, named as the state backend expects', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(stacks);
    for (const name of stacks) {
      const [bucket] = valuesOf(readStack(outdir, name), 'aws_s3_bucket');
      expect(bucket.bucket).toBe(name);
    }
  });

  testWithTerraform('every stack passes terraform validate', () => expectValid(outdir, stacks));
});

describe('examples/alicloud-single-region', () => {
  const outdir = synthExample('alicloud-single-region');

  test('the report: one Alibaba Cloud region, RDS HA across two zones', () => {
    const { report, topology } = reportOf(outdir);
    expect(report).toMatchObject({ cloud: 'alicloud', strategy: 'single-region' });
    expect(report.regions).toHaveLength(1);
    expect(report.scenarios.find((s) => s.id === 'zone-loss')).toMatchObject({ survives: true, rpoSeconds: 0 });
    expect(topology.regions[0].resources.find((r) => r.type === 'alicloud_db_instance')?.zones).toEqual([0, 1]);
    expect(report.policySummary).toMatchObject({ failing: 0, blocking: 0 });
  });
  const tf = readStack(outdir, 'shop-cn-hangzhou');

  test('one zone-redundant stack in cn-hangzhou', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['shop-cn-hangzhou']);
    expect(tf.provider.alicloud[0].region).toBe('cn-hangzhou');
    expect(valuesOf(tf, 'alicloud_alb_load_balancer')[0].zone_mappings).toHaveLength(3);
    expect(valuesOf(tf, 'alicloud_ess_scaling_group')[0].vswitch_ids).toHaveLength(3);
    const [db] = valuesOf(tf, 'alicloud_db_instance');
    expect(db).toMatchObject({ engine: 'MySQL', category: 'HighAvailability' });
    expect(db.zone_id).not.toEqual(db.zone_id_slave_a);
  });

  test('every attribute is in the pinned aliyun/alicloud schema', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { alicloudSchemaProblems } = require('./util/alicloud-schema');
    expect(alicloudSchemaProblems(tf)).toEqual([]);
  });

  test('matches the snapshot', () => {
    expect(portable(tf)).toMatchSnapshot();
  });
});

describe('examples/alicloud-warm-standby', () => {
  const outdir = synthExample('alicloud-warm-standby');

  test('the report: DTS-synchronized standby, HBR and OSS replication, GTM failover', () => {
    const { report, topology } = reportOf(outdir);
    expect(report).toMatchObject({ cloud: 'alicloud', strategy: 'warm-standby' });
    expect(topology.links.map((l) => l.label).sort()).toEqual(['DTS synchronization', 'HBR replication', 'OSS replication']);
    expect(topology.dns).toMatchObject({ routing: 'failover', checkIntervalSeconds: 60 });
    expect(report.scenarios.find((s) => s.id === 'region-loss')).toMatchObject({ survives: false, rtoSeconds: expect.any(Number) });
    expect(report.policySummary).toMatchObject({ failing: 0, blocking: 0 });
    expectDocumented('alicloud-warm-standby', outdir);
    expect(expectWarmStandbyTopology(outdir, 'cn-hangzhou', 'cn-shanghai').zones).toEqual([0, 1]); // HA: primary + secondary zone
  });
  const stacks = ['shop-cn-hangzhou', 'shop-cn-shanghai', 'shop-global'];
  const tf = Object.fromEntries(stacks.map((name) => [name, readStack(outdir, name)]));

  test('three stacks with their state in their own region, OSS backend with a Tablestore lock', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(stacks);
    expect(tf['shop-cn-hangzhou'].terraform.backend.oss).toMatchObject({ bucket: 'shop-tfstate-cn-hangzhou', region: 'cn-hangzhou', encrypt: true, tablestore_table: 'terraform_lock' });
    expect(tf['shop-global'].terraform.backend.oss).toMatchObject({ bucket: 'shop-tfstate-cn-shanghai', prefix: 'shop-global' });
  });

  test('warm standby: DTS keeps the standby database in sync, GTM fails over', () => {
    expect(valuesOf(tf['shop-cn-shanghai'], 'alicloud_dts_synchronization_job')).toHaveLength(1);
    expect(valuesOf(tf['shop-global'], 'alicloud_alidns_access_strategy')[0].failover_addr_pools).toHaveLength(1);
  });

  test('every stack is in the pinned aliyun/alicloud schema, and matches the snapshot', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { alicloudSchemaProblems } = require('./util/alicloud-schema');
    for (const name of stacks) expect(alicloudSchemaProblems(tf[name])).toEqual([]);
    expect(portable(tf)).toMatchSnapshot();
  });
});

// The report read from real synthesized deployments agrees with what the stacks contain and with the DR
// model of the spec that built them; breaking a stack (escape hatch) changes the report.
import * as fs from 'fs';
import * as path from 'path';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, TerraformStack, Testing } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack, HighAvailabilityStackProps, PolicyFailOn } from '../../lib';
import { resolveSpec } from '../../lib/core/defaults';
import { estimateRecovery } from '../../lib/core/dr-model';
import { analyze, Analysis } from '../../lib/analysis/report';
import { readSynthOutput } from '../../lib/analysis/synth-output';

const REGIONS = { [Cloud.AWS]: ['us-east-1', 'us-west-2'], [Cloud.ALICLOUD]: ['cn-hangzhou', 'cn-shanghai'] };

function specFor(cloud: Cloud, regionCount: number, drStrategy?: DrStrategy, engine: DatabaseEngine | null = DatabaseEngine.MYSQL,
  extra: Partial<HighAvailabilityStackProps> = {}): HighAvailabilityStackProps {
  const aws = cloud === Cloud.AWS;
  return {
    cloud,
    regions: REGIONS[cloud].slice(0, regionCount),
    drStrategy,
    dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
    app: { instanceType: aws ? 't3.small' : 'ecs.g7.large', minCapacity: 2, maxCapacity: 6 },
    database: engine ? {
      engine,
      instanceClass: engine === DatabaseEngine.AURORA_MYSQL ? 'db.r6g.large' : aws ? 'db.t3.medium' : 'mysql.n2.medium.2c',
      databaseName: 'shop',
    } : undefined,
    backup: { retentionDays: 35 },
    ...extra,
  };
}

/** Synthesizes like `cdktf synth` and reports on the output folder. */
function report(props: HighAvailabilityStackProps, change?: (ha: HighAvailabilityStack) => void): Analysis {
  const app = Testing.app();
  const ha = new HighAvailabilityStack(app, 'shop', props);
  change?.(ha);
  app.synth();
  return analyze(readSynthOutput(app.outdir));
}

const scenario = (a: Analysis, id: string, region?: string) =>
  a.report.scenarios.find((s) => s.id === id && (region === undefined || s.region === region))!;

describe('the report agrees with the DR model of the spec that built the stacks', () => {
  // Every strategy × engine over 2–5 regions is compared in test/stacks/*multi-region.test.ts (same helper).
  const cases: [Cloud, number, DrStrategy | undefined, DatabaseEngine | null][] = [
    [Cloud.AWS, 1, undefined, DatabaseEngine.MYSQL],
    [Cloud.AWS, 1, undefined, null],
    [Cloud.ALICLOUD, 1, undefined, DatabaseEngine.MYSQL],
  ];

  test.each(cases)('%s, %d region(s), %s, %s', (cloud, regionCount, strategy, engine) => {
    const props = specFor(cloud, regionCount, strategy, engine);
    const { report: r, topology } = report(props);
    expect(r.cloud).toBe(cloud);
    expect(r.strategy).toBe(regionCount > 1 ? strategy : 'single-region');
    expect(r.regions.map((x) => [x.name, x.role, x.zones, x.stack])).toEqual(
      props.regions.map((name, i) => [name, i === 0 ? 'primary' : 'standby', 3, `shop-${name}`]));
    expect(r.failureDomains).toEqual(expect.arrayContaining([props.regions[0], `${props.regions[0]}/zone 1`, `${props.regions[0]}/zone 3`]));
    // The primary region's scenarios are exactly what the model gives for the spec.
    for (const expected of estimateRecovery(resolveSpec('shop', props))) {
      const actual = scenario({ report: r, topology }, expected.id, expected.region);
      expect([actual.survives, actual.rtoSeconds, actual.rpoSeconds, actual.terms]).toEqual(
        [expected.survives, expected.rtoSeconds, expected.rpoSeconds, expected.terms]);
      expect(actual.terms.reduce((sum, t) => sum + t.seconds, 0)).toBe(actual.rtoSeconds ?? 0);
    }
    // Every tier of the design appears in the primary region, with real names.
    const tiers = new Set(topology.regions[0].resources.map((x) => x.tier));
    expect(tiers).toEqual(new Set(['load-balancer', 'app', 'backup', 'network', ...(engine ? ['database'] : [])]));
    expect(r.policySummary.blocking).toBe(0);
    expect(r.policies.length).toBeGreaterThan(20);
    expect(r.singlePointsOfFailure).toEqual([]);
    expect(r.runbooks).toEqual(['shop.runbook.md']);
  });
});

describe('topology of an Aurora warm standby (the examples\' warm standbys: test/examples.test.ts)', () => {
  test('aws, Aurora: the global database links the primary cluster to each secondary', () => {
    const { topology } = report({ ...specFor(Cloud.AWS, 2, DrStrategy.WARM_STANDBY, DatabaseEngine.AURORA_MYSQL), regions: ['us-east-1', 'us-west-2', 'eu-west-1'] });
    const replication = topology.links.filter((l) => l.kind === 'database-replication');
    expect(replication.map((l) => [l.fromRegion, l.toRegion, l.label, l.fromAddress, l.toAddress]).sort()).toEqual(['eu-west-1', 'us-west-2'].map((to) =>
      ['us-east-1', to, 'Aurora Global Database', 'aws_rds_cluster.Database_Cluster_C6094C50', 'aws_rds_cluster.Database_Cluster_C6094C50']));
    // The cluster spans the region (storage in 3 zones), its instances sit in distinct zones.
    const instances = topology.regions[0].resources.filter((r) => r.type === 'aws_rds_cluster_instance');
    expect(new Set(instances.map((r) => r.zones.join()))).toEqual(new Set(['0', '1']));
  });

});

describe('breaking the database\'s multi-zone setting', () => {
  const props = specFor(Cloud.AWS, 1, undefined, DatabaseEngine.MYSQL, { policies: { failOn: PolicyFailOn.NEVER } });
  const singleAz = (ha: HighAvailabilityStack) => ha.awsRegionStacks[0].database!.instance!.addOverride('multi_az', false);

  test('changes the zone-loss scenario, the rule result and the single points of failure', () => {
    const healthy = report(props);
    const broken = report(props, singleAz);
    expect(scenario(healthy, 'zone-loss')).toMatchObject({ survives: true, rtoSeconds: 120, rpoSeconds: 0 });
    const zoneLoss = scenario(broken, 'zone-loss');
    expect(zoneLoss).toMatchObject({ survives: false, rpoSeconds: 300 });
    expect(zoneLoss.terms[0]).toEqual({ what: 'the single-zone database is restored from its backups into another zone (assumed)', seconds: 3600 });
    expect(zoneLoss.rtoSeconds).toBe(zoneLoss.terms.reduce((sum, t) => sum + t.seconds, 0));
    const rule = (a: Analysis) => a.report.policies.filter((p) => p.id === 'HA-DB-MULTI-AZ' && p.resource.startsWith('aws_db_instance.'));
    expect(rule(healthy).map((p) => p.passed)).toEqual([true]);
    expect(rule(broken)).toEqual([expect.objectContaining({ passed: false, reason: 'multi_az is not enabled', stack: 'shop-us-east-1' })]);
    expect(broken.report.policySummary.blocking).toBeGreaterThanOrEqual(1);
    expect(broken.report.singlePointsOfFailure).toEqual([
      expect.objectContaining({ resource: rule(broken)[0].resource, stack: 'shop-us-east-1' })]);
    // The diagram shows it in one zone.
    const db = broken.topology.regions[0].resources.find((x) => x.type === 'aws_db_instance')!;
    expect(db).toMatchObject({ zones: [0], detail: expect.stringContaining('single zone') });
  });

  test('on Alibaba Cloud: an RDS instance without a secondary zone', () => {
    const alicloud = specFor(Cloud.ALICLOUD, 1, undefined, DatabaseEngine.MYSQL, { policies: { failOn: PolicyFailOn.NEVER } });
    const broken = report(alicloud, (ha) => ha.alicloudRegionStacks[0].database!.instance.addOverride('zone_id_slave_a', null));
    expect(scenario(broken, 'zone-loss')).toMatchObject({ survives: false, rpoSeconds: 300 });
    expect(scenario(report(alicloud), 'zone-loss')).toMatchObject({ survives: true, rpoSeconds: 0 });
    const finding = broken.report.policies.find((p) => p.id === 'HA-DB-MULTI-AZ' && p.resource.startsWith('alicloud_db_instance.'))!;
    expect(finding).toMatchObject({ passed: false, stack: 'shop-cn-hangzhou' });
    expect(broken.report.singlePointsOfFailure.map((s) => s.resource)).toContain(finding.resource);
  });

  test('a suppression with a reason is reported and no longer blocks', () => {
    const reason = 'staging: one zone is accepted';
    const suppressed = report({ ...props, policies: { failOn: PolicyFailOn.ERROR, suppressions: [{ id: 'HA-DB-MULTI-AZ', reason }] } }, singleAz);
    const finding = suppressed.report.policies.find((p) => p.id === 'HA-DB-MULTI-AZ' && !p.passed)!;
    expect(finding.suppressed).toEqual({ reason });
    expect(suppressed.report.policySummary).toMatchObject({ blocking: 0, suppressed: 1 });
    // Suppressing the finding does not make the zone loss survivable.
    expect(scenario(suppressed, 'zone-loss').survives).toBe(false);
  });
});

describe('a stack the user assembled by hand', () => {
  test('one NAT gateway for two zones and a one-zone app group are single points of failure', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, 'handmade');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets = ['eu-west-1a', 'eu-west-1b'].map((zone, i) =>
      new Subnet(stack, `Private${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: zone }));
    const publicSubnet = new Subnet(stack, 'Public', { vpcId: vpc.id, cidrBlock: '10.0.100.0/24', availabilityZone: 'eu-west-1a' });
    const nat = new NatGateway(stack, 'Nat', { subnetId: publicSubnet.id, connectivityType: 'private' });
    const routes = new RouteTable(stack, 'Private', { vpcId: vpc.id });
    new Route(stack, 'ToNat', { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
    subnets.forEach((s, i) => new RouteTableAssociation(stack, `Assoc${i}`, { routeTableId: routes.id, subnetId: s.id }));
    const template = new LaunchTemplate(stack, 'Template', { imageId: 'ami-12345678', instanceType: 't3.small' });
    new AutoscalingGroup(stack, 'Group', { minSize: 2, maxSize: 2, vpcZoneIdentifier: [subnets[0].id], launchTemplate: { id: template.id } });
    app.synth();
    const { report: r, topology } = analyze(readSynthOutput(app.outdir));

    expect(r.regions).toEqual([{ name: 'eu-west-1', role: 'primary', zones: 2, stack: 'handmade' }]);
    expect(topology.regions[0].zones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(r.singlePointsOfFailure.map((s) => s.resource)).toEqual(expect.arrayContaining(['aws_autoscaling_group.Group', 'aws_nat_gateway.Nat']));
    expect(r.policies).toContainEqual(expect.objectContaining({ id: 'HA-NAT-PER-ZONE', level: 'warn', resource: 'aws_nat_gateway.Nat', passed: false }));
    expect(scenario({ report: r, topology }, 'zone-loss')).toMatchObject({ survives: false, rtoSeconds: null });
    expect(scenario({ report: r, topology }, 'region-loss')).toMatchObject({ survives: false, rtoSeconds: null });
    // No backup plan, no database: deleted data is gone.
    expect(scenario({ report: r, topology }, 'data-corruption')).toMatchObject({ survives: false, rtoSeconds: null, rpoSeconds: null });
    expect(r.policies.some((p) => p.id === 'HA-ASG-ZONES' && !p.passed)).toBe(true);
  });
});

describe('findings the design accepts are suppressed with their reason, per stack', () => {
  test.each([
    [Cloud.AWS, 2, DatabaseEngine.AURORA_MYSQL],
    [Cloud.ALICLOUD, 3, DatabaseEngine.MYSQL],
  ])('%s backup-restore over %d regions (%s): standby backup plans need no copy of their own', (cloud, regionCount, engine) => {
    const regions = cloud === Cloud.AWS ? ['us-east-1', 'us-west-2', 'eu-west-1'] : ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'];
    const props = { ...specFor(cloud, 2, DrStrategy.BACKUP_RESTORE, engine), regions: regions.slice(0, regionCount) };
    const { report: r } = report(props); // synth fails on an unsuppressed error finding
    const findings = r.policies.filter((p) => p.id === 'HA-BACKUP-CROSS-REGION');
    const primary = findings.find((p) => p.stack === `shop-${regions[0]}`)!;
    expect(primary).toMatchObject({ passed: true });
    expect(primary.suppressed).toBeUndefined();
    for (const standby of findings.filter((p) => p.stack !== `shop-${regions[0]}` && !p.passed)) {
      expect(standby.suppressed?.reason).toMatch(/^standby region: its backups hold copies of shop-/);
    }
    expect(r.policySummary.blocking).toBe(0);
  });
});

describe('two regions without health-checked DNS in front', () => {
  test('region loss is not survived without a person, and says so', () => {
    const app = Testing.app();
    new HighAvailabilityStack(app, 'shop', specFor(Cloud.AWS, 2, DrStrategy.WARM_STANDBY, null));
    app.synth();
    const withDns = analyze(readSynthOutput(app.outdir));
    // The same stacks, without the global stack's DNS (as if the user kept DNS elsewhere).
    const globalFile = path.join(app.outdir, 'stacks', 'shop-global', 'cdk.tf.json');
    const global = JSON.parse(fs.readFileSync(globalFile, 'utf8'));
    delete global.resource.aws_route53_record;
    fs.writeFileSync(globalFile, JSON.stringify(global));
    const withoutDns = analyze(readSynthOutput(app.outdir));
    expect(scenario(withDns, 'region-loss', 'us-east-1')).toMatchObject({ survives: true });
    const lost = scenario(withoutDns, 'region-loss', 'us-east-1');
    expect(lost.survives).toBe(false);
    expect(lost.notes[0]).toMatch(/^no health-checked DNS answer sends users to the standby/);
    expect(withoutDns.topology.dns).toBeUndefined();
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack, PolicyFailOn, ResiliencePolicies } from '../../lib';
import { ALL_RULES } from '../../lib/analysis/rules';
import { fixtureContext, subject } from '../util/policy-fixtures';

// [rule id, resource type, a passing configuration, a failing configuration]
const fixtures: [string, string, object, object][] = [
  ['HA-DB-MULTI-AZ', 'aws_db_instance', { multi_az: true }, { multi_az: false }],
  ['HA-DB-MULTI-AZ', 'alicloud_db_instance', { zone_id: 'a', zone_id_slave_a: 'b' }, { zone_id: 'a' }],
  ['HA-DB-BACKUP-RETENTION', 'aws_db_instance', { backup_retention_period: 7 }, { backup_retention_period: 1 }],
  ['HA-DB-BACKUP-RETENTION', 'aws_rds_cluster', { backup_retention_period: 35 }, {}],
  ['HA-DB-BACKUP-RETENTION', 'alicloud_db_backup_policy', { backup_retention_period: 30 }, { backup_retention_period: 3 }],
  ['HA-DB-DELETION-PROTECTION', 'aws_rds_cluster', { deletion_protection: true }, { deletion_protection: false }],
  ['HA-DB-DELETION-PROTECTION', 'alicloud_db_instance', { deletion_protection: true }, {}],
  ['SEC-DB-ENCRYPTED', 'aws_db_instance', { storage_encrypted: true }, {}],
  ['SEC-DB-ENCRYPTED', 'alicloud_db_instance', { encryption_key: 'key-1' }, {}],
  ['SEC-DB-NOT-PUBLIC', 'aws_db_instance', { publicly_accessible: false }, { publicly_accessible: true }],
  ['SEC-DB-NOT-PUBLIC', 'alicloud_db_instance', { security_ips: ['10.0.16.0/20'] }, { security_ips: ['0.0.0.0/0'] }],
  ['SEC-BUCKET-VERSIONING', 'aws_s3_bucket_versioning', { versioning_configuration: { status: 'Enabled' } }, { versioning_configuration: { status: 'Suspended' } }],
  ['SEC-BUCKET-VERSIONING', 'alicloud_oss_bucket_versioning', { status: 'Enabled' }, { status: 'Suspended' }],
  ['SEC-BUCKET-PUBLIC-ACCESS', 'aws_s3_bucket_public_access_block',
    { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { block_public_acls: true }],
  ['SEC-BUCKET-PUBLIC-ACCESS', 'alicloud_oss_bucket_public_access_block', { block_public_access: true }, { block_public_access: false }],
  ['HA-ASG-ZONES', 'aws_autoscaling_group', { vpc_zone_identifier: ['a', 'b'], health_check_type: 'ELB' }, { vpc_zone_identifier: ['a', 'b'] }],
  ['HA-ASG-ZONES', 'aws_autoscaling_group', { vpc_zone_identifier: ['a', 'b'], health_check_type: 'ELB' }, { vpc_zone_identifier: ['a'], health_check_type: 'ELB' }],
  ['HA-ASG-ZONES', 'alicloud_ess_scaling_group', { vswitch_ids: ['a', 'b'] }, { vswitch_ids: ['a'] }],
  ['SEC-IMDSV2', 'aws_launch_template', { metadata_options: { http_tokens: 'required' } }, { metadata_options: { http_tokens: 'optional' } }],
  ['SEC-IMDSV2', 'alicloud_ecs_launch_template', { http_tokens: 'required' }, {}],
  ['HA-LB-ZONES', 'aws_lb', { subnets: ['a', 'b'], drop_invalid_header_fields: true, enable_deletion_protection: true }, { subnets: ['a', 'b'], enable_deletion_protection: true }],
  ['HA-LB-ZONES', 'alicloud_alb_load_balancer', { zone_mappings: [{}, {}], deletion_protection_enabled: true }, { zone_mappings: [{}] }],
  ['SEC-TLS-LISTENER', 'aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }, { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' }],
  ['SEC-TLS-LISTENER', 'aws_lb_listener', { protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS' } }] }, { protocol: 'HTTP', default_action: [{ type: 'forward' }] }],
  ['SEC-KMS-ROTATION', 'aws_kms_key', { enable_key_rotation: true }, {}],
  ['SEC-KMS-ROTATION', 'alicloud_kms_key', { automatic_rotation: 'Enabled' }, { automatic_rotation: 'Disabled' }],
  ['HA-DNS-HEALTH-CHECK', 'aws_route53_record', { failover_routing_policy: { type: 'PRIMARY' }, health_check_id: 'hc' }, { failover_routing_policy: { type: 'PRIMARY' } }],
];

describe('every rule has a passing and a failing fixture', () => {
  test.each(fixtures)('%s on %s', (id, type, passing, failing) => {
    const rule = ALL_RULES.find((r) => r.id === id)!;
    expect(rule.resourceTypes).toContain(type);
    expect(rule.check(subject(type, passing), fixtureContext())).toBeUndefined();
    expect(rule.check(subject(type, failing), fixtureContext())).toEqual(expect.any(String));
  });

  test('no rule lacks a fixture (here or in the rule tests of test/analysis/rules/)', () => {
    const ruleTests = fs.readdirSync(path.join(__dirname, 'rules')).map((f) => fs.readFileSync(path.join(__dirname, 'rules', f), 'utf8')).join('\n');
    const tested = new Set([...fixtures.map(([id]) => id), ...ResiliencePolicies.rules().map((r) => r.id).filter((id) => ruleTests.includes(`'${id}'`))]);
    expect(tested).toEqual(new Set(ResiliencePolicies.rules().map((r) => r.id)));
  });
});

describe('ResiliencePolicies on synthesized stacks', () => {
  const spec = (cloud: Cloud) => ({
    cloud,
    regions: cloud === Cloud.AWS ? ['us-east-1', 'us-west-2'] : ['cn-hangzhou', 'cn-shanghai'],
    drStrategy: DrStrategy.WARM_STANDBY,
    dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
    app: { instanceType: cloud === Cloud.AWS ? 't3.small' : 'ecs.g7.large' },
    database: { engine: DatabaseEngine.MYSQL, instanceClass: cloud === Cloud.AWS ? 'db.t3.medium' : 'mysql.n2.medium.2c', databaseName: 'shop' },
  });

  test.each([Cloud.AWS, Cloud.ALICLOUD])('the library\'s own %s deployment passes every rule', (cloud) => {
    const app = Testing.app();
    const ha = new HighAvailabilityStack(app, 'shop', spec(cloud));
    app.synth(); // HighAvailabilityStack applies the rules itself
    const policies = ha.policies;
    expect(policies.findings.filter((f) => !f.passed)).toEqual([]);
    expect(new Set(policies.findings.map((f) => f.id)).size).toBeGreaterThanOrEqual(10);
  });

  test('on a plain stack: a database without Multi-AZ fails synth; a suppression with a reason lets it through; NEVER', () => {
    const build = (policies: ResiliencePolicies) => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'plain');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new DbInstance(stack, 'Db', { instanceClass: 'db.t3.medium', engine: 'mysql', allocatedStorage: 20, multiAz: false,
        storageEncrypted: true, deletionProtection: true, backupRetentionPeriod: 7, manageMasterUserPassword: true, username: 'admin' });
      Aspects.of(stack).add(policies);
      return () => app.synth();
    };
    expect(build(new ResiliencePolicies())).toThrow(/\[HA-DB-MULTI-AZ\] multi_az is not enabled/);
    const suppressed = new ResiliencePolicies({ suppressions: [{ id: 'HA-DB-MULTI-AZ', reason: 'a test database, single zone on purpose' }] });
    expect(build(suppressed)).not.toThrow();
    expect(suppressed.findings.find((f) => f.id === 'HA-DB-MULTI-AZ' && !f.passed)?.suppressedBecause).toBe('a test database, single zone on purpose');
    expect(build(new ResiliencePolicies({ failOn: PolicyFailOn.NEVER }))).not.toThrow();
  });

  test('HighAvailabilityStack applies the spec\'s policies: breaking Multi-AZ fails synth unless suppressed', () => {
    const build = (policies?: object) => {
      const app = Testing.app();
      const ha = new HighAvailabilityStack(app, 'shop', { ...spec(Cloud.AWS), regions: ['us-east-1'], drStrategy: undefined, ...(policies ? { policies } : {}) });
      ha.awsRegionStacks[0].database!.instance!.addOverride('multi_az', false);
      return () => app.synth();
    };
    expect(build()).toThrow(/\[HA-DB-MULTI-AZ\]/);
    expect(build({ suppressions: [{ id: 'HA-DB-MULTI-AZ', reason: 'staging database, one zone on purpose' }] })).not.toThrow();
    expect(build({ failOn: PolicyFailOn.NEVER })).not.toThrow();
  });
});

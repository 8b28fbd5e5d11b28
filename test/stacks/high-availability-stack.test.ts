import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import {
  AwsRegionStack, Cloud, DatabaseEngine, HighAvailabilityStack, HighAvailabilityStackProps, LoadBalancingAlgorithm,
} from '../../lib';
import { expectAllValid, testWithTerraform } from '../util/terraform';

const spec: HighAvailabilityStackProps = {
  cloud: Cloud.AWS,
  regions: ['eu-west-1'],
  dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
  app: { instanceType: 't3.small', port: 8080, minCapacity: 3, maxCapacity: 9 },
  database: { engine: DatabaseEngine.POSTGRES, instanceClass: 'db.t3.medium', readReplicas: 1 },
  tags: { team: 'shop' },
};

function build(props: HighAvailabilityStackProps = spec) {
  const app = Testing.app();
  const ha = new HighAvailabilityStack(app, 'shop', props);
  const json = Testing.synth(ha.primaryStack);
  return { ha, json, tf: JSON.parse(json) };
}

const values = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});

describe('HighAvailabilityStack (one AWS region)', () => {
  const { ha, tf, json } = build();

  test('makes one stack per region, named <id>-<region>, which is the primary', () => {
    expect(ha.stacks).toHaveLength(1);
    expect(ha.primaryStack.node.id).toBe('shop-eu-west-1');
    expect(ha.awsRegionStacks[0]).toBeInstanceOf(AwsRegionStack);
    expect(tf.provider.aws[0]).toMatchObject({
      region: 'eu-west-1',
      default_tags: [{ tags: { team: 'shop', 'cdktf-ha:deployment': 'shop' } }],
    });
  });

  test('spreads every tier over three zones', () => {
    expect(values(tf, 'aws_subnet')).toHaveLength(9);
    expect(values(tf, 'aws_nat_gateway')).toHaveLength(3);
    const alb = values(tf, 'aws_lb')[0];
    expect(alb.subnets).toHaveLength(3);
    const asg = values(tf, 'aws_autoscaling_group')[0];
    expect(asg.vpc_zone_identifier).toHaveLength(3);
    expect(asg).toMatchObject({ min_size: 3, max_size: 9, health_check_type: 'ELB' });
    const subnetGroup = values(tf, 'aws_db_subnet_group')[0];
    expect(subnetGroup.subnet_ids).toHaveLength(3);
  });

  test('passes the spec to the tiers', () => {
    const targetGroup = values(tf, 'aws_lb_target_group')[0];
    expect(targetGroup).toMatchObject({
      port: 8080,
      load_balancing_algorithm_type: 'least_outstanding_requests',
      health_check: expect.objectContaining({ path: '/health', interval: 10, healthy_threshold: 3, unhealthy_threshold: 2 }),
    });
    const primary = values(tf, 'aws_db_instance').find((i) => !i.replicate_source_db);
    expect(primary).toMatchObject({ engine: 'postgres', multi_az: true, storage_encrypted: true, publicly_accessible: false });
    expect(values(tf, 'aws_db_instance').filter((i) => i.replicate_source_db)).toHaveLength(1);
  });

  test('wires the security groups LB → app → database and nothing else', () => {
    const ingress = values(tf, 'aws_vpc_security_group_ingress_rule');
    const fromAnywhere = ingress.filter((r) => r.cidr_ipv4 === '0.0.0.0/0').map((r) => r.from_port).sort();
    expect(fromAnywhere).toEqual([443, 80]);
    const referenced = ingress.filter((r) => r.referenced_security_group_id);
    expect(referenced.map((r) => r.from_port).sort()).toEqual([5432, 8080]);
    expect(ingress.filter((r) => r.cidr_ipv6 || (r.cidr_ipv4 && r.cidr_ipv4 !== '0.0.0.0/0'))).toEqual([]);
  });

  test('certificate from ACM for the record, and an alias record to the ALB', () => {
    expect(values(tf, 'aws_acm_certificate')[0]).toMatchObject({ domain_name: 'shop.example.com', validation_method: 'DNS' });
    const alias = values(tf, 'aws_route53_record').find((r) => r.alias);
    expect(alias).toMatchObject({ name: 'shop.example.com', type: 'A', alias: expect.objectContaining({ evaluate_target_health: true }) });
  });

  test('backs the database up and outputs the endpoints', () => {
    const selection = values(tf, 'aws_backup_selection').find((s) => s.resources);
    expect(selection.resources).toEqual([expect.stringMatching(/aws_db_instance\..*\.arn/)]);
    expect(Object.keys(tf.output).sort()).toEqual(expect.arrayContaining([
      'public_endpoint', 'database_endpoint', 'database_reader_endpoint', 'backup_bucket', 'backup_vault',
    ]));
    expect(tf.output.public_endpoint.value).toBe('https://shop.example.com');
  });

  test('writes no password anywhere: managed by RDS, or write-only from an ephemeral variable', () => {
    expect(json).not.toMatch(/"password"\s*:/);
    expect(json).not.toMatch(/"master_password"\s*:/);
    // The read replica rules out an RDS-managed password; the primary takes it write-only from a variable.
    const primary = values(tf, 'aws_db_instance').find((i) => !i.replicate_source_db);
    expect(primary.password_wo).toMatch(/^\$\{var\.[a-z0-9_]+_master_password\}$/);
    const [variable] = Object.values<any>(tf.variable);
    expect(variable).toMatchObject({ sensitive: true, ephemeral: true, type: 'string' });
    expect(variable.default).toBeUndefined();
    const { tf: noReplica } = build({ ...spec, database: { ...spec.database!, readReplicas: 0 } });
    expect(values(noReplica, 'aws_db_instance')[0]).toMatchObject({ manage_master_user_password: true });
    expect(noReplica.variable).toBeUndefined();
  });

  test('takes a given certificate and WAF ACL instead of issuing one', () => {
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-111122223333';
    const waf = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/1234';
    const { tf: custom } = build({ ...spec, dns: undefined, loadBalancer: { certificateArn: arn, wafAclArn: waf, algorithm: LoadBalancingAlgorithm.ROUND_ROBIN } });
    expect(values(custom, 'aws_acm_certificate')).toEqual([]);
    expect(values(custom, 'aws_route53_record')).toEqual([]);
    expect(values(custom, 'aws_lb_listener').find((l) => l.port === 443)).toMatchObject({ certificate_arn: arn });
    expect(values(custom, 'aws_wafv2_web_acl_association')[0]).toMatchObject({ web_acl_arn: waf });
    expect(values(custom, 'aws_lb_target_group')[0].load_balancing_algorithm_type).toBe('round_robin');
  });

  test('a stateless app has no database', () => {
    const { tf: stateless } = build({ ...spec, database: undefined });
    expect(values(stateless, 'aws_db_instance')).toEqual([]);
    expect(stateless.output.database_endpoint).toBeUndefined();
  });

  test('a failed construction leaves nothing synthesized', () => {
    const app = Testing.app();
    expect(() => new HighAvailabilityStack(app, 'shop', { ...spec, app: { instanceType: 't3.small', port: -1 } }))
      .toThrow(/Invalid HighAvailabilityStack "shop": app\.port \(-1\)/);
    expect(app.node.children).toHaveLength(0);
    app.synth();
    const stacksDir = path.join(app.outdir, 'stacks');
    expect(fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks).toEqual({});
  });

  testWithTerraform('passes terraform validate (postgres, stateless with certificate ARN, aurora)', () => {
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-111122223333';
    expectAllValid({
      postgres: json,
      stateless: build({ ...spec, database: undefined, dns: undefined, loadBalancer: { certificateArn: arn } }).json,
      aurora: build({
        ...spec, network: { zoneCount: 2, natGatewayPerZone: false },
        database: { engine: DatabaseEngine.AURORA_MYSQL, instanceClass: 'db.r6g.large', readReplicas: 2 },
        backup: { retentionDays: 120, coldStorageAfterDays: 30, objectLockDays: 30, scheduleCron: '0 */6 * * *' },
      }).json,
    });
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { AlicloudRegionStack, Cloud, DatabaseEngine, HighAvailabilityStack, HighAvailabilityStackProps, LoadBalancingAlgorithm } from '../../lib';
import { expectSchemaConformant } from '../util/alicloud-schema';

const spec: HighAvailabilityStackProps = {
  cloud: Cloud.ALICLOUD,
  regions: ['cn-shanghai'],
  dns: { zoneName: 'example.com', recordName: 'shop.example.com', ttlSeconds: 600 },
  app: { instanceType: 'ecs.g7.large', port: 8080, minCapacity: 3, maxCapacity: 9 },
  database: { engine: DatabaseEngine.POSTGRES, instanceClass: 'pg.n2.2c.2m', readReplicas: 1 },
  tags: { team: 'shop' },
};

function build(props: HighAvailabilityStackProps = spec) {
  const app = Testing.app();
  const ha = new HighAvailabilityStack(app, 'shop', props);
  app.synth();
  const tf = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'shop-cn-shanghai', 'cdk.tf.json'), 'utf8'));
  return { ha, tf, outdir: app.outdir };
}
const values = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});

describe('HighAvailabilityStack on Alibaba Cloud (one region)', () => {
  const { ha, tf, outdir } = build();

  test('one stack in the region with the pinned alicloud provider', () => {
    expect(ha.stacks.map((s) => s.node.id)).toEqual(['shop-cn-shanghai']);
    expect(ha.alicloudRegionStacks[0]).toBeInstanceOf(AlicloudRegionStack);
    expect(ha.awsRegionStacks).toEqual([]);
    expect(tf.provider.alicloud).toEqual([{ region: 'cn-shanghai' }]);
    expect(tf.terraform.required_providers.alicloud).toEqual({ source: 'aliyun/alicloud', version: '1.283.0' });
  });

  test('every tier over the zones: vSwitches, NAT per zone, ALB zone mappings, ESS over the app vSwitches', () => {
    expect(values(tf, 'alicloud_vswitch')).toHaveLength(9);
    expect(values(tf, 'alicloud_nat_gateway')).toHaveLength(3);
    expect(values(tf, 'alicloud_alb_load_balancer')[0].zone_mappings).toHaveLength(3);
    const group = values(tf, 'alicloud_ess_scaling_group')[0];
    expect(group).toMatchObject({ min_size: 3, max_size: 9, multi_az_policy: 'BALANCE' });
    expect(group.vswitch_ids).toHaveLength(3);
    expect(group.alb_server_group[0]).toMatchObject({ port: 8080 });
  });

  test('passes the spec to the tiers: health check, algorithm, HA database across two zones', () => {
    const serverGroup = values(tf, 'alicloud_alb_server_group')[0];
    expect(serverGroup.scheduler).toBe('Wlc');
    expect(serverGroup.health_check_config).toMatchObject({ health_check_path: '/health', health_check_interval: 10, healthy_threshold: 3, unhealthy_threshold: 2 });
    const db = values(tf, 'alicloud_db_instance')[0];
    expect(db).toMatchObject({ engine: 'PostgreSQL', category: 'HighAvailability', deletion_protection: true });
    expect(db.zone_id).not.toEqual(db.zone_id_slave_a);
    expect(db.encryption_key).toMatch(/alicloud_kms_key/);
    expect(values(tf, 'alicloud_db_readonly_instance')).toHaveLength(1);
    expect(db.security_ips).not.toContain('0.0.0.0/0');
  });

  test('no secret literal: the account password and certificate id are variables', () => {
    const [account] = values(tf, 'alicloud_rds_account');
    expect(account.account_password).toMatch(/^\$\{var\.[a-z0-9_]+_master_password\}$/);
    expect(Object.values<any>(tf.variable).every((v) => v.default === undefined)).toBe(true);
    expect(values(tf, 'alicloud_alb_listener').find((l) => l.listener_port === 443).certificates[0].certificate_id).toMatch(/^\$\{var\./);
  });

  test('backups: OSS bucket versioned and encrypted, HBR plan over it; a CNAME for the service', () => {
    expect(values(tf, 'alicloud_oss_bucket_versioning')[0].status).toBe('Enabled');
    expect(values(tf, 'alicloud_oss_bucket_server_side_encryption')[0].sse_algorithm).toBe('KMS');
    expect(values(tf, 'alicloud_hbr_policy')).toHaveLength(1);
    expect(values(tf, 'alicloud_alidns_record')[0]).toMatchObject({ domain_name: 'example.com', rr: 'shop', type: 'CNAME', ttl: 600 });
    expect(fs.readFileSync(path.join(outdir, 'shop.runbook.md'), 'utf8')).toContain('npx cdktf deploy shop-cn-shanghai');
  });

  test('every attribute written exists in the pinned aliyun/alicloud 1.283.0 schema', () => {
    expectSchemaConformant(tf);
    const withCertificate = build({ ...spec, dns: undefined, database: undefined,
      loadBalancer: { certificateArn: '12345678-cn-shanghai', algorithm: LoadBalancingAlgorithm.ROUND_ROBIN } }).tf;
    expectSchemaConformant(withCertificate);
    expect(values(withCertificate, 'alicloud_alb_server_group')[0].scheduler).toBe('Wrr');
    expect(withCertificate.variable ?? {}).toEqual({});
  });
});

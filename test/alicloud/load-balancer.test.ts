import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Provider } from '../../lib/alicloud/provider';
import { INetwork } from '../../lib/alicloud/interfaces';
import { AlbEdition, LoadBalancer, LoadBalancerProps } from '../../lib/alicloud/load-balancer';
import { LoadBalancingAlgorithm } from '../../lib/core/enums';
import { expectSchemaConformant } from '../util/alicloud-schema';

const network: INetwork = {
  vpcId: 'vpc-bp1example0000000000',
  vpcCidr: '10.0.0.0/16',
  zoneIds: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
  publicVswitchIds: ['vsw-pub-h', 'vsw-pub-i', 'vsw-pub-j'],
  appVswitchIds: ['vsw-app-h', 'vsw-app-i', 'vsw-app-j'],
  dataVswitchIds: ['vsw-db-h', 'vsw-db-i', 'vsw-db-j'],
  appVswitchCidrs: ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'],
};
const CERTIFICATE_ID = '12345678-cn-hangzhou';
const base: LoadBalancerProps = { network, certificateId: CERTIFICATE_ID };

interface Synthesized {
  readonly out: string;
  readonly parsed: any;
}

function synth(props: Partial<LoadBalancerProps> & Record<string, unknown> = {}): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const lb = new LoadBalancer(stack, 'Lb', { ...base, ...props } as LoadBalancerProps);
  // Outputs show which Terraform attribute each exposed token stands for.
  for (const name of ['securityGroupId', 'serverGroupId', 'loadBalancerId', 'dnsName', 'accessLogProjectName', 'accessLogStoreName'] as const) {
    new TerraformOutput(stack, name, { value: lb[name] });
  }
  const out = Testing.synth(stack);
  return { out, parsed: JSON.parse(out) };
}

function all(parsed: any, type: string, kind: 'resource' | 'data' = 'resource'): any[] {
  return Object.values(parsed[kind]?.[type] ?? {});
}
function only(parsed: any, type: string, kind: 'resource' | 'data' = 'resource'): any {
  const found = all(parsed, type, kind);
  expect(found).toHaveLength(1);
  return found[0];
}
function nameOf(parsed: any, type: string, kind: 'resource' | 'data' = 'resource'): string {
  const names = Object.keys(parsed[kind][type]);
  expect(names).toHaveLength(1);
  return names[0];
}
function ref(parsed: any, type: string, attribute = 'id'): string {
  return `\${${type}.${nameOf(parsed, type)}.${attribute}}`;
}
function listener(parsed: any, port: number): any {
  return all(parsed, 'alicloud_alb_listener').find((l) => l.listener_port === port);
}
function listenerName(parsed: any, port: number): string {
  return Object.entries(parsed.resource.alicloud_alb_listener).find(([, l]: [string, any]) => l.listener_port === port)![0];
}

describe('alicloud.LoadBalancer', () => {
  describe('load balancer', () => {
    test('is an internet-facing Standard ALB with a zone mapping on the public vSwitch of every zone', () => {
      const { parsed } = synth();
      const alb = only(parsed, 'alicloud_alb_load_balancer');
      expect(alb).toMatchObject({
        vpc_id: network.vpcId,
        address_type: 'Internet',
        address_allocated_mode: 'Dynamic',
        address_ip_version: 'IPv4',
        load_balancer_edition: 'Standard',
        load_balancer_billing_config: { pay_type: 'PayAsYouGo' },
        modification_protection_config: { status: 'ConsoleProtection', reason: 'Managed-by-Terraform' },
      });
      expect(alb.zone_mappings).toEqual([
        { zone_id: 'cn-hangzhou-h', vswitch_id: 'vsw-pub-h' },
        { zone_id: 'cn-hangzhou-i', vswitch_id: 'vsw-pub-i' },
        { zone_id: 'cn-hangzhou-j', vswitch_id: 'vsw-pub-j' },
      ]);
      expect(alb.load_balancer_name).toBe('test-Lb-alb');
    });

    test('spreads over exactly the zones given, also two', () => {
      const twoZones = { ...network, zoneIds: network.zoneIds.slice(0, 2), publicVswitchIds: network.publicVswitchIds.slice(0, 2) };
      const alb = only(synth({ network: twoZones }).parsed, 'alicloud_alb_load_balancer');
      expect(alb.zone_mappings.map((m: any) => m.zone_id)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
    });

    test('is protected from deletion by default, with a documented opt-out', () => {
      expect(only(synth().parsed, 'alicloud_alb_load_balancer').deletion_protection_enabled).toBe(true);
      expect(only(synth({ deletionProtection: false }).parsed, 'alicloud_alb_load_balancer').deletion_protection_enabled).toBe(false);
    });

    test('takes the WAF-enabled edition', () => {
      expect(only(synth({ edition: AlbEdition.STANDARD_WITH_WAF }).parsed, 'alicloud_alb_load_balancer').load_balancer_edition)
        .toBe('StandardWithWaf');
    });

    test('exposes the attributes other tiers and DNS need', () => {
      const { parsed } = synth();
      expect(parsed.output).toEqual({
        securityGroupId: { value: ref(parsed, 'alicloud_security_group') },
        serverGroupId: { value: ref(parsed, 'alicloud_alb_server_group') },
        loadBalancerId: { value: ref(parsed, 'alicloud_alb_load_balancer') },
        dnsName: { value: ref(parsed, 'alicloud_alb_load_balancer', 'dns_name') },
        accessLogProjectName: { value: ref(parsed, 'alicloud_log_project', 'project_name') },
        accessLogStoreName: { value: ref(parsed, 'alicloud_log_store', 'logstore_name') },
      });
    });

    test('exposes the resolved health-check settings and target port', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
      const defaults = new LoadBalancer(stack, 'Defaults', base);
      expect([defaults.targetPort, defaults.healthCheckPath, defaults.healthCheckIntervalSeconds, defaults.healthCheckTimeoutSeconds,
        defaults.healthyThreshold, defaults.unhealthyThreshold]).toEqual([80, '/health', 5, 3, 3, 2]);
      const custom = new LoadBalancer(stack, 'Custom', {
        ...base, targetPort: 8080, healthCheckPath: '/ready', healthCheckIntervalSeconds: 2, healthyThreshold: 5, unhealthyThreshold: 4,
      });
      expect([custom.targetPort, custom.healthCheckPath, custom.healthCheckIntervalSeconds, custom.healthCheckTimeoutSeconds,
        custom.healthyThreshold, custom.unhealthyThreshold]).toEqual([8080, '/ready', 2, 2, 5, 4]);
      expect(custom.certificateVariableName).toBeUndefined();
    });
  });

  describe('security group', () => {
    test('allows exactly HTTP and HTTPS from anywhere, and is attached to the load balancer', () => {
      const { parsed } = synth();
      expect(only(parsed, 'alicloud_security_group')).toEqual({
        vpc_id: network.vpcId,
        security_group_name: 'test-Lb-sg',
        description: 'Internet-facing load balancer: HTTP and HTTPS from anywhere',
        security_group_type: 'normal',
        inner_access_policy: 'Drop',
      });
      const group = ref(parsed, 'alicloud_security_group');
      const rules = all(parsed, 'alicloud_security_group_rule')
        .map(({ description: _description, ...rule }) => rule)
        .sort((a, b) => a.port_range.localeCompare(b.port_range));
      const rule = { security_group_id: group, type: 'ingress', ip_protocol: 'tcp', cidr_ip: '0.0.0.0/0', policy: 'accept', nic_type: 'intranet' };
      expect(rules).toEqual([
        { ...rule, port_range: '443/443' },
        { ...rule, port_range: '80/80' },
      ]);
      expect(only(parsed, 'alicloud_alb_load_balancer_security_group_attachment')).toEqual({
        load_balancer_id: ref(parsed, 'alicloud_alb_load_balancer'),
        security_group_id: group,
      });
    });
  });

  describe('TLS policy', () => {
    test('allows TLS 1.2 and 1.3 only, with forward-secret AEAD ciphers only', () => {
      const policy = only(synth().parsed, 'alicloud_alb_security_policy');
      expect(policy.tls_versions).toEqual(['TLSv1.2', 'TLSv1.3']);
      expect(policy.ciphers).toEqual([
        'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384',
        'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
      ]);
      for (const cipher of policy.ciphers) expect(cipher).toMatch(/GCM|CHACHA20/);
      expect(policy.security_policy_name).toBe('test-Lb-tls12-plus');
    });
  });

  describe('listeners', () => {
    test('HTTPS listener uses the TLS policy and the certificate given, and forwards to the server group', () => {
      const { parsed } = synth();
      expect(listener(parsed, 443)).toEqual({
        load_balancer_id: ref(parsed, 'alicloud_alb_load_balancer'),
        listener_protocol: 'HTTPS',
        listener_port: 443,
        listener_description: 'HTTPS to the application tier',
        certificates: [{ certificate_id: CERTIFICATE_ID }],
        security_policy_id: ref(parsed, 'alicloud_alb_security_policy'),
        http2_enabled: true,
        x_forwarded_for_config: { x_forwarded_for_enabled: true, x_forwarded_for_proto_enabled: true },
        default_actions: [{ type: 'ForwardGroup', forward_group_config: { server_group_tuples: [{ server_group_id: ref(parsed, 'alicloud_alb_server_group') }] } }],
      });
      expect(parsed.variable).toBeUndefined();
    });

    test('without a certificate id, the HTTPS listener takes it from the Terraform variable <id>_certificate_id', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
      const lb = new LoadBalancer(stack, 'Web', { network });
      expect(lb.certificateVariableName).toBe('Web_certificate_id');
      const parsed = JSON.parse(Testing.synth(stack));
      expect(parsed.variable).toEqual({
        Web_certificate_id: {
          type: 'string',
          nullable: false,
          description: expect.stringMatching(/^Id of the Certificate Management Service server certificate for the HTTPS listener of test\/Web /),
        },
      });
      expect(parsed.variable.Web_certificate_id.default).toBeUndefined();
      expect(listener(parsed, 443).certificates).toEqual([{ certificate_id: '${var.Web_certificate_id}' }]);
      expectSchemaConformant(parsed);
    });

    test('HTTP listener only redirects every path to HTTPS 443, permanently', () => {
      const { parsed } = synth();
      expect(all(parsed, 'alicloud_alb_listener')).toHaveLength(2);
      const http = listener(parsed, 80);
      expect(http).toMatchObject({ listener_protocol: 'HTTP', listener_port: 80, load_balancer_id: ref(parsed, 'alicloud_alb_load_balancer') });
      expect(http.certificates).toBeUndefined();
      expect(only(parsed, 'alicloud_alb_rule')).toEqual({
        listener_id: `\${alicloud_alb_listener.${listenerName(parsed, 80)}.id}`,
        rule_name: 'test-Lb-redirect-to-https',
        priority: 1,
        direction: 'Request',
        rule_conditions: [{ type: 'Path', path_config: { values: ['/*'] } }],
        rule_actions: [{ order: 1, type: 'Redirect', redirect_config: { protocol: 'HTTPS', port: '443', http_code: '301' } }],
      });
    });
  });

  describe('server group', () => {
    test('health-checks HTTP on the servers\' port with the defaults', () => {
      const { parsed } = synth();
      const group = only(parsed, 'alicloud_alb_server_group');
      expect(group).toMatchObject({
        server_group_name: 'test-Lb-app',
        server_group_type: 'Instance',
        protocol: 'HTTP',
        vpc_id: network.vpcId,
        scheduler: 'Wlc',
        cross_zone_enabled: true,
        sticky_session_config: { sticky_session_enabled: false },
        connection_drain_config: { connection_drain_enabled: true, connection_drain_timeout: 30 },
      });
      expect(group.health_check_config).toEqual({
        health_check_enabled: true,
        health_check_protocol: 'HTTP',
        health_check_method: 'GET',
        health_check_http_version: 'HTTP1.1',
        health_check_connect_port: 0,
        health_check_path: '/health',
        health_check_interval: 5,
        health_check_timeout: 3,
        healthy_threshold: 3,
        unhealthy_threshold: 2,
        health_check_codes: ['http_2xx'],
      });
    });

    test('takes every health-check field and the drain delay from props', () => {
      const group = only(synth({
        healthCheckPath: '/status', healthCheckIntervalSeconds: 10, healthCheckTimeoutSeconds: 8,
        healthyThreshold: 5, unhealthyThreshold: 3, deregistrationDelaySeconds: 120,
      }).parsed, 'alicloud_alb_server_group');
      expect(group.health_check_config).toMatchObject({
        health_check_path: '/status', health_check_interval: 10, health_check_timeout: 8, healthy_threshold: 5, unhealthy_threshold: 3,
      });
      expect(group.connection_drain_config).toEqual({ connection_drain_enabled: true, connection_drain_timeout: 120 });
    });

    test('keeps the default timeout within a short interval', () => {
      const group = only(synth({ healthCheckIntervalSeconds: 1 }).parsed, 'alicloud_alb_server_group');
      expect(group.health_check_config).toMatchObject({ health_check_interval: 1, health_check_timeout: 1 });
    });

    test.each([
      [LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS, 'Wlc'],
      [LoadBalancingAlgorithm.ROUND_ROBIN, 'Wrr'],
    ])('maps algorithm %s to scheduler %s', (algorithm, expected) => {
      expect(only(synth({ algorithm }).parsed, 'alicloud_alb_server_group').scheduler).toBe(expected);
    });
  });

  describe('access logs', () => {
    test('go to an encrypted logstore kept 365 days, attached to the load balancer', () => {
      const { parsed } = synth();
      const account = `data.alicloud_account.${nameOf(parsed, 'alicloud_account', 'data')}`;
      const region = `data.alicloud_regions.${nameOf(parsed, 'alicloud_regions', 'data')}`;
      expect(only(parsed, 'alicloud_regions', 'data')).toEqual({ current: true });
      expect(only(parsed, 'alicloud_log_project')).toEqual({
        project_name: `test-lb-\${${account}.id}-\${element(${region}.ids, 0)}`,
        description: 'Access logs of the load balancer test/Lb',
      });
      expect(only(parsed, 'alicloud_log_store')).toEqual({
        project_name: ref(parsed, 'alicloud_log_project', 'project_name'),
        logstore_name: 'alb-access-logs',
        retention_period: 365,
        mode: 'standard',
        shard_count: 2,
        auto_split: true,
        max_split_shard_count: 64,
        encrypt_conf: { enable: true, encrypt_type: 'default' },
      });
      expect(only(parsed, 'alicloud_alb_load_balancer_access_log_config_attachment')).toEqual({
        load_balancer_id: ref(parsed, 'alicloud_alb_load_balancer'),
        log_project: ref(parsed, 'alicloud_log_project', 'project_name'),
        log_store: ref(parsed, 'alicloud_log_store', 'logstore_name'),
      });
      // The attachment owns the setting: the load balancer must not switch it off again.
      const alb = only(parsed, 'alicloud_alb_load_balancer');
      expect(alb.access_log_config).toBeUndefined();
      expect(alb.lifecycle).toEqual({ ignore_changes: ['access_log_config'] });
    });

    test('use the retention and project prefix given', () => {
      const { parsed } = synth({ accessLogRetentionDays: 90, accessLogProjectPrefix: 'shop-alb-' });
      expect(only(parsed, 'alicloud_log_store').retention_period).toBe(90);
      expect(only(parsed, 'alicloud_log_project').project_name).toMatch(/^shop-alb-\$\{data\.alicloud_account\./);
    });
  });

  test('writes only attributes of the pinned aliyun/alicloud 1.283.0 schema, none deprecated', () => {
    expectSchemaConformant(synth().out);
    expectSchemaConformant(synth({ deletionProtection: false, algorithm: LoadBalancingAlgorithm.ROUND_ROBIN, edition: AlbEdition.STANDARD_WITH_WAF }).out);
  });

  test('writes no secret', () => {
    expect(synth().out).not.toMatch(/access_key|secret_key|password/i);
  });

  describe('rejects bad input', () => {
    test.each<[string, Partial<LoadBalancerProps> & Record<string, unknown>, RegExp]>([
      ['no network', { network: undefined }, /network \(undefined\) is required/],
      ['no VPC id', { network: { ...network, vpcId: '' } }, /network\.vpcId \(""\) must be a VPC id/],
      ['a single zone', { network: { ...network, zoneIds: ['cn-hangzhou-h'], publicVswitchIds: ['vsw-pub-h'] } }, /network\.zoneIds \(\["cn-hangzhou-h"\]\) must list at least two zones/],
      ['fewer vSwitches than zones', { network: { ...network, publicVswitchIds: ['vsw-pub-h', 'vsw-pub-i'] } }, /network\.publicVswitchIds \(2 vSwitches\) must have one vSwitch per zone of network\.zoneIds \(3 zones\)/],
      ['a certificate id with spaces', { certificateId: 'my cert' }, /certificateId \("my cert"\) must be a Certificate Management Service certificate id/],
      ['an empty certificate id', { certificateId: '' }, /certificateId \(""\) must be/],
      ['target port 0', { targetPort: 0 }, /targetPort \(0\) must be an integer from 1 to 65535/],
      ['target port 8.5', { targetPort: 8.5 }, /targetPort \(8\.5\) must be an integer from 1 to 65535/],
      ['a health-check path without "/"', { healthCheckPath: 'health' }, /healthCheckPath \("health"\) must start with "\/"/],
      ['a health-check path over 80 characters', { healthCheckPath: `/${'a'.repeat(80)}` }, /healthCheckPath .* at most 80 characters/],
      ['a health-check path with a space', { healthCheckPath: '/he alth' }, /healthCheckPath \("\/he alth"\) must/],
      ['interval 0', { healthCheckIntervalSeconds: 0 }, /healthCheckIntervalSeconds \(0\) must be an integer from 1 to 50/],
      ['interval 51', { healthCheckIntervalSeconds: 51 }, /healthCheckIntervalSeconds \(51\) must be an integer from 1 to 50/],
      ['timeout 0', { healthCheckTimeoutSeconds: 0 }, /healthCheckTimeoutSeconds \(0\) must be an integer from 1 to 300/],
      ['timeout above the interval', { healthCheckIntervalSeconds: 5, healthCheckTimeoutSeconds: 6 }, /healthCheckTimeoutSeconds \(6\) must be at most healthCheckIntervalSeconds \(5\)/],
      ['timeout above the default interval', { healthCheckTimeoutSeconds: 10 }, /healthCheckTimeoutSeconds \(10\) must be at most healthCheckIntervalSeconds \(5\)/],
      ['healthy threshold 1', { healthyThreshold: 1 }, /healthyThreshold \(1\) must be an integer from 2 to 10/],
      ['healthy threshold 11', { healthyThreshold: 11 }, /healthyThreshold \(11\) must be an integer from 2 to 10/],
      ['unhealthy threshold 1', { unhealthyThreshold: 1 }, /unhealthyThreshold \(1\) must be an integer from 2 to 10/],
      ['unhealthy threshold 11', { unhealthyThreshold: 11 }, /unhealthyThreshold \(11\) must be an integer from 2 to 10/],
      ['an unknown algorithm', { algorithm: 'random' as any }, /algorithm \("random"\) must be one of "round-robin", "least-outstanding-requests"/],
      ['a drain delay over 900 s', { deregistrationDelaySeconds: 901 }, /deregistrationDelaySeconds \(901\) must be an integer from 0 to 900/],
      ['a non-boolean deletion protection', { deletionProtection: 'no' as any }, /deletionProtection \("no"\) must be true or false/],
      ['a log retention of 0 days', { accessLogRetentionDays: 0 }, /accessLogRetentionDays \(0\) must be an integer from 1 to 3650/],
      ['a log retention over 3650 days', { accessLogRetentionDays: 3651 }, /accessLogRetentionDays \(3651\) must be an integer from 1 to 3650/],
      ['an upper-case project prefix', { accessLogProjectPrefix: 'Shop-Logs' }, /accessLogProjectPrefix \("Shop-Logs"\) must be 1 to 31 lowercase letters/],
      ['a project prefix over 31 characters', { accessLogProjectPrefix: 'a'.repeat(32) }, /accessLogProjectPrefix .* must be 1 to 31/],
      ['the Basic edition', { edition: 'Basic' as any }, /edition \("Basic"\) must be one of "Standard", "StandardWithWaf"/],
      ['an unknown prop', { sslPolicy: 'tls_cipher_policy_1_0' }, /sslPolicy is not a known prop \(known: network, /],
    ])('%s', (_name, override, message) => {
      expect(() => synth(override)).toThrow(message);
    });

    test('accepts unresolved tokens without checking their form', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
      const cert = new TerraformVariable(stack, 'cert', { type: 'string' });
      expect(() => new LoadBalancer(stack, 'Lb', { network, certificateId: cert.stringValue })).not.toThrow();
    });

    test('names the construct and every problem at once, before creating anything', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new LoadBalancer(stack, 'Web', { ...base, targetPort: 0, healthyThreshold: 11, edition: 'Basic' as any }))
        .toThrow(/^Invalid alicloud\.LoadBalancer "Web": targetPort \(0\) .*; healthyThreshold \(11\) .*; edition \("Basic"\)/);
      const web = stack.node.tryFindChild('Web');
      expect(web?.node.children ?? []).toHaveLength(0);
    });
  });
});

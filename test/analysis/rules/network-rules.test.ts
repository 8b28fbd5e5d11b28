import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Network as AlicloudNetwork } from '../../../lib/alicloud/network';
import { Provider as AlicloudProvider } from '../../../lib/alicloud/provider';
import { evaluateStack } from '../../../lib/analysis/evaluate-policies';
import { PolicyLevel, PolicyRule } from '../../../lib/analysis/policy-rule';
import { ALL_RULES } from '../../../lib/analysis/rules';
import { HA_ASG_ZONES } from '../../../lib/analysis/rules/ha-asg-zones';
import { HA_DNS_HEALTH_CHECK } from '../../../lib/analysis/rules/ha-dns-health-check';
import { HA_LB_ZONES } from '../../../lib/analysis/rules/ha-lb-zones';
import { HA_NAT_PER_ZONE } from '../../../lib/analysis/rules/ha-nat-per-zone';
import { SEC_LB_ACCESS_LOGS } from '../../../lib/analysis/rules/sec-lb-access-logs';
import { SEC_SG_WORLD_INGRESS } from '../../../lib/analysis/rules/sec-sg-world-ingress';
import { SEC_TLS_LISTENER } from '../../../lib/analysis/rules/sec-tls-listener';
import { Network as AwsNetwork } from '../../../lib/aws/network';
import { fixtureContext, ResourceSection, subject } from '../../util/policy-fixtures';

const ref = (address: string, attribute = 'id') => `\${${address}.${attribute}}`;

/** The rule's verdict on `type.name` inside a stack made of `resources` (which must hold the subject). */
function judge(rule: PolicyRule, resources: ResourceSection, type: string, name = 'x'): string | undefined {
  return rule.check(subject(type, resources[type][name], name), fixtureContext(resources));
}

/** The rule's verdict on a lone resource. */
function alone(rule: PolicyRule, type: string, config: object): string | undefined {
  return judge(rule, { [type]: { x: config } }, type);
}

describe('registration', () => {
  test.each([
    [SEC_LB_ACCESS_LOGS, PolicyLevel.ERROR],
    [SEC_SG_WORLD_INGRESS, PolicyLevel.ERROR],
    [HA_NAT_PER_ZONE, PolicyLevel.WARN],
  ])('%# is in ALL_RULES with its level and its documentation', (rule, level) => {
    expect(ALL_RULES).toContain(rule);
    expect(rule.level).toBe(level);
    for (const text of [rule.description, rule.why, rule.fix]) expect(text.length).toBeGreaterThan(20);
  });

  test('the extended rules read the Alibaba Cloud types', () => {
    expect(HA_ASG_ZONES.resourceTypes).toContain('alicloud_ess_scaling_group');
    expect(SEC_TLS_LISTENER.resourceTypes).toContain('alicloud_alb_listener');
    expect(HA_DNS_HEALTH_CHECK.resourceTypes).toContain('alicloud_alidns_access_strategy');
  });
});

describe('HA-ASG-ZONES on alicloud_ess_scaling_group', () => {
  const group = (config: object, extra: ResourceSection = {}) =>
    judge(HA_ASG_ZONES, { alicloud_ess_scaling_group: { x: config }, ...extra }, 'alicloud_ess_scaling_group');
  const behindAlb = { vswitch_ids: ['a', 'b'], alb_server_group: [{ alb_server_group_id: 'sg', port: 80 }] };

  test('passes: 2+ vSwitches, behind an ALB server group, LOAD_BALANCER health checks', () => {
    expect(group({ ...behindAlb, health_check_types: ['ECS', 'LOAD_BALANCER'] })).toBeUndefined();
    expect(group({ ...behindAlb, health_check_type: 'LOAD_BALANCER' })).toBeUndefined();
  });

  test('fails: one vSwitch, or none', () => {
    expect(group({ vswitch_ids: ['a'] })).toBe('vswitch_ids has 1 vSwitch(es)');
    expect(group({ vswitch_id: 'a' })).toBe('vswitch_ids has 1 vSwitch(es)');
    expect(group({})).toBe('vswitch_ids has 0 vSwitch(es)');
  });

  test('a whole-list reference to vSwitches is not judged on its length', () => {
    expect(group({ vswitch_ids: '${var.vswitch_ids}' })).toBeUndefined();
  });

  test('fails behind a load balancer with ECS-only health checks (explicit or the API default)', () => {
    expect(group({ ...behindAlb, health_check_types: ['ECS'] })).toMatch(/health_check_types is \["ECS"\]: instances the load balancer finds unhealthy/);
    expect(group(behindAlb)).toMatch(/health_check_types is \["ECS"\]/);
    expect(group({ vswitch_ids: ['a', 'b'], loadbalancer_ids: ['lb-1'] })).toMatch(/LOAD_BALANCER|load balancer/);
  });

  test.each(['alicloud_ess_alb_server_group_attachment', 'alicloud_ess_server_group_attachment', 'alicloud_ess_scalinggroup_vserver_groups'])(
    'an %s that refers to the group puts it behind a load balancer', (attachment) => {
      const attached = { [attachment]: { a: { scaling_group_id: ref('alicloud_ess_scaling_group.x') } } };
      expect(group({ vswitch_ids: ['a', 'b'] }, attached)).toMatch(/not replaced/);
      expect(group({ vswitch_ids: ['a', 'b'], health_check_types: ['LOAD_BALANCER'] }, attached)).toBeUndefined();
      const other = { [attachment]: { a: { scaling_group_id: ref('alicloud_ess_scaling_group.other') } } };
      expect(group({ vswitch_ids: ['a', 'b'] }, other)).toBeUndefined();
    });

  test('a group without a load balancer passes with ECS checks, fails with NONE', () => {
    expect(group({ vswitch_ids: ['a', 'b'] })).toBeUndefined();
    expect(group({ vswitch_ids: ['a', 'b'], health_check_types: ['ECS'] })).toBeUndefined();
    expect(group({ vswitch_ids: ['a', 'b'], health_check_type: 'NONE' })).toMatch(/NONE.*never replaced/);
  });

  test('health check types only known at apply time are not judged', () => {
    expect(group({ ...behindAlb, health_check_types: '${var.types}' })).toBeUndefined();
  });

  test('the AWS part is kept: ELB health checks and a grace period', () => {
    const asg = (config: object) => alone(HA_ASG_ZONES, 'aws_autoscaling_group', config);
    expect(asg({ vpc_zone_identifier: ['a', 'b'], health_check_type: 'ELB' })).toBeUndefined();
    expect(asg({ vpc_zone_identifier: ['a', 'b'] })).toBe('health_check_type is "EC2"');
    expect(asg({ vpc_zone_identifier: ['a'], health_check_type: 'ELB' })).toBe('vpc_zone_identifier has 1 subnet(s)');
    expect(asg({ vpc_zone_identifier: ['a', 'b'], health_check_type: 'ELB', health_check_grace_period: 0 })).toBe('health_check_grace_period is 0');
    expect(asg({ vpc_zone_identifier: '${var.subnets}', health_check_type: 'ELB' })).toBeUndefined();
  });
});

describe('SEC-LB-ACCESS-LOGS', () => {
  const lb = (config: object) => alone(SEC_LB_ACCESS_LOGS, 'aws_lb', config);

  test('aws_lb passes with access_logs enabled and a bucket (single block or list)', () => {
    expect(lb({ access_logs: { enabled: true, bucket: ref('aws_s3_bucket.logs', 'bucket') } })).toBeUndefined();
    expect(lb({ access_logs: [{ enabled: 'true', bucket: 'logs' }] })).toBeUndefined();
    expect(lb({ access_logs: { enabled: '${var.logs}', bucket: 'logs' } })).toBeUndefined();
  });

  test('aws_lb fails without logs, disabled logs, logs enabled by default only, or no bucket', () => {
    expect(lb({})).toBe('access_logs.enabled is not true');
    expect(lb({ access_logs: { enabled: false, bucket: 'logs' } })).toBe('access_logs.enabled is not true');
    // Provider docs: enabled defaults to false even with a bucket.
    expect(lb({ access_logs: { bucket: 'logs' } })).toBe('access_logs.enabled is not true');
    expect(lb({ access_logs: { enabled: true, bucket: '' } })).toBe('access_logs.bucket is not set');
    expect(lb({ load_balancer_type: 'application' })).toBe('access_logs.enabled is not true');
  });

  test('gateway and network load balancers are not judged', () => {
    expect(lb({ load_balancer_type: 'gateway' })).toBeUndefined();
    expect(lb({ load_balancer_type: 'network' })).toBeUndefined();
  });

  test('alicloud_alb_load_balancer passes with access_log_config or an attachment that refers to it', () => {
    const alb = 'alicloud_alb_load_balancer';
    expect(alone(SEC_LB_ACCESS_LOGS, alb, { access_log_config: { log_project: 'p', log_store: 's' } })).toBeUndefined();
    expect(alone(SEC_LB_ACCESS_LOGS, alb, { access_log_config: [{ log_project: 'p', log_store: 's' }] })).toBeUndefined();
    const attachment = (lbAddress: string) => ({
      alicloud_alb_load_balancer: { x: {} },
      alicloud_alb_load_balancer_access_log_config_attachment: {
        logs: { load_balancer_id: ref(lbAddress), log_project: ref('alicloud_log_project.p', 'project_name'), log_store: 'alb' },
      },
    });
    expect(judge(SEC_LB_ACCESS_LOGS, attachment('alicloud_alb_load_balancer.x'), alb)).toBeUndefined();
    expect(judge(SEC_LB_ACCESS_LOGS, attachment('alicloud_alb_load_balancer.other'), alb)).toMatch(/no access_log_config/);
    expect(alone(SEC_LB_ACCESS_LOGS, alb, {})).toBe('no access_log_config and no access-log attachment refers to it');
    expect(alone(SEC_LB_ACCESS_LOGS, alb, { access_log_config: { log_project: 'p' } })).toMatch(/no access_log_config/);
  });
});

describe('SEC-TLS-LISTENER on alicloud_alb_listener', () => {
  const LISTENER = 'alicloud_alb_listener';
  const https = (config: object, extra: ResourceSection = {}) =>
    judge(SEC_TLS_LISTENER, { [LISTENER]: { x: { listener_protocol: 'HTTPS', ...config } }, ...extra }, LISTENER);

  test.each(['tls_cipher_policy_1_2', 'tls_cipher_policy_1_2_strict', 'tls_cipher_policy_1_2_strict_with_1_3'])(
    'HTTPS with the system policy %s passes', (policy) => {
      expect(https({ security_policy_id: policy })).toBeUndefined();
    });

  test.each(['tls_cipher_policy_1_0', 'tls_cipher_policy_1_1', 'tls_cipher_policy_1_0_to_1_3'])(
    'HTTPS with the system policy %s fails', (policy) => {
      expect(https({ security_policy_id: policy })).toBe(`security_policy_id ${policy} allows TLS below 1.2`);
    });

  test('HTTPS without a policy gets tls_cipher_policy_1_0 and fails', () => {
    expect(https({})).toBe('security_policy_id tls_cipher_policy_1_0 allows TLS below 1.2');
  });

  test('a custom policy of the stack is judged by its tls_versions', () => {
    const policy = (versions: string[]) => ({ alicloud_alb_security_policy: { tls: { tls_versions: versions, ciphers: [] } } });
    const policyRef = { security_policy_id: ref('alicloud_alb_security_policy.tls') };
    expect(https(policyRef, policy(['TLSv1.2', 'TLSv1.3']))).toBeUndefined();
    expect(https(policyRef, policy(['TLSv1.1', 'TLSv1.2']))).toBe('security policy alicloud_alb_security_policy.tls allows TLSv1.1');
    expect(https(policyRef, policy(['TLSv1.0', 'TLSv1.2']))).toMatch(/allows TLSv1\.0/);
  });

  test('a policy outside the stack is not judged', () => {
    expect(https({ security_policy_id: 'sp-123456' })).toBeUndefined();
    expect(https({ security_policy_id: '${var.policy_id}' })).toBeUndefined();
  });

  const forward = { type: 'ForwardGroup', forward_group_config: { server_group_tuples: [{ server_group_id: 'sg' }] } };
  const redirect = { order: 1, type: 'Redirect', redirect_config: { protocol: 'HTTPS', port: '443', http_code: '301' } };
  const everyPath = [{ type: 'Path', path_config: { values: ['/*'] } }];
  const http = (rules: { [name: string]: object }) => judge(SEC_TLS_LISTENER, {
    [LISTENER]: { x: { listener_protocol: 'HTTP', listener_port: 80, default_actions: [forward] } },
    alicloud_alb_rule: rules,
  }, LISTENER);
  const rule = (config: object) => ({ listener_id: ref('alicloud_alb_listener.x'), direction: 'Request', priority: 1, ...config });

  test('HTTP passes when a rule redirects every path to HTTPS (what alicloud.LoadBalancer writes)', () => {
    expect(http({ r: rule({ rule_actions: [redirect], rule_conditions: everyPath }) })).toBeUndefined();
    expect(http({ r: rule({ rule_actions: redirect, rule_conditions: everyPath[0], direction: undefined }) })).toBeUndefined();
  });

  test('HTTP fails without a redirect rule, with a partial one, or a redirect to HTTP', () => {
    const reason = 'an HTTP listener serves content: no alicloud_alb_rule redirects every request to HTTPS';
    expect(http({})).toBe(reason);
    expect(http({ r: rule({ rule_actions: [redirect], rule_conditions: [{ type: 'Path', path_config: { values: ['/api/*'] } }] }) })).toBe(reason);
    expect(http({ r: rule({ rule_actions: [redirect], rule_conditions: [{ type: 'Host', host_config: { values: ['a.example.com'] } }] }) })).toBe(reason);
    expect(http({ r: rule({ rule_actions: [{ ...redirect, redirect_config: { protocol: 'HTTP' } }], rule_conditions: everyPath }) })).toBe(reason);
    expect(http({ r: rule({ rule_actions: [redirect], rule_conditions: everyPath, direction: 'Response' }) })).toBe(reason);
  });

  test('a redirect rule of another listener does not count', () => {
    expect(http({ r: rule({ listener_id: ref('alicloud_alb_listener.other'), rule_actions: [redirect], rule_conditions: everyPath }) }))
      .toMatch(/serves content/);
  });

  test('a forwarding rule evaluated before the redirect fails; one after it is never reached', () => {
    const catchAll = rule({ priority: 10, rule_actions: [redirect], rule_conditions: everyPath });
    const forwarding = (priority: number | string) => rule({ priority, rule_actions: [forward], rule_conditions: [{ type: 'Path', path_config: { values: ['/api/*'] } }] });
    expect(http({ catchAll, api: forwarding(5) })).toBe('rule alicloud_alb_rule.api (priority 5) forwards HTTP requests before the redirect to HTTPS');
    expect(http({ catchAll, api: forwarding(20) })).toBeUndefined();
    expect(http({ catchAll, api: forwarding('${var.priority}') })).toBeUndefined();
  });

  test('QUIC listeners and the AWS listener checks are unchanged', () => {
    expect(alone(SEC_TLS_LISTENER, LISTENER, { listener_protocol: 'QUIC' })).toBeUndefined();
    expect(alone(SEC_TLS_LISTENER, 'aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })).toBeUndefined();
    expect(alone(SEC_TLS_LISTENER, 'aws_lb_listener', { protocol: 'HTTP', default_action: { type: 'forward' } })).toMatch(/serves content/);
    expect(alone(SEC_TLS_LISTENER, 'aws_lb_listener', { protocol: 'HTTP', default_action: { type: 'redirect', redirect: { protocol: 'HTTPS' } } })).toBeUndefined();
  });
});

describe('SEC-SG-WORLD-INGRESS', () => {
  const GROUP = 'aws_security_group.lb';
  const behindLb = { aws_lb: { lb: { security_groups: [ref(GROUP)] } } };
  const ingressRule = (config: object, extra: ResourceSection = behindLb) => judge(SEC_SG_WORLD_INGRESS, {
    aws_security_group: { lb: {} },
    aws_vpc_security_group_ingress_rule: { x: { security_group_id: ref(GROUP), ip_protocol: 'tcp', ...config } },
    ...extra,
  }, 'aws_vpc_security_group_ingress_rule');

  test('aws_vpc_security_group_ingress_rule: 80 and 443 from anywhere into a load balancer group pass', () => {
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 })).toBeUndefined();
    expect(ingressRule({ cidr_ipv6: '::/0', from_port: 80, to_port: 80 })).toBeUndefined();
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', ip_protocol: '6', from_port: 443, to_port: 443 })).toBeUndefined();
  });

  test('aws_vpc_security_group_ingress_rule: other ports and protocols from anywhere fail', () => {
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: 22, to_port: 22 })).toBe('ingress from 0.0.0.0/0 on port 22');
    expect(ingressRule({ cidr_ipv6: '::/0', from_port: 8080, to_port: 8080 })).toBe('ingress from ::/0 on port 8080');
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: 80, to_port: 443 })).toBe('ingress from 0.0.0.0/0 on ports 80-443');
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', ip_protocol: '-1' })).toBe('ingress from 0.0.0.0/0 on every port and protocol');
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', ip_protocol: 'icmp', from_port: -1, to_port: -1 })).toBe('ingress from 0.0.0.0/0 on protocol icmp');
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0' })).toBe('ingress from 0.0.0.0/0 on every port');
  });

  test('443 from anywhere into a group no load balancer uses fails', () => {
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 }, {}))
      .toBe('ingress from 0.0.0.0/0 on port 443 into a group no load balancer uses');
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 }, { aws_lb: { lb: { security_groups: [ref('aws_security_group.other')] } } }))
      .toMatch(/no load balancer uses/);
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 }, { aws_elb: { classic: { security_groups: [ref(GROUP)] } } })).toBeUndefined();
  });

  test('sources other than the whole internet, and values known only at apply time, pass', () => {
    expect(ingressRule({ cidr_ipv4: '10.0.0.0/8', from_port: 22, to_port: 22 }, {})).toBeUndefined();
    expect(ingressRule({ referenced_security_group_id: ref('aws_security_group.app'), from_port: 8080, to_port: 8080 }, {})).toBeUndefined();
    expect(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: '${var.port}', to_port: '${var.port}' })).toBeUndefined();
  });

  test('a group outside the stack is judged only on its ports', () => {
    const literal = (from: number) => alone(SEC_SG_WORLD_INGRESS, 'aws_vpc_security_group_ingress_rule',
      { security_group_id: 'sg-0123456789abcdef0', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: from, to_port: from });
    expect(literal(443)).toBeUndefined();
    expect(literal(3389)).toBe('ingress from 0.0.0.0/0 on port 3389');
  });

  test('aws_security_group inline ingress, as a list or a single block', () => {
    const group = (ingress: unknown, extra: ResourceSection = {}) =>
      judge(SEC_SG_WORLD_INGRESS, { aws_security_group: { x: { ingress } }, ...extra }, 'aws_security_group');
    const web = { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] };
    const lbOfX = { aws_lb: { lb: { security_groups: [ref('aws_security_group.x')] } } };
    expect(group([web], lbOfX)).toBeUndefined();
    expect(group(web, lbOfX)).toBeUndefined();
    expect(group([web])).toMatch(/no load balancer uses/);
    expect(group([web, { protocol: 'tcp', from_port: 0, to_port: 65535, ipv6_cidr_blocks: ['::/0'] }], lbOfX)).toBe('ingress from ::/0 on ports 0-65535');
    expect(group([{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['192.0.2.0/24'] }])).toBeUndefined();
    expect(group([])).toBeUndefined();
    expect(judge(SEC_SG_WORLD_INGRESS, { aws_default_security_group: { x: { ingress: [], egress: [] } } }, 'aws_default_security_group')).toBeUndefined();
  });

  test('aws_security_group_rule: ingress is judged, egress is not', () => {
    const rule = (config: object) => judge(SEC_SG_WORLD_INGRESS, {
      aws_security_group: { lb: {} }, ...behindLb,
      aws_security_group_rule: { x: { security_group_id: ref(GROUP), protocol: 'tcp', ...config } },
    }, 'aws_security_group_rule');
    expect(rule({ type: 'ingress', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] })).toBeUndefined();
    expect(rule({ type: 'ingress', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] })).toBe('ingress from 0.0.0.0/0 on port 22');
    expect(rule({ type: 'ingress', protocol: 'all', from_port: 0, to_port: 0, ipv6_cidr_blocks: ['::/0'] })).toBe('ingress from ::/0 on every port and protocol');
    expect(rule({ type: 'egress', from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] })).toBeUndefined();
  });

  describe('alicloud_security_group_rule', () => {
    const ALB_GROUP = 'alicloud_security_group.lb';
    const attached = {
      alicloud_alb_load_balancer_security_group_attachment: { a: { load_balancer_id: ref('alicloud_alb_load_balancer.lb'), security_group_id: ref(ALB_GROUP) } },
    };
    const rule = (config: object, extra: ResourceSection = attached) => judge(SEC_SG_WORLD_INGRESS, {
      alicloud_security_group: { lb: {} },
      alicloud_security_group_rule: { x: { security_group_id: ref(ALB_GROUP), type: 'ingress', ip_protocol: 'tcp', policy: 'accept', ...config } },
      ...extra,
    }, 'alicloud_security_group_rule');

    test('80/80 and 443/443 from anywhere into a group attached to an ALB pass (what alicloud.LoadBalancer writes)', () => {
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '443/443' })).toBeUndefined();
      expect(rule({ ipv6_cidr_ip: '::/0', port_range: '80/80' })).toBeUndefined();
      const nlb = { alicloud_nlb_load_balancer: { nlb: { security_group_ids: [ref(ALB_GROUP)] } } };
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '443/443' }, nlb)).toBeUndefined();
    });

    test('world-open rules on other ports, every port, or an ECS group fail', () => {
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '22/22' })).toBe('ingress from 0.0.0.0/0 on port 22');
      expect(rule({ cidr_ip: '0.0.0.0/0', ip_protocol: 'all', port_range: '-1/-1' })).toBe('ingress from 0.0.0.0/0 on every port and protocol');
      expect(rule({ ipv6_cidr_ip: '::/0', port_range: '3306/3306' })).toBe('ingress from ::/0 on port 3306');
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '1/65535' })).toBe('ingress from 0.0.0.0/0 on ports 1-65535');
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '443/443' }, {})).toBe('ingress from 0.0.0.0/0 on port 443 into a group no load balancer uses');
    });

    test('drop rules, egress, private sources and group sources pass', () => {
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '22/22', policy: 'drop' })).toBeUndefined();
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '22/22', type: 'egress' })).toBeUndefined();
      expect(rule({ cidr_ip: '10.0.0.0/16', port_range: '22/22' }, {})).toBeUndefined();
      expect(rule({ source_security_group_id: ref(ALB_GROUP), port_range: '8080/8080' }, {})).toBeUndefined();
      expect(rule({ cidr_ip: '0.0.0.0/0', port_range: '${var.ports}' })).toBeUndefined();
    });
  });
});

describe('HA-NAT-PER-ZONE', () => {
  /** An AWS VPC whose private subnets in `zones` route to the NAT gateway at index `natOf(zone index)`. */
  function awsNetwork(zones: string[], natOf: (zone: number) => number): ResourceSection {
    const section: ResourceSection = {
      aws_vpc: { v: {} }, aws_nat_gateway: {}, aws_route: {}, aws_route_table: {}, aws_route_table_association: {}, aws_subnet: {},
    };
    zones.forEach((zone, i) => {
      section.aws_nat_gateway[`n${i}`] = { subnet_id: ref(`aws_subnet.public${i}`) };
      section.aws_subnet[`s${i}`] = { vpc_id: ref('aws_vpc.v'), availability_zone: zone };
      section.aws_route_table[`t${i}`] = { vpc_id: ref('aws_vpc.v') };
      section.aws_route[`r${i}`] = { route_table_id: ref(`aws_route_table.t${i}`), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref(`aws_nat_gateway.n${natOf(i)}`) };
      section.aws_route_table_association[`a${i}`] = { route_table_id: ref(`aws_route_table.t${i}`), subnet_id: ref(`aws_subnet.s${i}`) };
    });
    return section;
  }
  const nat = (resources: ResourceSection, name = 'n0') => judge(HA_NAT_PER_ZONE, resources, 'aws_nat_gateway', name);

  test('aws: one NAT gateway per zone passes', () => {
    const resources = awsNetwork(['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], (zone) => zone);
    for (const name of ['n0', 'n1', 'n2']) expect(nat(resources, name)).toBeUndefined();
  });

  test('aws: one NAT gateway for the route tables of three zones warns', () => {
    const resources = awsNetwork(['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], () => 0);
    expect(nat(resources)).toBe('serves subnets in 3 zones (eu-west-1a, eu-west-1b, eu-west-1c)');
    expect(nat(resources, 'n1')).toBeUndefined();
  });

  test('aws: two subnets of one zone on one NAT gateway pass; subnets without a zone are not counted', () => {
    expect(nat(awsNetwork(['eu-west-1a', 'eu-west-1a'], () => 0))).toBeUndefined();
    const resources = awsNetwork(['eu-west-1a', 'eu-west-1b'], () => 0);
    delete (resources.aws_subnet.s1 as any).availability_zone;
    expect(nat(resources)).toBeUndefined();
  });

  test('aws: zones as availability_zone_id and as expressions', () => {
    const byId = awsNetwork(['a', 'b'], () => 0);
    byId.aws_subnet.s0 = { vpc_id: ref('aws_vpc.v'), availability_zone_id: 'euw1-az1' };
    byId.aws_subnet.s1 = { vpc_id: ref('aws_vpc.v'), availability_zone_id: 'euw1-az2' };
    expect(nat(byId)).toBe('serves subnets in 2 zones (euw1-az1, euw1-az2)');
    const zone = (i: number) => `\${element(data.aws_availability_zones.zones.names, ${i})}`;
    expect(nat(awsNetwork([zone(0), zone(1)], () => 0))).toMatch(/^serves subnets in 2 zones/);
  });

  test('aws: inline routes of aws_route_table', () => {
    const resources: ResourceSection = {
      aws_nat_gateway: { n0: {} },
      aws_route_table: { t: { route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway.n0') }] } },
      aws_route_table_association: {
        a0: { route_table_id: ref('aws_route_table.t'), subnet_id: ref('aws_subnet.s0') },
        a1: { route_table_id: ref('aws_route_table.t'), subnet_id: ref('aws_subnet.s1') },
      },
      aws_subnet: { s0: { availability_zone: 'us-east-1a' }, s1: { availability_zone: 'us-east-1b' } },
    };
    expect(nat(resources)).toBe('serves subnets in 2 zones (us-east-1a, us-east-1b)');
    (resources.aws_route_table.t as any).route = { cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.igw') };
    expect(nat(resources)).toBeUndefined();
  });

  test('aws: a route in the main route table serves the subnets without an association of their own', () => {
    const resources: ResourceSection = {
      aws_vpc: { v: {} },
      aws_nat_gateway: { n0: {} },
      aws_route: { r: { route_table_id: ref('aws_vpc.v', 'main_route_table_id'), nat_gateway_id: ref('aws_nat_gateway.n0') } },
      aws_route_table: { own: {} },
      aws_route_table_association: { a: { route_table_id: ref('aws_route_table.own'), subnet_id: ref('aws_subnet.s0') } },
      aws_subnet: {
        s0: { vpc_id: ref('aws_vpc.v'), availability_zone: 'us-east-1a' },
        s1: { vpc_id: ref('aws_vpc.v'), availability_zone: 'us-east-1b' },
        s2: { vpc_id: ref('aws_vpc.v'), availability_zone: 'us-east-1c' },
      },
    };
    expect(nat(resources)).toBe('serves subnets in 2 zones (us-east-1b, us-east-1c)');
    resources.aws_subnet.s2 = { vpc_id: ref('aws_vpc.v'), availability_zone: 'us-east-1b' };
    expect(nat(resources)).toBeUndefined();
  });

  test('aws: aws_default_route_table with an inline route is the VPC main table', () => {
    const resources: ResourceSection = {
      aws_vpc: { v: {} },
      aws_nat_gateway: { n0: {} },
      aws_default_route_table: { d: { default_route_table_id: ref('aws_vpc.v', 'default_route_table_id'), route: [{ nat_gateway_id: ref('aws_nat_gateway.n0') }] } },
      aws_subnet: { s0: { vpc_id: ref('aws_vpc.v'), availability_zone: 'a' }, s1: { vpc_id: ref('aws_vpc.v'), availability_zone: 'b' } },
    };
    expect(nat(resources)).toBe('serves subnets in 2 zones (a, b)');
  });

  /** An Alibaba VPC whose app vSwitches in `zones` route (and SNAT) to the NAT gateway at index `natOf(zone index)`. */
  function alicloudNetwork(zones: string[], natOf: (zone: number) => number, parts = { routes: true, snat: true }): ResourceSection {
    const section: ResourceSection = {
      alicloud_vpc: { v: {} }, alicloud_nat_gateway: {}, alicloud_route_entry: {}, alicloud_route_table: {},
      alicloud_route_table_attachment: {}, alicloud_vswitch: {}, alicloud_snat_entry: {},
    };
    zones.forEach((zone, i) => {
      const natAddress = `alicloud_nat_gateway.n${natOf(i)}`;
      section.alicloud_nat_gateway[`n${i}`] = { vpc_id: ref('alicloud_vpc.v'), nat_type: 'Enhanced' };
      section.alicloud_vswitch[`s${i}`] = { vpc_id: ref('alicloud_vpc.v'), zone_id: zone };
      section.alicloud_route_table[`t${i}`] = { vpc_id: ref('alicloud_vpc.v') };
      section.alicloud_route_table_attachment[`a${i}`] = { route_table_id: ref(`alicloud_route_table.t${i}`), vswitch_id: ref(`alicloud_vswitch.s${i}`) };
      if (parts.routes) {
        section.alicloud_route_entry[`r${i}`] = { route_table_id: ref(`alicloud_route_table.t${i}`), destination_cidrblock: '0.0.0.0/0', nexthop_type: 'NatGateway', nexthop_id: ref(natAddress) };
      }
      if (parts.snat) {
        section.alicloud_snat_entry[`e${i}`] = { snat_table_id: ref(natAddress, 'snat_table_ids'), source_vswitch_id: ref(`alicloud_vswitch.s${i}`), snat_ip: 'ip' };
      }
    });
    return section;
  }
  const alicloudNat = (resources: ResourceSection, name = 'n0') => judge(HA_NAT_PER_ZONE, resources, 'alicloud_nat_gateway', name);

  test('alicloud: one NAT gateway per zone passes; one for three zones warns (routes, SNAT entries, or both)', () => {
    const zones = ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'];
    expect(alicloudNat(alicloudNetwork(zones, (zone) => zone))).toBeUndefined();
    const reason = 'serves subnets in 3 zones (cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j)';
    expect(alicloudNat(alicloudNetwork(zones, () => 0))).toBe(reason);
    expect(alicloudNat(alicloudNetwork(zones, () => 0, { routes: true, snat: false }))).toBe(reason);
    expect(alicloudNat(alicloudNetwork(zones, () => 0, { routes: false, snat: true }))).toBe(reason);
  });

  test('alicloud: a route in the VPC system route table serves the vSwitches without an attachment', () => {
    const resources: ResourceSection = {
      alicloud_vpc: { v: {} },
      alicloud_nat_gateway: { n0: {} },
      alicloud_route_entry: { r: { route_table_id: ref('alicloud_vpc.v', 'route_table_id'), nexthop_id: ref('alicloud_nat_gateway.n0') } },
      alicloud_route_table_attachment: { a: { route_table_id: ref('alicloud_route_table.data'), vswitch_id: ref('alicloud_vswitch.data') } },
      alicloud_vswitch: {
        s0: { vpc_id: ref('alicloud_vpc.v'), zone_id: 'cn-hangzhou-h' },
        s1: { vpc_id: ref('alicloud_vpc.v'), zone_id: 'cn-hangzhou-i' },
        data: { vpc_id: ref('alicloud_vpc.v'), zone_id: 'cn-hangzhou-j' },
      },
    };
    expect(alicloudNat(resources)).toBe('serves subnets in 2 zones (cn-hangzhou-h, cn-hangzhou-i)');
  });

  test('a NAT gateway nothing routes to passes', () => {
    expect(alone(HA_NAT_PER_ZONE, 'aws_nat_gateway', {})).toBeUndefined();
    expect(alone(HA_NAT_PER_ZONE, 'alicloud_nat_gateway', {})).toBeUndefined();
  });

  test('the library\'s networks: one NAT gateway per zone passes, natGatewayPerZone: false warns', () => {
    const natFindings = (build: (stack: TerraformStack) => void) => {
      const stack = new TerraformStack(Testing.app(), 'net');
      build(stack);
      const json = JSON.parse(Testing.synth(stack));
      return evaluateStack({ name: 'net', json }, 1, [], [HA_NAT_PER_ZONE]);
    };
    const aws = (natGatewayPerZone?: boolean) => natFindings((stack) => {
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new AwsNetwork(stack, 'Network', { natGatewayPerZone });
    });
    const alicloud = (natGatewayPerZone?: boolean) => natFindings((stack) => {
      new AlicloudProvider(stack, 'Alicloud', { region: 'cn-hangzhou' });
      new AlicloudNetwork(stack, 'Network', { natGatewayPerZone });
    });
    for (const findings of [aws(), alicloud()]) {
      expect(findings).toHaveLength(3);
      expect(findings.filter((f) => !f.passed)).toEqual([]);
    }
    for (const findings of [aws(false), alicloud(false)]) {
      expect(findings).toHaveLength(1);
      expect(findings[0].passed).toBe(false);
      expect(findings[0].reason).toMatch(/^serves subnets in 3 zones/);
    }
  });
});

describe('HA-DNS-HEALTH-CHECK on alicloud_alidns_access_strategy (GTM 2.0)', () => {
  const pool = (mode = 'SMART') => ({ instance_id: 'gtm', type: 'DOMAIN', lba_strategy: 'ALL_RR', address: [{ address: 'a.example.com', mode, attribute_info: '{}' }] });
  const monitor = (poolName: string) => ({ addr_pool_id: ref(`alicloud_alidns_address_pool.${poolName}`), protocol_type: 'HTTPS', interval: 60, evaluation_count: 2, timeout: 5000, monitor_extend_info: '{}' });
  const failover = { strategy_mode: 'GEO', default_addr_pools: [{ addr_pool_id: ref('alicloud_alidns_address_pool.primary') }], failover_addr_pools: [{ addr_pool_id: ref('alicloud_alidns_address_pool.standby') }] };
  const strategy = (config: object, pools: ResourceSection[string], monitors: ResourceSection[string]) => judge(HA_DNS_HEALTH_CHECK, {
    alicloud_alidns_access_strategy: { x: config },
    alicloud_alidns_address_pool: pools,
    alicloud_alidns_monitor_config: monitors,
  }, 'alicloud_alidns_access_strategy');

  test('a failover strategy whose pools all have a monitor config passes (what alicloud.FailoverDns writes)', () => {
    expect(strategy(failover, { primary: pool(), standby: pool() }, { m1: monitor('primary'), m2: monitor('standby') })).toBeUndefined();
  });

  test('a failover strategy with a pool without a monitor config fails', () => {
    expect(strategy(failover, { primary: pool(), standby: pool() }, { m1: monitor('primary') }))
      .toBe('address pool alicloud_alidns_address_pool.standby has no health check (alicloud_alidns_monitor_config)');
  });

  test('an address pinned ONLINE ignores the health check and fails', () => {
    expect(strategy(failover, { primary: pool('ONLINE'), standby: pool() }, { m1: monitor('primary'), m2: monitor('standby') }))
      .toMatch(/primary has an address in mode ONLINE/);
  });

  test('latency and multi-pool strategies are judged; a single-pool strategy is not', () => {
    const latency = { strategy_mode: 'LATENCY', default_addr_pools: [{ addr_pool_id: ref('alicloud_alidns_address_pool.primary') }] };
    expect(strategy(latency, { primary: pool() }, {})).toMatch(/has no health check/);
    const twoDefaults = { strategy_mode: 'GEO', default_addr_pools: failover.failover_addr_pools.concat(failover.default_addr_pools) };
    expect(strategy(twoDefaults, { primary: pool(), standby: pool() }, { m1: monitor('standby') })).toMatch(/primary has no health check/);
    const simple = { strategy_mode: 'GEO', default_addr_pools: { addr_pool_id: ref('alicloud_alidns_address_pool.primary') } };
    expect(strategy(simple, { primary: pool() }, {})).toBeUndefined();
  });

  test('pools outside the stack are not judged', () => {
    const external = { ...failover, failover_addr_pools: [{ addr_pool_id: 'pool-123' }] };
    expect(strategy(external, { primary: pool() }, { m1: monitor('primary') })).toBeUndefined();
  });

  test('the Route 53 part is unchanged', () => {
    const record = (config: object) => alone(HA_DNS_HEALTH_CHECK, 'aws_route53_record', config);
    expect(record({ failover_routing_policy: { type: 'PRIMARY' }, health_check_id: 'hc' })).toBeUndefined();
    expect(record({ failover_routing_policy: { type: 'PRIMARY' }, alias: [{ evaluate_target_health: true }] })).toBeUndefined();
    expect(record({ latency_routing_policy: { region: 'us-east-1' } })).toMatch(/no health check/);
    expect(record({ type: 'A' })).toBeUndefined();
  });
});

describe('HA-LB-ZONES on alicloud_alb_load_balancer', () => {
  test('deletion protection as deletion_protection_config { enabled } passes too', () => {
    const alb = (config: object) => alone(HA_LB_ZONES, 'alicloud_alb_load_balancer', { zone_mappings: [{}, {}], ...config });
    expect(alb({ deletion_protection_enabled: true })).toBeUndefined();
    expect(alb({ deletion_protection_config: { enabled: true } })).toBeUndefined();
    expect(alb({ deletion_protection_config: [{ enabled: false }] })).toBe('deletion_protection_enabled is off');
  });
});

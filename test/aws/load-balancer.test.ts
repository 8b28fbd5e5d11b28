import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { LoadBalancingAlgorithm } from '../../lib/core/enums';
import { INetwork } from '../../lib/aws/interfaces';
import { LoadBalancer, LoadBalancerProps } from '../../lib/aws/load-balancer';
import { testWithTerraform, validateStackJson } from '../util/terraform';

const network: INetwork = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b', 'subnet-pub-c'],
  privateSubnetIds: ['subnet-app-a', 'subnet-app-b', 'subnet-app-c'],
  isolatedSubnetIds: ['subnet-db-a', 'subnet-db-b', 'subnet-db-c'],
};
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7';
const WAF_ACL_ARN = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const base: LoadBalancerProps = { network, certificateArn: CERTIFICATE_ARN };

interface Synthesized {
  readonly out: string;
  readonly parsed: any;
}

function synth(props: Partial<LoadBalancerProps> & Record<string, unknown> = {}, region = 'eu-west-1'): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region });
  const lb = new LoadBalancer(stack, 'Lb', { ...base, ...props } as LoadBalancerProps);
  // Outputs show which Terraform attribute each exposed token stands for.
  for (const name of [
    'securityGroupId', 'targetGroupArn', 'loadBalancerArnSuffix', 'targetGroupArnSuffix', 'dnsName', 'hostedZoneId',
  ] as const) {
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
function listener(parsed: any, port: number): any {
  return all(parsed, 'aws_lb_listener').find((l) => l.port === port);
}

describe('aws.LoadBalancer', () => {
  describe('load balancer', () => {
    test('is an internet-facing ALB with a node in every public subnet', () => {
      const { parsed } = synth();
      const lb = only(parsed, 'aws_lb');
      expect(lb).toMatchObject({ load_balancer_type: 'application', internal: false, subnets: network.publicSubnetIds });
      expect(lb.security_groups).toEqual([`\${aws_security_group.${nameOf(parsed, 'aws_security_group')}.id}`]);
    });

    test('drops invalid headers, mitigates HTTP desync, speaks HTTP/2 and keeps idle connections 60 s', () => {
      const lb = only(synth().parsed, 'aws_lb');
      expect(lb).toMatchObject({ drop_invalid_header_fields: true, desync_mitigation_mode: 'defensive', enable_http2: true, idle_timeout: 60 });
      // Cross-zone load balancing is always on for an ALB; the argument is for NLB/GWLB only.
      expect(lb.enable_cross_zone_load_balancing).toBeUndefined();
    });

    test('is protected from deletion by default, with a documented opt-out', () => {
      expect(only(synth().parsed, 'aws_lb').enable_deletion_protection).toBe(true);
      expect(only(synth({ deletionProtection: false }).parsed, 'aws_lb').enable_deletion_protection).toBe(false);
    });

    test('uses the idle timeout given', () => {
      expect(only(synth({ idleTimeoutSeconds: 300 }).parsed, 'aws_lb').idle_timeout).toBe(300);
    });

    test('exposes the attributes other tiers and DNS need', () => {
      const { parsed } = synth();
      const lb = nameOf(parsed, 'aws_lb');
      const tg = nameOf(parsed, 'aws_lb_target_group');
      expect(parsed.output).toEqual({
        securityGroupId: { value: `\${aws_security_group.${nameOf(parsed, 'aws_security_group')}.id}` },
        targetGroupArn: { value: `\${aws_lb_target_group.${tg}.arn}` },
        loadBalancerArnSuffix: { value: `\${aws_lb.${lb}.arn_suffix}` },
        targetGroupArnSuffix: { value: `\${aws_lb_target_group.${tg}.arn_suffix}` },
        dnsName: { value: `\${aws_lb.${lb}.dns_name}` },
        hostedZoneId: { value: `\${aws_lb.${lb}.zone_id}` },
      });
    });

    test('exposes the resolved health-check settings for DNS health checks', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const defaults = new LoadBalancer(stack, 'Defaults', base);
      expect([defaults.healthCheckPath, defaults.healthCheckIntervalSeconds, defaults.healthyThreshold, defaults.unhealthyThreshold])
        .toEqual(['/health', 10, 3, 2]);
      const custom = new LoadBalancer(stack, 'Custom', {
        ...base, healthCheckPath: '/ready', healthCheckIntervalSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 4,
      });
      expect([custom.healthCheckPath, custom.healthCheckIntervalSeconds, custom.healthyThreshold, custom.unhealthyThreshold])
        .toEqual(['/ready', 30, 5, 4]);
      expect(custom.accessLogBucket).toBeDefined();
      expect(custom.certificate).toBeUndefined();
    });
  });

  describe('security group', () => {
    test('allows exactly HTTP and HTTPS from anywhere, and nothing else', () => {
      const { parsed } = synth();
      const groupName = nameOf(parsed, 'aws_security_group');
      const group = only(parsed, 'aws_security_group');
      expect(group.vpc_id).toBe(network.vpcId);
      // No inline rules: with no egress argument the provider also removes AWS's default allow-all egress.
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
      const ingress = all(parsed, 'aws_vpc_security_group_ingress_rule')
        .map(({ security_group_id, cidr_ipv4, ip_protocol, from_port, to_port }) => ({ security_group_id, cidr_ipv4, ip_protocol, from_port, to_port }))
        .sort((a, b) => a.from_port - b.from_port);
      const rule = { security_group_id: `\${aws_security_group.${groupName}.id}`, cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp' };
      expect(ingress).toEqual([
        { ...rule, from_port: 80, to_port: 80 },
        { ...rule, from_port: 443, to_port: 443 },
      ]);
      expect(parsed.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
      expect(parsed.resource.aws_security_group_rule).toBeUndefined();
    });
  });

  describe('listeners', () => {
    test('HTTPS listener uses the TLS 1.3/1.2 policy and the certificate, and forwards to the target group', () => {
      const { parsed } = synth();
      const https = listener(parsed, 443);
      expect(https).toEqual({
        load_balancer_arn: `\${aws_lb.${nameOf(parsed, 'aws_lb')}.arn}`,
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: CERTIFICATE_ARN,
        default_action: [{ type: 'forward', target_group_arn: `\${aws_lb_target_group.${nameOf(parsed, 'aws_lb_target_group')}.arn}` }],
      });
    });

    test('HTTPS listener uses the TLS policy given', () => {
      const https = listener(synth({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' }).parsed, 443);
      expect(https.ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    });

    test('HTTP listener only redirects to HTTPS, permanently', () => {
      const { parsed } = synth();
      expect(all(parsed, 'aws_lb_listener')).toHaveLength(2);
      expect(listener(parsed, 80)).toEqual({
        load_balancer_arn: `\${aws_lb.${nameOf(parsed, 'aws_lb')}.arn}`,
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
      });
    });
  });

  describe('target group', () => {
    test('health-checks HTTP on the traffic port with the defaults', () => {
      const tg = only(synth().parsed, 'aws_lb_target_group');
      expect(tg).toMatchObject({
        vpc_id: network.vpcId,
        target_type: 'instance',
        protocol: 'HTTP',
        port: 80,
        deregistration_delay: '30',
        load_balancing_algorithm_type: 'least_outstanding_requests',
        load_balancing_cross_zone_enabled: 'true',
        stickiness: { type: 'lb_cookie', enabled: false },
        lifecycle: { create_before_destroy: true },
      });
      expect(tg.health_check).toEqual({
        enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/health',
        interval: 10, timeout: 5, healthy_threshold: 3, unhealthy_threshold: 2, matcher: '200',
      });
    });

    test('takes every health-check field, the port and the deregistration delay from props', () => {
      const tg = only(synth({
        targetPort: 8080, healthCheckPath: '/status', healthCheckIntervalSeconds: 30, healthCheckTimeoutSeconds: 10,
        healthyThreshold: 5, unhealthyThreshold: 3, healthCheckMatcher: '200-299', deregistrationDelaySeconds: 120,
      }).parsed, 'aws_lb_target_group');
      expect(tg).toMatchObject({ port: 8080, deregistration_delay: '120' });
      expect(tg.health_check).toEqual({
        enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/status',
        interval: 30, timeout: 10, healthy_threshold: 5, unhealthy_threshold: 3, matcher: '200-299',
      });
    });

    test('keeps the default timeout below the shortest interval', () => {
      const tg = only(synth({ healthCheckIntervalSeconds: 5 }).parsed, 'aws_lb_target_group');
      expect(tg.health_check).toMatchObject({ interval: 5, timeout: 4 });
    });

    test.each([
      [LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS, 'least_outstanding_requests'],
      [LoadBalancingAlgorithm.ROUND_ROBIN, 'round_robin'],
    ])('maps algorithm %s to %s', (algorithm, expected) => {
      expect(only(synth({ algorithm }).parsed, 'aws_lb_target_group').load_balancing_algorithm_type).toBe(expected);
    });
  });

  describe('access logs', () => {
    test('go to a bucket encrypted with SSE-S3, not KMS (ELB delivers to no other encryption)', () => {
      const { parsed } = synth();
      const bucketName = nameOf(parsed, 'aws_s3_bucket');
      expect(only(parsed, 'aws_lb').access_logs).toEqual({ bucket: `\${aws_s3_bucket.${bucketName}.bucket}`, enabled: true });
      const sse = only(parsed, 'aws_s3_bucket_server_side_encryption_configuration');
      expect(sse.bucket).toBe(`\${aws_s3_bucket.${bucketName}.id}`);
      expect(sse.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
      expect(only(parsed, 'aws_s3_bucket_public_access_block')).toMatchObject({
        block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
      });
    });

    test('the bucket policy grants ELB log delivery, by region: the regional ELB account or the log-delivery service', () => {
      const { parsed } = synth();
      const bucketName = nameOf(parsed, 'aws_s3_bucket');
      const policyDocument = nameOf(parsed, 'aws_iam_policy_document', 'data');
      expect(only(parsed, 'aws_s3_bucket_policy').policy).toBe(`\${data.aws_iam_policy_document.${policyDocument}.json}`);
      const grant = only(parsed, 'aws_iam_policy_document', 'data').statement.find((s: any) => s.sid === 'AllowElbAccessLogDelivery');
      const principalLocal = Object.keys(parsed.locals).find((k) => k.includes('ElbLogDeliveryPrincipal'))!;
      const accountsLocal = Object.keys(parsed.locals).find((k) => k.includes('LegacyRegionElbAccounts'))!;
      expect(grant).toEqual({
        sid: 'AllowElbAccessLogDelivery',
        effect: 'Allow',
        actions: ['s3:PutObject'],
        resources: [`\${aws_s3_bucket.${bucketName}.arn}/AWSLogs/\${data.aws_caller_identity.${nameOf(parsed, 'aws_caller_identity', 'data')}.account_id}/*`],
        principals: [{ type: `\${local.${principalLocal}.type}`, identifiers: [`\${local.${principalLocal}.identifier}`] }],
      });
      const region = `data.aws_region.${nameOf(parsed, 'aws_region', 'data')}.name`;
      const partition = `data.aws_partition.${nameOf(parsed, 'aws_partition', 'data')}.partition`;
      expect(parsed.locals[principalLocal]).toBe(
        `\${contains(keys(local.${accountsLocal}), ${region}) ? `
        + `{"type" = "AWS", "identifier" = "arn:\${${partition}}:iam::\${local.${accountsLocal}[${region}]}:root"} : `
        + '{"type" = "Service", "identifier" = "logdelivery.elasticloadbalancing.amazonaws.com"}}',
      );
      const accounts = parsed.locals[accountsLocal];
      expect(accounts).toMatchObject({ 'us-east-1': '127311923021', 'eu-west-1': '156460612806', 'us-gov-west-1': '048591011584', 'cn-north-1': '638102146993' });
      // Regions launched in August 2022 or later are not in the table: they get the service principal.
      for (const newer of ['eu-south-2', 'eu-central-2', 'ap-south-2', 'me-central-1', 'il-central-1', 'ca-west-1']) {
        expect(accounts[newer]).toBeUndefined();
      }
    });

    test('the load balancer is created after the bucket policy (ELB checks delivery when logging is enabled)', () => {
      const { parsed } = synth();
      expect(only(parsed, 'aws_lb').depends_on).toEqual([`aws_s3_bucket_policy.${nameOf(parsed, 'aws_s3_bucket_policy')}`]);
    });

    test('expire after 365 days by default, noncurrent versions after 30', () => {
      const { parsed } = synth();
      const lifecycle = only(parsed, 'aws_s3_bucket_lifecycle_configuration');
      expect(lifecycle.bucket).toBe(`\${aws_s3_bucket.${nameOf(parsed, 'aws_s3_bucket')}.id}`);
      expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${nameOf(parsed, 'aws_s3_bucket_versioning')}`]);
      expect(lifecycle.rule[0]).toMatchObject({
        status: 'Enabled', filter: [{}], expiration: [{ days: 365 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      });
    });

    test('use the retention and bucket-name prefix given', () => {
      const { parsed } = synth({ accessLogRetentionDays: 90, accessLogBucketPrefix: 'shop-alb-logs-' });
      expect(only(parsed, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 90 }]);
      expect(only(parsed, 'aws_s3_bucket').bucket_prefix).toBe('shop-alb-logs-');
    });
  });

  describe('WAF', () => {
    test('associates the web ACL given', () => {
      const { parsed } = synth({ wafAclArn: WAF_ACL_ARN });
      expect(only(parsed, 'aws_wafv2_web_acl_association')).toEqual({
        resource_arn: `\${aws_lb.${nameOf(parsed, 'aws_lb')}.arn}`,
        web_acl_arn: WAF_ACL_ARN,
      });
    });

    test('associates nothing without one', () => {
      expect(synth().parsed.resource.aws_wafv2_web_acl_association).toBeUndefined();
    });
  });

  describe('DNS-validated certificate', () => {
    test('creates the certificate, its validation records and validation, and the listener waits for it', () => {
      const { parsed } = synth({ certificateArn: undefined, certificate: { zoneName: 'example.com', domainName: 'shop.example.com' } });
      expect(only(parsed, 'aws_route53_zone', 'data')).toEqual({ name: 'example.com', private_zone: false });
      expect(only(parsed, 'aws_acm_certificate')).toMatchObject({ domain_name: 'shop.example.com', validation_method: 'DNS' });
      expect(only(parsed, 'aws_route53_record').for_each).toMatch(/domain_validation_options/);
      const validation = nameOf(parsed, 'aws_acm_certificate_validation');
      expect(listener(parsed, 443).certificate_arn).toBe(`\${aws_acm_certificate_validation.${validation}.certificate_arn}`);
    });
  });

  describe('rejects bad input', () => {
    test.each<[string, Partial<LoadBalancerProps> & Record<string, unknown>, RegExp]>([
      ['neither certificate source', { certificateArn: undefined }, /certificateArn or certificate is required/],
      ['both certificate sources', { certificate: { zoneName: 'example.com', domainName: 'example.com' } }, /certificateArn and certificate were both given/],
      ['a certificate ARN that is not ACM', { certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' }, /certificateArn \(.*\) must be an ACM certificate ARN/],
      ['a domain outside the zone', { certificateArn: undefined, certificate: { zoneName: 'example.com', domainName: 'shop.example.org' } }, /certificate\.domainName \("shop\.example\.org"\) must be the zone "example\.com"/],
      ['an unknown certificate prop', { certificateArn: undefined, certificate: { zoneName: 'example.com', domainName: 'example.com', zone: 'x' } as any }, /certificate\.zone is not a known prop/],
      ['a health-check path without "/"', { healthCheckPath: 'health' }, /healthCheckPath \("health"\) must start with "\/"/],
      ['healthy threshold 1', { healthyThreshold: 1 }, /healthyThreshold \(1\) must be an integer from 2 to 10/],
      ['healthy threshold 11', { healthyThreshold: 11 }, /healthyThreshold \(11\) must be an integer from 2 to 10/],
      ['unhealthy threshold 1', { unhealthyThreshold: 1 }, /unhealthyThreshold \(1\) must be an integer from 2 to 10/],
      ['unhealthy threshold 11', { unhealthyThreshold: 11 }, /unhealthyThreshold \(11\) must be an integer from 2 to 10/],
      ['interval 4', { healthCheckIntervalSeconds: 4 }, /healthCheckIntervalSeconds \(4\) must be an integer from 5 to 300/],
      ['interval 301', { healthCheckIntervalSeconds: 301 }, /healthCheckIntervalSeconds \(301\) must be an integer from 5 to 300/],
      ['timeout equal to the interval', { healthCheckIntervalSeconds: 10, healthCheckTimeoutSeconds: 10 }, /healthCheckTimeoutSeconds \(10\) must be less than healthCheckIntervalSeconds \(10\)/],
      ['timeout above the default interval', { healthCheckTimeoutSeconds: 15 }, /healthCheckTimeoutSeconds \(15\) must be less than healthCheckIntervalSeconds \(10\)/],
      ['target port 0', { targetPort: 0 }, /targetPort \(0\) must be an integer from 1 to 65535/],
      ['target port 70000', { targetPort: 70000 }, /targetPort \(70000\) must be an integer from 1 to 65535/],
      ['target port 8.5', { targetPort: 8.5 }, /targetPort \(8\.5\) must be an integer from 1 to 65535/],
      ['a policy that allows TLS 1.0', { sslPolicy: 'ELBSecurityPolicy-2016-08' }, /sslPolicy \("ELBSecurityPolicy-2016-08"\) must be one of "ELBSecurityPolicy-TLS13-1-2-2021-06"/],
      ['a TLS 1.3 policy that still allows TLS 1.1', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-1-2021-06' }, /sslPolicy \("ELBSecurityPolicy-TLS13-1-1-2021-06"\) must be one of/],
      ['a matcher outside 200-499', { healthCheckMatcher: '500' }, /healthCheckMatcher \("500"\) must be HTTP codes from 200 to 499/],
      ['a malformed matcher', { healthCheckMatcher: '200;204' }, /healthCheckMatcher \("200;204"\) must be HTTP codes/],
      ['an unknown algorithm', { algorithm: 'random' as any }, /algorithm \("random"\) must be one of "round-robin", "least-outstanding-requests"/],
      ['a deregistration delay over an hour', { deregistrationDelaySeconds: 3601 }, /deregistrationDelaySeconds \(3601\) must be an integer from 0 to 3600/],
      ['an idle timeout of 0', { idleTimeoutSeconds: 0 }, /idleTimeoutSeconds \(0\) must be an integer from 1 to 4000/],
      ['a log retention of 0 days', { accessLogRetentionDays: 0 }, /accessLogRetentionDays \(0\) must be an integer from 1 to 3650/],
      ['an upper-case bucket prefix', { accessLogBucketPrefix: 'Shop-Logs' }, /accessLogBucketPrefix \("Shop-Logs"\) must be 1 to 37 lowercase letters/],
      ['a WAF ARN that is not a regional web ACL', { wafAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y' }, /wafAclArn \(.*\) must be the ARN of a regional WAFv2 web ACL/],
      ['a non-boolean deletion protection', { deletionProtection: 'no' as any }, /deletionProtection \("no"\) must be true or false/],
      ['a single public subnet', { network: { ...network, publicSubnetIds: ['subnet-pub-a'] } }, /network\.publicSubnetIds \(\["subnet-pub-a"\]\) must list a public subnet in each of at least two zones/],
      ['no network', { network: undefined }, /network \(undefined\) is required/],
      ['an unknown prop', { healthCheckPort: 8080 }, /healthCheckPort is not a known prop \(known: network, /],
    ])('%s', (_name, override, message) => {
      expect(() => synth(override)).toThrow(message);
    });

    test('names the construct and every problem at once, before creating anything', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      expect(() => new LoadBalancer(stack, 'Web', { ...base, targetPort: 0, healthyThreshold: 11, sslPolicy: 'ELBSecurityPolicy-2016-08' }))
        .toThrow(/^Invalid aws\.LoadBalancer "Web": sslPolicy .*; targetPort \(0\) .*; healthyThreshold \(11\) /);
      const web = stack.node.tryFindChild('Web');
      expect(web?.node.children ?? []).toHaveLength(0);
    });
  });

  testWithTerraform('passes terraform validate with a certificate ARN and a WAF web ACL', () => {
    expect(validateStackJson(synth({ wafAclArn: WAF_ACL_ARN }).out)).toEqual([]);
  });

  testWithTerraform('passes terraform validate with a DNS-validated certificate, in a region newer than August 2022', () => {
    const { out } = synth({
      certificateArn: undefined,
      certificate: { zoneName: 'example.com', domainName: 'example.com', subjectAlternativeNames: ['*.example.com'] },
      algorithm: LoadBalancingAlgorithm.ROUND_ROBIN,
      deletionProtection: false,
    }, 'eu-south-2');
    expect(validateStackJson(out)).toEqual([]);
  });
});

import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { DnsEndpoint, DnsRouting, FailoverDns, FailoverDnsProps } from '../../lib/aws/failover-dns';
import { testWithTerraform, validateStackJson } from '../util/terraform';

// Regional ALBs as the region stacks expose them (LoadBalancer.dnsName / .hostedZoneId); the zone
// ids are the ELB zone ids of those regions.
const ENDPOINTS: DnsEndpoint[] = [
  { region: 'eu-west-1', dnsName: 'shop-1.eu-west-1.elb.amazonaws.com', hostedZoneId: 'Z32O12XQLNTSW2' },
  { region: 'us-east-1', dnsName: 'shop-2.us-east-1.elb.amazonaws.com', hostedZoneId: 'Z35SXDOTRQ7X7K' },
  { region: 'ap-southeast-1', dnsName: 'shop-3.ap-southeast-1.elb.amazonaws.com', hostedZoneId: 'Z1LMS91P8CMLE5' },
  { region: 'eu-central-1', dnsName: 'shop-4.eu-central-1.elb.amazonaws.com', hostedZoneId: 'Z215JYRZR1TBD5' },
  { region: 'us-west-2', dnsName: 'shop-5.us-west-2.elb.amazonaws.com', hostedZoneId: 'Z1H1FL5HABSF5' },
];
const base: FailoverDnsProps = {
  zoneName: 'example.com',
  recordName: 'shop.example.com',
  endpoints: ENDPOINTS.slice(0, 2),
  routing: DnsRouting.FAILOVER,
};

interface Synthesized {
  readonly out: string;
  readonly parsed: any;
  readonly dns: FailoverDns;
}

function synth(props: Partial<FailoverDnsProps> & Record<string, unknown> = {}): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'global');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const dns = new FailoverDns(stack, 'Dns', { ...base, ...props } as FailoverDnsProps);
  const out = Testing.synth(stack);
  return { out, parsed: JSON.parse(out), dns };
}

function withEndpoints(routing: DnsRouting, count: number): Synthesized {
  return synth({ routing, endpoints: ENDPOINTS.slice(0, count) });
}

/** The synthesized resources of a type, by their Terraform name. */
function resources(parsed: any, type: string): Record<string, any> {
  return parsed.resource?.[type] ?? {};
}
function records(parsed: any): any[] {
  return Object.values(resources(parsed, 'aws_route53_record'));
}
function healthChecks(parsed: any): any[] {
  return Object.values(resources(parsed, 'aws_route53_health_check'));
}
/** `${aws_route53_health_check.<name>.id}` of the health check for `dnsName`. */
function healthCheckRef(parsed: any, dnsName: string): string {
  const entry = Object.entries(resources(parsed, 'aws_route53_health_check')).find(([, check]) => check.fqdn === dnsName);
  expect(entry).toBeDefined();
  return `\${aws_route53_health_check.${entry![0]}.id}`;
}
function zoneRef(parsed: any): string {
  const names = Object.keys(parsed.data.aws_route53_zone);
  expect(names).toHaveLength(1);
  return `\${data.aws_route53_zone.${names[0]}.zone_id}`;
}
function aliasOf(endpoint: DnsEndpoint): object {
  return { name: endpoint.dnsName, zone_id: endpoint.hostedZoneId, evaluate_target_health: true };
}
function byFailover(parsed: any, type: 'PRIMARY' | 'SECONDARY'): any {
  const found = records(parsed).filter((r) => r.failover_routing_policy?.type === type);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('aws.FailoverDns', () => {
  describe('zone and health checks', () => {
    test('looks up the public hosted zone by name', () => {
      const { parsed } = synth();
      expect(Object.values(parsed.data.aws_route53_zone)).toEqual([{ name: 'example.com', private_zone: false }]);
    });

    test('checks every endpoint over HTTPS with the defaults', () => {
      const { parsed } = withEndpoints(DnsRouting.FAILOVER, 3);
      expect(healthChecks(parsed)).toHaveLength(3);
      ENDPOINTS.slice(0, 3).forEach((endpoint) => {
        expect(healthChecks(parsed).find((check) => check.fqdn === endpoint.dnsName)).toEqual({
          type: 'HTTPS',
          fqdn: endpoint.dnsName,
          port: 443,
          resource_path: '/health',
          request_interval: 10,
          failure_threshold: 3,
          enable_sni: true,
          measure_latency: false,
          tags: { Name: `shop.example.com ${endpoint.region}` },
        });
      });
    });

    test('applies path, interval, threshold and checker regions', () => {
      const { parsed, dns } = synth({
        healthCheckPath: '/ready?deep=1',
        healthCheckIntervalSeconds: 30,
        failureThreshold: 2,
        healthCheckRegions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
      });
      for (const check of healthChecks(parsed)) {
        expect(check).toMatchObject({
          resource_path: '/ready?deep=1', request_interval: 30, failure_threshold: 2,
          regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
        });
      }
      expect(dns.detectionSeconds).toBe(60);
    });

    test('omits checker regions by default (all of them) and detects in interval × threshold', () => {
      const { parsed, dns } = synth();
      for (const check of healthChecks(parsed)) expect(check.regions).toBeUndefined();
      expect(dns.detectionSeconds).toBe(30);
      expect(dns.recordName).toBe('shop.example.com');
    });

    test('exposes health checks and their ids in endpoint order', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'global');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      const dns = new FailoverDns(stack, 'Dns', { ...base, routing: DnsRouting.LATENCY, endpoints: ENDPOINTS.slice(0, 3) });
      new TerraformOutput(stack, 'ids', { value: dns.healthCheckIds });
      new TerraformOutput(stack, 'checks', { value: dns.healthChecks.map((check) => check.fqdn) });
      const parsed = JSON.parse(Testing.synth(stack));
      expect(dns.healthChecks).toHaveLength(3);
      expect(dns.records).toHaveLength(3);
      expect(parsed.output.ids.value).toEqual(ENDPOINTS.slice(0, 3).map((e) => healthCheckRef(parsed, e.dnsName)));
      expect(parsed.output.checks.value).toEqual(ENDPOINTS.slice(0, 3).map((e) => healthCheckRef(parsed, e.dnsName).replace(/\.id\}$/, '.fqdn}')));
    });
  });

  describe('SIMPLE', () => {
    test.each([1, 2, 3, 5])('with %i endpoint(s): one alias record to the first, every endpoint health-checked', (count) => {
      const { parsed, dns } = withEndpoints(DnsRouting.SIMPLE, count);
      expect(healthChecks(parsed)).toHaveLength(count);
      expect(records(parsed)).toEqual([{
        zone_id: zoneRef(parsed),
        name: 'shop.example.com',
        type: 'A',
        alias: aliasOf(ENDPOINTS[0]),
      }]);
      expect(dns.records).toHaveLength(1);
    });

    test('accepts the zone apex as the record', () => {
      const { parsed } = synth({ routing: DnsRouting.SIMPLE, recordName: 'example.com', endpoints: ENDPOINTS.slice(0, 1) });
      expect(records(parsed)[0].name).toBe('example.com');
    });
  });

  describe('FAILOVER', () => {
    test('with 2 endpoints: PRIMARY and SECONDARY alias to the two load balancers, each health-checked', () => {
      const { parsed, dns } = withEndpoints(DnsRouting.FAILOVER, 2);
      expect(records(parsed)).toHaveLength(2);
      expect(dns.records).toHaveLength(2);
      expect(byFailover(parsed, 'PRIMARY')).toEqual({
        zone_id: zoneRef(parsed),
        name: 'shop.example.com',
        type: 'A',
        alias: aliasOf(ENDPOINTS[0]),
        health_check_id: healthCheckRef(parsed, ENDPOINTS[0].dnsName),
        set_identifier: 'eu-west-1-primary',
        failover_routing_policy: { type: 'PRIMARY' },
      });
      expect(byFailover(parsed, 'SECONDARY')).toEqual({
        zone_id: zoneRef(parsed),
        name: 'shop.example.com',
        type: 'A',
        alias: aliasOf(ENDPOINTS[1]),
        health_check_id: healthCheckRef(parsed, ENDPOINTS[1].dnsName),
        set_identifier: 'us-east-1-secondary',
        failover_routing_policy: { type: 'SECONDARY' },
      });
    });

    test.each([3, 5])('with %i endpoints: SECONDARY aliases a latency set of the standbys', (count) => {
      const { parsed, dns } = withEndpoints(DnsRouting.FAILOVER, count);
      const all = records(parsed);
      expect(all).toHaveLength(count + 1);
      expect(dns.records).toHaveLength(count + 1);
      expect(healthChecks(parsed)).toHaveLength(count);

      expect(byFailover(parsed, 'PRIMARY')).toMatchObject({
        name: 'shop.example.com',
        alias: aliasOf(ENDPOINTS[0]),
        health_check_id: healthCheckRef(parsed, ENDPOINTS[0].dnsName),
        set_identifier: 'eu-west-1-primary',
      });
      const secondary = byFailover(parsed, 'SECONDARY');
      expect(secondary).toMatchObject({
        name: 'shop.example.com',
        type: 'A',
        set_identifier: 'standby-secondary',
        alias: { name: 'standby.shop.example.com', zone_id: zoneRef(parsed), evaluate_target_health: true },
      });
      // Its health is the standby set's; it waits for the set it aliases.
      expect(secondary.health_check_id).toBeUndefined();
      const standbyNames = Object.entries(resources(parsed, 'aws_route53_record'))
        .filter(([, r]) => r.name === 'standby.shop.example.com').map(([name]) => `aws_route53_record.${name}`);
      expect(secondary.depends_on.sort()).toEqual(standbyNames.sort());

      const standbys = all.filter((r) => r.name === 'standby.shop.example.com');
      expect(standbys).toHaveLength(count - 1);
      ENDPOINTS.slice(1, count).forEach((endpoint) => {
        expect(standbys.find((r) => r.set_identifier === endpoint.region)).toEqual({
          zone_id: zoneRef(parsed),
          name: 'standby.shop.example.com',
          type: 'A',
          alias: aliasOf(endpoint),
          health_check_id: healthCheckRef(parsed, endpoint.dnsName),
          set_identifier: endpoint.region,
          latency_routing_policy: { region: endpoint.region },
        });
      });
      // The primary's load balancer is never in the standby set.
      expect(standbys.map((r) => r.alias.name)).not.toContain(ENDPOINTS[0].dnsName);
    });
  });

  describe('LATENCY', () => {
    test.each([2, 3, 5])('with %i endpoints: one health-checked latency record per endpoint', (count) => {
      const { parsed, dns } = withEndpoints(DnsRouting.LATENCY, count);
      const all = records(parsed);
      expect(all).toHaveLength(count);
      expect(dns.records).toHaveLength(count);
      ENDPOINTS.slice(0, count).forEach((endpoint) => {
        expect(all.find((r) => r.set_identifier === endpoint.region)).toEqual({
          zone_id: zoneRef(parsed),
          name: 'shop.example.com',
          type: 'A',
          alias: aliasOf(endpoint),
          health_check_id: healthCheckRef(parsed, endpoint.dnsName),
          set_identifier: endpoint.region,
          latency_routing_policy: { region: endpoint.region },
        });
      });
      expect(all.some((r) => r.failover_routing_policy)).toBe(false);
    });
  });

  test('accepts cross-stack tokens in endpoint fields', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'global');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const endpoints = [0, 1, 2].map((index) => ({
      region: new TerraformVariable(stack, `region${index}`, { type: 'string' }).stringValue,
      dnsName: new TerraformVariable(stack, `dns${index}`, { type: 'string' }).stringValue,
      hostedZoneId: new TerraformVariable(stack, `zone${index}`, { type: 'string' }).stringValue,
    }));
    const dns = new FailoverDns(stack, 'Dns', { ...base, endpoints });
    new TerraformOutput(stack, 'ids', { value: dns.healthCheckIds });
    const parsed = JSON.parse(Testing.synth(stack));
    expect(byFailover(parsed, 'PRIMARY')).toMatchObject({
      set_identifier: '${var.region0}-primary',
      alias: { name: '${var.dns0}', zone_id: '${var.zone0}', evaluate_target_health: true },
    });
    expect(records(parsed).filter((r) => r.latency_routing_policy).map((r) => r.set_identifier).sort())
      .toEqual(['${var.region1}', '${var.region2}']);
  });

  describe('rejects bad input', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['upper-case zone', { zoneName: 'Example.com' }, /zoneName \("Example\.com"\) must be a lowercase domain name/],
      ['zone with trailing dot', { zoneName: 'example.com.' }, /zoneName \("example\.com\."\) .*no trailing dot/],
      ['record not a domain name', { recordName: 'shop_1.example.com' }, /recordName \("shop_1\.example\.com"\)/],
      ['record outside the zone', { recordName: 'shop.example.org' }, /recordName \("shop\.example\.org"\) must be zoneName \("example\.com"\) or a name inside it/],
      ['record that only ends like the zone', { recordName: 'shopexample.com' }, /recordName .* inside it/],
      ['no endpoints', { endpoints: [] }, /endpoints \(0 endpoints\) must be a list of 1 to 5/],
      ['six endpoints', { endpoints: [...ENDPOINTS, { region: 'sa-east-1', dnsName: 'shop-6.sa-east-1.elb.amazonaws.com', hostedZoneId: 'Z2P70J7HTTTPLU' }] }, /endpoints \(6 endpoints\)/],
      ['endpoints not a list', { endpoints: 'eu-west-1' }, /endpoints \("eu-west-1"\) must be a list/],
      ['two endpoints in one region', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], region: 'eu-west-1', dnsName: 'shop-9.eu-west-1.elb.amazonaws.com' }] }, /endpoints\[1\]\.region \("eu-west-1"\) is already the region of endpoints\[0\]/],
      ['unknown region', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], region: 'us-east-9' }] }, /endpoints\[1\]\.region \("us-east-9"\) must be an AWS region/],
      ['region named like an object key', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], region: 'toString' }] }, /endpoints\[1\]\.region \("toString"\)/],
      ['load balancer of another region', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], dnsName: 'shop-2.us-west-2.elb.amazonaws.com' }] }, /endpoints\[1\]\.dnsName .* is a load balancer in us-west-2, not in the endpoint's region "us-east-1"/],
      ['internal load balancer', { endpoints: [{ ...ENDPOINTS[0], dnsName: 'internal-shop-1.eu-west-1.elb.amazonaws.com' }, ENDPOINTS[1]] }, /endpoints\[0\]\.dnsName .* internal load balancer/],
      ['dns name not a host name', { endpoints: [{ ...ENDPOINTS[0], dnsName: 'https://shop-1.eu-west-1.elb.amazonaws.com' }, ENDPOINTS[1]] }, /endpoints\[0\]\.dnsName .* must be the DNS name of a load balancer/],
      ['bad hosted zone id', { endpoints: [{ ...ENDPOINTS[0], hostedZoneId: 'z32o12xqlntsw2' }, ENDPOINTS[1]] }, /endpoints\[0\]\.hostedZoneId \("z32o12xqlntsw2"\)/],
      ['endpoint not an object', { endpoints: [ENDPOINTS[0], null] }, /endpoints\[1\] \(null\) must be an endpoint/],
      ['misspelt endpoint field', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], zoneId: 'Z35SXDOTRQ7X7K' }] }, /endpoints\[1\]\.zoneId is not a known prop/],
      ['unknown routing', { routing: 'weighted' }, /routing \("weighted"\) must be one of "simple", "failover", "latency"/],
      ['failover with one endpoint', { endpoints: ENDPOINTS.slice(0, 1) }, /endpoints \(1 endpoint\) must list at least 2 endpoints for routing "failover"/],
      ['latency with one endpoint', { routing: DnsRouting.LATENCY, endpoints: ENDPOINTS.slice(0, 1) }, /at least 2 endpoints for routing "latency"/],
      ['interval 20', { healthCheckIntervalSeconds: 20 }, /healthCheckIntervalSeconds \(20\) must be one of 10, 30/],
      ['threshold 0', { failureThreshold: 0 }, /failureThreshold \(0\) must be an integer from 1 to 10/],
      ['threshold 11', { failureThreshold: 11 }, /failureThreshold \(11\)/],
      ['threshold 2.5', { failureThreshold: 2.5 }, /failureThreshold \(2\.5\)/],
      ['relative path', { healthCheckPath: 'health' }, /healthCheckPath \("health"\) must start with "\/"/],
      ['path with a space', { healthCheckPath: '/health check' }, /healthCheckPath/],
      ['path too long', { healthCheckPath: `/${'a'.repeat(255)}` }, /healthCheckPath .* at most 255/],
      ['unknown checker region', { healthCheckRegions: ['us-east-1', 'eu-west-1', 'eu-central-1'] }, /healthCheckRegions\[2\] \("eu-central-1"\) must be a Route 53 health-checker region/],
      ['two checker regions', { healthCheckRegions: ['us-east-1', 'eu-west-1'] }, /healthCheckRegions .* at least 3 distinct/],
      ['repeated checker region', { healthCheckRegions: ['us-east-1', 'eu-west-1', 'us-east-1'] }, /healthCheckRegions\[2\] \("us-east-1"\) is listed twice/],
      ['misspelt prop', { failoverThreshold: 3 }, /failoverThreshold is not a known prop/],
    ];
    test.each(cases)('%s', (_name, override, message) => {
      expect(() => synth(override)).toThrow(message);
    });

    test('a record name too long for the standby set, only with 2+ standbys', () => {
      const label = 'a'.repeat(60);
      const recordName = `${label}.${label}.${label}.${'b'.repeat(55)}.example.com`; // 250 characters
      expect(recordName).toHaveLength(250);
      expect(() => synth({ recordName, endpoints: ENDPOINTS.slice(0, 3) })).toThrow(/recordName \(250 characters\) must leave room for the standby set/);
      expect(() => synth({ recordName, endpoints: ENDPOINTS.slice(0, 2) })).not.toThrow();
      expect(() => synth({ recordName, routing: DnsRouting.LATENCY, endpoints: ENDPOINTS.slice(0, 3) })).not.toThrow();
    });

    test('reports every problem at once, before any resource exists', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'global');
      expect(() => new FailoverDns(stack, 'Dns', {
        ...base, zoneName: 'EXAMPLE', routing: 'geo' as DnsRouting, failureThreshold: 0, healthCheckIntervalSeconds: 5,
      })).toThrow(/^Invalid aws\.FailoverDns "Dns": zoneName .*; routing .*; healthCheckIntervalSeconds \(5\) .*; failureThreshold \(0\) /);
      expect(stack.node.tryFindChild('Dns')?.node.children).toEqual([]);
    });
  });

  testWithTerraform('passes terraform validate: failover with 3 endpoints', () => {
    expect(validateStackJson(withEndpoints(DnsRouting.FAILOVER, 3).out)).toEqual([]);
  });

  testWithTerraform('passes terraform validate: latency with 2 endpoints and checker regions', () => {
    const { out } = synth({
      routing: DnsRouting.LATENCY,
      endpoints: ENDPOINTS.slice(0, 2),
      healthCheckIntervalSeconds: 30,
      healthCheckRegions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
    });
    expect(validateStackJson(out)).toEqual([]);
  });
});

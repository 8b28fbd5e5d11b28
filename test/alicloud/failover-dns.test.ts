import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { FailoverDns, FailoverDnsProps, GtmEdition, GtmEndpoint, GtmRouting } from '../../lib/alicloud/failover-dns';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

// Regional ALBs as the region stacks expose them (LoadBalancer.dnsName).
const ENDPOINTS: GtmEndpoint[] = [
  { region: 'cn-hangzhou', address: 'alb-1.cn-hangzhou.alb.aliyuncs.com' },
  { region: 'cn-shanghai', address: 'alb-2.cn-shanghai.alb.aliyuncs.com' },
  { region: 'cn-beijing', address: 'alb-3.cn-beijing.alb.aliyuncs.com' },
  { region: 'ap-southeast-1', address: 'alb-4.ap-southeast-1.alb.aliyuncs.com' },
  { region: 'eu-central-1', address: 'alb-5.eu-central-1.alb.aliyuncs.com' },
];
const base: FailoverDnsProps = {
  zoneName: 'example.com',
  recordName: 'shop.example.com',
  endpoints: ENDPOINTS.slice(0, 2),
  routing: GtmRouting.FAILOVER,
};

interface Synthesized {
  readonly out: string;
  readonly parsed: any;
  readonly dns: FailoverDns;
}

function synth(props: Partial<FailoverDnsProps> & Record<string, unknown> = {}): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'global');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const dns = new FailoverDns(stack, 'Dns', { ...base, ...props } as FailoverDnsProps);
  const out = Testing.synth(stack);
  return { out, parsed: JSON.parse(out), dns };
}

function withEndpoints(routing: GtmRouting, count: number): Synthesized {
  return synth({ routing, endpoints: ENDPOINTS.slice(0, count) });
}

/** The synthesized resources of a type, by their Terraform name. */
function resources(parsed: any, type: string): Record<string, any> {
  return parsed.resource?.[type] ?? {};
}
function instance(parsed: any): any {
  const all = Object.values(resources(parsed, 'alicloud_alidns_gtm_instance'));
  expect(all).toHaveLength(1);
  return all[0];
}
function instanceRef(parsed: any): string {
  return `\${alicloud_alidns_gtm_instance.${Object.keys(resources(parsed, 'alicloud_alidns_gtm_instance'))[0]}.id}`;
}
function pools(parsed: any): any[] {
  return Object.values(resources(parsed, 'alicloud_alidns_address_pool'));
}
function monitors(parsed: any): any[] {
  return Object.values(resources(parsed, 'alicloud_alidns_monitor_config'));
}
function strategy(parsed: any): any {
  const all = Object.values(resources(parsed, 'alicloud_alidns_access_strategy'));
  expect(all).toHaveLength(1);
  return all[0];
}
/** `${alicloud_alidns_address_pool.<name>.id}` of the pool of `address`. */
function poolRef(parsed: any, address: string): string {
  const entry = Object.entries(resources(parsed, 'alicloud_alidns_address_pool')).find(([, pool]) => pool.address[0].address === address);
  expect(entry).toBeDefined();
  return `\${alicloud_alidns_address_pool.${entry![0]}.id}`;
}
function monitorOf(parsed: any, address: string): any {
  const ref = poolRef(parsed, address);
  const found = monitors(parsed).filter((m) => m.addr_pool_id === ref);
  expect(found).toHaveLength(1);
  return found[0];
}
const refsOf = (list: any[]): string[] => list.map((p) => p.addr_pool_id).sort();

describe('alicloud.FailoverDns', () => {
  describe('defaults', () => {
    test('a GTM 2.0 subscription instance answering for recordName itself, renewed automatically', () => {
      const { parsed } = synth();
      expect(instance(parsed)).toEqual({
        instance_name: 'shop.example.com',
        payment_type: 'Subscription',
        period: 1,
        renewal_status: 'AutoRenewal',
        renew_period: 1,
        package_edition: 'standard',
        health_check_task_count: 100,
        sms_notification_count: 1000,
        strategy_mode: 'GEO',
        cname_type: 'PUBLIC',
        public_cname_mode: 'CUSTOM',
        public_zone_name: 'example.com',
        public_rr: 'shop',
        public_user_domain_name: 'shop.example.com',
        ttl: 60,
      });
    });

    test('one DOMAIN pool per endpoint, in SMART mode', () => {
      const { parsed } = withEndpoints(GtmRouting.FAILOVER, 3);
      expect(pools(parsed)).toHaveLength(3);
      ENDPOINTS.slice(0, 3).forEach((endpoint) => {
        expect(pools(parsed).find((p) => p.address[0].address === endpoint.address)).toEqual({
          instance_id: instanceRef(parsed),
          address_pool_name: endpoint.region,
          type: 'DOMAIN',
          lba_strategy: 'ALL_RR',
          address: [{
            address: endpoint.address,
            attribute_info: '{"lineCodeRectifyType":"AUTO","lineCodes":[]}',
            mode: 'SMART',
            remark: `shop.example.com ${endpoint.region}`,
          }],
        });
      });
    });

    test('an HTTPS health check per pool with SNI, Host, path, interval 60 and threshold 3', () => {
      const { parsed, dns } = withEndpoints(GtmRouting.FAILOVER, 3);
      expect(monitors(parsed)).toHaveLength(3);
      ENDPOINTS.slice(0, 3).forEach((endpoint) => {
        const monitor = monitorOf(parsed, endpoint.address);
        expect(monitor).toEqual({
          addr_pool_id: poolRef(parsed, endpoint.address),
          protocol_type: 'HTTPS',
          interval: 60,
          evaluation_count: 3,
          timeout: 5000,
          monitor_extend_info: expect.any(String),
          isp_city_node: [{ city_code: '503', isp_code: '465' }, { city_code: '572', isp_code: '465' }],
        });
        expect(JSON.parse(monitor.monitor_extend_info)).toEqual({
          port: 443, host: 'shop.example.com', path: '/health', code: 400, failureRate: 50, sni: true, nodeType: 'IPV4',
        });
      });
      expect(dns.detectionSeconds).toBe(180);
      expect(dns.recordName).toBe('shop.example.com');
    });

    test('the strategy waits for every health check', () => {
      const { parsed } = withEndpoints(GtmRouting.LATENCY, 3);
      const names = Object.keys(resources(parsed, 'alicloud_alidns_monitor_config')).map((n) => `alicloud_alidns_monitor_config.${n}`);
      expect(strategy(parsed).depends_on.sort()).toEqual(names.sort());
    });

    test('exposes the instance and pool ids in endpoint order', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'global');
      new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
      const dns = new FailoverDns(stack, 'Dns', { ...base, routing: GtmRouting.LATENCY, endpoints: ENDPOINTS.slice(0, 3) });
      new TerraformOutput(stack, 'instance', { value: dns.instanceId });
      new TerraformOutput(stack, 'pools', { value: dns.addressPoolIds });
      const parsed = JSON.parse(Testing.synth(stack));
      expect(parsed.output.instance.value).toBe(instanceRef(parsed));
      expect(parsed.output.pools.value).toEqual(ENDPOINTS.slice(0, 3).map((e) => poolRef(parsed, e.address)));
      expect(dns.addressPools).toHaveLength(3);
      expect(dns.monitors).toHaveLength(3);
      expect(dns.accessStrategy.terraformResourceType).toBe('alicloud_alidns_access_strategy');
      expect(dns.instance.terraformResourceType).toBe('alicloud_alidns_gtm_instance');
    });
  });

  test('applies path, threshold, TTL, name, edition and nodes', () => {
    const { parsed, dns } = synth({
      healthCheckPath: '/ready?deep=1',
      healthCheckIntervalSeconds: 60,
      failureThreshold: 2,
      ttlSeconds: 300,
      instanceName: 'shop-gtm',
      edition: GtmEdition.ULTIMATE,
      healthCheckNodes: [{ cityCode: '572', ispCode: '465' }],
    });
    expect(instance(parsed)).toMatchObject({ instance_name: 'shop-gtm', ttl: 300, package_edition: 'ultimate' });
    for (const monitor of monitors(parsed)) {
      expect(monitor).toMatchObject({ evaluation_count: 2, interval: 60, isp_city_node: [{ city_code: '572', isp_code: '465' }] });
      expect(JSON.parse(monitor.monitor_extend_info).path).toBe('/ready?deep=1');
    }
    expect(dns.detectionSeconds).toBe(120);
  });

  test('a multi-level record name gives a multi-level host record', () => {
    const { parsed } = synth({ recordName: 'eu.shop.example.com' });
    expect(instance(parsed)).toMatchObject({ public_rr: 'eu.shop', public_user_domain_name: 'eu.shop.example.com' });
  });

  describe('SIMPLE', () => {
    test.each([1, 2, 3, 5])('with %i endpoint(s): primary pool only, every pool health-checked', (count) => {
      const { parsed } = withEndpoints(GtmRouting.SIMPLE, count);
      expect(pools(parsed)).toHaveLength(count);
      expect(monitors(parsed)).toHaveLength(count);
      const { depends_on: _dependsOn, ...rest } = strategy(parsed);
      expect(rest).toEqual({
        instance_id: instanceRef(parsed),
        strategy_name: 'simple',
        strategy_mode: 'GEO',
        default_addr_pool_type: 'DOMAIN',
        default_min_available_addr_num: 1,
        default_lba_strategy: 'ALL_RR',
        default_addr_pools: [{ addr_pool_id: poolRef(parsed, ENDPOINTS[0].address) }],
        lines: [{ line_code: 'default' }],
      });
      expect(instance(parsed)).toMatchObject({ strategy_mode: 'GEO', package_edition: 'standard' });
    });
  });

  describe('FAILOVER', () => {
    test.each([2, 3, 5])('with %i endpoints: primary pool, standbys as the failover set', (count) => {
      const { parsed } = withEndpoints(GtmRouting.FAILOVER, count);
      const s = strategy(parsed);
      expect(s).toMatchObject({
        instance_id: instanceRef(parsed),
        strategy_name: 'failover',
        strategy_mode: 'GEO',
        access_mode: 'AUTO',
        lines: [{ line_code: 'default' }],
        default_addr_pool_type: 'DOMAIN',
        default_lba_strategy: 'ALL_RR',
        default_min_available_addr_num: 1,
        failover_addr_pool_type: 'DOMAIN',
        failover_lba_strategy: 'ALL_RR',
        failover_min_available_addr_num: 1,
      });
      expect(s.default_addr_pools).toEqual([{ addr_pool_id: poolRef(parsed, ENDPOINTS[0].address) }]);
      expect(refsOf(s.failover_addr_pools)).toEqual(ENDPOINTS.slice(1, count).map((e) => poolRef(parsed, e.address)).sort());
      expect(refsOf(s.failover_addr_pools)).not.toContain(poolRef(parsed, ENDPOINTS[0].address));
      expect(s.default_max_return_addr_num).toBeUndefined();
      expect(monitors(parsed)).toHaveLength(count);
    });
  });

  describe('LATENCY', () => {
    test.each([2, 3, 5])('with %i endpoints: every pool active, one nearest answer', (count) => {
      const { parsed } = withEndpoints(GtmRouting.LATENCY, count);
      const { depends_on: _dependsOn, default_addr_pools: defaults, ...rest } = strategy(parsed);
      expect(rest).toEqual({
        instance_id: instanceRef(parsed),
        strategy_name: 'latency',
        strategy_mode: 'LATENCY',
        default_addr_pool_type: 'DOMAIN',
        default_min_available_addr_num: 1,
        default_latency_optimization: 'OPEN',
        default_max_return_addr_num: 1,
      });
      expect(refsOf(defaults)).toEqual(ENDPOINTS.slice(0, count).map((e) => poolRef(parsed, e.address)).sort());
      expect(instance(parsed)).toMatchObject({ strategy_mode: 'LATENCY', package_edition: 'ultimate' });
    });
  });

  test('accepts cross-stack tokens in endpoint fields and names', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'global');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const endpoints = [0, 1, 2].map((index) => ({
      region: new TerraformVariable(stack, `region${index}`, { type: 'string' }).stringValue,
      address: new TerraformVariable(stack, `dns${index}`, { type: 'string' }).stringValue,
    }));
    const zoneName = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
    const recordName = new TerraformVariable(stack, 'record', { type: 'string' }).stringValue;
    new FailoverDns(stack, 'Dns', { ...base, zoneName, recordName, endpoints });
    const parsed = JSON.parse(Testing.synth(stack));
    expect(pools(parsed).map((p) => p.address[0].address).sort()).toEqual(['${var.dns0}', '${var.dns1}', '${var.dns2}']);
    expect(instance(parsed).public_rr).toBe('${trimsuffix(var.record, ".${var.zone}")}');
    expect(strategy(parsed).default_addr_pools).toEqual([{ addr_pool_id: poolRef(parsed, '${var.dns0}') }]);
  });

  test('writes only attributes of the pinned provider schema', () => {
    for (const routing of Object.values(GtmRouting)) {
      expectSchemaConformant(withEndpoints(routing, routing === GtmRouting.SIMPLE ? 1 : 3).out);
    }
  });

  test('writes no secret', () => {
    expect(withEndpoints(GtmRouting.FAILOVER, 2).out).not.toMatch(/access_key|secret|password/i);
  });

  describe('rejects bad input', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['upper-case zone', { zoneName: 'Example.com' }, /zoneName \("Example\.com"\) must be a lowercase domain name/],
      ['zone with trailing dot', { zoneName: 'example.com.' }, /zoneName \("example\.com\."\) .*no trailing dot/],
      ['record not a domain name', { recordName: 'shop_1.example.com' }, /recordName \("shop_1\.example\.com"\)/],
      ['record outside the zone', { recordName: 'shop.example.org' }, /recordName \("shop\.example\.org"\) must be a name inside zoneName \("example\.com"\)/],
      ['record that only ends like the zone', { recordName: 'shopexample.com' }, /recordName .* inside zoneName/],
      ['record at the apex', { recordName: 'example.com' }, /recordName \("example\.com"\) .*not the apex/],
      ['no endpoints', { endpoints: [] }, /endpoints \(0 endpoints\) must be a list of 1 to 5/],
      ['six endpoints', { endpoints: [...ENDPOINTS, { region: 'us-east-1', address: 'alb-6.us-east-1.alb.aliyuncs.com' }] }, /endpoints \(6 endpoints\)/],
      ['endpoints not a list', { endpoints: 'cn-hangzhou' }, /endpoints \("cn-hangzhou"\) must be a list/],
      ['two endpoints in one region', { endpoints: [ENDPOINTS[0], { region: 'cn-hangzhou', address: 'alb-9.cn-hangzhou.alb.aliyuncs.com' }] }, /endpoints\[1\]\.region \("cn-hangzhou"\) is already the region of endpoints\[0\]/],
      ['unknown region', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], region: 'cn-mars' }] }, /endpoints\[1\]\.region \("cn-mars"\) must be an Alibaba Cloud region/],
      ['AWS region', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], region: 'us-east-2' }] }, /endpoints\[1\]\.region \("us-east-2"\)/],
      ['load balancer of another region', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], address: 'alb-2.cn-beijing.alb.aliyuncs.com' }] }, /endpoints\[1\]\.address .* is a load balancer in cn-beijing, not in the endpoint's region "cn-shanghai"/],
      ['address a URL', { endpoints: [{ ...ENDPOINTS[0], address: 'https://alb-1.cn-hangzhou.alb.aliyuncs.com' }, ENDPOINTS[1]] }, /endpoints\[0\]\.address .* must be the DNS name of a load balancer/],
      ['address an IP', { endpoints: [{ ...ENDPOINTS[0], address: '10.0.0.1' }, ENDPOINTS[1]] }, /endpoints\[0\]\.address \("10\.0\.0\.1"\)/],
      ['endpoint not an object', { endpoints: [ENDPOINTS[0], null] }, /endpoints\[1\] \(null\) must be an endpoint/],
      ['AWS-style endpoint field', { endpoints: [ENDPOINTS[0], { ...ENDPOINTS[1], dnsName: 'x.example.com' }] }, /endpoints\[1\]\.dnsName is not a known prop/],
      ['unknown routing', { routing: 'weighted' }, /routing \("weighted"\) must be one of "simple", "failover", "latency"/],
      ['failover with one endpoint', { endpoints: ENDPOINTS.slice(0, 1) }, /endpoints \(1 endpoint\) must list at least 2 endpoints for routing "failover"/],
      ['latency with one endpoint', { routing: GtmRouting.LATENCY, endpoints: ENDPOINTS.slice(0, 1) }, /at least 2 endpoints for routing "latency"/],
      ['interval 15', { healthCheckIntervalSeconds: 15 }, /healthCheckIntervalSeconds \(15\) must be one of 60/],
      ['threshold 0', { failureThreshold: 0 }, /failureThreshold \(0\) must be one of 1, 2, 3/],
      ['threshold 4', { failureThreshold: 4 }, /failureThreshold \(4\)/],
      ['ttl 30', { ttlSeconds: 30 }, /ttlSeconds \(30\) must be one of 60, 120, 300, 600/],
      ['relative path', { healthCheckPath: 'health' }, /healthCheckPath \("health"\) must start with "\/"/],
      ['path with a space', { healthCheckPath: '/health check' }, /healthCheckPath/],
      ['empty instance name', { instanceName: ' ' }, /instanceName \(" "\) must be a non-empty string/],
      ['unknown edition', { edition: 'premium' }, /edition \("premium"\) must be one of "standard", "ultimate"/],
      ['no nodes', { healthCheckNodes: [] }, /healthCheckNodes \(0 nodes\) must be a list of 1 to 10/],
      ['non-numeric city code', { healthCheckNodes: [{ cityCode: 'hangzhou', ispCode: '465' }] }, /healthCheckNodes\[0\]\.cityCode \("hangzhou"\) must be a numeric code/],
      ['repeated node', { healthCheckNodes: [{ cityCode: '503', ispCode: '465' }, { cityCode: '503', ispCode: '465' }] }, /healthCheckNodes\[1\] .* is listed twice/],
      ['misspelt node field', { healthCheckNodes: [{ cityCode: '503', isp: '465' }] }, /healthCheckNodes\[0\]\.isp is not a known prop/],
      ['misspelt prop', { ttl: 60 }, /ttl is not a known prop/],
    ];
    test.each(cases)('%s', (_name, override, message) => {
      expect(() => synth(override)).toThrow(message);
    });

    test('reports every problem at once, before any resource exists', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'global');
      expect(() => new FailoverDns(stack, 'Dns', {
        ...base, zoneName: 'EXAMPLE', routing: 'geo' as GtmRouting, failureThreshold: 0, ttlSeconds: 5,
      })).toThrow(/^Invalid alicloud\.FailoverDns "Dns": zoneName .*; routing .*; failureThreshold \(0\) .*; ttlSeconds \(5\) /);
      expect(stack.node.tryFindChild('Dns')?.node.children).toEqual([]);
    });
  });
});

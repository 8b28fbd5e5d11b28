import { Fn, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DOMAIN_NAME } from '../core/names';
import { checkEndpointList } from '../core/endpoints';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';
import { AlidnsAccessStrategy, AlidnsAccessStrategyConfig } from './gen/providers/alicloud/alidns-access-strategy';
import { AlidnsAddressPool } from './gen/providers/alicloud/alidns-address-pool';
import { AlidnsGtmInstance } from './gen/providers/alicloud/alidns-gtm-instance';
import { AlidnsMonitorConfig } from './gen/providers/alicloud/alidns-monitor-config';

/** How GTM chooses among the regional endpoints of a {@link FailoverDns} (the same three modes as `aws.DnsRouting`). */
export enum GtmRouting {
  /** The first endpoint only; the others are only health-checked (failover is a spec change). */
  SIMPLE = 'simple',
  /** Active/passive: the first endpoint while it is healthy, else the standby endpoints. */
  FAILOVER = 'failover',
  /** Active/active: each client gets the healthy endpoint with the lowest latency from it. */
  LATENCY = 'latency',
}

/** Paid edition of the GTM 2.0 instance (`package_edition`). */
export enum GtmEdition {
  /** Standard edition (USD 20/month, Alibaba Cloud DNS docs, "GTM billing"). */
  STANDARD = 'standard',
  /** Ultimate edition (USD 140/month). */
  ULTIMATE = 'ultimate',
}

/** One regional endpoint (an internet-facing Application Load Balancer). */
export interface GtmEndpoint {
  /** Alibaba Cloud region of the endpoint, e.g. `cn-hangzhou` (it names the endpoint's address pool). */
  readonly region: string;
  /** Public DNS name of the load balancer, e.g. `LoadBalancer.dnsName` (a domain name; a token is allowed). */
  readonly address: string;
}

/** A GTM health-check node: a city and an ISP code, as DescribeDnsGtmMonitorAvailableConfig lists them. */
export interface GtmHealthCheckNode {
  /** City code, e.g. `503` (Zhangjiakou). */
  readonly cityCode: string;
  /** ISP code, e.g. `465` (Alibaba, the code of the BGP and international node groups). */
  readonly ispCode: string;
}

/** Properties of {@link FailoverDns}. */
export interface FailoverDnsProps {
  /**
   * Public zone hosted in Alibaba Cloud DNS in this account, e.g. `example.com`. GTM writes the
   * answers for `recordName` into it.
   */
  readonly zoneName: string;
  /**
   * Name users reach, inside the zone (not the apex: GTM answers with a CNAME to a load balancer's
   * name, and a CNAME cannot sit at a zone apex), e.g. `shop.example.com`.
   */
  readonly recordName: string;
  /**
   * The regional endpoints, 1 to 5 in distinct regions. With FAILOVER the first one is the primary
   * and the others are standbys.
   */
  readonly endpoints: GtmEndpoint[];
  /** How GTM chooses among the endpoints. FAILOVER and LATENCY need at least two endpoints. */
  readonly routing: GtmRouting;
  /**
   * Path the GTM health checks request over HTTPS (with SNI and `Host: recordName`); it must start with `/`.
   * A status code above 400 counts as a failure.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Seconds between health checks: 60, the only value GTM 2.0 accepts (provider 1.283.0 validates
   * `interval` against [60]; API AddDnsGtmMonitor).
   * @default 60
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Consecutive failed checks before an endpoint becomes unavailable (`evaluation_count`): 1, 2 or 3.
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * TTL of the answers, in seconds: 60, 120, 300 or 600 (the values GTM 2.0 accepts).
   * @default 60
   */
  readonly ttlSeconds?: number;
  /**
   * Name of the GTM instance.
   * @default recordName
   */
  readonly instanceName?: string;
  /**
   * Paid edition of the GTM instance.
   * @default ULTIMATE with LATENCY routing, else STANDARD
   */
  readonly edition?: GtmEdition;
  /**
   * Health-check nodes, 1 to 10; an endpoint fails when half of them fail. List the nodes near your
   * users with DescribeDnsGtmMonitorAvailableConfig.
   * @default the two nodes of the API documentation's example: Zhangjiakou (503) and Qingdao (572), ISP 465
   */
  readonly healthCheckNodes?: GtmHealthCheckNode[];
}

/** Every prop of {@link FailoverDnsProps}, for the unknown-prop check. */
const FAILOVER_DNS_PROPS = [
  'zoneName', 'recordName', 'endpoints', 'routing', 'healthCheckPath', 'healthCheckIntervalSeconds',
  'failureThreshold', 'ttlSeconds', 'instanceName', 'edition', 'healthCheckNodes',
];
const ENDPOINT_PROPS = ['region', 'address'];
const NODE_PROPS = ['cityCode', 'ispCode'];

/** The value of every optional prop that is not given (documented on each prop). */
const DEFAULTS = {
  healthCheckPath: '/health',
  healthCheckIntervalSeconds: 60,
  failureThreshold: 3,
  ttlSeconds: 60,
  // DescribeGtmMonitorAvailableConfig, response example: Zhangjiakou 503 and Qingdao 572, ISP 465.
  healthCheckNodes: [{ cityCode: '503', ispCode: '465' }, { cityCode: '572', ispCode: '465' }] as GtmHealthCheckNode[],
};

// aliyun/alicloud 1.283.0 validation (resource_alicloud_alidns_monitor_config.go and
// resource_alicloud_alidns_gtm_instance.go): interval IntInSlice[60], evaluation_count [1, 2, 3],
// timeout [2000, 3000, 5000, 10000] ms, ttl [60, 120, 300, 600].
const INTERVALS = [60];
const EVALUATION_COUNTS = [1, 2, 3];
const TTLS = [60, 120, 300, 600];
/** ms; the documented middle value, room for a TLS handshake from a distant probe. */
const TIMEOUT_MS = 5000;
/** At most one endpoint per region of the spec (its MAX_REGIONS). */
const MAX_ENDPOINTS = 5;
const MAX_NODES = 10;
const HTTPS_PORT = 443;
// UpdateDnsGtmMonitor MonitorExtendInfo: `code` 400 or 500 (a status above it is a failure);
// `failureRate` 20, 50, 80 or 100 (% of nodes that must fail).
const FAILURE_CODE = 400;
const FAILURE_RATE = 50;
/**
 * One detection-task plan holds 100 tasks (GTM billing); each address × node is one task, at most
 * MAX_ENDPOINTS × MAX_NODES = 50.
 */
const HEALTH_CHECK_TASKS = 100;
/**
 * Required by the provider; the value of the provider's own example. GTM sends no SMS here (no
 * alert group is configured), so the quota stays unused.
 */
const SMS_NOTIFICATIONS = 1000;
/** The global line of a GEO access strategy (provider docs example, `line_code = "default"`). */
const DEFAULT_LINE = 'default';

const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/;
// ALB DNS names end in `<region>.alb.aliyuncs.com`.
const ALB_REGION = /\.([a-z]{2}-[a-z]+(-\d+)?)\.alb\.aliyuncs\.com$/i;
const NODE_CODE = /^\d{1,10}$/;

/**
 * The global-traffic tier on Alibaba Cloud: a GTM 2.0 instance (`alicloud_alidns_gtm_instance`)
 * answering for `recordName`, one address pool of type DOMAIN per regional load balancer, one
 * HTTPS health check per pool, and one access strategy.
 *
 * GTM 2.0 and not Cloud GTM 3.0: in aliyun/alicloud 1.283.0 the 3.0 resources cannot attach
 * addresses to pools or pools to an instance (docs/DESIGN.md).
 *
 * The instance uses custom CNAME access (`public_cname_mode = CUSTOM`): the system-assigned mode
 * is switched off (API UpdateDnsGtmInstanceGlobalConfig, PublicCnameMode). The access domain is
 * `recordName` itself (`public_zone_name` = zoneName, `public_rr` = its label), so clients reach GTM
 * without a further CNAME; the zone must be hosted in Alibaba Cloud DNS in this account.
 *
 * - SIMPLE: a GEO strategy whose primary pool set is the first endpoint's pool; the others are
 *   health-checked only (backup-restore or pilot-light, where moving traffic is a spec change).
 * - FAILOVER: a GEO strategy with the first pool as primary set and the standbys' pools as
 *   secondary set, switched automatically (`access_mode = AUTO`) when the primary set has no
 *   available address.
 * - LATENCY: a LATENCY strategy with every pool in the primary set; each client gets one address,
 *   the one with the lowest latency from it.
 *
 * Failure detection takes {@link detectionSeconds} (interval × threshold), plus the TTL, before
 * clients move.
 *
 * The instance is a subscription (one month, renewed automatically so that failover never lapses).
 * Terraform cannot delete it: `terraform destroy` only forgets it, and it runs until the
 * subscription is cancelled in the console.
 */
export class FailoverDns extends Construct {
  /** The GTM instance (escape hatch). */
  public readonly instance: TerraformResource;
  /** Id of {@link instance}. */
  public readonly instanceId: string;
  /** One address pool per endpoint, in the order of `endpoints`. */
  public readonly addressPools: TerraformResource[];
  /** Ids of {@link addressPools}, in the order of `endpoints`. */
  public readonly addressPoolIds: string[];
  /** One HTTPS health check per address pool, in the order of `endpoints`. */
  public readonly monitors: TerraformResource[];
  /** The access strategy that picks the pools. */
  public readonly accessStrategy: TerraformResource;
  /** The name users reach. */
  public readonly recordName: string;
  /** Seconds of failed checks before GTM declares an endpoint unavailable (interval × threshold). */
  public readonly detectionSeconds: number;

  constructor(scope: Construct, id: string, props: FailoverDnsProps) {
    super(scope, id);
    validateProps(id, props);

    const healthCheckPath = props.healthCheckPath ?? DEFAULTS.healthCheckPath;
    const interval = props.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds;
    const evaluationCount = props.failureThreshold ?? DEFAULTS.failureThreshold;
    const ttl = props.ttlSeconds ?? DEFAULTS.ttlSeconds;
    const nodes = props.healthCheckNodes ?? DEFAULTS.healthCheckNodes;
    const edition = props.edition ?? (props.routing === GtmRouting.LATENCY ? GtmEdition.ULTIMATE : GtmEdition.STANDARD);
    const latency = props.routing === GtmRouting.LATENCY;

    this.recordName = props.recordName;
    this.detectionSeconds = interval * evaluationCount;

    const instance = new AlidnsGtmInstance(this, 'Instance', {
      instanceName: props.instanceName ?? props.recordName,
      paymentType: 'Subscription',
      period: 1,
      // An expired instance stops answering: renew without a person in the loop.
      renewalStatus: 'AutoRenewal',
      renewPeriod: 1,
      packageEdition: edition,
      healthCheckTaskCount: HEALTH_CHECK_TASKS,
      smsNotificationCount: SMS_NOTIFICATIONS,
      strategyMode: latency ? 'LATENCY' : 'GEO',
      cnameType: 'PUBLIC',
      publicCnameMode: 'CUSTOM',
      publicZoneName: props.zoneName,
      publicRr: recordLabel(props.zoneName, props.recordName),
      publicUserDomainName: props.recordName,
      ttl,
    });
    this.instance = instance;
    this.instanceId = instance.id;

    const keys = props.endpoints.map(endpointKey);
    const pools = props.endpoints.map((endpoint, index) => new AlidnsAddressPool(this, `Pool-${keys[index]}`, {
      instanceId: instance.id,
      addressPoolName: endpoint.region,
      // An ALB is addressed by name: GTM answers with a CNAME to it.
      type: 'DOMAIN',
      lbaStrategy: 'ALL_RR',
      address: [{
        address: endpoint.address,
        // AUTO lets GTM locate the address itself (provider docs, attribute_info: AUTO is the default).
        attributeInfo: JSON.stringify({ lineCodeRectifyType: 'AUTO', lineCodes: [] }),
        // SMART: the address is taken out of answers while its health check fails.
        mode: 'SMART',
        remark: `${props.recordName} ${endpoint.region}`,
      }],
    }));
    this.addressPools = pools;
    this.addressPoolIds = pools.map((pool) => pool.id);

    this.monitors = pools.map((pool, index) => new AlidnsMonitorConfig(this, `Monitor-${keys[index]}`, {
      addrPoolId: pool.id,
      protocolType: 'HTTPS',
      interval,
      evaluationCount,
      timeout: TIMEOUT_MS,
      // SNI and the Host header carry recordName, so the load balancer presents the certificate and
      // applies the listener rules of the real site.
      monitorExtendInfo: JSON.stringify({
        port: HTTPS_PORT,
        host: props.recordName,
        path: healthCheckPath,
        code: FAILURE_CODE,
        failureRate: FAILURE_RATE,
        sni: true,
        nodeType: 'IPV4',
      }),
      ispCityNode: nodes.map((node) => ({ cityCode: node.cityCode, ispCode: node.ispCode })),
    }));

    const poolRef = (pool: AlidnsAddressPool) => ({ addrPoolId: pool.id });
    const common = {
      instanceId: instance.id,
      strategyName: props.routing,
      defaultAddrPoolType: 'DOMAIN',
      defaultMinAvailableAddrNum: 1,
    };
    let strategy: AlidnsAccessStrategyConfig;
    switch (props.routing) {
      case GtmRouting.LATENCY:
        strategy = {
          ...common,
          strategyMode: 'LATENCY',
          defaultAddrPools: pools.map(poolRef),
          defaultLatencyOptimization: 'OPEN',
          // A name has one CNAME: return the single nearest address.
          defaultMaxReturnAddrNum: 1,
        };
        break;
      case GtmRouting.FAILOVER:
        strategy = {
          ...common,
          strategyMode: 'GEO',
          lines: [{ lineCode: DEFAULT_LINE }],
          defaultAddrPools: [poolRef(pools[0])],
          defaultLbaStrategy: 'ALL_RR',
          failoverAddrPoolType: 'DOMAIN',
          failoverAddrPools: pools.slice(1).map(poolRef),
          failoverLbaStrategy: 'ALL_RR',
          failoverMinAvailableAddrNum: 1,
          // AUTO: the secondary set answers only while the primary set is unavailable.
          accessMode: 'AUTO',
        };
        break;
      default:
        strategy = {
          ...common,
          strategyMode: 'GEO',
          lines: [{ lineCode: DEFAULT_LINE }],
          defaultAddrPools: [poolRef(pools[0])],
          defaultLbaStrategy: 'ALL_RR',
        };
    }
    // A strategy must not point at a pool before its health check exists (SMART mode reads it).
    this.accessStrategy = new AlidnsAccessStrategy(this, 'Strategy', { ...strategy, dependsOn: this.monitors });
  }
}

/** `recordName` relative to `zoneName` (the host record, `public_rr`); computed by Terraform for tokens. */
function recordLabel(zoneName: string, recordName: string): string {
  if (Token.isUnresolved(zoneName) || Token.isUnresolved(recordName)) return Fn.trimsuffix(recordName, `.${zoneName}`);
  return recordName.slice(0, recordName.length - zoneName.length - 1);
}

/** A construct id part for an endpoint: its region when known at synth time, else its position. */
function endpointKey(endpoint: GtmEndpoint, index: number): string {
  return Token.isUnresolved(endpoint.region) ? String(index) : endpoint.region;
}

/** Checks every prop and throws one ValidationError listing each problem. */
function validateProps(id: string, props: FailoverDnsProps): void {
  const problems = new ProblemCollector(`alicloud.FailoverDns "${id}"`);
  if (!problems.check(props !== undefined && props !== null && typeof props === 'object', 'props', `(${show(props)}) must be an object`)) {
    problems.throwIfAny();
  }
  problems.knownKeys('', props, FAILOVER_DNS_PROPS);

  const zoneOk = checkDomainName(problems, 'zoneName', props.zoneName, 'example.com');
  const recordOk = checkDomainName(problems, 'recordName', props.recordName, 'shop.example.com');
  if (zoneOk && recordOk && !Token.isUnresolved(props.zoneName) && !Token.isUnresolved(props.recordName)) {
    problems.check(props.recordName.endsWith(`.${props.zoneName}`), 'recordName',
      `(${show(props.recordName)}) must be a name inside zoneName (${show(props.zoneName)}), not the apex: GTM answers with a CNAME, which cannot sit at a zone apex`);
  }

  const routingOk = problems.check(
    Object.values(GtmRouting).includes(props.routing),
    'routing',
    `(${show(props.routing)}) must be one of ${Object.values(GtmRouting).map((r) => show(r)).join(', ')}`,
  );

  const endpoints = props.endpoints;
  checkEndpointList(problems, endpoints, MAX_ENDPOINTS, (path, endpoint) => checkEndpoint(problems, path, endpoint),
    { ok: routingOk, single: props.routing === GtmRouting.SIMPLE, name: props.routing, singleName: GtmRouting.SIMPLE });

  if (props.healthCheckPath !== undefined) {
    problems.check(
      typeof props.healthCheckPath === 'string' && /^\/[\x21-\x7e]*$/.test(props.healthCheckPath),
      'healthCheckPath',
      `(${show(props.healthCheckPath)}) must start with "/" and hold only printable characters without spaces`,
    );
  }
  problems.oneOf('healthCheckIntervalSeconds', props.healthCheckIntervalSeconds, INTERVALS);
  problems.oneOf('failureThreshold', props.failureThreshold, EVALUATION_COUNTS);
  problems.oneOf('ttlSeconds', props.ttlSeconds, TTLS);
  if (props.instanceName !== undefined) problems.nonEmptyString('instanceName', props.instanceName);
  problems.oneOf('edition', props.edition, Object.values(GtmEdition));
  checkNodes(problems, props.healthCheckNodes);
  problems.throwIfAny();
}

/** A literal name is a lowercase domain name without the root's trailing dot; a token is not checked. */
function checkDomainName(problems: ProblemCollector, path: string, name: string, example: string): boolean {
  if (Token.isUnresolved(name)) return true;
  return problems.check(
    typeof name === 'string' && DOMAIN_NAME.test(name),
    path,
    `(${show(name)}) must be a lowercase domain name such as "${example}" (no trailing dot, at most 253 characters)`,
  );
}

/** One endpoint: known keys, and each literal field in its form. Tokens (cross-stack values) are not checked. */
function checkEndpoint(problems: ProblemCollector, path: string, endpoint: GtmEndpoint): void {
  if (!problems.check(endpoint !== undefined && endpoint !== null && typeof endpoint === 'object', path,
    `(${show(endpoint)}) must be an endpoint { region, address }`)) return;
  problems.knownKeys(path, endpoint, ENDPOINT_PROPS);
  const { region, address } = endpoint;
  if (!Token.isUnresolved(region)) {
    problems.check(typeof region === 'string' && ALICLOUD_REGIONS.includes(region), `${path}.region`,
      `(${show(region)}) must be an Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`);
  }
  if (Token.isUnresolved(address)) return;
  if (!problems.check(typeof address === 'string' && HOST_NAME.test(address), `${path}.address`,
    `(${show(address)}) must be the DNS name of a load balancer, e.g. "alb-abc123.cn-hangzhou.alb.aliyuncs.com"`)) return;
  const albRegion = ALB_REGION.exec(address)?.[1].toLowerCase();
  if (albRegion !== undefined && typeof region === 'string' && !Token.isUnresolved(region)) {
    problems.check(albRegion === region, `${path}.address`,
      `(${show(address)}) is a load balancer in ${albRegion}, not in the endpoint's region ${show(region)}`);
  }
}

/** Health-check nodes: 1 to MAX_NODES numeric codes, no repeats. */
function checkNodes(problems: ProblemCollector, nodes: GtmHealthCheckNode[] | undefined): void {
  if (nodes === undefined || Token.isUnresolved(nodes)) return;
  if (!problems.check(Array.isArray(nodes) && nodes.length >= 1 && nodes.length <= MAX_NODES, 'healthCheckNodes',
    `(${Array.isArray(nodes) ? `${nodes.length} nodes` : show(nodes)}) must be a list of 1 to ${MAX_NODES} nodes`)) return;
  const seen = new Set<string>();
  nodes.forEach((node, index) => {
    const path = `healthCheckNodes[${index}]`;
    if (!problems.check(node !== undefined && node !== null && typeof node === 'object', path,
      `(${show(node)}) must be a node { cityCode, ispCode }`)) return;
    problems.knownKeys(path, node, NODE_PROPS);
    for (const key of ['cityCode', 'ispCode'] as const) {
      const code = node[key];
      if (Token.isUnresolved(code)) continue;
      problems.check(typeof code === 'string' && NODE_CODE.test(code), `${path}.${key}`, `(${show(code)}) must be a numeric code such as "465"`);
    }
    const key = `${node.cityCode}/${node.ispCode}`;
    problems.check(!seen.has(key), path, `(${show(node)}) is listed twice`);
    seen.add(key);
  });
}

import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record, Route53RecordAlias, Route53RecordConfig } from '@cdktf/provider-aws/lib/route53-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { DOMAIN_NAME } from '../core/names';
import { checkEndpointList } from '../core/endpoints';
import { ProblemCollector, show } from '../core/problems';
import { AWS_REGION_ZONES } from '../core/regions';

/** How Route 53 chooses among the regional endpoints of a {@link FailoverDns}. */
export enum DnsRouting {
  /** One record to the first endpoint; the other endpoints are only health-checked (failover is a spec change). */
  SIMPLE = 'simple',
  /** Active/passive: the first endpoint while it is healthy, else the standby endpoints. */
  FAILOVER = 'failover',
  /** Active/active: each client gets the healthy endpoint with the lowest latency from it. */
  LATENCY = 'latency',
}

/** One regional endpoint (an internet-facing Application Load Balancer). */
export interface DnsEndpoint {
  /** AWS region of the endpoint, e.g. `eu-west-1` (the latency region and the set identifier). */
  readonly region: string;
  /** Public DNS name of the load balancer, e.g. `LoadBalancer.dnsName`. */
  readonly dnsName: string;
  /** Route 53 hosted zone id of the load balancer (not of your zone), e.g. `LoadBalancer.hostedZoneId`. */
  readonly hostedZoneId: string;
}

/** Properties of {@link FailoverDns}. */
export interface FailoverDnsProps {
  /** Public Route 53 hosted zone of this account that receives the records, e.g. `example.com`. */
  readonly zoneName: string;
  /** Name users reach: the zone itself or a name inside it, e.g. `shop.example.com`. */
  readonly recordName: string;
  /**
   * The regional endpoints, 1 to 5 in distinct regions. With FAILOVER the first one is the primary
   * and the others are standbys.
   */
  readonly endpoints: DnsEndpoint[];
  /** How Route 53 chooses among the endpoints. FAILOVER and LATENCY need at least two endpoints. */
  readonly routing: DnsRouting;
  /**
   * Path the Route 53 health checks request over HTTPS; it must start with `/` (at most 255
   * characters). A status from 200 to 399 within two seconds counts as healthy.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Seconds between the checks of one Route 53 health checker: 10 or 30 (the only values Route 53 accepts).
   * @default 10 (the "fast interval" option: detection in 30 s instead of 90 s with the default threshold)
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Consecutive failed (or successful) checks before an endpoint becomes unhealthy (or healthy again), 1–10.
   * @default 3 (the Route 53 default)
   */
  readonly failureThreshold?: number;
  /**
   * Route 53 health-checker regions that check the endpoints: at least 3 of us-east-1, us-west-1,
   * us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1.
   * @default every health-checker region
   */
  readonly healthCheckRegions?: string[];
}

/** Every prop of {@link FailoverDnsProps}, for the unknown-prop check. */
const FAILOVER_DNS_PROPS = [
  'zoneName', 'recordName', 'endpoints', 'routing', 'healthCheckPath', 'healthCheckIntervalSeconds',
  'failureThreshold', 'healthCheckRegions',
];
const ENDPOINT_PROPS = ['region', 'dnsName', 'hostedZoneId'];

/** The value of every optional prop that is not given (documented on each prop). */
const DEFAULTS = {
  healthCheckPath: '/health',
  healthCheckIntervalSeconds: 10,
  failureThreshold: 3,
};

// Route 53 limits: API HealthCheckConfig (RequestInterval 10 or 30, FailureThreshold 1–10,
// ResourcePath at most 255 characters); Developer Guide, "Values that you specify when you create
// or update health checks" (health-checker regions: the eight below, "You must specify at least
// three Regions").
const REQUEST_INTERVALS = [10, 30];
const MAX_RESOURCE_PATH = 255;
const HEALTH_CHECKER_REGIONS = [
  'us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1',
];
const MIN_HEALTH_CHECKER_REGIONS = 3;
/** At most one endpoint per region of the spec (its MAX_REGIONS). */
const MAX_ENDPOINTS = 5;
const HTTPS_PORT = 443;

// The same lowercase domain-name rule as the spec's dns.zoneName/recordName, so a valid spec never
// fails here; a name is at most 253 characters (RFC 1035).
const MAX_NAME_LENGTH = 253;
// Load-balancer DNS names keep the case of the load balancer's name.
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/;
// ELB names end in `<region>.elb.amazonaws.com`; internal ones start with `internal-` and resolve to
// private addresses, which Route 53 health checkers cannot reach (Developer Guide, "Values that you
// specify when you create or update health checks": no local, private or nonroutable addresses).
const ELB_REGION = /\.([a-z]{2}(-[a-z]+)+-\d)\.elb\.amazonaws\.com$/i;
const INTERNAL_ELB = /^internal-.*\.elb\.amazonaws\.com$/i;
// Route 53 hosted zone ids (of an ELB or a zone): `Z` and upper-case letters or digits, at most 32.
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** Label of the record set that holds the standbys' latency records when FAILOVER has 2+ standbys. */
const STANDBY_LABEL = 'standby';

/**
 * The global-traffic tier: health-checked Route 53 alias records in a public hosted zone that
 * send users to the regional load balancers.
 *
 * Every endpoint gets an HTTPS health check of its load balancer's DNS name (port 443,
 * `healthCheckPath`, SNI on). Every alias record evaluates its target's health, so a load balancer
 * without a healthy target is skipped too.
 *
 * - SIMPLE: one alias record to the first endpoint; the others are health-checked only (e.g.
 *   backup-restore or pilot-light, where moving traffic is a spec change).
 * - FAILOVER: a PRIMARY record to the first endpoint and a SECONDARY one. With one standby the
 *   SECONDARY points at it; with more it points at `standby.<recordName>`, a set of latency records,
 *   one per standby, so the nearest healthy standby takes over.
 * - LATENCY: one latency record per endpoint.
 *
 * Failure detection takes about {@link detectionSeconds} (interval × threshold), plus the 60 s
 * TTL Route 53 gives alias records to a load balancer, before clients move.
 *
 * No CloudWatch alarm is created: the `HealthCheckStatus` metric exists only in us-east-1 and an
 * alarm without a notification target tells no one; alarm on {@link healthCheckIds} where
 * notifications are set up.
 */
export class FailoverDns extends Construct {
  /** The public hosted zone that holds the records (a data source: the zone is not managed here). */
  public readonly zone: DataAwsRoute53Zone;
  /** One HTTPS health check per endpoint, in the order of `endpoints`. */
  public readonly healthChecks: Route53HealthCheck[];
  /** Ids of {@link healthChecks}, in the order of `endpoints`. */
  public readonly healthCheckIds: string[];
  /** Every alias record this construct writes (the user-facing ones and, with FAILOVER, the standby set). */
  public readonly records: Route53Record[];
  /** The name users reach. */
  public readonly recordName: string;
  /** Seconds of failed checks before Route 53 declares an endpoint unhealthy (interval × threshold). */
  public readonly detectionSeconds: number;

  constructor(scope: Construct, id: string, props: FailoverDnsProps) {
    super(scope, id);
    validateProps(id, props);

    const healthCheckPath = props.healthCheckPath ?? DEFAULTS.healthCheckPath;
    const healthCheckIntervalSeconds = props.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds;
    const failureThreshold = props.failureThreshold ?? DEFAULTS.failureThreshold;

    this.recordName = props.recordName;
    this.detectionSeconds = healthCheckIntervalSeconds * failureThreshold;
    this.zone = new DataAwsRoute53Zone(this, 'Zone', { name: props.zoneName, privateZone: false });

    const keys = props.endpoints.map(endpointKey);
    this.healthChecks = props.endpoints.map((endpoint, index) => new Route53HealthCheck(this, `HealthCheck-${keys[index]}`, {
      type: 'HTTPS',
      // Route 53 does not validate the certificate ("HTTPS health checks don't validate SSL/TLS
      // certificates", Developer Guide, "How Amazon Route 53 determines whether a health check is
      // healthy"), so the load balancer's own name works although its certificate is for recordName.
      fqdn: endpoint.dnsName,
      port: HTTPS_PORT,
      resourcePath: healthCheckPath,
      requestInterval: healthCheckIntervalSeconds,
      failureThreshold,
      enableSni: true,
      // Latency graphs are a paid option ($1 per check and month) that routing never uses: latency
      // records follow AWS's own latency data, not these measurements.
      measureLatency: false,
      regions: props.healthCheckRegions,
      tags: { Name: `${props.recordName} ${endpoint.region}` },
    }));
    this.healthCheckIds = this.healthChecks.map((check) => check.id);

    const record = (recordId: string, alias: Route53RecordAlias, config: Partial<Route53RecordConfig> = {}): Route53Record =>
      new Route53Record(this, recordId, { zoneId: this.zone.zoneId, name: props.recordName, type: 'A', alias, ...config });
    const endpointRecord = (recordId: string, index: number, config: Partial<Route53RecordConfig>): Route53Record =>
      record(recordId, aliasTo(props.endpoints[index]), { healthCheckId: this.healthCheckIds[index], ...config });

    this.records = [];
    switch (props.routing) {
      case DnsRouting.SIMPLE:
        // A simple record ignores health checks; evaluating the target's health still applies.
        this.records.push(record('Record', aliasTo(props.endpoints[0])));
        break;
      case DnsRouting.LATENCY:
        props.endpoints.forEach((endpoint, index) => this.records.push(endpointRecord(`Latency-${keys[index]}`, index, {
          setIdentifier: endpoint.region,
          latencyRoutingPolicy: { region: endpoint.region },
        })));
        break;
      case DnsRouting.FAILOVER: {
        this.records.push(endpointRecord('Primary', 0, {
          setIdentifier: `${props.endpoints[0].region}-primary`,
          failoverRoutingPolicy: { type: 'PRIMARY' },
        }));
        if (props.endpoints.length === 2) {
          this.records.push(endpointRecord('Secondary', 1, {
            setIdentifier: `${props.endpoints[1].region}-secondary`,
            failoverRoutingPolicy: { type: 'SECONDARY' },
          }));
          break;
        }
        const standbyName = standbyRecordName(props.recordName);
        const standbys = props.endpoints.slice(1).map((endpoint, offset) => endpointRecord(`Standby-${keys[offset + 1]}`, offset + 1, {
          name: standbyName,
          setIdentifier: endpoint.region,
          latencyRoutingPolicy: { region: endpoint.region },
        }));
        // The set counts as healthy while any standby is. Route 53 rejects an alias whose target
        // does not exist yet, hence the explicit dependency (it also orders the deletion).
        const secondary = record('Secondary', { name: standbyName, zoneId: this.zone.zoneId, evaluateTargetHealth: true }, {
          setIdentifier: `${STANDBY_LABEL}-secondary`,
          failoverRoutingPolicy: { type: 'SECONDARY' },
          dependsOn: standbys,
        });
        this.records.push(secondary, ...standbys);
        break;
      }
    }
  }
}

/** The alias to a load balancer; evaluating its health also skips a load balancer without healthy targets. */
function aliasTo(endpoint: DnsEndpoint): Route53RecordAlias {
  return { name: endpoint.dnsName, zoneId: endpoint.hostedZoneId, evaluateTargetHealth: true };
}

/** A construct id part for an endpoint: its region when known at synth time, else its position. */
function endpointKey(endpoint: DnsEndpoint, index: number): string {
  return Token.isUnresolved(endpoint.region) ? String(index) : endpoint.region;
}

/** Name of the record set that holds the standbys' latency records. */
function standbyRecordName(recordName: string): string {
  return `${STANDBY_LABEL}.${recordName}`;
}

/** Checks every prop and throws one ValidationError listing each problem. */
function validateProps(id: string, props: FailoverDnsProps): void {
  const problems = new ProblemCollector(`aws.FailoverDns "${id}"`);
  if (!problems.check(props !== undefined && props !== null && typeof props === 'object', 'props', `(${show(props)}) must be an object`)) {
    problems.throwIfAny();
  }
  problems.knownKeys('', props, FAILOVER_DNS_PROPS);

  const zoneOk = checkDomainName(problems, 'zoneName', props.zoneName, 'example.com');
  const recordOk = checkDomainName(problems, 'recordName', props.recordName, 'shop.example.com');
  const literalNames = !Token.isUnresolved(props.zoneName) && !Token.isUnresolved(props.recordName);
  if (zoneOk && recordOk && literalNames) {
    problems.check(
      props.recordName === props.zoneName || props.recordName.endsWith(`.${props.zoneName}`),
      'recordName',
      `(${show(props.recordName)}) must be zoneName (${show(props.zoneName)}) or a name inside it`,
    );
  }

  const routingOk = problems.check(
    Object.values(DnsRouting).includes(props.routing),
    'routing',
    `(${show(props.routing)}) must be one of ${Object.values(DnsRouting).map((r) => show(r)).join(', ')}`,
  );

  const endpoints = props.endpoints;
  const endpointsOk = checkEndpointList(problems, endpoints, MAX_ENDPOINTS, (path, endpoint) => checkEndpoint(problems, path, endpoint),
    { ok: routingOk, single: props.routing === DnsRouting.SIMPLE, name: props.routing, singleName: DnsRouting.SIMPLE });
  if (endpointsOk) {
    if (routingOk && props.routing === DnsRouting.FAILOVER && endpoints.length > 2 && recordOk && !Token.isUnresolved(props.recordName)) {
      const standbyName = standbyRecordName(props.recordName);
      problems.check(standbyName.length <= MAX_NAME_LENGTH, 'recordName',
        `(${props.recordName.length} characters) must leave room for the standby set ${show(`${STANDBY_LABEL}.`)} + recordName: at most ${MAX_NAME_LENGTH - STANDBY_LABEL.length - 1} characters with 2 or more standbys`);
    }
  }

  if (props.healthCheckPath !== undefined) {
    problems.check(
      typeof props.healthCheckPath === 'string' && new RegExp(`^/[\\x21-\\x7e]{0,${MAX_RESOURCE_PATH - 1}}$`).test(props.healthCheckPath),
      'healthCheckPath',
      `(${show(props.healthCheckPath)}) must start with "/" and be at most ${MAX_RESOURCE_PATH} printable characters without spaces`,
    );
  }
  problems.oneOf('healthCheckIntervalSeconds', props.healthCheckIntervalSeconds, REQUEST_INTERVALS);
  problems.integerInRange('failureThreshold', props.failureThreshold, 1, 10);
  checkHealthCheckerRegions(problems, props.healthCheckRegions);
  problems.throwIfAny();
}

/** A literal name is a lowercase domain name without the root's trailing dot; a token is not checked. */
function checkDomainName(problems: ProblemCollector, path: string, name: string, example: string): boolean {
  if (Token.isUnresolved(name)) return true;
  return problems.check(
    typeof name === 'string' && DOMAIN_NAME.test(name),
    path,
    `(${show(name)}) must be a lowercase domain name such as "${example}" (no trailing dot, at most ${MAX_NAME_LENGTH} characters)`,
  );
}

/** One endpoint: known keys, and each literal field in its form. Tokens (cross-stack values) are not checked. */
function checkEndpoint(problems: ProblemCollector, path: string, endpoint: DnsEndpoint): void {
  if (!problems.check(endpoint !== undefined && endpoint !== null && typeof endpoint === 'object', path,
    `(${show(endpoint)}) must be an endpoint { region, dnsName, hostedZoneId }`)) return;
  problems.knownKeys(path, endpoint, ENDPOINT_PROPS);
  const { region, dnsName, hostedZoneId } = endpoint;
  if (!Token.isUnresolved(region)) {
    problems.check(typeof region === 'string' && Object.prototype.hasOwnProperty.call(AWS_REGION_ZONES, region), `${path}.region`,
      `(${show(region)}) must be an AWS region (known: ${Object.keys(AWS_REGION_ZONES).join(', ')})`);
  }
  if (!Token.isUnresolved(dnsName)) {
    if (problems.check(typeof dnsName === 'string' && HOST_NAME.test(dnsName), `${path}.dnsName`,
      `(${show(dnsName)}) must be the DNS name of a load balancer, e.g. "shop-1234567890.eu-west-1.elb.amazonaws.com"`)) {
      problems.check(!INTERNAL_ELB.test(dnsName), `${path}.dnsName`,
        `(${show(dnsName)}) is an internal load balancer: Route 53 health checkers cannot reach private addresses`);
      const elbRegion = ELB_REGION.exec(dnsName)?.[1].toLowerCase();
      if (elbRegion !== undefined && typeof region === 'string' && !Token.isUnresolved(region)) {
        problems.check(elbRegion === region, `${path}.dnsName`,
          `(${show(dnsName)}) is a load balancer in ${elbRegion}, not in the endpoint's region ${show(region)}`);
      }
    }
  }
  if (!Token.isUnresolved(hostedZoneId)) {
    problems.check(typeof hostedZoneId === 'string' && HOSTED_ZONE_ID.test(hostedZoneId), `${path}.hostedZoneId`,
      `(${show(hostedZoneId)}) must be the load balancer's Route 53 hosted zone id, e.g. "Z32O12XQLNTSW2"`);
  }
}

function checkHealthCheckerRegions(problems: ProblemCollector, regions: string[] | undefined): void {
  if (regions === undefined || Token.isUnresolved(regions)) return;
  if (!problems.check(Array.isArray(regions), 'healthCheckRegions', `(${show(regions)}) must be a list of health-checker regions`)) return;
  regions.forEach((region, index) => {
    if (Token.isUnresolved(region)) return;
    problems.check(HEALTH_CHECKER_REGIONS.includes(region), `healthCheckRegions[${index}]`,
      `(${show(region)}) must be a Route 53 health-checker region (${HEALTH_CHECKER_REGIONS.join(', ')})`);
    problems.check(regions.indexOf(region) === index, `healthCheckRegions[${index}]`, `(${show(region)}) is listed twice`);
  });
  problems.check(new Set(regions).size >= MIN_HEALTH_CHECKER_REGIONS, 'healthCheckRegions',
    `(${show(regions)}) must list at least ${MIN_HEALTH_CHECKER_REGIONS} distinct health-checker regions (Route 53 minimum)`);
}

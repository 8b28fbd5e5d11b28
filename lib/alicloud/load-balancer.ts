import { Fn, TerraformResource, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LoadBalancingAlgorithm } from '../core/enums';
import { namePrefixFromPath } from '../core/names';
import { ProblemCollector, show } from '../core/problems';
import { AlbListener } from './gen/providers/alicloud/alb-listener';
import { AlbLoadBalancer } from './gen/providers/alicloud/alb-load-balancer';
import { AlbLoadBalancerAccessLogConfigAttachment } from './gen/providers/alicloud/alb-load-balancer-access-log-config-attachment';
import { AlbLoadBalancerSecurityGroupAttachment } from './gen/providers/alicloud/alb-load-balancer-security-group-attachment';
import { AlbRule } from './gen/providers/alicloud/alb-rule';
import { AlbSecurityPolicy } from './gen/providers/alicloud/alb-security-policy';
import { AlbServerGroup } from './gen/providers/alicloud/alb-server-group';
import { DataAlicloudAccount } from './gen/providers/alicloud/data-alicloud-account';
import { DataAlicloudRegions } from './gen/providers/alicloud/data-alicloud-regions';
import { LogProject } from './gen/providers/alicloud/log-project';
import { LogStore } from './gen/providers/alicloud/log-store';
import { SecurityGroup } from './gen/providers/alicloud/security-group';
import { SecurityGroupRule } from './gen/providers/alicloud/security-group-rule';
import { ILoadBalancerTarget, INetwork } from './interfaces';

/**
 * Edition of an Application Load Balancer (`load_balancer_edition`). The Basic edition is not
 * offered: it has fewer features and lower quotas than Standard (ALB docs, "Editions").
 */
export enum AlbEdition {
  /** Standard edition. */
  STANDARD = 'Standard',
  /** Standard edition with Web Application Firewall (WAF) protection built in. */
  STANDARD_WITH_WAF = 'StandardWithWaf',
}

/** Properties of {@link LoadBalancer}. */
export interface LoadBalancerProps {
  /** The network: the load balancer gets a zone mapping on the public vSwitch of every zone. */
  readonly network: INetwork;
  /**
   * Id of a server certificate in Certificate Management Service (CAS) for the HTTPS listener.
   * No Terraform resource issues a public certificate on Alibaba Cloud, so when this is not
   * given the listener takes the id from a Terraform variable `<id>_certificate_id` (see
   * {@link LoadBalancer.certificateVariableName}) that `terraform plan` asks for.
   * @default the Terraform variable `<id>_certificate_id`
   */
  readonly certificateId?: string;
  /**
   * TCP port the targets serve HTTP on (1–65535). The server group has no port of its own: the
   * application tier registers its instances on this port ({@link LoadBalancer.targetPort}), and
   * the health check uses it too.
   * @default 80
   */
  readonly targetPort?: number;
  /**
   * Path the health check requests: starts with `/`, at most 80 characters.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Seconds between health checks of one server (1–50).
   * @default 5 (a failed server is out of service after 5 s × unhealthyThreshold = 10 s)
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Seconds without a response after which a health check fails (1–300, at most the interval,
   * so a probe never overlaps the next one).
   * @default 3, or the interval when it is shorter
   */
  readonly healthCheckTimeoutSeconds?: number;
  /**
   * Consecutive successful checks before a server receives traffic (2–10).
   * @default 3
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failed checks before a server stops receiving traffic (2–10).
   * @default 2 (the ALB default of 3 takes a check longer to drop a failed server)
   */
  readonly unhealthyThreshold?: number;
  /**
   * Load-balancing algorithm of the server group: `ROUND_ROBIN` is `Wrr`,
   * `LEAST_OUTSTANDING_REQUESTS` is `Wlc` (weighted least connections).
   * @default LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS
   */
  readonly algorithm?: LoadBalancingAlgorithm;
  /**
   * Seconds a server leaving the group keeps serving its in-flight requests (connection
   * draining, 0–900).
   * @default 30 (the ALB default of 300 s slows every rolling instance replacement)
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Protect the load balancer from deletion. Set to `false` to let `terraform destroy` remove it
   * (e.g. in a short-lived test environment).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Days the access logs are kept in Simple Log Service (1–3650; 3650 keeps them forever).
   * @default 365 (PCI DSS v4.0 requirement 10.5.1 keeps audit logs for at least twelve months)
   */
  readonly accessLogRetentionDays?: number;
  /**
   * Start of the name of the access-log project (SLS project names are unique across Alibaba
   * Cloud, so the account id and the region are appended). Lowercase letters, digits and `-`,
   * starting with a letter or digit, at most 31 characters.
   * @default derived from the construct path
   */
  readonly accessLogProjectPrefix?: string;
  /**
   * Edition of the load balancer.
   * @default AlbEdition.STANDARD
   */
  readonly edition?: AlbEdition;
}

/** Every prop of {@link LoadBalancerProps}, for the unknown-prop check. */
const LOAD_BALANCER_PROPS = [
  'network', 'certificateId', 'targetPort', 'healthCheckPath', 'healthCheckIntervalSeconds',
  'healthCheckTimeoutSeconds', 'healthyThreshold', 'unhealthyThreshold', 'algorithm',
  'deregistrationDelaySeconds', 'deletionProtection', 'accessLogRetentionDays',
  'accessLogProjectPrefix', 'edition',
];

/** The value of every optional prop that is not given (documented on each prop). */
const DEFAULTS = {
  targetPort: 80,
  healthCheckPath: '/health',
  healthCheckIntervalSeconds: 5,
  healthCheckTimeoutSeconds: 3,
  healthyThreshold: 3,
  unhealthyThreshold: 2,
  algorithm: LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS,
  deregistrationDelaySeconds: 30,
  deletionProtection: true,
  accessLogRetentionDays: 365,
  edition: AlbEdition.STANDARD,
};

/** The health-check timeout when none is given: 3 s, but never longer than the interval. */
function defaultTimeout(intervalSeconds: number): number {
  return Math.min(DEFAULTS.healthCheckTimeoutSeconds, intervalSeconds);
}

// alicloud_alb_server_group `scheduler` (provider docs 1.283.0): Wrr weighted round robin,
// Wlc weighted least connections.
const SCHEDULERS: Record<LoadBalancingAlgorithm, string> = {
  [LoadBalancingAlgorithm.ROUND_ROBIN]: 'Wrr',
  [LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS]: 'Wlc',
};

// A custom policy rather than the built-in tls_cipher_policy_1_2_strict_with_1_3, which also
// offers CBC suites: TLS 1.2 only with forward-secret AEAD suites, and the TLS 1.3 suites. The
// names are from the list ALB accepts (ALB CreateSecurityPolicy / ROS ALIYUN::ALB::SecurityPolicy).
const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'];
const TLS_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
];

const HTTP_PORT = 80;
const HTTPS_PORT = 443;
const ACCESS_LOG_STORE = 'alb-access-logs';
const MAX_PROJECT_PREFIX = 31; // 63 (SLS project name) - 1 - 16 (account id) - 1 - 14 (longest region id)

/**
 * An internet-facing Application Load Balancer (`alicloud_alb_load_balancer`) with a zone
 * mapping on the public vSwitch of every zone: HTTPS only (a custom TLS 1.2+ policy with
 * forward-secret AEAD ciphers; HTTP answers with a permanent redirect to HTTPS), one
 * health-checked server group for the application tier, its own security group (80 and 443
 * from anywhere), access logs to an encrypted Simple Log Service logstore, deletion protection,
 * and console modification protection (Terraform owns the configuration).
 *
 * The application tier registers in {@link serverGroupId} on {@link targetPort} and opens the
 * load balancer → app flow with `allowTcp(scope, id, loadBalancer, appTier, port, ...)`.
 *
 * Without `certificateId`, the HTTPS listener's certificate comes from the Terraform variable
 * named in {@link certificateVariableName}: upload or buy the certificate in Certificate
 * Management Service and pass its id, e.g. `TF_VAR_Lb_certificate_id=12345678-cn-hangzhou`.
 */
export class LoadBalancer extends Construct implements ILoadBalancerTarget {
  /** The load balancer resource (`alicloud_alb_load_balancer`, escape hatch). */
  public readonly resource: TerraformResource;
  /** The server group of the application tier (`alicloud_alb_server_group`). */
  public readonly serverGroup: TerraformResource;
  /** The HTTPS listener (port 443) that forwards to the server group. */
  public readonly httpsListener: TerraformResource;
  /** The HTTP listener (port 80); its rule {@link redirectRule} redirects every request to HTTPS. */
  public readonly httpListener: TerraformResource;
  /** The forwarding rule of the HTTP listener that redirects every path to HTTPS with a 301. */
  public readonly redirectRule: TerraformResource;
  /** The TLS security policy of the HTTPS listener (`alicloud_alb_security_policy`). */
  public readonly securityPolicy: TerraformResource;
  /** The logstore that receives the access logs (`alicloud_log_store`). */
  public readonly accessLogStore: TerraformResource;
  /** Id of the load balancer's security group: ingress 80 and 443 from anywhere, nothing else. */
  public readonly securityGroupId: string;
  /** Id of the server group that the application tier's instances join. */
  public readonly serverGroupId: string;
  /** Id of the load balancer. */
  public readonly loadBalancerId: string;
  /** DNS name of the load balancer (a CNAME target). */
  public readonly dnsName: string;
  /** Name of the SLS project of the access logs. */
  public readonly accessLogProjectName: string;
  /** Name of the SLS logstore of the access logs. */
  public readonly accessLogStoreName: string;
  /** TCP port the targets serve HTTP on. */
  public readonly targetPort: number;
  /** Health-check path of the server group. */
  public readonly healthCheckPath: string;
  /** Seconds between health checks. */
  public readonly healthCheckIntervalSeconds: number;
  /** Seconds after which a health check without response fails. */
  public readonly healthCheckTimeoutSeconds: number;
  /** Consecutive successes before a server is healthy. */
  public readonly healthyThreshold: number;
  /** Consecutive failures before a server is unhealthy. */
  public readonly unhealthyThreshold: number;
  /**
   * Name of the Terraform variable that holds the certificate id, when `certificateId` was not
   * given (e.g. `Lb_certificate_id`); undefined otherwise.
   */
  public readonly certificateVariableName?: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    validateProps(id, props);

    const targetPort = props.targetPort ?? DEFAULTS.targetPort;
    const healthCheckPath = props.healthCheckPath ?? DEFAULTS.healthCheckPath;
    const healthCheckIntervalSeconds = props.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds;
    const healthCheckTimeoutSeconds = props.healthCheckTimeoutSeconds ?? defaultTimeout(healthCheckIntervalSeconds);
    const healthyThreshold = props.healthyThreshold ?? DEFAULTS.healthyThreshold;
    const unhealthyThreshold = props.unhealthyThreshold ?? DEFAULTS.unhealthyThreshold;
    const algorithm = props.algorithm ?? DEFAULTS.algorithm;
    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? DEFAULTS.deregistrationDelaySeconds;
    const deletionProtection = props.deletionProtection ?? DEFAULTS.deletionProtection;
    const accessLogRetentionDays = props.accessLogRetentionDays ?? DEFAULTS.accessLogRetentionDays;
    const accessLogProjectPrefix = props.accessLogProjectPrefix ?? namePrefixFromPath(this.node.path, MAX_PROJECT_PREFIX);
    const edition = props.edition ?? DEFAULTS.edition;

    this.targetPort = targetPort;
    this.healthCheckPath = healthCheckPath;
    this.healthCheckIntervalSeconds = healthCheckIntervalSeconds;
    this.healthCheckTimeoutSeconds = healthCheckTimeoutSeconds;
    this.healthyThreshold = healthyThreshold;
    this.unhealthyThreshold = unhealthyThreshold;

    let certificateId = props.certificateId;
    if (certificateId === undefined) {
      const variable = new TerraformVariable(this, 'CertificateId', {
        type: 'string',
        nullable: false,
        description: `Id of the Certificate Management Service server certificate for the HTTPS listener of ${this.node.path} `
          + '(no Terraform resource issues a public certificate on Alibaba Cloud: upload or buy it, then pass its id)',
      });
      // A stable, readable name users can set with TF_VAR_<name>, instead of a hashed logical id.
      const variableName = `${id.replace(/[^A-Za-z0-9_-]/g, '_')}_certificate_id`;
      variable.overrideLogicalId(variableName);
      this.certificateVariableName = variableName;
      certificateId = variable.stringValue;
    }

    // Inner access is dropped: nothing but the load balancer sits in this group, and members
    // need no path to each other. Alibaba Cloud groups allow all egress by default.
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpcId: props.network.vpcId,
      securityGroupName: this.resourceName('sg'),
      description: 'Internet-facing load balancer: HTTP and HTTPS from anywhere',
      securityGroupType: 'normal',
      innerAccessPolicy: 'Drop',
    });
    for (const port of [HTTP_PORT, HTTPS_PORT]) {
      new SecurityGroupRule(this, `IngressFromInternet${port}`, {
        securityGroupId: securityGroup.id,
        type: 'ingress',
        ipProtocol: 'tcp',
        portRange: `${port}/${port}`,
        cidrIp: '0.0.0.0/0',
        policy: 'accept',
        nicType: 'intranet',
        description: port === HTTPS_PORT ? 'HTTPS from anywhere' : 'HTTP from anywhere, redirected to HTTPS',
      });
    }
    this.securityGroupId = securityGroup.id;

    const loadBalancer = new AlbLoadBalancer(this, 'LoadBalancer', {
      vpcId: props.network.vpcId,
      loadBalancerName: this.resourceName('alb'),
      addressType: 'Internet',
      // Dynamic (the API default) lets ALB assign each zone's address as it scales; clients
      // reach it through dnsName, never a fixed IP.
      addressAllocatedMode: 'Dynamic',
      addressIpVersion: 'IPv4',
      loadBalancerEdition: edition,
      loadBalancerBillingConfig: { payType: 'PayAsYouGo' },
      zoneMappings: this.zoneMappings(props.network),
      deletionProtectionEnabled: deletionProtection,
      // Read-only in the console: Terraform owns this configuration, API changes still work.
      modificationProtectionConfig: { status: 'ConsoleProtection', reason: 'Managed-by-Terraform' },
      // The access log is managed by the attachment below; without this the load balancer
      // reads it back and its next apply would disable it again.
      lifecycle: { ignoreChanges: ['access_log_config'] },
    });
    this.resource = loadBalancer;
    this.loadBalancerId = loadBalancer.id;
    this.dnsName = loadBalancer.dnsName;

    new AlbLoadBalancerSecurityGroupAttachment(this, 'SecurityGroupAttachment', {
      loadBalancerId: loadBalancer.id,
      securityGroupId: securityGroup.id,
    });

    const { project, store } = this.accessLogs(accessLogProjectPrefix, accessLogRetentionDays);
    this.accessLogStore = store;
    this.accessLogProjectName = project.projectName;
    this.accessLogStoreName = store.logstoreName;
    new AlbLoadBalancerAccessLogConfigAttachment(this, 'AccessLogAttachment', {
      loadBalancerId: loadBalancer.id,
      logProject: project.projectName,
      logStore: store.logstoreName,
    });

    const serverGroup = new AlbServerGroup(this, 'ServerGroup', {
      serverGroupName: this.resourceName('app'),
      serverGroupType: 'Instance',
      protocol: 'HTTP',
      vpcId: props.network.vpcId,
      scheduler: SCHEDULERS[algorithm],
      crossZoneEnabled: true,
      healthCheckConfig: {
        healthCheckEnabled: true,
        healthCheckProtocol: 'HTTP',
        healthCheckMethod: 'GET',
        healthCheckHttpVersion: 'HTTP1.1',
        // 0: probe the port each server is registered on (targetPort).
        healthCheckConnectPort: 0,
        healthCheckPath,
        healthCheckInterval: healthCheckIntervalSeconds,
        healthCheckTimeout: healthCheckTimeoutSeconds,
        healthyThreshold,
        unhealthyThreshold,
        // A redirect (e.g. to a login page) is not a sign of health.
        healthCheckCodes: ['http_2xx'],
      },
      stickySessionConfig: { stickySessionEnabled: false },
      connectionDrainConfig: { connectionDrainEnabled: true, connectionDrainTimeout: deregistrationDelaySeconds },
    });
    this.serverGroup = serverGroup;
    this.serverGroupId = serverGroup.id;
    const forwardToServerGroup = [{
      type: 'ForwardGroup',
      forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: serverGroup.id }] },
    }];

    const securityPolicy = new AlbSecurityPolicy(this, 'TlsPolicy', {
      securityPolicyName: this.resourceName('tls12-plus'),
      tlsVersions: TLS_VERSIONS,
      ciphers: TLS_CIPHERS,
    });
    this.securityPolicy = securityPolicy;
    this.httpsListener = new AlbListener(this, 'HttpsListener', {
      loadBalancerId: loadBalancer.id,
      listenerProtocol: 'HTTPS',
      listenerPort: HTTPS_PORT,
      listenerDescription: 'HTTPS to the application tier',
      certificates: [{ certificateId }],
      securityPolicyId: securityPolicy.id,
      http2Enabled: true,
      // The application sees the client address and that the request came in over HTTPS.
      xForwardedForConfig: { xForwardedForEnabled: true, xForwardedForProtoEnabled: true },
      defaultActions: forwardToServerGroup,
    });

    // An ALB listener's default action can only forward (provider 1.283.0: default_actions has
    // no redirect block), so the redirect is a rule on the HTTP listener that matches every path
    // (ALB docs, "Redirect HTTP requests to HTTPS": Path /*, Redirect HTTPS 443, 301). The
    // default action is required by the API but never reached. Host, path and query keep their
    // defaults (${host}, ${path}, ${query}).
    const httpListener = new AlbListener(this, 'HttpListener', {
      loadBalancerId: loadBalancer.id,
      listenerProtocol: 'HTTP',
      listenerPort: HTTP_PORT,
      listenerDescription: 'HTTP, redirected to HTTPS',
      defaultActions: forwardToServerGroup,
    });
    this.httpListener = httpListener;
    this.redirectRule = new AlbRule(this, 'RedirectToHttps', {
      listenerId: httpListener.id,
      ruleName: this.resourceName('redirect-to-https'),
      priority: 1,
      direction: 'Request',
      ruleConditions: [{ type: 'Path', pathConfig: { values: ['/*'] } }],
      ruleActions: [{
        order: 1,
        type: 'Redirect',
        redirectConfig: { protocol: 'HTTPS', port: String(HTTPS_PORT), httpCode: '301' },
      }],
    });
  }

  /** One zone mapping per zone, on that zone's public vSwitch. */
  private zoneMappings(network: INetwork): { zoneId: string; vswitchId: string }[] {
    return network.zoneIds.map((zoneId, i) => ({ zoneId, vswitchId: network.publicVswitchIds[i] }));
  }

  /**
   * The SLS project and the encrypted logstore of the access logs. Project names are unique
   * across Alibaba Cloud (provider docs, alicloud_log_project), hence the account id and region.
   */
  private accessLogs(prefix: string, retentionDays: number): { project: LogProject; store: LogStore } {
    const account = new DataAlicloudAccount(this, 'Account', {});
    const region = new DataAlicloudRegions(this, 'Region', { current: true });
    const project = new LogProject(this, 'AccessLogProject', {
      projectName: `${prefix}${account.id}-${Token.asString(Fn.element(region.ids, 0))}`,
      description: `Access logs of the load balancer ${this.node.path}`,
    });
    const store = new LogStore(this, 'AccessLogStore', {
      projectName: project.projectName,
      logstoreName: ACCESS_LOG_STORE,
      retentionPeriod: retentionDays,
      mode: 'standard',
      shardCount: 2,
      // Shards split under load instead of throttling log delivery.
      autoSplit: true,
      maxSplitShardCount: 64,
      // Encryption with a key SLS manages per logstore ("default" is AES): no KMS key to run.
      encryptConf: { enable: true, encryptType: 'default' },
    });
    return { project, store };
  }

  /**
   * A readable name from the construct path for ALB names (2–128 characters, starting with a
   * letter; letters, digits, `.`, `_` and `-`).
   */
  private resourceName(suffix: string): string {
    const path = this.node.path.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z]+/, '');
    return `${path || 'lb'}-${suffix}`.slice(-128).replace(/^[^A-Za-z]+/, '');
  }
}

// Ranges: provider docs 1.283.0 for alicloud_alb_server_group (health_check_interval 1–50,
// health_check_timeout 1–300, thresholds 2–10, health_check_path 1–80 characters starting with
// "/", connection_drain_timeout 0–900) and alicloud_log_store (retention_period 1–3650).
const HEALTH_CHECK_PATH = /^\/[A-Za-z0-9\-/.%?#&=_;~!()*[\]@$^:',+]{0,79}$/;
const PROJECT_PREFIX = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_PROJECT_PREFIX - 1}}$`);

/** Checks every prop and throws one ValidationError listing each problem. */
function validateProps(id: string, props: LoadBalancerProps): void {
  const problems = new ProblemCollector(`alicloud.LoadBalancer "${id}"`);
  problems.knownKeys('', props, LOAD_BALANCER_PROPS);

  const network = props.network;
  if (problems.check(network !== undefined && network !== null && typeof network === 'object', 'network', `(${show(network)}) is required: an INetwork`)) {
    problems.check(typeof network.vpcId === 'string' && network.vpcId.length > 0, 'network.vpcId', `(${show(network.vpcId)}) must be a VPC id`);
    const zones = network.zoneIds;
    const vswitches = network.publicVswitchIds;
    const zonesOk = Token.isUnresolved(zones) || problems.check(
      Array.isArray(zones) && zones.length >= 2,
      'network.zoneIds',
      `(${show(zones)}) must list at least two zones (an ALB needs two zones)`,
    );
    const vswitchesOk = Token.isUnresolved(vswitches) || problems.check(
      Array.isArray(vswitches) && vswitches.length >= 2,
      'network.publicVswitchIds',
      `(${show(vswitches)}) must list a public vSwitch in each of at least two zones (an ALB needs two zones)`,
    );
    if (zonesOk && vswitchesOk && Array.isArray(zones) && Array.isArray(vswitches)) {
      problems.check(
        zones.length === vswitches.length,
        'network.publicVswitchIds',
        `(${vswitches.length} vSwitches) must have one vSwitch per zone of network.zoneIds (${zones.length} zones)`,
      );
    }
  }

  if (props.certificateId !== undefined && !Token.isUnresolved(props.certificateId)) {
    problems.check(
      typeof props.certificateId === 'string' && /^\S{1,128}$/.test(props.certificateId),
      'certificateId',
      `(${show(props.certificateId)}) must be a Certificate Management Service certificate id (1 to 128 characters, no spaces)`,
    );
  }
  problems.integerInRange('targetPort', props.targetPort, 1, 65535);
  if (props.healthCheckPath !== undefined) {
    problems.check(
      typeof props.healthCheckPath === 'string' && HEALTH_CHECK_PATH.test(props.healthCheckPath),
      'healthCheckPath',
      `(${show(props.healthCheckPath)}) must start with "/" and have at most 80 characters (letters, digits and - / . % ? # & = _ ; ~ ! ( ) * [ ] @ $ ^ : ' , +)`,
    );
  }
  const intervalOk = problems.integerInRange('healthCheckIntervalSeconds', props.healthCheckIntervalSeconds, 1, 50);
  const timeoutOk = problems.integerInRange('healthCheckTimeoutSeconds', props.healthCheckTimeoutSeconds, 1, 300);
  if (intervalOk && timeoutOk) {
    const interval = props.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds;
    const timeout = props.healthCheckTimeoutSeconds ?? defaultTimeout(interval);
    problems.check(
      timeout <= interval,
      'healthCheckTimeoutSeconds',
      `(${timeout}) must be at most healthCheckIntervalSeconds (${interval})`,
    );
  }
  problems.integerInRange('healthyThreshold', props.healthyThreshold, 2, 10);
  problems.integerInRange('unhealthyThreshold', props.unhealthyThreshold, 2, 10);
  problems.oneOf('algorithm', props.algorithm, Object.values(LoadBalancingAlgorithm));
  problems.integerInRange('deregistrationDelaySeconds', props.deregistrationDelaySeconds, 0, 900);
  if (props.deletionProtection !== undefined) {
    problems.check(typeof props.deletionProtection === 'boolean', 'deletionProtection', `(${show(props.deletionProtection)}) must be true or false`);
  }
  problems.integerInRange('accessLogRetentionDays', props.accessLogRetentionDays, 1, 3650);
  if (props.accessLogProjectPrefix !== undefined) {
    problems.check(
      typeof props.accessLogProjectPrefix === 'string' && PROJECT_PREFIX.test(props.accessLogProjectPrefix),
      'accessLogProjectPrefix',
      `(${show(props.accessLogProjectPrefix)}) must be 1 to ${MAX_PROJECT_PREFIX} lowercase letters, digits or "-", starting with a letter or digit`,
    );
  }
  problems.oneOf('edition', props.edition, Object.values(AlbEdition));
  problems.throwIfAny();
}

import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Fn, Lazy, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LoadBalancingAlgorithm } from '../core/enums';
import { ProblemCollector, show } from '../core/problems';
import { DnsValidatedCertificate, DnsValidatedCertificateProps, validateDnsValidatedCertificateProps } from './certificate';
import { ILoadBalancerTarget, INetwork } from './interfaces';
import { PrivateBucket } from './private-bucket';

/** Properties of {@link LoadBalancer}. */
export interface LoadBalancerProps {
  /** The network: the load balancer gets a node in the public subnet of every zone. */
  readonly network: INetwork;
  /**
   * ARN of an existing ACM certificate for the HTTPS listener. Give exactly one of
   * `certificateArn` and `certificate`: HTTPS is not optional.
   * @default none; `certificate` must be given
   */
  readonly certificateArn?: string;
  /**
   * A certificate to create and validate through DNS in a public Route 53 zone of this account.
   * Give exactly one of `certificateArn` and `certificate`.
   * @default none; `certificateArn` must be given
   */
  readonly certificate?: DnsValidatedCertificateProps;
  /**
   * TLS security policy of the HTTPS listener. Only policies whose lowest protocol is TLS 1.2 or
   * TLS 1.3 are accepted (see {@link LoadBalancer.TLS12_PLUS_SSL_POLICIES}).
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' (TLS 1.3 and TLS 1.2 with forward-secret AEAD ciphers)
   */
  readonly sslPolicy?: string;
  /**
   * TCP port the targets serve HTTP on (1–65535).
   * @default 80
   */
  readonly targetPort?: number;
  /**
   * Path the health check requests; it must start with `/` (at most 1024 characters).
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Seconds between health checks of one target (5–300).
   * @default 10 (a failed target is out of service after 10 s × unhealthyThreshold = 20 s;
   * the ALB default of 30 s would take a minute)
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Seconds without a response after which a health check fails (2–120, less than the interval).
   * @default 5, or 4 when the interval is 5 s
   */
  readonly healthCheckTimeoutSeconds?: number;
  /**
   * Consecutive successful checks before a target receives traffic (2–10).
   * @default 3
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failed checks before a target stops receiving traffic (2–10).
   * @default 2 (the ALB default)
   */
  readonly unhealthyThreshold?: number;
  /**
   * HTTP codes that mean healthy: codes from 200 to 499, as `200`, `200,204` or `200-299`.
   * @default '200' (a redirect, e.g. to a login page, is not a sign of health)
   */
  readonly healthCheckMatcher?: string;
  /**
   * Load-balancing algorithm of the target group.
   * @default LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS
   */
  readonly algorithm?: LoadBalancingAlgorithm;
  /**
   * Seconds a deregistering target keeps serving its in-flight requests (0–3600).
   * @default 30 (the ALB default of 300 s slows every rolling instance refresh)
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Seconds a client connection may stay idle (1–4000).
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Protect the load balancer from deletion. Set to `false` to let `terraform destroy` remove it
   * (e.g. in a short-lived test environment).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * ARN of a regional WAFv2 web ACL to attach to the load balancer.
   * @default no web ACL
   */
  readonly wafAclArn?: string;
  /**
   * Days access logs are kept before they expire (1–3650).
   * @default 365 (PCI DSS v4.0 requirement 10.5.1 keeps audit logs for at least twelve months)
   */
  readonly accessLogRetentionDays?: number;
  /**
   * Start of the access-log bucket's name; Terraform appends a unique suffix. Lowercase
   * letters, digits and `-`, at most 37 characters.
   * @default derived from the construct path
   */
  readonly accessLogBucketPrefix?: string;
}

/** Every prop of {@link LoadBalancerProps}, for the unknown-prop check. */
const LOAD_BALANCER_PROPS = [
  'network', 'certificateArn', 'certificate', 'sslPolicy', 'targetPort', 'healthCheckPath',
  'healthCheckIntervalSeconds', 'healthCheckTimeoutSeconds', 'healthyThreshold', 'unhealthyThreshold',
  'healthCheckMatcher', 'algorithm', 'deregistrationDelaySeconds', 'idleTimeoutSeconds',
  'deletionProtection', 'wafAclArn', 'accessLogRetentionDays', 'accessLogBucketPrefix',
];

// ELB security policies whose lowest protocol is TLS 1.2 (AWS docs, "Security policies for your
// Application Load Balancer"). The TLS13-1-0/1-1, 2016-08, TLS-1-1 and FS-2018/FS-1-1 policies
// still accept TLS 1.0 or 1.1 and are left out on purpose.
const TLS12_PLUS_SSL_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
];

// Elastic Load Balancing writes access logs as one of two principals, by region (AWS docs,
// "Enable access logs for your Application Load Balancer", step 2): in the regions available
// before August 2022 as the regional ELB account below (the same table as the provider's
// aws_elb_service_account, which fails with "unsupported AWS Region" anywhere else); in every
// region launched since as the service principal logdelivery.elasticloadbalancing.amazonaws.com.
// The list of older regions is closed, so any region missing from it, including one newer than
// this code, gets the service principal. Terraform picks at plan time from the provider's region.
const LEGACY_REGION_ELB_ACCOUNTS: { [region: string]: string } = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-south-1': '718504428378',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'eu-south-1': '635631232127',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};
const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** The value of every optional prop that is not given (documented on each prop). */
const DEFAULTS = {
  targetPort: 80,
  healthCheckPath: '/health',
  healthCheckIntervalSeconds: 10,
  healthCheckTimeoutSeconds: 5,
  healthyThreshold: 3,
  unhealthyThreshold: 2,
  healthCheckMatcher: '200',
  algorithm: LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS,
  deregistrationDelaySeconds: 30,
  idleTimeoutSeconds: 60,
  deletionProtection: true,
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  accessLogRetentionDays: 365,
};

/** The health-check timeout when none is given: 5 s, but always less than the interval. */
function defaultTimeout(intervalSeconds: number): number {
  return Math.min(DEFAULTS.healthCheckTimeoutSeconds, intervalSeconds - 1);
}

const ALGORITHM_TYPES: Record<LoadBalancingAlgorithm, string> = {
  [LoadBalancingAlgorithm.ROUND_ROBIN]: 'round_robin',
  [LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS]: 'least_outstanding_requests',
};

const HTTP_PORT = 80;
const HTTPS_PORT = 443;

/**
 * An internet-facing Application Load Balancer with a node in every zone: HTTPS only (TLS 1.2+
 * policy; HTTP answers with a permanent redirect to HTTPS), one health-checked target group for
 * the application tier, invalid headers dropped, HTTP desync mitigation, access logs to a private
 * bucket, deletion protection, and an optional WAF web ACL.
 *
 * The application tier registers in {@link targetGroupArn} and opens the load balancer → app flow
 * with `allowTcp(scope, id, loadBalancer, appTier, port, ...)`: this construct gives its security
 * group no egress rule of its own.
 */
export class LoadBalancer extends Construct implements ILoadBalancerTarget {
  /** The TLS security policies `sslPolicy` accepts: the ELB policies that allow no protocol older than TLS 1.2. */
  public static readonly TLS12_PLUS_SSL_POLICIES: string[] = [...TLS12_PLUS_SSL_POLICIES];

  /** The load balancer resource (escape hatch). */
  public readonly resource: Lb;
  /** The target group of the application tier. */
  public readonly targetGroup: LbTargetGroup;
  /** The HTTPS listener (port 443) that forwards to the target group. */
  public readonly httpsListener: LbListener;
  /** The HTTP listener (port 80) that only redirects to HTTPS. */
  public readonly httpListener: LbListener;
  /** The certificate this construct created, when `certificate` was given. */
  public readonly certificate?: DnsValidatedCertificate;
  /** The bucket that receives the access logs (SSE-S3, the only encryption ELB log delivery supports). */
  public readonly accessLogBucket: PrivateBucket;
  /** Id of the load balancer's security group: ingress 80 and 443 from anywhere, no egress until a tier adds it. */
  public readonly securityGroupId: string;
  /** ARN of the target group. */
  public readonly targetGroupArn: string;
  /** ARN suffix of the load balancer (`app/name/id`), the CloudWatch `LoadBalancer` dimension. */
  public readonly loadBalancerArnSuffix: string;
  /** ARN suffix of the target group, the CloudWatch `TargetGroup` dimension. */
  public readonly targetGroupArnSuffix: string;
  /** ARN of the load balancer. */
  public readonly loadBalancerArn: string;
  /** DNS name of the load balancer. */
  public readonly dnsName: string;
  /** Route 53 hosted zone id of the load balancer, for alias records. */
  public readonly hostedZoneId: string;
  /** Health-check path of the target group. */
  public readonly healthCheckPath: string;
  /** Seconds between health checks. */
  public readonly healthCheckIntervalSeconds: number;
  /** Consecutive successes before a target is healthy. */
  public readonly healthyThreshold: number;
  /** Consecutive failures before a target is unhealthy. */
  public readonly unhealthyThreshold: number;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    validateProps(id, props);

    const targetPort = props.targetPort ?? DEFAULTS.targetPort;
    const healthCheckPath = props.healthCheckPath ?? DEFAULTS.healthCheckPath;
    const healthCheckIntervalSeconds = props.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds;
    const healthCheckTimeoutSeconds = props.healthCheckTimeoutSeconds ?? defaultTimeout(healthCheckIntervalSeconds);
    const healthyThreshold = props.healthyThreshold ?? DEFAULTS.healthyThreshold;
    const unhealthyThreshold = props.unhealthyThreshold ?? DEFAULTS.unhealthyThreshold;
    const healthCheckMatcher = props.healthCheckMatcher ?? DEFAULTS.healthCheckMatcher;
    const algorithm = props.algorithm ?? DEFAULTS.algorithm;
    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? DEFAULTS.deregistrationDelaySeconds;
    const idleTimeoutSeconds = props.idleTimeoutSeconds ?? DEFAULTS.idleTimeoutSeconds;
    const deletionProtection = props.deletionProtection ?? DEFAULTS.deletionProtection;
    const sslPolicy = props.sslPolicy ?? DEFAULTS.sslPolicy;
    const accessLogRetentionDays = props.accessLogRetentionDays ?? DEFAULTS.accessLogRetentionDays;

    this.healthCheckPath = healthCheckPath;
    this.healthCheckIntervalSeconds = healthCheckIntervalSeconds;
    this.healthyThreshold = healthyThreshold;
    this.unhealthyThreshold = unhealthyThreshold;

    if (props.certificate) {
      this.certificate = new DnsValidatedCertificate(this, 'Certificate', props.certificate);
    }
    const certificateArn = this.certificate?.certificateArn ?? props.certificateArn!;

    // Created without an egress argument, the provider removes AWS's default allow-all egress
    // rule: the group allows exactly the rules below and whatever allowTcp adds.
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpcId: props.network.vpcId,
      description: 'Internet-facing load balancer: HTTP and HTTPS from anywhere',
    });
    for (const port of [HTTP_PORT, HTTPS_PORT]) {
      new VpcSecurityGroupIngressRule(this, `IngressFromInternet${port}`, {
        securityGroupId: securityGroup.id,
        cidrIpv4: '0.0.0.0/0',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description: port === HTTPS_PORT ? 'HTTPS from anywhere' : 'HTTP from anywhere, redirected to HTTPS',
      });
    }
    this.securityGroupId = securityGroup.id;

    this.accessLogBucket = new PrivateBucket(this, 'AccessLogs', {
      bucketPrefix: props.accessLogBucketPrefix,
      policyStatements: [this.logDeliveryStatement()],
    });
    new S3BucketLifecycleConfiguration(this, 'AccessLogLifecycle', {
      bucket: this.accessLogBucket.resource.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: accessLogRetentionDays }],
          // Logs are never overwritten: a noncurrent version is a deleted log, kept 30 days so a
          // mistaken (or malicious) deletion can be undone.
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        {
          id: 'remove-expired-delete-markers',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
      // S3 rejects lifecycle rules on noncurrent versions until versioning is on.
      dependsOn: [this.accessLogBucket.versioning],
    });

    this.resource = new Lb(this, 'LoadBalancer', {
      loadBalancerType: 'application',
      internal: false,
      subnets: props.network.publicSubnetIds,
      securityGroups: [securityGroup.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: deletionProtection,
      // Cross-zone load balancing is always on for an ALB (enable_cross_zone_load_balancing applies
      // only to NLB/GWLB); the target group below states it too.
      // 'defensive' blocks the requests AWS classifies as severe desync risks; 'strictest' would also
      // reject merely non-compliant requests that some legitimate clients send.
      desyncMitigationMode: 'defensive',
      enableHttp2: true,
      idleTimeout: idleTimeoutSeconds,
      accessLogs: { bucket: this.accessLogBucket.bucketName, enabled: true },
      // ELB writes a test object when logging is enabled and fails if the grant is not in place yet.
      dependsOn: [this.accessLogBucket.policy],
    });
    this.loadBalancerArn = this.resource.arn;
    this.loadBalancerArnSuffix = this.resource.arnSuffix;
    this.dnsName = this.resource.dnsName;
    this.hostedZoneId = this.resource.zoneId;

    this.targetGroup = new LbTargetGroup(this, 'TargetGroup', {
      vpcId: props.network.vpcId,
      targetType: 'instance',
      protocol: 'HTTP',
      port: targetPort,
      loadBalancingAlgorithmType: ALGORITHM_TYPES[algorithm],
      loadBalancingCrossZoneEnabled: 'true',
      deregistrationDelay: String(deregistrationDelaySeconds),
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: 'traffic-port',
        path: healthCheckPath,
        interval: healthCheckIntervalSeconds,
        timeout: healthCheckTimeoutSeconds,
        healthyThreshold,
        unhealthyThreshold,
        matcher: healthCheckMatcher,
      },
      stickiness: { type: 'lb_cookie', enabled: false },
      // Changing the port replaces the group; the listener must move to the new one before the old one goes.
      lifecycle: { createBeforeDestroy: true },
    });
    this.targetGroupArn = this.targetGroup.arn;
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;

    this.httpsListener = new LbListener(this, 'HttpsListener', {
      loadBalancerArn: this.resource.arn,
      port: HTTPS_PORT,
      protocol: 'HTTPS',
      sslPolicy,
      certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });
    this.httpListener = new LbListener(this, 'HttpListener', {
      loadBalancerArn: this.resource.arn,
      port: HTTP_PORT,
      protocol: 'HTTP',
      defaultAction: [{
        type: 'redirect',
        redirect: { protocol: 'HTTPS', port: String(HTTPS_PORT), statusCode: 'HTTP_301' },
      }],
    });

    if (props.wafAclArn !== undefined) {
      new Wafv2WebAclAssociation(this, 'WebAclAssociation', {
        resourceArn: this.resource.arn,
        webAclArn: props.wafAclArn,
      });
    }
  }

  /**
   * The bucket-policy grant that lets Elastic Load Balancing write this account's access logs.
   * The bucket does not exist yet when its policy statements are given, so its ARN is lazy.
   */
  private logDeliveryStatement(): DataAwsIamPolicyDocumentStatement {
    const region = new DataAwsRegion(this, 'Region');
    const partition = new DataAwsPartition(this, 'Partition');
    const account = new DataAwsCallerIdentity(this, 'Account');
    const legacyElbAccounts = new TerraformLocal(this, 'LegacyRegionElbAccounts', LEGACY_REGION_ELB_ACCOUNTS);
    const principal = new TerraformLocal(this, 'ElbLogDeliveryPrincipal', Fn.conditional(
      Fn.contains(Fn.keys(legacyElbAccounts.asStringMap), region.name),
      { type: 'AWS', identifier: `arn:${partition.partition}:iam::${Fn.lookup(legacyElbAccounts.asStringMap, region.name)}:root` },
      { type: 'Service', identifier: ELB_LOG_DELIVERY_SERVICE },
    ));
    const bucketArn = Lazy.stringValue({ produce: () => this.accessLogBucket.bucketArn });
    return {
      sid: 'AllowElbAccessLogDelivery',
      effect: 'Allow',
      actions: ['s3:PutObject'],
      resources: [`${bucketArn}/AWSLogs/${account.accountId}/*`],
      principals: [{
        type: Token.asString(Fn.lookupNested(principal.asAnyMap, ['type'])),
        identifiers: [Token.asString(Fn.lookupNested(principal.asAnyMap, ['identifier']))],
      }],
    };
  }

}

// Health-check and attribute ranges: AWS docs, "Health checks for Application Load Balancer target
// groups" (interval 5–300 s, timeout 2–120 s, thresholds 2–10, path up to 1024 characters, success
// codes 200–499), "Target group attributes" (deregistration delay 0–3600 s) and "Application Load
// Balancer attributes" (idle timeout 1–4000 s).
const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** Checks every prop and throws one ValidationError listing each problem. */
function validateProps(id: string, props: LoadBalancerProps): void {
  const problems = new ProblemCollector(`aws.LoadBalancer "${id}"`);
  problems.knownKeys('', props, LOAD_BALANCER_PROPS);

  const network = props.network;
  if (problems.check(network !== undefined && network !== null && typeof network === 'object', 'network', `(${show(network)}) is required: an INetwork`)) {
    problems.check(typeof network.vpcId === 'string' && network.vpcId.length > 0, 'network.vpcId', `(${show(network.vpcId)}) must be a VPC id`);
    const subnets = network.publicSubnetIds;
    if (!Token.isUnresolved(subnets)) {
      problems.check(
        Array.isArray(subnets) && subnets.length >= 2,
        'network.publicSubnetIds',
        `(${show(subnets)}) must list a public subnet in each of at least two zones (an ALB needs two zones)`,
      );
    }
  }

  const sources = [props.certificateArn, props.certificate].filter((s) => s !== undefined).length;
  if (sources === 0) {
    problems.add('certificateArn', 'or certificate is required: the load balancer serves HTTPS only; give exactly one of them');
  } else if (sources > 1) {
    problems.add('certificateArn', 'and certificate were both given: give exactly one of them');
  }
  if (props.certificateArn !== undefined && !Token.isUnresolved(props.certificateArn)) {
    problems.check(
      typeof props.certificateArn === 'string' && /^arn:[a-z-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.certificateArn),
      'certificateArn',
      `(${show(props.certificateArn)}) must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
    );
  }
  if (props.certificate !== undefined) {
    validateDnsValidatedCertificateProps(problems, 'certificate.', props.certificate);
  }
  if (props.wafAclArn !== undefined && !Token.isUnresolved(props.wafAclArn)) {
    problems.check(
      typeof props.wafAclArn === 'string' && /^arn:[a-z-]+:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/.+$/.test(props.wafAclArn),
      'wafAclArn',
      `(${show(props.wafAclArn)}) must be the ARN of a regional WAFv2 web ACL (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)`,
    );
  }
  problems.oneOf('sslPolicy', props.sslPolicy, TLS12_PLUS_SSL_POLICIES);

  problems.integerInRange('targetPort', props.targetPort, 1, 65535);
  if (props.healthCheckPath !== undefined) {
    problems.check(
      typeof props.healthCheckPath === 'string' && props.healthCheckPath.startsWith('/') && props.healthCheckPath.length <= 1024,
      'healthCheckPath',
      `(${show(props.healthCheckPath)}) must start with "/" and have at most 1024 characters`,
    );
  }
  const intervalOk = problems.integerInRange('healthCheckIntervalSeconds', props.healthCheckIntervalSeconds, 5, 300);
  const timeoutOk = problems.integerInRange('healthCheckTimeoutSeconds', props.healthCheckTimeoutSeconds, 2, 120);
  if (intervalOk && timeoutOk) {
    const interval = props.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds;
    const timeout = props.healthCheckTimeoutSeconds ?? defaultTimeout(interval);
    problems.check(
      timeout < interval,
      'healthCheckTimeoutSeconds',
      `(${timeout}) must be less than healthCheckIntervalSeconds (${interval})`,
    );
  }
  problems.integerInRange('healthyThreshold', props.healthyThreshold, 2, 10);
  problems.integerInRange('unhealthyThreshold', props.unhealthyThreshold, 2, 10);
  if (props.healthCheckMatcher !== undefined) {
    const codes = typeof props.healthCheckMatcher === 'string' ? props.healthCheckMatcher.split(/[,-]/).map(Number) : [];
    problems.check(
      typeof props.healthCheckMatcher === 'string' && MATCHER.test(props.healthCheckMatcher) && codes.every((c) => c >= 200 && c <= 499),
      'healthCheckMatcher',
      `(${show(props.healthCheckMatcher)}) must be HTTP codes from 200 to 499, e.g. "200", "200,204" or "200-299"`,
    );
  }
  problems.oneOf('algorithm', props.algorithm, Object.values(LoadBalancingAlgorithm));
  problems.integerInRange('deregistrationDelaySeconds', props.deregistrationDelaySeconds, 0, 3600);
  problems.integerInRange('idleTimeoutSeconds', props.idleTimeoutSeconds, 1, 4000);
  if (props.deletionProtection !== undefined) {
    problems.check(typeof props.deletionProtection === 'boolean', 'deletionProtection', `(${show(props.deletionProtection)}) must be true or false`);
  }
  problems.integerInRange('accessLogRetentionDays', props.accessLogRetentionDays, 1, 3650);
  if (props.accessLogBucketPrefix !== undefined) {
    problems.check(
      typeof props.accessLogBucketPrefix === 'string' && /^[a-z0-9][a-z0-9-]{0,36}$/.test(props.accessLogBucketPrefix),
      'accessLogBucketPrefix',
      `(${show(props.accessLogBucketPrefix)}) must be 1 to 37 lowercase letters, digits or "-", starting with a letter or digit`,
    );
  }
  problems.throwIfAny();
}

import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Fn, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AMI_ID, EC2_INSTANCE_TYPE, instanceTagKeyProblem } from '../core/aws-rules';
import { IAM_NAME_PREFIX_MAX, namePrefixFromPath } from '../core/names';
import { ProblemCollector, show } from '../core/problems';
import { allowTcp } from './connections';
import { IConnectable, IEncryptionKey, ILoadBalancerTarget, INetwork } from './interfaces';

/** CPU architecture of the instances of an {@link AppTier}, as AMIs name it. */
export enum CpuArchitecture {
  /** Intel and AMD processors. */
  X86_64 = 'x86_64',
  /** AWS Graviton processors. */
  ARM64 = 'arm64',
}

/** Properties of {@link AppTier}. */
export interface AppTierProps {
  /** The network; instances run in its private subnets, one per zone, in every zone. */
  readonly network: INetwork;
  /** The load balancer that instances register behind; its security group is the only ingress. */
  readonly loadBalancer: ILoadBalancerTarget;
  /**
   * EC2 instance type, `family.size` (e.g. `t3.small`, `m7g.large`). A Graviton family (`a1`, or a
   * `g` after the generation digit: `t4g`, `m7gd`, `c7gn`, ...) selects the arm64 image.
   */
  readonly instanceType: string;
  /**
   * AMI id. The root volume settings go to the image's own root device.
   * @default the latest Amazon Linux 2023 for the instance type's architecture, read at each plan from the
   * public SSM parameter `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-<x86_64|arm64>`
   * (a new release then rolls out through an instance refresh)
   */
  readonly imageId?: string;
  /**
   * Script the instance runs at first boot, as the instance should receive it (at most 16 KB). It may
   * contain tokens (e.g. a database endpoint); `${` and `%{` in the text are kept literally.
   * @default no user data
   */
  readonly userData?: string;
  /**
   * TCP port the application listens on, and the only port open to the load balancer.
   * @default 80
   */
  readonly port?: number;
  /**
   * Fewest instances. 0 is allowed (a pilot-light standby).
   * @default 2
   */
  readonly minCapacity?: number;
  /**
   * Most instances (at least 1).
   * @default 6
   */
  readonly maxCapacity?: number;
  /**
   * Instances at creation. Afterwards the scaling policies own the desired capacity, so a later
   * change of this prop is ignored; change `minCapacity`/`maxCapacity` instead.
   * @default minCapacity
   */
  readonly desiredCapacity?: number;
  /**
   * Average CPU utilization (percent, 1–100) that target tracking keeps the group at.
   * @default 50
   */
  readonly targetCpuUtilization?: number;
  /**
   * Requests per instance per minute that a second target-tracking policy
   * (`ALBRequestCountPerTarget`) keeps the group at.
   * @default no request-count policy
   */
  readonly targetRequestsPerTarget?: number;
  /**
   * Seconds a new instance may fail load-balancer health checks before it is replaced; also the
   * group's default instance warmup (scaling metrics and instance refresh wait this long).
   * @default 300
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Size of the gp3 root volume in GiB (8–16384).
   * @default 20
   */
  readonly rootVolumeSizeGb?: number;
  /**
   * Customer-managed KMS key for the EBS volumes. Its key policy (or a grant) must let the Auto
   * Scaling service-linked role `AWSServiceRoleForAutoScaling` use it, or launches fail; see
   * https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
   * @default volumes encrypted with the AWS managed key `aws/ebs`
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Percentage of the desired capacity kept in service during a rolling instance refresh (0–100).
   * @default 90
   */
  readonly instanceRefreshMinHealthyPercentage?: number;
  /**
   * Tags for the instances and their volumes. Provider `default_tags` do not reach what an Auto
   * Scaling group launches, so these are propagated at launch. Keys follow the rules for tags in
   * instance metadata (letters, digits, `+ - = . , _ : @`; no space or `/`). A `Name` tag here
   * replaces the default one.
   * @default only `Name` = the construct path
   */
  readonly tags?: { [key: string]: string };
}

const KNOWN_PROPS = [
  'network', 'loadBalancer', 'instanceType', 'imageId', 'userData', 'port', 'minCapacity', 'maxCapacity',
  'desiredCapacity', 'targetCpuUtilization', 'targetRequestsPerTarget', 'healthCheckGracePeriodSeconds',
  'rootVolumeSizeGb', 'encryptionKey', 'instanceRefreshMinHealthyPercentage', 'tags',
];

// Amazon Linux 2023 names its root device /dev/xvda.
const AL2023_ROOT_DEVICE = '/dev/xvda';
// "User data is limited to 16 KB, in raw form, before it is base64-encoded" (EC2 User Guide, instance user data).
const MAX_USER_DATA_BYTES = 16 * 1024;
// gp3 volumes are 1 GiB–16 TiB (EBS User Guide, volume types); AL2023 images need 8 GiB.
const MIN_ROOT_VOLUME_GB = 8;
const MAX_ROOT_VOLUME_GB = 16_384;
// An Auto Scaling group holds at most 50 tags (Auto Scaling User Guide, tag restrictions).
const MAX_TAGS = 50;
// Group metrics at 1-minute granularity cost nothing (Auto Scaling User Guide, CloudWatch metrics).
const GROUP_METRICS = [
  'GroupMinSize', 'GroupMaxSize', 'GroupDesiredCapacity', 'GroupInServiceInstances',
  'GroupPendingInstances', 'GroupStandbyInstances', 'GroupTerminatingInstances', 'GroupTotalInstances',
];

/**
 * The CPU architecture of an instance type, from its family: `a1`, and every family with a `g`
 * among the attribute letters right after the generation digit (`t4g`, `m6g`, `m7gd`, `c7gn`,
 * `r8g`, `x2gd`, `im4gn`, `is4gen`, `g5g`, `hpc7g`) is Graviton; AWS reserves that letter for
 * Graviton in instance type names. Everything else is x86_64.
 *
 * Internal: not part of the jsii API.
 * @jsii ignore
 */
export function architectureOf(instanceType: string): CpuArchitecture {
  const family = instanceType.split('.')[0];
  const attributes = /^[a-z-]+[0-9]+([a-z]*)/.exec(family)?.[1] ?? '';
  return family === 'a1' || attributes.includes('g') ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64;
}

/**
 * The application tier: an auto-scaling group of instances over the private subnets of every zone,
 * registered in the load balancer's target group, replaced when the load balancer finds them
 * unhealthy, scaled by target tracking, and replaced by a rolling instance refresh when the launch
 * template changes.
 *
 * Instances take no inbound traffic except the application port from the load balancer's security
 * group, have no public IP, no SSH key and no port 22 (use SSM Session Manager), require IMDSv2,
 * and boot from an encrypted gp3 volume. Their only outbound rule is TCP 443 to anywhere, which
 * package repositories, SSM, and most AWS APIs need; a path to another tier (e.g. the database) is
 * added by that tier's `allowFrom`.
 */
export class AppTier extends Construct implements IConnectable {
  /** The instances' security group (escape hatch). */
  public readonly securityGroup: SecurityGroup;
  /** Id of the instances' security group. */
  public readonly securityGroupId: string;
  /** The launch template (escape hatch). */
  public readonly launchTemplate: LaunchTemplate;
  /** The auto-scaling group (escape hatch). */
  public readonly autoScalingGroup: AutoscalingGroup;
  /** The instances' IAM role; attach further policies to it. */
  public readonly role: IamRole;
  /** Name of the auto-scaling group. */
  public readonly autoScalingGroupName: string;
  /** Fewest instances. */
  public readonly minCapacity: number;
  /** Most instances. */
  public readonly maxCapacity: number;
  /** CPU architecture of the instance type (and of the default image). */
  public readonly architecture: CpuArchitecture;

  constructor(scope: Construct, id: string, props: AppTierProps) {
    super(scope, id);
    const port = props.port ?? 80;
    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 6;
    const desiredCapacity = props.desiredCapacity ?? minCapacity;
    const targetCpuUtilization = props.targetCpuUtilization ?? 50;
    const healthCheckGracePeriod = props.healthCheckGracePeriodSeconds ?? 300;
    const rootVolumeSizeGb = props.rootVolumeSizeGb ?? 20;
    const minHealthyPercentage = props.instanceRefreshMinHealthyPercentage ?? 90;
    const instanceTags: { [key: string]: string } = { Name: this.node.path, ...props.tags };

    validate(id, props, { minCapacity, maxCapacity, desiredCapacity }, instanceTags);

    this.minCapacity = minCapacity;
    this.maxCapacity = maxCapacity;
    this.architecture = architectureOf(props.instanceType);
    const namePrefix = namePrefixFromPath(this.node.path, IAM_NAME_PREFIX_MAX, false);

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      namePrefix,
      description: 'Application tier instances',
      vpcId: props.network.vpcId,
      // A replacement (new VPC) must exist before the old group can be detached from instances.
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.securityGroup.id;
    allowTcp(this, 'FromLoadBalancer', props.loadBalancer, this, port, `Load balancer to application port ${port}`);
    const httpsOut = new VpcSecurityGroupEgressRule(this, 'HttpsOut', {
      securityGroupId: this.securityGroupId,
      cidrIpv4: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS to package repositories, SSM and AWS APIs',
    });

    const partition = new DataAwsPartition(this, 'Partition');
    const trust = new DataAwsIamPolicyDocument(this, 'InstanceTrust', {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: [`ec2.${partition.dnsSuffix}`] }],
      }],
    });
    this.role = new IamRole(this, 'Role', {
      namePrefix,
      description: `Instances of ${this.node.path}`,
      assumeRolePolicy: trust.json,
    });
    const ssmCore = new IamRolePolicyAttachment(this, 'SsmManagedInstanceCore', {
      role: this.role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const instanceProfile = new IamInstanceProfile(this, 'InstanceProfile', { namePrefix, role: this.role.name });

    const image = this.image(props.imageId);
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      namePrefix,
      description: `Instances of ${this.node.path}`,
      imageId: image.imageId,
      instanceType: props.instanceType,
      userData: props.userData === undefined ? undefined : this.encodedUserData(props.userData),
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        // One hop keeps the role's credentials away from containers behind a bridge network;
        // containers that need IMDS (e.g. Docker bridge mode) need 2 (set through an override).
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'enabled',
      },
      blockDeviceMappings: [{
        deviceName: image.rootDeviceName,
        ebs: {
          volumeType: 'gp3',
          volumeSize: rootVolumeSizeGb,
          encrypted: 'true',
          kmsKeyId: props.encryptionKey?.keyArn,
          deleteOnTermination: 'true',
        },
      }],
      networkInterfaces: [{
        deviceIndex: 0,
        associatePublicIpAddress: 'false',
        deleteOnTermination: 'true',
        securityGroups: [this.securityGroupId],
      }],
      iamInstanceProfile: { arn: instanceProfile.arn },
      monitoring: { enabled: true },
      // The ASG's propagated tags reach instances but not volumes; the template tags both.
      tagSpecifications: ['instance', 'volume'].map((resourceType) => ({ resourceType, tags: instanceTags })),
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'Group', {
      namePrefix,
      vpcZoneIdentifier: props.network.privateSubnetIds,
      minSize: minCapacity,
      maxSize: maxCapacity,
      desiredCapacity,
      healthCheckType: 'ELB',
      healthCheckGracePeriod,
      // Also the warmup of instance refreshes and of target tracking (AWS recommends setting it).
      defaultInstanceWarmup: healthCheckGracePeriod,
      targetGroupArns: [props.loadBalancer.targetGroupArn],
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      // A new launch template version (image, user data, type) starts this refresh at apply time.
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage } },
      enabledMetrics: GROUP_METRICS,
      metricsGranularity: '1Minute',
      // No termination_policies: the Default policy already balances zones first, then removes
      // instances on the oldest launch template. No capacity_rebalance: it only concerns Spot.
      tag: Object.entries(instanceTags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // First boot needs the egress rule (packages) and the SSM policy (agent registration).
      dependsOn: [httpsOut, ssmCore],
      // Target tracking moves desired_capacity; re-applying the configured value would undo a
      // scale-out under load at every apply.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });
    this.autoScalingGroupName = this.autoScalingGroup.name;

    new AutoscalingPolicy(this, 'CpuTracking', {
      name: 'target-cpu-utilization',
      autoscalingGroupName: this.autoScalingGroupName,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: targetCpuUtilization,
      },
    });
    if (props.targetRequestsPerTarget !== undefined) {
      new AutoscalingPolicy(this, 'RequestCountTracking', {
        name: 'target-requests-per-target',
        autoscalingGroupName: this.autoScalingGroupName,
        policyType: 'TargetTrackingScaling',
        targetTrackingConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: 'ALBRequestCountPerTarget',
            resourceLabel: `${props.loadBalancer.loadBalancerArnSuffix}/${props.loadBalancer.targetGroupArnSuffix}`,
          },
          targetValue: props.targetRequestsPerTarget,
        },
      });
    }
  }

  /** The image to boot and its root device: the latest AL2023 for the architecture, or `imageId` looked up. */
  private image(imageId: string | undefined): { imageId: string; rootDeviceName: string } {
    if (imageId === undefined) {
      const parameter = new DataAwsSsmParameter(this, 'Al2023Image', {
        name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${this.architecture}`,
      });
      // A public AMI id is no secret; `value` would mark image_id sensitive and hide AMI changes in plans.
      return { imageId: parameter.insecureValue, rootDeviceName: AL2023_ROOT_DEVICE };
    }
    // Root device names differ by image (/dev/xvda, /dev/sda1); a mapping under another name would
    // add a second volume and leave the root volume as the image defines it.
    const ami = new DataAwsAmi(this, 'Image', { filter: [{ name: 'image-id', values: [imageId] }] });
    return { imageId, rootDeviceName: ami.rootDeviceName };
  }

  /**
   * Base64 of the script, encoded by Terraform so the script stays readable in the plan. The text
   * is escaped so that Terraform keeps `${` and `%{` literally; tokens are still interpolated.
   */
  private encodedUserData(script: string): string {
    const escaped = script.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
    const local = new TerraformLocal(this, 'UserData', escaped);
    return Fn.base64encode(local.asString);
  }
}

/** Checks every prop; throws one ValidationError listing every problem before anything is created. */
function validate(
  id: string,
  props: AppTierProps,
  capacity: { minCapacity: number; maxCapacity: number; desiredCapacity: number },
  instanceTags: { [key: string]: string },
): void {
  const problems = new ProblemCollector(`aws.AppTier "${id}"`);
  problems.knownKeys('', props, KNOWN_PROPS);

  if (problems.check(isObject(props.network), 'network', `(${show(props.network)}) is required: an INetwork`)) {
    problems.nonEmptyString('network.vpcId', props.network.vpcId ?? '');
    const subnets = props.network.privateSubnetIds;
    if (!Token.isUnresolved(subnets)) {
      problems.check(
        Array.isArray(subnets) && subnets.length >= 2,
        'network.privateSubnetIds',
        `(${show(subnets)}) must list at least 2 subnets, one per zone, so the tier survives the loss of a zone`,
      );
    }
  }
  if (problems.check(isObject(props.loadBalancer), 'loadBalancer', `(${show(props.loadBalancer)}) is required: an ILoadBalancerTarget`)) {
    for (const key of ['securityGroupId', 'targetGroupArn', 'loadBalancerArnSuffix', 'targetGroupArnSuffix'] as const) {
      problems.nonEmptyString(`loadBalancer.${key}`, props.loadBalancer[key] ?? '');
    }
  }

  problems.check(
    typeof props.instanceType === 'string' && EC2_INSTANCE_TYPE.test(props.instanceType),
    'instanceType',
    `(${show(props.instanceType)}) must be a literal EC2 instance type "family.size" such as "t3.small" or "m7g.large" (the image architecture is derived from it)`,
  );
  if (props.imageId !== undefined && !Token.isUnresolved(props.imageId)) {
    problems.check(
      typeof props.imageId === 'string' && AMI_ID.test(props.imageId),
      'imageId',
      `(${show(props.imageId)}) must be an AMI id such as "ami-0123456789abcdef0"`,
    );
  }
  if (props.userData !== undefined) {
    if (problems.check(typeof props.userData === 'string', 'userData', `(${show(props.userData)}) must be a string`)) {
      const bytes = Buffer.byteLength(props.userData, 'utf8');
      problems.check(bytes <= MAX_USER_DATA_BYTES, 'userData', `(${bytes} bytes) must be at most ${MAX_USER_DATA_BYTES} bytes before base64 encoding`);
    }
  }

  problems.integerInRange('port', props.port, 1, 65535);
  const { minCapacity, maxCapacity, desiredCapacity } = capacity;
  const minOk = nonNegativeInteger(problems, 'minCapacity', minCapacity);
  const maxOk = nonNegativeInteger(problems, 'maxCapacity', maxCapacity)
    && problems.check(maxCapacity >= 1, 'maxCapacity', `(${maxCapacity}) must be at least 1`);
  const desiredOk = nonNegativeInteger(problems, 'desiredCapacity', desiredCapacity);
  if (minOk && maxOk) {
    problems.check(minCapacity <= maxCapacity, 'minCapacity', `(${minCapacity}) must be ≤ maxCapacity (${maxCapacity})`);
  }
  if (props.desiredCapacity !== undefined && desiredOk && minOk && maxOk) {
    problems.check(
      desiredCapacity >= minCapacity && desiredCapacity <= maxCapacity,
      'desiredCapacity',
      `(${desiredCapacity}) must be from minCapacity (${minCapacity}) to maxCapacity (${maxCapacity})`,
    );
  }

  problems.numberInRange('targetCpuUtilization', props.targetCpuUtilization, 1, 100);
  if (props.targetRequestsPerTarget !== undefined) {
    problems.check(
      typeof props.targetRequestsPerTarget === 'number' && Number.isFinite(props.targetRequestsPerTarget) && props.targetRequestsPerTarget > 0,
      'targetRequestsPerTarget',
      `(${show(props.targetRequestsPerTarget)}) must be a number greater than 0 (requests per instance per minute)`,
    );
  }
  if (props.healthCheckGracePeriodSeconds !== undefined) {
    nonNegativeInteger(problems, 'healthCheckGracePeriodSeconds', props.healthCheckGracePeriodSeconds);
  }
  problems.integerInRange('rootVolumeSizeGb', props.rootVolumeSizeGb, MIN_ROOT_VOLUME_GB, MAX_ROOT_VOLUME_GB);
  if (props.encryptionKey !== undefined
    && problems.check(isObject(props.encryptionKey), 'encryptionKey', `(${show(props.encryptionKey)}) must be an IEncryptionKey`)) {
    problems.nonEmptyString('encryptionKey.keyArn', props.encryptionKey.keyArn ?? '');
  }
  problems.integerInRange('instanceRefreshMinHealthyPercentage', props.instanceRefreshMinHealthyPercentage, 0, 100);

  if (props.tags !== undefined && problems.check(isObject(props.tags), 'tags', `(${show(props.tags)}) must be a map of strings`)) {
    problems.check(
      Object.keys(instanceTags).length <= MAX_TAGS,
      'tags',
      `(${Object.keys(instanceTags).length} tags with Name) must be at most ${MAX_TAGS}`,
    );
    for (const [key, value] of Object.entries(props.tags)) {
      const keyProblem = instanceTagKeyProblem(key);
      if (keyProblem) problems.add(`tags.${key}`, keyProblem);
      problems.check(
        typeof value === 'string' && (Token.isUnresolved(value) || value.length <= 256),
        `tags.${key}`,
        `value (${show(value)}) must be a string of at most 256 characters`,
      );
    }
  }
  problems.throwIfAny();
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** `value` is an integer ≥ 0; records a problem otherwise. */
function nonNegativeInteger(problems: ProblemCollector, path: string, value: number): boolean {
  return problems.check(
    typeof value === 'number' && Number.isInteger(value) && value >= 0,
    path,
    `(${show(value)}) must be an integer ≥ 0`,
  );
}


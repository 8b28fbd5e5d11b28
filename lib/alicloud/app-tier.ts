import { Fn, TerraformLocal, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ALICLOUD_MAX_TAG_KEY, ALICLOUD_MAX_TAGS, ALICLOUD_RESERVED_TAG_PREFIX, ECS_IMAGE_ID, ECS_INSTANCE_TYPE } from '../core/alicloud-rules';
import { ProblemCollector, show } from '../core/problems';
import { allowTcp } from './connections';
import { DataAlicloudImages } from './gen/providers/alicloud/data-alicloud-images';
import { EcsLaunchTemplate } from './gen/providers/alicloud/ecs-launch-template';
import { EssScalingGroup } from './gen/providers/alicloud/ess-scaling-group';
import { EssScalingRule } from './gen/providers/alicloud/ess-scaling-rule';
import { SecurityGroup } from './gen/providers/alicloud/security-group';
import { IConnectable, IEncryptionKey, ILoadBalancerTarget, INetwork } from './interfaces';

/** Properties of {@link AppTier}. */
export interface AppTierProps {
  /** The network; instances run in its application vSwitches, one per zone, in every zone. */
  readonly network: INetwork;
  /** The load balancer whose ALB server group the instances join; its security group is the only ingress. */
  readonly loadBalancer: ILoadBalancerTarget;
  /** ECS instance type, `ecs.<family>.<size>` (e.g. `ecs.g7.large`, `ecs.c8y.xlarge`). */
  readonly instanceType: string;
  /**
   * ECS image id: a custom or shared image (`m-...`) or a public image name (`....vhd`).
   * @default the latest public Alibaba Cloud Linux 3 image (`aliyun_3_<x64|arm64>_20G_alibase_<date>.vhd`) that
   * runs on the instance type, read at each plan from data `alicloud_images` (a new release then reaches
   * instances launched after the apply; see {@link AppTier} on replacing running ones)
   */
  readonly imageId?: string;
  /**
   * Script the instance runs at first boot, as the instance should receive it (at most 32 KB). Terraform
   * base64-encodes it for the launch template. It may contain tokens (e.g. a database endpoint); `${` and
   * `%{` in the text are kept literally.
   * @default no user data
   */
  readonly userData?: string;
  /**
   * TCP port the application listens on, the port instances register with in the server group, and
   * the only port open to the load balancer.
   * @default 80
   */
  readonly port?: number;
  /**
   * Fewest instances (0–2000). 0 is allowed (a pilot-light standby).
   * @default 2
   */
  readonly minCapacity?: number;
  /**
   * Most instances (1–2000).
   * @default 6
   */
  readonly maxCapacity?: number;
  /**
   * Instances at creation. Afterwards the target-tracking rule owns the desired capacity, so a later
   * change of this prop is ignored; change `minCapacity`/`maxCapacity` instead.
   * @default minCapacity
   */
  readonly desiredCapacity?: number;
  /**
   * Average CPU utilization (percent, 1–100) that the target-tracking rule keeps the group at.
   * @default 50
   */
  readonly targetCpuUtilization?: number;
  /**
   * Size of the ESSD system disk in GiB (20–2048).
   * @default 40
   */
  readonly systemDiskSizeGb?: number;
  /**
   * Customer-managed KMS key for the system disk.
   * @default the system disk is encrypted with the ECS service key of the region
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Tags for the instances, their disks and network interfaces, the security group and the scaling
   * group (at most 20). Keys: 1–64 characters; values: at most 128; neither may start with `aliyun`,
   * `acs:`, `http://` or `https://`.
   * @default no tags
   */
  readonly tags?: { [key: string]: string };
}

const KNOWN_PROPS = [
  'network', 'loadBalancer', 'instanceType', 'imageId', 'userData', 'port', 'minCapacity', 'maxCapacity',
  'desiredCapacity', 'targetCpuUtilization', 'systemDiskSizeGb', 'encryptionKey', 'tags',
];

// `ecs.<family>.<size>`: families such as g7, c8y, t6-c1m1, gn7i-c8g1, ebmg7; sizes nano … large, xlarge, 2xlarge ….
// Alibaba Cloud Linux 3, standard edition only (not the `_9_`, `dengbao`, `container_optimized`, `scc` or `qboot` variants).
const ALINUX3_NAME_REGEX = '^aliyun_3_(x64|arm64)_20G_alibase_[0-9]{8}[.]vhd$';
// "The user data before Base64 encoding can be up to 32 KB" (ECS API, RunInstances / CreateLaunchTemplate, UserData).
const MAX_USER_DATA_BYTES = 32 * 1024;
// ESSD system disks: max(20, image size)–2048 GiB (ECS API, RunInstances, SystemDisk.Size).
const MIN_SYSTEM_DISK_GB = 20;
const MAX_SYSTEM_DISK_GB = 2048;
// "Value range: [0, 2000]" for min_size/max_size (provider docs, alicloud_ess_scaling_group, 1.283.0).
const MAX_GROUP_SIZE = 2000;
// A scaling group takes at most 8 vSwitches (Auto Scaling API, CreateScalingGroup, VSwitchIds.N).
const MAX_VSWITCHES = 8;
const MAX_TAG_VALUE = 128;

/**
 * The application tier: an ESS scaling group over the application vSwitches of every zone, with
 * instances balanced across zones (`multi_az_policy` BALANCE), launched from an ECS launch template,
 * registered in the load balancer's ALB server group, replaced when ECS or the load balancer finds them
 * unhealthy, and scaled by a target-tracking rule on average CPU.
 *
 * Instances take no inbound traffic except the application port from the load balancer's security
 * group (instances of the group cannot reach each other either), have no public IP, no key pair and no
 * password (use Cloud Assistant or Workbench session management, which need neither), require
 * hardened-mode (token) metadata access, and boot from an encrypted ESSD. They have no RAM role; add
 * one through `launchTemplate.addOverride('ram_role_name', ...)`. Outbound traffic keeps the basic
 * security group default (all allowed): package mirrors, the NAT gateway and the database tier need it,
 * and Alibaba Cloud databases admit clients by whitelist, not by security group.
 *
 * Changes to the launch template (image, type, user data) create a new template version that the group
 * launches from (`launch_template_version` = `Latest`); running instances are not replaced by Terraform.
 * Roll them with an ESS instance refresh (console or `StartInstanceRefresh`) after the apply: the
 * `alicloud_ess_instance_refresh` resource starts a one-off task on creation, which is not a declarative
 * state, so this construct does not manage one.
 */
export class AppTier extends Construct implements IConnectable {
  /** The instances' security group (escape hatch). */
  public readonly securityGroup: TerraformResource;
  /** Id of the instances' security group. */
  public readonly securityGroupId: string;
  /** The launch template (escape hatch). */
  public readonly launchTemplate: TerraformResource;
  /** Id of the launch template. */
  public readonly launchTemplateId: string;
  /** The ESS scaling group (escape hatch). */
  public readonly scalingGroup: TerraformResource;
  /** Id of the ESS scaling group. */
  public readonly scalingGroupId: string;
  /** The target-tracking scaling rule (escape hatch). */
  public readonly scalingRule: TerraformResource;
  /** Id of the image the instances boot (a token unless `imageId` was given). */
  public readonly imageId: string;
  /** Fewest instances. */
  public readonly minCapacity: number;
  /** Most instances. */
  public readonly maxCapacity: number;
  /** Instances at creation. */
  public readonly desiredCapacity: number;

  constructor(scope: Construct, id: string, props: AppTierProps) {
    super(scope, id);
    const port = props.port ?? 80;
    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 6;
    const desiredCapacity = props.desiredCapacity ?? minCapacity;
    const targetCpuUtilization = props.targetCpuUtilization ?? 50;
    const systemDiskSizeGb = props.systemDiskSizeGb ?? 40;
    const tags = props.tags && Object.keys(props.tags).length > 0 ? props.tags : undefined;

    validate(id, props, { minCapacity, maxCapacity, desiredCapacity });

    this.minCapacity = minCapacity;
    this.maxCapacity = maxCapacity;
    this.desiredCapacity = desiredCapacity;
    const name = nameFromPath(this.node.path);

    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      securityGroupName: name,
      description: `Application tier instances of ${this.node.path}`,
      vpcId: props.network.vpcId,
      // Advanced (enterprise) groups cannot name another group as a rule's source; basic ones can.
      securityGroupType: 'normal',
      // Instances of the tier never talk to each other; the basic group's default would let them.
      innerAccessPolicy: 'Drop',
      tags,
    });
    this.securityGroup = securityGroup;
    this.securityGroupId = securityGroup.id;
    const fromLoadBalancer = allowTcp(this, 'FromLoadBalancer', props.loadBalancer, this, port,
      `Load balancer to application port ${port}`);

    this.imageId = props.imageId ?? this.latestAlibabaCloudLinux3(props.instanceType);
    const launchTemplate = new EcsLaunchTemplate(this, 'LaunchTemplate', {
      launchTemplateName: name,
      description: `Instances of ${this.node.path}`,
      imageId: this.imageId,
      instanceType: props.instanceType,
      instanceName: name,
      instanceChargeType: 'PostPaid',
      networkType: 'vpc',
      securityGroupIds: [this.securityGroupId],
      // 0 Mbit/s: no public IP; outbound traffic leaves through the network's NAT gateways.
      internetMaxBandwidthOut: 0,
      // No key pair and no password: the image's preset password is not inherited either.
      passwordInherit: false,
      // Token-only (hardened mode) metadata access, Alibaba Cloud's IMDSv2; one hop keeps the
      // credentials of a later RAM role away from containers behind a bridge network.
      httpEndpoint: 'enabled',
      httpTokens: 'required',
      httpPutResponseHopLimit: 1,
      // Installs the free Security Center agent at launch.
      securityEnhancementStrategy: 'Active',
      systemDisk: {
        category: 'cloud_essd',
        size: systemDiskSizeGb,
        encrypted: true,
        kmsKeyId: props.encryptionKey?.keyId,
        deleteWithInstance: true,
      },
      userData: props.userData === undefined ? undefined : this.encodedUserData(props.userData),
      // Every change is a new version; it becomes the default so that the console and API show it.
      updateDefaultVersionNumber: true,
      tags,
    });
    this.launchTemplate = launchTemplate;
    this.launchTemplateId = launchTemplate.id;

    const scalingGroup = new EssScalingGroup(this, 'Group', {
      scalingGroupName: name.slice(0, 64).replace(/-+$/, ''),
      minSize: minCapacity,
      maxSize: maxCapacity,
      desiredCapacity,
      vswitchIds: props.network.appVswitchIds,
      // Spread instances evenly over the zones of the vSwitches (ForceNew in the provider).
      multiAzPolicy: 'BALANCE',
      // ECS status and the ALB server group's health check both decide whether an instance is replaced
      // (valid values ECS, NONE, LOAD_BALANCER: provider docs, alicloud_ess_scaling_group, 1.283.0).
      healthCheckTypes: ['ECS', 'LOAD_BALANCER'],
      // Scale-in removes instances of the oldest template version first, then the oldest instances;
      // BALANCE keeps zones even before either applies.
      removalPolicies: ['OldestScalingConfiguration', 'OldestInstance'],
      launchTemplateId: this.launchTemplateId,
      launchTemplateVersion: 'Latest',
      // The inline block is the only attachment to the server group: the provider warns against also
      // using alicloud_ess_alb_server_group_attachment for the same group.
      albServerGroup: [{ albServerGroupId: props.loadBalancer.serverGroupId, port, weight: 100 }],
      tags,
      // First instances must pass the load balancer's health check, which needs the ingress rule.
      dependsOn: [fromLoadBalancer],
      // Target tracking moves desired_capacity; re-applying the configured value would undo a scale-out.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });
    this.scalingGroup = scalingGroup;
    this.scalingGroupId = scalingGroup.id;

    this.scalingRule = new EssScalingRule(this, 'CpuTracking', {
      scalingGroupId: this.scalingGroupId,
      scalingRuleName: 'target-cpu-utilization',
      scalingRuleType: 'TargetTrackingScalingRule',
      metricName: 'CpuUtilization',
      targetValue: targetCpuUtilization,
    });
  }

  /**
   * The newest public Alibaba Cloud Linux 3 image that runs on the instance type (the `instance_type`
   * filter picks x64 or arm64 images to match the family).
   */
  private latestAlibabaCloudLinux3(instanceType: string): string {
    const images = new DataAlicloudImages(this, 'AlibabaCloudLinux3', {
      nameRegex: ALINUX3_NAME_REGEX,
      owners: 'system',
      osType: 'linux',
      instanceType,
      mostRecent: true,
    });
    return images.images.get(0).id;
  }

  /**
   * Base64 of the script, encoded by Terraform so the script stays readable in the plan. The text is
   * escaped so that Terraform keeps `${` and `%{` literally; tokens are still interpolated.
   */
  private encodedUserData(script: string): string {
    const escaped = script.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
    const local = new TerraformLocal(this, 'UserData', escaped);
    return Fn.base64encode(local.asString);
  }
}

/**
 * A name for the tier's resources from the construct path: letters, digits and `-`, starting with a
 * letter (ECS instance, security group and launch template names must), at most 128 characters.
 */
function nameFromPath(path: string): string {
  const words = path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const named = /^[A-Za-z]/.test(words) ? words : `app-${words}`;
  return named.slice(0, 128).replace(/-+$/, '');
}

/** Checks every prop; throws one ValidationError listing every problem before anything is created. */
function validate(
  id: string,
  props: AppTierProps,
  capacity: { minCapacity: number; maxCapacity: number; desiredCapacity: number },
): void {
  const problems = new ProblemCollector(`alicloud.AppTier "${id}"`);
  problems.knownKeys('', props, KNOWN_PROPS);

  if (problems.check(isObject(props.network), 'network', `(${show(props.network)}) is required: an INetwork`)) {
    problems.check(typeof props.network.vpcId === 'string' && props.network.vpcId.trim() !== '', 'network.vpcId',
      `(${show(props.network.vpcId)}) must be a non-empty string`);
    const vswitches = props.network.appVswitchIds;
    if (!Token.isUnresolved(vswitches)) {
      problems.check(
        Array.isArray(vswitches) && vswitches.length >= 2 && vswitches.length <= MAX_VSWITCHES
          && vswitches.every((v) => typeof v === 'string' && v.trim() !== ''),
        'network.appVswitchIds',
        `(${show(vswitches)}) must list 2 to ${MAX_VSWITCHES} vSwitch ids, one per zone, so the tier survives the loss of a zone`,
      );
    }
  }
  if (problems.check(isObject(props.loadBalancer), 'loadBalancer', `(${show(props.loadBalancer)}) is required: an ILoadBalancerTarget`)) {
    for (const key of ['securityGroupId', 'serverGroupId'] as const) {
      problems.check(typeof props.loadBalancer[key] === 'string' && props.loadBalancer[key].trim() !== '',
        `loadBalancer.${key}`, `(${show(props.loadBalancer[key])}) must be a non-empty string`);
    }
  }

  if (!Token.isUnresolved(props.instanceType)) {
    problems.check(
      typeof props.instanceType === 'string' && ECS_INSTANCE_TYPE.test(props.instanceType),
      'instanceType',
      `(${show(props.instanceType)}) must be an ECS instance type "ecs.<family>.<size>" such as "ecs.g7.large"`,
    );
  }
  if (props.imageId !== undefined && !Token.isUnresolved(props.imageId)) {
    problems.check(
      typeof props.imageId === 'string' && ECS_IMAGE_ID.test(props.imageId),
      'imageId',
      `(${show(props.imageId)}) must be an ECS image id such as "m-bp1g7004ksh0oeuc****" or "aliyun_3_x64_20G_alibase_20240819.vhd"`,
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
  const minOk = problems.integerInRange('minCapacity', minCapacity, 0, MAX_GROUP_SIZE);
  const maxOk = problems.integerInRange('maxCapacity', maxCapacity, 1, MAX_GROUP_SIZE);
  const desiredOk = problems.integerInRange('desiredCapacity', desiredCapacity, 0, MAX_GROUP_SIZE);
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
  problems.integerInRange('systemDiskSizeGb', props.systemDiskSizeGb, MIN_SYSTEM_DISK_GB, MAX_SYSTEM_DISK_GB);
  if (props.encryptionKey !== undefined
    && problems.check(isObject(props.encryptionKey), 'encryptionKey', `(${show(props.encryptionKey)}) must be an IEncryptionKey`)) {
    problems.check(typeof props.encryptionKey.keyId === 'string' && props.encryptionKey.keyId.trim() !== '',
      'encryptionKey.keyId', `(${show(props.encryptionKey.keyId)}) must be a non-empty string`);
  }

  if (props.tags !== undefined && problems.check(isObject(props.tags), 'tags', `(${show(props.tags)}) must be a map of strings`)) {
    const entries = Object.entries(props.tags);
    problems.check(entries.length <= ALICLOUD_MAX_TAGS, 'tags', `(${entries.length} tags) must be at most ${ALICLOUD_MAX_TAGS}`);
    for (const [key, value] of entries) {
      problems.check(key.length >= 1 && key.length <= ALICLOUD_MAX_TAG_KEY && !ALICLOUD_RESERVED_TAG_PREFIX.test(key), `tags.${key}`,
        `key must be 1 to ${ALICLOUD_MAX_TAG_KEY} characters and must not start with "aliyun", "acs:", "http://" or "https://"`);
      problems.check(
        typeof value === 'string' && (Token.isUnresolved(value) || (value.length <= MAX_TAG_VALUE && !ALICLOUD_RESERVED_TAG_PREFIX.test(value))),
        `tags.${key}`,
        `value (${show(value)}) must be a string of at most ${MAX_TAG_VALUE} characters not starting with "aliyun", "acs:", "http://" or "https://"`,
      );
    }
  }
  problems.throwIfAny();
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

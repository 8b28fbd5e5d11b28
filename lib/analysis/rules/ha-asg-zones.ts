import { asList, PolicyContext, PolicyLevel, PolicyRule, PolicySubject, refersTo } from '../policy-rule';
import { isUnknown } from './references';

// Resources that put an ESS scaling group behind a load balancer, besides its own `alb_server_group`
// block and `loadbalancer_ids` (aliyun/alicloud 1.283.0).
const ESS_LOAD_BALANCER_ATTACHMENTS = [
  'alicloud_ess_server_group_attachment',
  'alicloud_ess_alb_server_group_attachment',
  'alicloud_ess_scalinggroup_vserver_groups',
];

/** The application group spans 2+ zones and replaces instances the load balancer finds unhealthy. */
export const HA_ASG_ZONES: PolicyRule = {
  id: 'HA-ASG-ZONES',
  level: PolicyLevel.ERROR,
  description: "The application group spans 2+ zones and replaces instances the load balancer finds unhealthy",
  why: "In one zone, or with EC2 status checks only, a zone loss or a hung app is not healed.",
  fix: "give the group subnets in 2+ zones, health_check_type ELB and a grace period "
    + "(Alibaba: vswitch_ids in 2+ zones and health_check_types with LOAD_BALANCER when the group is behind a load balancer)",
  resourceTypes: ['aws_autoscaling_group', 'alicloud_ess_scaling_group'],
  check: (s, context) => (s.type === 'alicloud_ess_scaling_group' ? checkScalingGroup(s, context) : checkAutoScalingGroup(s)),
};

function checkAutoScalingGroup(s: PolicySubject): string | undefined {
  const subnets = s.config.vpc_zone_identifier ?? s.config.availability_zones;
  // A whole-list expression (`${var.subnet_ids}`) has a length only known at apply time.
  if (!isUnknown(subnets) && asList(subnets).length < 2) return `vpc_zone_identifier has ${asList(subnets).length} subnet(s)`;
  if (s.config.health_check_type !== 'ELB') return `health_check_type is ${JSON.stringify(s.config.health_check_type ?? 'EC2')}`;
  return Number(s.config.health_check_grace_period ?? 300) > 0 ? undefined : 'health_check_grace_period is 0';
}

function checkScalingGroup(s: PolicySubject, context: PolicyContext): string | undefined {
  const vswitches = s.config.vswitch_ids ?? s.config.vswitch_id;
  if (!isUnknown(vswitches) && asList(vswitches).length < 2) return `vswitch_ids has ${asList(vswitches).length} vSwitch(es)`;
  // health_check_types (ECS, LOAD_BALANCER, NONE) supersedes health_check_type; the API default is ECS.
  const types = asList(s.config.health_check_types ?? s.config.health_check_type);
  if (types.some(isUnknown)) return undefined;
  const shown = JSON.stringify(types.length ? types : ['ECS']);
  if (types.length > 0 && types.every((type) => type === 'NONE')) return `health_check_types is ${shown}: failed instances are never replaced`;
  if (isBehindLoadBalancer(s, context) && !types.includes('LOAD_BALANCER')) {
    return `health_check_types is ${shown}: instances the load balancer finds unhealthy are not replaced`;
  }
  return undefined;
}

/** Whether the scaling group registers its instances with a load balancer (inline or by an attachment resource). */
function isBehindLoadBalancer(s: PolicySubject, context: PolicyContext): boolean {
  if (asList(s.config.alb_server_group).length > 0 || asList(s.config.loadbalancer_ids).length > 0) return true;
  return ESS_LOAD_BALANCER_ATTACHMENTS.some((type) =>
    context.resourcesOfType(type).some((attachment) => refersTo(attachment.config.scaling_group_id, s.address)));
}

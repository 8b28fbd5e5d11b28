import { PolicyLevel, PolicyRule } from '../policy-rule';

/** The application group spans 2+ zones and replaces instances the load balancer finds unhealthy. */
export const HA_ASG_ZONES: PolicyRule = {
  id: 'HA-ASG-ZONES',
  level: PolicyLevel.ERROR,
  description: "The application group spans 2+ zones and replaces instances the load balancer finds unhealthy",
  why: "In one zone, or with EC2 status checks only, a zone loss or a hung app is not healed.",
  fix: "give the group subnets in 2+ zones, health_check_type ELB and a grace period",
  resourceTypes: ['aws_autoscaling_group', 'alicloud_ess_scaling_group'],
  check: (s) => {
    if (s.type === 'alicloud_ess_scaling_group') {
      const vswitches = ([] as unknown[]).concat(s.config.vswitch_ids ?? []);
      return vswitches.length >= 2 ? undefined : `vswitch_ids has ${vswitches.length} vSwitch(es)`;
    }
    const subnets = ([] as unknown[]).concat(s.config.vpc_zone_identifier ?? s.config.availability_zones ?? []);
    if (subnets.length < 2) return `vpc_zone_identifier has ${subnets.length} subnet(s)`;
    if (s.config.health_check_type !== 'ELB') return `health_check_type is ${JSON.stringify(s.config.health_check_type ?? 'EC2')}`;
    return Number(s.config.health_check_grace_period ?? 300) > 0 ? undefined : 'health_check_grace_period is 0';
  },
};

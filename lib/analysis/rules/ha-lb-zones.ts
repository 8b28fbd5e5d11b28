import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** The load balancer spans 2+ zones, drops invalid headers and is protected from deletion. */
export const HA_LB_ZONES: PolicyRule = {
  id: 'HA-LB-ZONES',
  level: PolicyLevel.ERROR,
  description: "The load balancer spans 2+ zones, drops invalid headers and is protected from deletion",
  why: "A one-zone load balancer is a single point of failure; a deleted one takes the service down.",
  fix: "give it subnets or zone mappings in 2+ zones, drop_invalid_header_fields and deletion protection",
  resourceTypes: ['aws_lb', 'alicloud_alb_load_balancer'],
  check: (s) => {
    if (s.type === 'alicloud_alb_load_balancer') {
      const zones = ([] as unknown[]).concat(s.config.zone_mappings ?? []);
      if (zones.length < 2) return `zone_mappings has ${zones.length} zone(s)`;
      // deletion_protection_config { enabled } is the newer form of the same setting (aliyun/alicloud 1.283.0).
      const protectedByBlock = ([] as any[]).concat(s.config.deletion_protection_config ?? []).some((c) => isOn(c?.enabled));
      return isOn(s.config.deletion_protection_enabled) || protectedByBlock ? undefined : 'deletion_protection_enabled is off';
    }
    const subnets = ([] as unknown[]).concat(s.config.subnets ?? s.config.subnet_mapping ?? []);
    if (subnets.length < 2) return `subnets has ${subnets.length} subnet(s)`;
    if (!isOn(s.config.drop_invalid_header_fields)) return 'drop_invalid_header_fields is off';
    return isOn(s.config.enable_deletion_protection) ? undefined : 'enable_deletion_protection is off';
  },
};

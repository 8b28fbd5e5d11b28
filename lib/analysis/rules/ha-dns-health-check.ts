import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** Every failover or latency DNS record is health-checked. */
export const HA_DNS_HEALTH_CHECK: PolicyRule = {
  id: 'HA-DNS-HEALTH-CHECK',
  level: PolicyLevel.ERROR,
  description: "Every failover or latency DNS record is health-checked",
  why: "Without a health check DNS keeps sending users to a dead region.",
  fix: "give the record a health_check_id, or make it an alias with evaluate_target_health",
  resourceTypes: ['aws_route53_record'],
  check: (s) => {
    if (!s.config.failover_routing_policy && !s.config.latency_routing_policy) return undefined;
    if (s.config.health_check_id) return undefined;
    return isOn(s.config.alias?.evaluate_target_health) ? undefined : 'a failover/latency record has no health check';
  },
};

import { asList, isOn, PolicyContext, PolicyLevel, PolicyRule, PolicySubject, refersTo } from '../policy-rule';
import { referencedResource } from './references';

/** Every failover or latency DNS record (Alibaba: GTM 2.0 access strategy) is health-checked. */
export const HA_DNS_HEALTH_CHECK: PolicyRule = {
  id: 'HA-DNS-HEALTH-CHECK',
  level: PolicyLevel.ERROR,
  description: "Every failover or latency DNS record is health-checked",
  why: "Without a health check DNS keeps sending users to a dead region.",
  fix: "give the record a health_check_id, or make it an alias with evaluate_target_health "
    + "(Alibaba GTM: an alicloud_alidns_monitor_config for every address pool of the access strategy, addresses in SMART mode)",
  resourceTypes: ['aws_route53_record', 'alicloud_alidns_access_strategy'],
  check: (s, context) => (s.type === 'alicloud_alidns_access_strategy' ? checkAccessStrategy(s, context) : checkRecord(s)),
};

function checkRecord(s: PolicySubject): string | undefined {
  if (!s.config.failover_routing_policy && !s.config.latency_routing_policy) return undefined;
  if (s.config.health_check_id) return undefined;
  return isOn(asList(s.config.alias)[0]?.evaluate_target_health) ? undefined : 'a failover/latency record has no health check';
}

/**
 * A GTM 2.0 access strategy that chooses among pools (failover pools, latency routing, or several
 * default pools): each of its pools needs a monitor config (GTM's health check), and no address may be
 * pinned ONLINE, which answers with it whatever the health check says (UpdateGtmAddressPool: SMART,
 * ONLINE, OFFLINE).
 */
function checkAccessStrategy(s: PolicySubject, context: PolicyContext): string | undefined {
  const defaults = asList(s.config.default_addr_pools);
  const failovers = asList(s.config.failover_addr_pools);
  if (failovers.length === 0 && defaults.length < 2 && s.config.strategy_mode !== 'LATENCY') return undefined;
  for (const poolRef of [...defaults, ...failovers]) {
    const pool = referencedResource(context, ['alicloud_alidns_address_pool'], poolRef?.addr_pool_id);
    if (!pool) continue; // a pool outside this stack: not ours to judge
    const monitored = context.resourcesOfType('alicloud_alidns_monitor_config').some((m) => refersTo(m.config.addr_pool_id, pool.address));
    if (!monitored) return `address pool ${pool.address} has no health check (alicloud_alidns_monitor_config)`;
    if (asList(pool.config.address).some((address) => address?.mode === 'ONLINE')) {
      return `address pool ${pool.address} has an address in mode ONLINE, which ignores its health check`;
    }
  }
  return undefined;
}

import { asList, isOn, PolicyLevel, PolicyRule, refersTo } from '../policy-rule';
import { isUnknown } from './references';

/**
 * Load balancers write access logs. An error, not a warning: like every other SEC rule it guards a
 * control that cannot be added after the fact (the requests of an incident that were never logged
 * are gone), AWS Well-Architected SEC04-BP01 ("Configure service and application logging") asks for
 * it, and cdk-nag's AwsSolutions-ELB2 treats a load balancer without access logs as an error.
 * Gateway load balancers have no access logs; network load balancers only log TLS listeners, so
 * only application load balancers (the `aws_lb` default type) are judged on AWS.
 */
export const SEC_LB_ACCESS_LOGS: PolicyRule = {
  id: 'SEC-LB-ACCESS-LOGS',
  level: PolicyLevel.ERROR,
  description: "Application load balancers write access logs",
  why: "Without access logs an attack or an outage cannot be traced to the requests that caused it, and they cannot be recovered later.",
  fix: "set access_logs { enabled = true, bucket = ... } (Alibaba: access_log_config, or an "
    + "alicloud_alb_load_balancer_access_log_config_attachment with log_project and log_store), or suppress for a throw-away environment",
  resourceTypes: ['aws_lb', 'alicloud_alb_load_balancer'],
  check: (s, context) => {
    if (s.type === 'aws_lb') {
      if ((s.config.load_balancer_type ?? 'application') !== 'application') return undefined;
      const logs = asList(s.config.access_logs)[0];
      // Provider docs (aws_lb): enabled defaults to false, even when a bucket is given.
      if (!logs || !(isOn(logs.enabled) || isUnknown(logs.enabled))) return 'access_logs.enabled is not true';
      return logs.bucket ? undefined : 'access_logs.bucket is not set';
    }
    const inline = asList(s.config.access_log_config)[0];
    if (inline?.log_project && inline?.log_store) return undefined;
    const attached = context.resourcesOfType('alicloud_alb_load_balancer_access_log_config_attachment')
      .some((a) => refersTo(a.config.load_balancer_id, s.address) && a.config.log_project && a.config.log_store);
    return attached ? undefined : 'no access_log_config and no access-log attachment refers to it';
  },
};

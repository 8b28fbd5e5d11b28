import { asList, PolicyContext, PolicyLevel, PolicyRule, PolicySubject, refersTo } from '../policy-rule';
import { isUnknown, referencedResource } from './references';

// ALB system TLS policies without TLS 1.0/1.1 (ALB docs, "TLS security policies"); the others
// (tls_cipher_policy_1_0, _1_1, _1_0_to_1_3) accept older versions. A listener without
// security_policy_id gets tls_cipher_policy_1_0.
const ALB_TLS12_SYSTEM_POLICIES = ['tls_cipher_policy_1_2', 'tls_cipher_policy_1_2_strict', 'tls_cipher_policy_1_2_strict_with_1_3'];
const ALB_DEFAULT_POLICY = 'tls_cipher_policy_1_0';
const TLS_BELOW_1_2 = /^TLSv1(\.[01])?$/;

/** Listeners serve HTTPS with TLS 1.2 or newer, and plain HTTP only redirects. */
export const SEC_TLS_LISTENER: PolicyRule = {
  id: 'SEC-TLS-LISTENER',
  level: PolicyLevel.ERROR,
  description: "Listeners serve HTTPS with TLS 1.2 or newer, and plain HTTP only redirects",
  why: "Plain HTTP and TLS 1.0/1.1 expose sessions to interception.",
  fix: "use an ELBSecurityPolicy-TLS13-1-2-* or -TLS-1-2-* policy and make HTTP listeners redirect to HTTPS "
    + "(Alibaba ALB: security_policy_id tls_cipher_policy_1_2* or an alicloud_alb_security_policy with TLSv1.2/TLSv1.3 only, "
    + "and an alicloud_alb_rule on the HTTP listener that redirects every path to HTTPS)",
  resourceTypes: ['aws_lb_listener', 'alicloud_alb_listener'],
  check: (s, context) => (s.type === 'alicloud_alb_listener' ? checkAlbListener(s, context) : checkLbListener(s)),
};

function checkLbListener(s: PolicySubject): string | undefined {
  if (s.config.protocol === 'HTTPS') {
    const policy = String(s.config.ssl_policy ?? 'ELBSecurityPolicy-2016-08');
    return /TLS13|TLS-1-2|FS-1-2/.test(policy) ? undefined : `ssl_policy ${policy} allows TLS below 1.2`;
  }
  if (s.config.protocol === 'HTTP') {
    const actions = asList(s.config.default_action);
    return actions.length > 0 && actions.every((a) => a.type === 'redirect' && a.redirect?.protocol === 'HTTPS')
      ? undefined : 'an HTTP listener serves content instead of redirecting to HTTPS';
  }
  return undefined;
}

function checkAlbListener(s: PolicySubject, context: PolicyContext): string | undefined {
  if (s.config.listener_protocol === 'HTTPS') {
    const policyId = s.config.security_policy_id ?? ALB_DEFAULT_POLICY;
    if (ALB_TLS12_SYSTEM_POLICIES.includes(policyId)) return undefined;
    if (typeof policyId === 'string' && policyId.startsWith('tls_cipher_policy_')) return `security_policy_id ${policyId} allows TLS below 1.2`;
    const custom = referencedResource(context, ['alicloud_alb_security_policy'], policyId);
    if (!custom) return undefined; // the id of a policy outside this stack: not ours to judge
    const old = asList(custom.config.tls_versions).filter((v) => typeof v === 'string' && TLS_BELOW_1_2.test(v));
    return old.length ? `security policy ${custom.address} allows ${old.join(', ')}` : undefined;
  }
  if (s.config.listener_protocol === 'HTTP') return albHttpListenerProblem(s, context);
  return undefined; // QUIC is TLS 1.3 only
}

/**
 * An ALB listener's default action can only forward (aliyun/alicloud 1.283.0: `default_actions` has
 * no redirect), so an HTTP listener redirects with an `alicloud_alb_rule` that matches every request.
 * Rules are evaluated by ascending priority: no rule that forwards may come before that redirect.
 */
function albHttpListenerProblem(s: PolicySubject, context: PolicyContext): string | undefined {
  const rules = context.resourcesOfType('alicloud_alb_rule')
    .filter((rule) => refersTo(rule.config.listener_id, s.address) && (rule.config.direction ?? 'Request') === 'Request');
  const catchAll = rules.filter(redirectsEveryRequestToHttps);
  if (catchAll.length === 0) return 'an HTTP listener serves content: no alicloud_alb_rule redirects every request to HTTPS';
  const first = Math.min(...catchAll.map(priorityOf));
  if (Number.isNaN(first)) return undefined; // a priority only known at apply time
  const before = rules.find((rule) => forwards(rule) && priorityOf(rule) <= first);
  if (before) return `rule ${before.address} (priority ${before.config.priority}) forwards HTTP requests before the redirect to HTTPS`;
  return undefined;
}

function redirectsEveryRequestToHttps(rule: PolicySubject): boolean {
  const redirects = asList(rule.config.rule_actions).some((action) =>
    action?.type === 'Redirect' && asList(action.redirect_config).some((r) => r?.protocol === 'HTTPS'));
  const conditions = asList(rule.config.rule_conditions);
  const everyPath = conditions.every((c) =>
    c?.type === 'Path' && asList(c.path_config).some((p) => asList(p?.values).includes('/*')));
  return redirects && !forwards(rule) && everyPath;
}

function priorityOf(rule: PolicySubject): number {
  return isUnknown(rule.config.priority) ? NaN : Number(rule.config.priority);
}

function forwards(rule: PolicySubject): boolean {
  return asList(rule.config.rule_actions).some((action) => action?.type === 'ForwardGroup');
}

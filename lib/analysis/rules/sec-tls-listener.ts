import { PolicyLevel, PolicyRule } from '../policy-rule';

/** Listeners serve HTTPS with TLS 1.2 or newer, and plain HTTP only redirects. */
export const SEC_TLS_LISTENER: PolicyRule = {
  id: 'SEC-TLS-LISTENER',
  level: PolicyLevel.ERROR,
  description: "Listeners serve HTTPS with TLS 1.2 or newer, and plain HTTP only redirects",
  why: "Plain HTTP and TLS 1.0/1.1 expose sessions to interception.",
  fix: "use an ELBSecurityPolicy-TLS13-1-2-* or -TLS-1-2-* policy and make HTTP listeners redirect to HTTPS",
  resourceTypes: ['aws_lb_listener'],
  check: (s) => {
    if (s.config.protocol === 'HTTPS') {
      const policy = String(s.config.ssl_policy ?? 'ELBSecurityPolicy-2016-08');
      return /TLS13|TLS-1-2|FS-1-2/.test(policy) ? undefined : `ssl_policy ${policy} allows TLS below 1.2`;
    }
    if (s.config.protocol === 'HTTP') {
      const actions = ([] as any[]).concat(s.config.default_action ?? []);
      return actions.length > 0 && actions.every((a) => a.type === 'redirect' && a.redirect?.protocol === 'HTTPS')
        ? undefined : 'an HTTP listener serves content instead of redirecting to HTTPS';
    }
    return undefined;
  },
};

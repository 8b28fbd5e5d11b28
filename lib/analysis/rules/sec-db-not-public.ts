import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** The database is not reachable from the internet. */
export const SEC_DB_NOT_PUBLIC: PolicyRule = {
  id: 'SEC-DB-NOT-PUBLIC',
  level: PolicyLevel.ERROR,
  description: "The database is not reachable from the internet",
  why: "A public endpoint invites credential stuffing and exploits of the engine.",
  fix: "set publicly_accessible to false and keep the whitelist to private ranges",
  resourceTypes: ['aws_db_instance', 'alicloud_db_instance'],
  check: (s) => {
    if (s.type === 'aws_db_instance') return isOn(s.config.publicly_accessible) ? 'publicly_accessible is true' : undefined;
    const ips = ([] as string[]).concat(s.config.security_ips ?? []);
    return ips.some((ip) => ip === '0.0.0.0/0' || ip === '0.0.0.0') ? 'security_ips admits 0.0.0.0/0' : undefined;
  },
};

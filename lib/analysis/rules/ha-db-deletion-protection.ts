import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** The database cannot be deleted by accident. */
export const HA_DB_DELETION_PROTECTION: PolicyRule = {
  id: 'HA-DB-DELETION-PROTECTION',
  level: PolicyLevel.ERROR,
  description: "The database cannot be deleted by accident",
  why: "A mistaken destroy or replacement loses the data and its automated backups.",
  fix: "set deletion_protection",
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'alicloud_db_instance'],
  check: (s) => (s.type === 'aws_db_instance' && s.config.replicate_source_db) || isOn(s.config.deletion_protection) ? undefined : 'deletion_protection is off',
};

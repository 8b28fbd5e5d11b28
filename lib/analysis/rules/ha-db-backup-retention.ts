import { PolicyLevel, PolicyRule } from '../policy-rule';

/** Automated database backups are kept at least 7 days. */
export const HA_DB_BACKUP_RETENTION: PolicyRule = {
  id: 'HA-DB-BACKUP-RETENTION',
  level: PolicyLevel.ERROR,
  description: "Automated database backups are kept at least 7 days",
  why: "Corruption is often found days later; a shorter window loses the last good copy.",
  fix: "raise backup_retention_period to 7 days or more",
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'alicloud_db_backup_policy'],
  check: (s) => {
    if (s.type === 'aws_db_instance' && s.config.replicate_source_db) return undefined;
    const days = Number(s.config.backup_retention_period ?? (s.type === 'aws_rds_cluster' ? 1 : 0));
    return days >= 7 ? undefined : `backup_retention_period is ${days} day(s)`;
  },
};

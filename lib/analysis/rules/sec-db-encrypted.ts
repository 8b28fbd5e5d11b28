import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** Database storage is encrypted at rest. */
export const SEC_DB_ENCRYPTED: PolicyRule = {
  id: 'SEC-DB-ENCRYPTED',
  level: PolicyLevel.ERROR,
  description: "Database storage is encrypted at rest",
  why: "Unencrypted volumes and snapshots expose the data to anyone who gets a copy.",
  fix: "set storage_encrypted with a KMS key (Alibaba: encryption_key)",
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'alicloud_db_instance'],
  check: (s) => {
    if (s.type === 'alicloud_db_instance') return s.config.encryption_key ? undefined : 'encryption_key is not set';
    return isOn(s.config.storage_encrypted) ? undefined : 'storage_encrypted is off';
  },
};

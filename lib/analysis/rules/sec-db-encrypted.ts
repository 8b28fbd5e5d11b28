import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';
import { isUnknown } from './references';

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
    const encrypted = s.config.storage_encrypted;
    if (isOn(encrypted) || isUnknown(encrypted)) return undefined;
    // Provider docs (aws_rds_cluster, storage_encrypted): defaults to true for engine_mode serverless, false otherwise.
    if (encrypted === undefined && s.type === 'aws_rds_cluster' && s.config.engine_mode === 'serverless') return undefined;
    return 'storage_encrypted is off';
  },
};

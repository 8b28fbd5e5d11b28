// Every rule, one per file.
import { PolicyRule } from '../policy-rule';
import { HA_DB_MULTI_AZ } from './ha-db-multi-az';
import { HA_DB_BACKUP_RETENTION } from './ha-db-backup-retention';
import { HA_DB_DELETION_PROTECTION } from './ha-db-deletion-protection';
import { SEC_DB_ENCRYPTED } from './sec-db-encrypted';
import { SEC_DB_NOT_PUBLIC } from './sec-db-not-public';
import { SEC_STORAGE_ENCRYPTED } from './sec-storage-encrypted';
import { SEC_BUCKET_VERSIONING } from './sec-bucket-versioning';
import { SEC_BUCKET_PUBLIC_ACCESS } from './sec-bucket-public-access';
import { SEC_BUCKET_TLS_ONLY } from './sec-bucket-tls-only';
import { HA_BACKUP_SELECTION } from './ha-backup-selection';
import { HA_BACKUP_CROSS_REGION } from './ha-backup-cross-region';
import { HA_ASG_ZONES } from './ha-asg-zones';
import { SEC_IMDSV2 } from './sec-imdsv2';
import { HA_LB_ZONES } from './ha-lb-zones';
import { SEC_TLS_LISTENER } from './sec-tls-listener';
import { SEC_LB_ACCESS_LOGS } from './sec-lb-access-logs';
import { SEC_SG_WORLD_INGRESS } from './sec-sg-world-ingress';
import { HA_NAT_PER_ZONE } from './ha-nat-per-zone';
import { SEC_KMS_ROTATION } from './sec-kms-rotation';
import { HA_DNS_HEALTH_CHECK } from './ha-dns-health-check';

/** The rules ResiliencePolicies applies, in report order. */
export const ALL_RULES: readonly PolicyRule[] = [
  HA_DB_MULTI_AZ,
  HA_DB_BACKUP_RETENTION,
  HA_DB_DELETION_PROTECTION,
  SEC_DB_ENCRYPTED,
  SEC_DB_NOT_PUBLIC,
  SEC_STORAGE_ENCRYPTED,
  SEC_BUCKET_VERSIONING,
  SEC_BUCKET_PUBLIC_ACCESS,
  SEC_BUCKET_TLS_ONLY,
  HA_BACKUP_SELECTION,
  HA_BACKUP_CROSS_REGION,
  HA_ASG_ZONES,
  SEC_IMDSV2,
  HA_LB_ZONES,
  SEC_TLS_LISTENER,
  SEC_LB_ACCESS_LOGS,
  SEC_SG_WORLD_INGRESS,
  HA_NAT_PER_ZONE,
  SEC_KMS_ROTATION,
  HA_DNS_HEALTH_CHECK,
];

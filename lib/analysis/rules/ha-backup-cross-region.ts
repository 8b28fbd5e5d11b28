import { asList, PolicyContext, PolicyLevel, PolicyRule } from '../policy-rule';
import { isUnknown } from './references';

/** In a deployment over 2+ regions, backups are copied to another region. */
export const HA_BACKUP_CROSS_REGION: PolicyRule = {
  id: 'HA-BACKUP-CROSS-REGION',
  level: PolicyLevel.ERROR,
  description: 'In a deployment over 2+ regions, backup plans copy their recovery points to another region: a rule of the '
    + 'aws_backup_plan has a copy_action, an alicloud_hbr_policy has a REPLICATION rule. Only what the same stack shows is '
    + 'judged: not S3 buckets, Alibaba RDS instances (their cross-region copy, a DTS job or a cross-region backup policy, '
    + 'may live in the other region\'s stack) nor HBR vaults (an alicloud_hbr_replication_vault in the other region copies '
    + 'them). A stack that holds another region\'s copies (a cross-region database replica, an Aurora global secondary, '
    + 'replicated RDS automated backups, an HBR replication vault, or a DTS-synchronized database) is a standby: its '
    + 'plans back up copies whose originals are protected in their own region, and are not judged',
  why: 'A region outage, or a compromise of one region, otherwise takes the only backups with it.',
  fix: 'add a copy_action with destination_vault_arn in another region to a rule of the aws_backup_plan, or a rule '
    + '{ rule_type: REPLICATION, replication_region_id } to the alicloud_hbr_policy (with an alicloud_hbr_replication_vault '
    + 'in that region)',
  resourceTypes: ['aws_backup_plan', 'alicloud_hbr_policy'],
  check: (s, context) => {
    if (context.regionCount < 2 || holdsCopiesOfAnotherRegion(context)) return undefined;
    if (s.type === 'aws_backup_plan') {
      const rules = asList(s.config.rule);
      if (rules.some((rule) => isUnknown(rule) || asList(rule?.copy_action).some((copy) => copy?.destination_vault_arn))) return undefined;
      return 'no rule has a copy_action to another region';
    }
    const copies = asList(s.config.rules).some((rule) => isUnknown(rule)
      || (String(rule?.rule_type).toUpperCase() === 'REPLICATION' && rule?.replication_region_id));
    return copies ? undefined : 'no rule has rule_type REPLICATION with a replication_region_id';
  },
};

/** Whether the stack holds a copy of another region's data, which makes it that region's standby. */
function holdsCopiesOfAnotherRegion(context: PolicyContext): boolean {
  const of = (type: string) => context.resourcesOfType(type).map((r) => r.config);
  return of('aws_db_instance').some((db) => db.replicate_source_db && !String(db.replicate_source_db).startsWith('${aws_db_instance.')
      && (isUnknown(db.replicate_source_db) || String(db.replicate_source_db).startsWith('arn:')))
    || of('aws_rds_cluster').some((cluster) => cluster.replication_source_identifier
      || (cluster.global_cluster_identifier && !cluster.master_username))
    || of('aws_db_instance_automated_backups_replication').length > 0
    || of('alicloud_hbr_replication_vault').length > 0
    || of('alicloud_dts_synchronization_job').some((job) => String(job.destination_endpoint_instance_id).startsWith('${alicloud_db_instance.')
      && job.source_endpoint_region !== job.destination_endpoint_region);
}

import { isOn, PolicyContext, PolicyLevel, PolicyRule, PolicySubject } from '../policy-rule';
import { attachedTo, isUnknown } from './references';

/** The database keeps a synchronous standby in another zone. */
export const HA_DB_MULTI_AZ: PolicyRule = {
  id: 'HA-DB-MULTI-AZ',
  level: PolicyLevel.ERROR,
  description: 'The database keeps a synchronous standby in another zone: RDS Multi-AZ, an Aurora cluster with 2+ instances '
    + 'not all pinned to one zone (a headless Aurora global secondary, without instances, is not judged), Alibaba RDS with '
    + 'zone_id_slave_a',
  why: 'A zone loss otherwise takes the database down until it is rebuilt.',
  fix: 'set multi_az (RDS), add an aws_rds_cluster_instance reader in another availability_zone (Aurora) or set '
    + 'zone_id_slave_a (Alibaba RDS)',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'alicloud_db_instance'],
  check: (s, context) => {
    if (s.type === 'aws_db_instance') {
      if (s.config.replicate_source_db) return undefined; // a replica follows its source's zones
      return isOn(s.config.multi_az) ? undefined : 'multi_az is not enabled';
    }
    if (s.type === 'aws_rds_cluster') return clusterProblem(s, context);
    const { zone_id: zone, zone_id_slave_a: standby } = s.config;
    return standby && standby !== zone ? undefined : 'zone_id_slave_a is not set to another zone than zone_id';
  },
};

/** Why an RDS/Aurora cluster does not survive a zone loss, or undefined. */
function clusterProblem(cluster: PolicySubject, context: PolicyContext): string | undefined {
  // A Multi-AZ DB cluster (RDS for MySQL/PostgreSQL) has a writer and two readers in three zones by itself.
  if (cluster.config.db_cluster_instance_class) return undefined;
  const instances = attachedTo(context, 'aws_rds_cluster_instance', 'cluster_identifier', cluster, 'cluster_identifier');
  // With for_each, or a count or zone computed per copy, the number and the zones are known only at plan time.
  if (instances.some((i) => i.config.for_each !== undefined || isUnknown(i.config.count) || /count\.index/.test(String(i.config.availability_zone)))) {
    return undefined;
  }
  const zones = instances.flatMap((i) => Array<unknown>(copies(i)).fill(i.config.availability_zone));
  // A headless secondary of a global database (no instances, credentials from the primary) serves nothing until
  // instances are added at failover; its storage already spans three zones.
  if (zones.length === 0 && cluster.config.global_cluster_identifier && !cluster.config.master_username) return undefined;
  if (zones.length < 2) return `${zones.length} aws_rds_cluster_instance refer${zones.length === 1 ? 's' : ''} to it: a zone loss leaves no reader to promote`;
  const first = zones[0];
  if (first !== undefined && zones.every((zone) => zone === first)) return `every aws_rds_cluster_instance has availability_zone ${first}`;
  return undefined;
}

/** How many instances a resource block makes (`count`, else one). */
function copies(instance: PolicySubject): number {
  const count = instance.config.count;
  return count === undefined ? 1 : Math.max(0, Number(count) || 0);
}

import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** The database keeps a synchronous standby in another zone. */
export const HA_DB_MULTI_AZ: PolicyRule = {
  id: 'HA-DB-MULTI-AZ',
  level: PolicyLevel.ERROR,
  description: "The database keeps a synchronous standby in another zone",
  why: "A zone loss otherwise takes the database down until it is rebuilt.",
  fix: "set multi_az (RDS), a reader in another zone (Aurora) or zone_id_slave_a (Alibaba RDS)",
  resourceTypes: ['aws_db_instance', 'alicloud_db_instance'],
  check: (s) => {
    if (s.type === 'aws_db_instance') {
      if (s.config.replicate_source_db) return undefined; // a replica follows its source's zones
      return isOn(s.config.multi_az) ? undefined : 'multi_az is not enabled';
    }
    const { zone_id: zone, zone_id_slave_a: standby } = s.config;
    return standby && standby !== zone ? undefined : 'zone_id_slave_a is not set to another zone than zone_id';
  },
};

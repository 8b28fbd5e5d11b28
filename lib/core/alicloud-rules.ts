// Alibaba Cloud naming and value rules shared by the spec validation and the Alibaba Cloud constructs,
// so a spec that passes validation never fails inside a construct. No provider import.
import { DatabaseEngine } from './enums';

/** ECS instance types: `ecs.<family>.<size>`, e.g. ecs.g7.large, ecs.t6-c1m1.large, ecs.gn7i-c8g1.2xlarge. */
export const ECS_INSTANCE_TYPE = /^ecs\.[a-z][a-z0-9]*(-[a-z0-9]+)*\.(nano|micro|small|medium|large|[1-9][0-9]*xlarge|xlarge)$/;

/** Custom, shared and marketplace images are `m-<id>`; public images are named by file (aliyun_3_x64_20G_alibase_20240819.vhd). */
export const ECS_IMAGE_ID = /^(m-[a-z0-9]{8,}|[A-Za-z0-9][A-Za-z0-9_.-]*\.vhd)$/;

/**
 * Provider docs (alicloud_db_instance, engine_version) list MySQL 5.5–8.0 and PostgreSQL 10.0–15.0;
 * RDS has since added MySQL 8.4 and PostgreSQL 16.0. 8.0 is the most widely offered MySQL; 16.0 the
 * newest PostgreSQL major documented on RDS.
 */
export const ALICLOUD_DEFAULT_ENGINE_VERSION: { readonly [engine: string]: string } = {
  [DatabaseEngine.MYSQL]: '8.0',
  [DatabaseEngine.POSTGRES]: '16.0',
};
export const ALICLOUD_ENGINE_VERSION_PATTERN: { readonly [engine: string]: RegExp } = {
  [DatabaseEngine.MYSQL]: /^(5\.7|8\.0|8\.4)$/,
  [DatabaseEngine.POSTGRES]: /^(1\d|2\d)\.0$/,
};

/**
 * RDS instance type codes of cloud-disk instances are `<engine>.<family>.<size>...`, e.g.
 * `mysql.n2.medium.2c`, `pg.n2.2c.2m` (RDS docs, "Primary instance types"). The local-SSD codes
 * (`rds.mysql.s2.large`, ...) do not take ESSD storage.
 */
export const RDS_CLASS_PATTERN: { readonly [engine: string]: RegExp } = {
  [DatabaseEngine.MYSQL]: /^mysql(\.[a-z0-9]+){2,4}$/,
  [DatabaseEngine.POSTGRES]: /^pg(\.[a-z0-9]+){2,4}$/,
};

/** ECS resources take at most 20 tags (ECS API, RunInstances, Tag.N); ESS tag keys are at most 64 characters. */
export const ALICLOUD_MAX_TAGS = 20;
export const ALICLOUD_MAX_TAG_KEY = 64;
export const ALICLOUD_MAX_TAG_VALUE = 128;
/** Tag keys and values must not start with these (ECS API, Tag.N.Key). */
export const ALICLOUD_RESERVED_TAG_PREFIX = /^(aliyun|acs:|https?:\/\/)/i;

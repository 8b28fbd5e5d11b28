import { Testing } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack } from '../../../lib';
import { PolicyContext, PolicyRule } from '../../../lib/analysis/policy-rule';
import { ALL_RULES } from '../../../lib/analysis/rules';
import { HA_BACKUP_CROSS_REGION } from '../../../lib/analysis/rules/ha-backup-cross-region';
import { HA_BACKUP_SELECTION } from '../../../lib/analysis/rules/ha-backup-selection';
import { HA_DB_BACKUP_RETENTION } from '../../../lib/analysis/rules/ha-db-backup-retention';
import { HA_DB_DELETION_PROTECTION } from '../../../lib/analysis/rules/ha-db-deletion-protection';
import { HA_DB_MULTI_AZ } from '../../../lib/analysis/rules/ha-db-multi-az';
import { SEC_BUCKET_TLS_ONLY } from '../../../lib/analysis/rules/sec-bucket-tls-only';
import { SEC_DB_ENCRYPTED } from '../../../lib/analysis/rules/sec-db-encrypted';
import { SEC_STORAGE_ENCRYPTED } from '../../../lib/analysis/rules/sec-storage-encrypted';
import { fixtureContext, ResourceSection, subject } from '../../util/policy-fixtures';

/** The rule's verdict on `type.x` with `config`, in a stack of `others` (the subject is added to it). */
function verdict(rule: PolicyRule, type: string, config: object, others: ResourceSection = {}, regionCount = 1, data: ResourceSection = {}): string | undefined {
  expect(rule.resourceTypes).toContain(type);
  const resources: ResourceSection = { ...others, [type]: { ...(others[type] ?? {}), x: config } };
  const context: PolicyContext = fixtureContext(resources, regionCount, data);
  return rule.check(subject(type, config), context);
}

const NEW_RULES = [SEC_STORAGE_ENCRYPTED, SEC_BUCKET_TLS_ONLY, HA_BACKUP_CROSS_REGION, HA_BACKUP_SELECTION];

describe('registration', () => {
  test.each(NEW_RULES.map((r) => [r.id, r] as const))('%s is in ALL_RULES with its documentation', (_id, rule) => {
    expect(ALL_RULES).toContain(rule);
    expect(rule.id).toMatch(/^(HA|SEC)-[A-Z0-9-]+$/);
    for (const text of [rule.description, rule.why, rule.fix]) expect(text.length).toBeGreaterThan(20);
  });
});

describe('HA-DB-MULTI-AZ on aws_rds_cluster', () => {
  const cluster = { engine: 'aurora-mysql', master_username: 'admin' };
  const instance = (zone?: string, extra: object = {}) => ({ cluster_identifier: '${aws_rds_cluster.x.id}', availability_zone: zone, ...extra });

  test('passes with two instances in different zones', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster,
      { aws_rds_cluster_instance: { w: instance('eu-west-1a'), r: instance('eu-west-1b') } })).toBeUndefined();
  });
  test('passes with two instances whose zones are left to AWS or given as different expressions', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster,
      { aws_rds_cluster_instance: { w: instance(), r: instance() } })).toBeUndefined();
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster, { aws_rds_cluster_instance: {
      w: instance('${data.aws_availability_zones.z.names[0]}'), r: instance('${data.aws_availability_zones.z.names[1]}') } })).toBeUndefined();
  });
  test('fails with one instance, or none', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster, { aws_rds_cluster_instance: { w: instance('eu-west-1a') } }))
      .toBe('1 aws_rds_cluster_instance refers to it: a zone loss leaves no reader to promote');
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster)).toMatch(/^0 aws_rds_cluster_instance refer to it/);
  });
  test('fails when every instance is pinned to the same zone', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster,
      { aws_rds_cluster_instance: { w: instance('eu-west-1a'), r: instance('eu-west-1a') } }))
      .toBe('every aws_rds_cluster_instance has availability_zone eu-west-1a');
  });
  test('counts only the instances of this cluster, by reference or by literal cluster_identifier', () => {
    const others = { aws_rds_cluster_instance: {
      w: instance('a'),
      other: { cluster_identifier: '${aws_rds_cluster.other.id}', availability_zone: 'b' },
    } };
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster, others)).toMatch(/^1 aws_rds_cluster_instance/);
    const literal = { ...cluster, cluster_identifier: 'shop' };
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', literal, { aws_rds_cluster_instance: {
      w: { cluster_identifier: 'shop', availability_zone: 'a' }, r: { cluster_identifier: 'shop', availability_zone: 'b' } } })).toBeUndefined();
  });
  test('reads count: two copies in one literal zone fail, a zone per count.index or a computed count passes', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster, { aws_rds_cluster_instance: { i: instance('a', { count: 2 }) } }))
      .toBe('every aws_rds_cluster_instance has availability_zone a');
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster, { aws_rds_cluster_instance: { i: instance(undefined, { count: 2 }) } })).toBeUndefined();
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster,
      { aws_rds_cluster_instance: { i: instance('${element(var.zones, count.index)}', { count: 2 }) } })).toBeUndefined();
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', cluster, { aws_rds_cluster_instance: { i: instance('a', { count: '${var.n}' }) } })).toBeUndefined();
  });
  test('an Aurora global secondary is judged like any cluster; a headless one (no instances) is not', () => {
    const secondary = { engine: 'aurora-mysql', global_cluster_identifier: 'shop-global' };
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', secondary)).toBeUndefined();
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', secondary, { aws_rds_cluster_instance: { w: instance('a') } }))
      .toMatch(/^1 aws_rds_cluster_instance/);
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', secondary,
      { aws_rds_cluster_instance: { w: instance('a'), r: instance('b') } })).toBeUndefined();
    // The primary member of a global database has credentials: without instances it fails.
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', { ...secondary, master_username: 'admin' })).toMatch(/^0 aws_rds_cluster_instance/);
  });
  test('a Multi-AZ DB cluster (db_cluster_instance_class) passes without instance resources', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_rds_cluster', { engine: 'mysql', db_cluster_instance_class: 'db.m6gd.large' })).toBeUndefined();
  });
  test('aws_db_instance and alicloud_db_instance are judged as before', () => {
    expect(verdict(HA_DB_MULTI_AZ, 'aws_db_instance', { multi_az: true })).toBeUndefined();
    expect(verdict(HA_DB_MULTI_AZ, 'aws_db_instance', { multi_az: false })).toBe('multi_az is not enabled');
    expect(verdict(HA_DB_MULTI_AZ, 'alicloud_db_instance', { zone_id: 'a', zone_id_slave_a: 'b' })).toBeUndefined();
  });
});

describe('SEC-DB-ENCRYPTED on aws_rds_cluster', () => {
  test('storage_encrypted on passes, off or unset (provisioned) fails', () => {
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { storage_encrypted: true })).toBeUndefined();
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { storage_encrypted: 'true' })).toBeUndefined();
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { storage_encrypted: false })).toBe('storage_encrypted is off');
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { engine_mode: 'provisioned' })).toBe('storage_encrypted is off');
  });
  test('serverless (encrypted by default) and expressions pass', () => {
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { engine_mode: 'serverless' })).toBeUndefined();
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { engine_mode: 'serverless', storage_encrypted: false })).toBe('storage_encrypted is off');
    expect(verdict(SEC_DB_ENCRYPTED, 'aws_rds_cluster', { storage_encrypted: '${var.encrypted}' })).toBeUndefined();
  });
});

describe('HA-DB-BACKUP-RETENTION and HA-DB-DELETION-PROTECTION cover the cluster and Alibaba types', () => {
  test.each([
    [HA_DB_BACKUP_RETENTION.id, 'aws_rds_cluster', { backup_retention_period: 7 }, { backup_retention_period: 1 }],
    [HA_DB_BACKUP_RETENTION.id, 'alicloud_db_backup_policy', { backup_retention_period: 35 }, { backup_retention_period: 3 }],
    [HA_DB_DELETION_PROTECTION.id, 'aws_rds_cluster', { deletion_protection: true }, {}],
    [HA_DB_DELETION_PROTECTION.id, 'alicloud_db_instance', { deletion_protection: true }, { deletion_protection: false }],
  ] as [string, string, object, object][])('%s on %s', (id, type, passing, failing) => {
    const rule = ALL_RULES.find((r) => r.id === id)!;
    expect(verdict(rule, type, passing)).toBeUndefined();
    expect(verdict(rule, type, failing)).toEqual(expect.any(String));
  });
});

describe('SEC-STORAGE-ENCRYPTED', () => {
  describe('aws_launch_template', () => {
    const volume = (encrypted: unknown, device = '/dev/xvda') => ({ device_name: device, ebs: { volume_size: 20, encrypted } });
    test('passes when every EBS volume is encrypted (a block or a list of blocks)', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template', { block_device_mappings: [volume('true')] })).toBeUndefined();
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template', { block_device_mappings: volume(true) })).toBeUndefined();
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template',
        { block_device_mappings: [volume(true), { device_name: '/dev/sdb', virtual_name: 'ephemeral0' }] })).toBeUndefined();
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template', { block_device_mappings: [volume('${var.encrypted}')] })).toBeUndefined();
    });
    test('fails when a volume is not encrypted, naming the device', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template',
        { block_device_mappings: [volume(true), volume(false, '/dev/sdf'), volume(undefined, '/dev/sdg')] }))
        .toBe('ebs.encrypted is not set on block_device_mappings /dev/sdf, /dev/sdg');
    });
    test('fails without block_device_mappings: the account default is not shown', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template', { instance_type: 't3.small' })).toMatch(/^no block_device_mappings with ebs: .*default encryption/);
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template', { block_device_mappings: [{ device_name: '/dev/sdb', virtual_name: 'ephemeral0' }] }))
        .toMatch(/^no block_device_mappings with ebs/);
    });
    test('block_device_mappings built by an expression cannot be judged', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'aws_launch_template', { block_device_mappings: '${var.mappings}' })).toBeUndefined();
    });
  });

  describe('alicloud_ecs_launch_template', () => {
    test('passes when the system disk and every data disk are encrypted', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ecs_launch_template', { system_disk: { category: 'cloud_essd', encrypted: true } })).toBeUndefined();
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ecs_launch_template',
        { system_disk: [{ encrypted: true }], data_disks: [{ size: 100, encrypted: true }] })).toBeUndefined();
    });
    test('fails on an unencrypted or missing system disk, or an unencrypted data disk', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ecs_launch_template', { system_disk: { category: 'cloud_essd' } })).toBe('system_disk.encrypted is not set');
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ecs_launch_template', { instance_type: 'ecs.g7.large' })).toMatch(/^no system_disk block/);
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ecs_launch_template',
        { system_disk: { encrypted: true }, data_disks: [{ encrypted: true }, { encrypted: false }] })).toBe('encrypted is not set on 1 of data_disks');
    });
  });

  describe('alicloud_ess_scaling_configuration', () => {
    test('passes with system_disk_encrypted and encrypted data disks', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ess_scaling_configuration',
        { system_disk_encrypted: true, data_disk: [{ encrypted: true }] })).toBeUndefined();
    });
    test('fails without system_disk_encrypted, or with a plain data disk', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ess_scaling_configuration', { system_disk_category: 'cloud_essd' }))
        .toBe('system_disk_encrypted is not set');
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_ess_scaling_configuration', { system_disk_encrypted: true, data_disk: { size: 40 } }))
        .toBe('encrypted is not set on 1 of data_disk');
    });
  });

  describe('alicloud_oss_bucket', () => {
    test('passes with an inline server_side_encryption_rule', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_oss_bucket', { bucket: 'b', server_side_encryption_rule: { sse_algorithm: 'AES256' } })).toBeUndefined();
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_oss_bucket', { bucket: 'b', server_side_encryption_rule: [{ sse_algorithm: 'KMS' }] })).toBeUndefined();
    });
    test('passes with an alicloud_oss_bucket_server_side_encryption that refers to it (by reference or by name)', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_oss_bucket', { bucket: 'b' }, { alicloud_oss_bucket_server_side_encryption: {
        e: { bucket: '${alicloud_oss_bucket.x.bucket}', sse_algorithm: 'KMS', kms_master_key_id: '${alicloud_kms_key.k.id}' } } })).toBeUndefined();
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_oss_bucket', { bucket: 'b' },
        { alicloud_oss_bucket_server_side_encryption: { e: { bucket: 'b', sse_algorithm: 'AES256' } } })).toBeUndefined();
    });
    test('fails without an encryption rule, or when the only one is for another bucket', () => {
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_oss_bucket', { bucket: 'b' })).toMatch(/OSS stores objects unencrypted by default/);
      expect(verdict(SEC_STORAGE_ENCRYPTED, 'alicloud_oss_bucket', { bucket: 'b' },
        { alicloud_oss_bucket_server_side_encryption: { e: { bucket: '${alicloud_oss_bucket.other.bucket}', sse_algorithm: 'KMS' } } }))
        .toMatch(/^no server_side_encryption_rule/);
    });
  });

  test('does not judge vaults that are always encrypted, nor S3 buckets', () => {
    for (const type of ['aws_backup_vault', 'alicloud_hbr_vault', 'aws_s3_bucket']) expect(SEC_STORAGE_ENCRYPTED.resourceTypes).not.toContain(type);
  });
});

describe('SEC-BUCKET-TLS-ONLY', () => {
  const denyInsecure = (key = 'aws:SecureTransport', action = 's3:*', principal: unknown = '*') => JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: principal, Action: action, Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
      Condition: { Bool: { [key]: 'false' } } }],
  });
  const s3Policy = (policy: string, bucket = '${aws_s3_bucket.x.id}') => ({ aws_s3_bucket_policy: { p: { bucket, policy } } });
  const tlsDocument = {
    statement: [
      { sid: 'Replication', effect: 'Allow', actions: ['s3:ReplicateObject'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::1:role/r'] }] },
      { sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['s3:*'], principals: { type: '*', identifiers: ['*'] },
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] },
    ],
  };

  describe('aws_s3_bucket', () => {
    test('passes with a literal JSON policy that denies insecure transport', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', { bucket_prefix: 'b-' }, s3Policy(denyInsecure()))).toBeUndefined();
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy(denyInsecure('aws:securetransport', '*', { AWS: ['*'] })))).toBeUndefined();
    });
    test('passes with a policy read from a data.aws_iam_policy_document (json or minified_json)', () => {
      const data = { aws_iam_policy_document: { doc: tlsDocument } };
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy('${data.aws_iam_policy_document.doc.json}'), 1, data)).toBeUndefined();
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy('${data.aws_iam_policy_document.doc.minified_json}'), 1, data)).toBeUndefined();
    });
    test('follows source_policy_documents of the document', () => {
      const data = { aws_iam_policy_document: {
        doc: { source_policy_documents: ['${data.aws_iam_policy_document.tls.json}'], statement: tlsDocument.statement.slice(0, 1) },
        tls: { statement: tlsDocument.statement.slice(1) },
      } };
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy('${data.aws_iam_policy_document.doc.json}'), 1, data)).toBeUndefined();
    });
    test('fails without a bucket policy, or with a policy for another bucket', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {})).toBe('no aws_s3_bucket_policy refers to it');
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy(denyInsecure(), '${aws_s3_bucket.other.id}')))
        .toBe('no aws_s3_bucket_policy refers to it');
    });
    test('matches a hand-written policy to its bucket by the literal bucket name', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', { bucket: 'my-bucket' }, s3Policy(denyInsecure(), 'my-bucket'))).toBeUndefined();
    });
    test('fails when the policy allows plain HTTP: no Deny, a partial action, a principal subset or the wrong value', () => {
      const reason = 'its bucket policy does not deny s3:* to everyone when aws:SecureTransport is false';
      const allow = JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { Bool: { 'aws:SecureTransport': 'false' } } } });
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy(allow))).toBe(reason);
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy(denyInsecure('aws:SecureTransport', 's3:GetObject')))).toBe(reason);
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy(denyInsecure('aws:SecureTransport', 's3:*', { AWS: 'arn:aws:iam::1:root' })))).toBe(reason);
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy(denyInsecure('acs:SecureTransport')))).toBe(reason);
      const data = { aws_iam_policy_document: { doc: { statement: [{ ...tlsDocument.statement[1], condition: { test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] } }] } } };
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy('${data.aws_iam_policy_document.doc.json}'), 1, data)).toBe(reason);
    });
    test('a policy built by another expression cannot be judged', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy('${jsonencode({"Statement" = []})}'))).toBeUndefined();
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'aws_s3_bucket', {}, s3Policy('${aws_iam_policy.p.policy}'))).toBeUndefined();
    });
  });

  describe('alicloud_oss_bucket', () => {
    const ossDeny = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Principal: ['*'], Action: ['oss:*'],
      Resource: ['acs:oss:*:*:${alicloud_oss_bucket.x.bucket}', 'acs:oss:*:*:${alicloud_oss_bucket.x.bucket}/*'],
      Condition: { Bool: { 'acs:SecureTransport': ['false'] } } }] });
    test('passes with an alicloud_oss_bucket_policy that denies insecure transport', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'alicloud_oss_bucket', { bucket: 'b' },
        { alicloud_oss_bucket_policy: { p: { bucket: '${alicloud_oss_bucket.x.bucket}', policy: ossDeny } } })).toBeUndefined();
    });
    test('passes with the bucket\'s own policy attribute', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'alicloud_oss_bucket', { bucket: 'b', policy: ossDeny })).toBeUndefined();
    });
    test('fails without a policy, or with one that uses the AWS condition key', () => {
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'alicloud_oss_bucket', { bucket: 'b' })).toBe('no alicloud_oss_bucket_policy refers to it');
      expect(verdict(SEC_BUCKET_TLS_ONLY, 'alicloud_oss_bucket', { bucket: 'b', policy: ossDeny.replace('acs:SecureTransport', 'aws:SecureTransport') }))
        .toBe('its bucket policy does not deny oss:* to everyone when acs:SecureTransport is false');
    });
  });
});

describe('HA-BACKUP-CROSS-REGION', () => {
  const rule = (extra: object = {}) => ({ rule_name: 'daily', target_vault_name: '${aws_backup_vault.v.name}', schedule: 'cron(0 3 * * ? *)', ...extra });
  const copy = { copy_action: [{ destination_vault_arn: 'arn:aws:backup:us-west-2:1:backup-vault:shop-us-west-2' }] };

  test('does not apply to a single-region deployment', () => {
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: [rule()] }, {}, 1)).toBeUndefined();
    expect(verdict(HA_BACKUP_CROSS_REGION, 'alicloud_hbr_policy', { rules: [{ rule_type: 'BACKUP' }] }, {}, 1)).toBeUndefined();
  });
  test('aws_backup_plan passes when some rule copies to another vault (a rule block or a list)', () => {
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: [rule(), rule(copy)] }, {}, 2)).toBeUndefined();
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: rule({ copy_action: { destination_vault_arn: '${var.dr_vault}' } }) }, {}, 2)).toBeUndefined();
  });
  test('aws_backup_plan fails without a copy_action', () => {
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: [rule()] }, {}, 2)).toBe('no rule has a copy_action to another region');
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: [rule({ copy_action: [] })] }, {}, 3)).toBe('no rule has a copy_action to another region');
  });
  test('alicloud_hbr_policy passes with a REPLICATION rule, fails without', () => {
    const backup = { rule_type: 'BACKUP', vault_id: '${alicloud_hbr_vault.v.id}', schedule: 'I|1735700400|P1D' };
    expect(verdict(HA_BACKUP_CROSS_REGION, 'alicloud_hbr_policy',
      { rules: [backup, { rule_type: 'REPLICATION', replication_region_id: 'cn-shanghai', retention: 35 }] }, {}, 2)).toBeUndefined();
    expect(verdict(HA_BACKUP_CROSS_REGION, 'alicloud_hbr_policy', { rules: [backup, { rule_type: 'TRANSITION', retention: 35 }] }, {}, 2))
      .toBe('no rule has rule_type REPLICATION with a replication_region_id');
    expect(verdict(HA_BACKUP_CROSS_REGION, 'alicloud_hbr_policy', { rules: [backup, { rule_type: 'REPLICATION' }] }, {}, 2))
      .toBe('no rule has rule_type REPLICATION with a replication_region_id');
  });
  test.each([
    ['a cross-region RDS replica', { aws_db_instance: { r: { replicate_source_db: '${data.terraform_remote_state.primary.outputs.db_arn}' } } }],
    ['an RDS replica of an ARN', { aws_db_instance: { r: { replicate_source_db: 'arn:aws:rds:us-east-1:1:db:shop' } } }],
    ['an Aurora global secondary', { aws_rds_cluster: { c: { global_cluster_identifier: 'shop-global' } } }],
    ['replicated RDS automated backups', { aws_db_instance_automated_backups_replication: { r: { source_db_instance_arn: 'arn:aws:rds:us-east-1:1:db:shop' } } }],
    ['an HBR replication vault', { alicloud_hbr_replication_vault: { v: { replication_source_region_id: 'cn-hangzhou' } } }],
    ['a DTS-synchronized database', { alicloud_db_instance: { d: {} }, alicloud_dts_synchronization_job: { j: {
      destination_endpoint_instance_id: '${alicloud_db_instance.d.id}', source_endpoint_region: 'cn-hangzhou', destination_endpoint_region: 'cn-shanghai' } } }],
  ])('a standby stack (holding %s) is not judged', (_what, standby) => {
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: [rule()] }, standby as ResourceSection, 2)).toBeUndefined();
    expect(verdict(HA_BACKUP_CROSS_REGION, 'alicloud_hbr_policy', { rules: [{ rule_type: 'BACKUP' }] }, standby as ResourceSection, 2)).toBeUndefined();
  });
  test('a same-stack replica or the primary of a global database does not make the stack a standby', () => {
    const primary = {
      aws_db_instance: { r: { replicate_source_db: '${aws_db_instance.db.identifier}' } },
      aws_rds_cluster: { c: { global_cluster_identifier: '${aws_rds_global_cluster.g.id}', master_username: 'admin' } },
    };
    expect(verdict(HA_BACKUP_CROSS_REGION, 'aws_backup_plan', { rule: [rule()] }, primary, 2)).toEqual(expect.any(String));
  });
});

describe('HA-BACKUP-SELECTION', () => {
  const selection = (extra: object) => ({ aws_backup_selection: { s: { name: 's', iam_role_arn: 'r', plan_id: '${aws_backup_plan.x.id}', ...extra } } });
  const plan = { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: 'v' }] };

  test('aws_backup_plan passes with a selection of resources, tags or conditions', () => {
    expect(verdict(HA_BACKUP_SELECTION, 'aws_backup_plan', plan, selection({ resources: ['${aws_db_instance.db.arn}'] }))).toBeUndefined();
    expect(verdict(HA_BACKUP_SELECTION, 'aws_backup_plan', plan, selection({ selection_tag: { type: 'STRINGEQUALS', key: 'backup', value: 'true' } }))).toBeUndefined();
    expect(verdict(HA_BACKUP_SELECTION, 'aws_backup_plan', plan,
      selection({ condition: [{ string_equals: [{ key: 'aws:ResourceTag/backup', value: 'true' }] }] }))).toBeUndefined();
  });
  test('aws_backup_plan fails without a selection, or with one that selects nothing', () => {
    expect(verdict(HA_BACKUP_SELECTION, 'aws_backup_plan', plan)).toBe('no aws_backup_selection refers to it (plan_id)');
    expect(verdict(HA_BACKUP_SELECTION, 'aws_backup_plan', plan, { aws_backup_selection: { s: { plan_id: '${aws_backup_plan.other.id}', resources: ['*'] } } }))
      .toBe('no aws_backup_selection refers to it (plan_id)');
    expect(verdict(HA_BACKUP_SELECTION, 'aws_backup_plan', plan, selection({ resources: [], condition: [{}] })))
      .toBe('its aws_backup_selection selects no resources, tags or conditions');
  });
  test('alicloud_hbr_policy passes with an enabled binding, fails without one', () => {
    const binding = (disabled: boolean) => ({ alicloud_hbr_policy_binding: { b: {
      policy_id: '${alicloud_hbr_policy.x.id}', source_type: 'OSS', data_source_id: '${alicloud_oss_bucket.b.bucket}', disabled } } });
    const policy = { rules: [{ rule_type: 'BACKUP', vault_id: '${alicloud_hbr_vault.v.id}' }] };
    expect(verdict(HA_BACKUP_SELECTION, 'alicloud_hbr_policy', policy, binding(false))).toBeUndefined();
    expect(verdict(HA_BACKUP_SELECTION, 'alicloud_hbr_policy', policy)).toBe('no alicloud_hbr_policy_binding refers to it');
    expect(verdict(HA_BACKUP_SELECTION, 'alicloud_hbr_policy', policy, binding(true))).toBe('every alicloud_hbr_policy_binding of it is disabled');
  });
  test('alicloud_hbr_vault passes when an HBR policy rule or a backup plan stores into it', () => {
    expect(verdict(HA_BACKUP_SELECTION, 'alicloud_hbr_vault', { vault_name: 'v' },
      { alicloud_hbr_policy: { p: { rules: [{ rule_type: 'BACKUP', vault_id: '${alicloud_hbr_vault.x.id}' }] } } })).toBeUndefined();
    expect(verdict(HA_BACKUP_SELECTION, 'alicloud_hbr_vault', { vault_name: 'v' },
      { alicloud_hbr_oss_backup_plan: { p: { vault_id: '${alicloud_hbr_vault.x.id}', bucket: 'b' } } })).toBeUndefined();
  });
  test('alicloud_hbr_vault fails when nothing stores into it', () => {
    expect(verdict(HA_BACKUP_SELECTION, 'alicloud_hbr_vault', { vault_name: 'v' },
      { alicloud_hbr_policy: { p: { rules: [{ rule_type: 'BACKUP', vault_id: '${alicloud_hbr_vault.other.id}' }] } } }))
      .toBe('no HBR policy or backup plan of the stack stores backups in it (vault_id)');
  });
});

describe('the library\'s own deployment', () => {
  test('an Aurora warm standby over two regions passes every rule of this file', () => {
    const app = Testing.app();
    const ha = new HighAvailabilityStack(app, 'shop', {
      cloud: Cloud.AWS,
      regions: ['us-east-1', 'us-west-2'],
      drStrategy: DrStrategy.WARM_STANDBY,
      dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
      app: { instanceType: 't3.small' },
      database: { engine: DatabaseEngine.AURORA_MYSQL, instanceClass: 'db.r6g.large', databaseName: 'shop' },
    });
    app.synth();
    const ids = [...NEW_RULES, HA_DB_MULTI_AZ, SEC_DB_ENCRYPTED].map((r) => r.id);
    const findings = ha.policies.findings.filter((f) => ids.includes(f.id));
    expect(findings.filter((f) => !f.passed)).toEqual([]);
    // Both clusters (the global primary and the secondary) are judged.
    expect(findings.filter((f) => f.id === 'HA-DB-MULTI-AZ' && f.resource.startsWith('aws_rds_cluster.'))).toHaveLength(2);
    expect(new Set(findings.map((f) => f.id))).toEqual(new Set(ids));
  });
});

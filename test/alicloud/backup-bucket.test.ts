import { Testing, TerraformStack } from 'cdktf';
import { BackupBucket, BackupBucketProps, StorageRedundancy } from '../../lib/alicloud/backup-bucket';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

function synth(props?: BackupBucketProps): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  new BackupBucket(stack, 'Backups', props);
  return JSON.parse(Testing.synth(stack));
}

function only(tf: any, type: string): any {
  const all = Object.values(tf.resource[type] ?? {}) as any[];
  expect(all).toHaveLength(1);
  return all[0];
}

const BUCKET_REF = /^\$\{alicloud_oss_bucket\.Backups_Bucket_\w+\.bucket\}$/;

describe('alicloud.BackupBucket', () => {
  test('defaults: Standard ZRS bucket with a deterministic name, no force destroy, split attributes ignored', () => {
    const bucket = only(synth(), 'alicloud_oss_bucket');
    expect(bucket.bucket).toMatch(/^test-backups-[0-9a-f]{8}$/);
    expect(bucket.storage_class).toBe('Standard');
    expect(bucket.redundancy_type).toBe('ZRS');
    expect(bucket.force_destroy).toBe(false);
    expect(bucket.acl).toBeUndefined();
    expect(bucket.policy).toBeUndefined();
    expect(bucket.lifecycle.ignore_changes).toEqual(['versioning', 'server_side_encryption_rule', 'policy', 'acl']);
    expect(synth().resource.alicloud_oss_bucket).toEqual(synth().resource.alicloud_oss_bucket);
  });

  test('default lifecycle: IA at 30, Archive at 90, noncurrent versions expire after 35 days, uploads aborted', () => {
    const rules = only(synth(), 'alicloud_oss_bucket').lifecycle_rule;
    expect(rules).toEqual([{
      id: 'backup-lifecycle',
      enabled: true,
      transitions: [{ days: 30, storage_class: 'IA' }, { days: 90, storage_class: 'Archive' }],
      abort_multipart_upload: [{ days: 7 }],
      noncurrent_version_expiration: [{ days: 35 }],
      expiration: [{ expired_object_delete_marker: true }],
    }]);
  });

  test('long retention moves noncurrent versions to IA; Cold Archive on request', () => {
    const rule = only(synth({ retentionDays: 90, coldArchiveAfterDays: 365 }), 'alicloud_oss_bucket').lifecycle_rule[0];
    expect(rule.noncurrent_version_expiration).toEqual([{ days: 90 }]);
    expect(rule.noncurrent_version_transition).toEqual([{ days: 30, storage_class: 'IA' }]);
    expect(rule.transitions).toEqual([
      { days: 30, storage_class: 'IA' }, { days: 90, storage_class: 'Archive' }, { days: 365, storage_class: 'ColdArchive' },
    ]);
  });

  test('custom tiering days', () => {
    const rule = only(synth({ infrequentAccessAfterDays: 10, coldStorageAfterDays: 40 }), 'alicloud_oss_bucket').lifecycle_rule[0];
    expect(rule.transitions).toEqual([{ days: 10, storage_class: 'IA' }, { days: 40, storage_class: 'Archive' }]);
  });

  test('versioning enabled, no WORM by default', () => {
    const tf = synth();
    const versioning = only(tf, 'alicloud_oss_bucket_versioning');
    expect(versioning).toMatchObject({ status: 'Enabled' });
    expect(versioning.bucket).toMatch(BUCKET_REF);
    expect(tf.resource.alicloud_oss_bucket_worm).toBeUndefined();
  });

  test('default encryption: SSE-KMS with a new EncryptionKey', () => {
    const tf = synth();
    const sse = only(tf, 'alicloud_oss_bucket_server_side_encryption');
    expect(sse.sse_algorithm).toBe('KMS');
    expect(sse.kms_master_key_id).toMatch(/^\$\{alicloud_kms_key\.Backups_Key_\w+\.id\}$/);
    expect(only(tf, 'alicloud_kms_key')).toBeDefined();
    expect(sse.bucket).toMatch(BUCKET_REF);
  });

  test('a given KMS key encrypts the bucket', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const bucket = new BackupBucket(stack, 'Backups', { encryptionKey: { keyId: 'key-hzz123' } });
    const tf = JSON.parse(Testing.synth(stack));
    expect(only(tf, 'alicloud_oss_bucket_server_side_encryption')).toMatchObject({ sse_algorithm: 'KMS', kms_master_key_id: 'key-hzz123' });
    expect(tf.resource.alicloud_kms_key).toBeUndefined();
    expect(bucket.encryptionKeyId).toBe('key-hzz123');
    expect(bucket.versioningId).toBeDefined();
    expect(bucket.retentionDays).toBe(35);
  });

  test('private ACL, public access blocked, TLS 1.2+ only', () => {
    const tf = synth();
    expect(only(tf, 'alicloud_oss_bucket_acl')).toMatchObject({ acl: 'private' });
    expect(only(tf, 'alicloud_oss_bucket_public_access_block')).toMatchObject({ block_public_access: true });
    const https = only(tf, 'alicloud_oss_bucket_https_config');
    expect(https).toMatchObject({ enable: true, tls_versions: ['TLSv1.2', 'TLSv1.3'] });
    expect(https.bucket).toMatch(BUCKET_REF);
  });

  test('bucket policy denies every request without TLS', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    new BackupBucket(stack, 'Backups', { bucketName: 'shop-backups-1' });
    const policy = JSON.parse(only(JSON.parse(Testing.synth(stack)), 'alicloud_oss_bucket_policy').policy);
    expect(policy).toEqual({
      Version: '1',
      Statement: [{
        Effect: 'Deny',
        Principal: ['*'],
        Action: ['oss:*'],
        Resource: [expect.stringMatching(/^acs:oss:\*:\*:\$\{alicloud_oss_bucket\.\w+\.bucket\}$/), expect.stringMatching(/\.bucket\}\/\*$/)],
        Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
      }],
    });
  });

  test('bucket name, LRS and force destroy when asked', () => {
    const bucket = only(synth({ bucketName: 'shop-backups-1', redundancy: StorageRedundancy.LRS, forceDestroy: true }), 'alicloud_oss_bucket');
    expect(bucket).toMatchObject({ bucket: 'shop-backups-1', redundancy_type: 'LRS', force_destroy: true });
  });

  test('objectLockDays: a locked WORM policy, no versioning, no noncurrent-version rules', () => {
    const tf = synth({ objectLockDays: 30 });
    expect(only(tf, 'alicloud_oss_bucket_worm')).toMatchObject({ retention_period_in_days: 30, status: 'Locked' });
    expect(tf.resource.alicloud_oss_bucket_versioning).toBeUndefined();
    const rule = only(tf, 'alicloud_oss_bucket').lifecycle_rule[0];
    expect(rule.noncurrent_version_expiration).toBeUndefined();
    expect(rule.expiration).toBeUndefined();
    expect(rule.transitions).toHaveLength(2);
  });

  test('conforms to the aliyun/alicloud 1.283.0 schema (defaults and every option)', () => {
    expectSchemaConformant(synth());
    expectSchemaConformant(synth({
      bucketName: 'shop-backups-1', encryptionKey: { keyId: 'key-1' }, retentionDays: 120, coldArchiveAfterDays: 400,
      redundancy: StorageRedundancy.LRS, forceDestroy: true,
    }));
    expectSchemaConformant(synth({ objectLockDays: 365 }));
  });

  test.each([
    [{ retentionDays: 0 }, /retentionDays \(0\) must be an integer from 1/],
    [{ retentionDays: 3.5 }, /retentionDays/],
    [{ infrequentAccessAfterDays: 0 }, /infrequentAccessAfterDays \(0\)/],
    [{ infrequentAccessAfterDays: 90, coldStorageAfterDays: 90 }, /coldStorageAfterDays \(90\) must be more than infrequentAccessAfterDays \(90\)/],
    [{ coldArchiveAfterDays: 60 }, /coldArchiveAfterDays \(60\) must be more than coldStorageAfterDays \(90\)/],
    [{ objectLockDays: 0 }, /objectLockDays \(0\) must be an integer from 1 to 25550/],
    [{ objectLockDays: 30000 }, /objectLockDays/],
    [{ objectLockDays: 30, retentionDays: 30 }, /retentionDays \(30\) cannot be combined with objectLockDays/],
    [{ bucketName: 'Shop_Backups' }, /bucketName \("Shop_Backups"\) must be 3 to 63 lowercase/],
    [{ bucketName: 'ab' }, /bucketName/],
    [{ bucketName: 'backups-' }, /bucketName/],
    [{ redundancy: 'GRS' }, /redundancy \("GRS"\) must be one of "ZRS", "LRS"/],
    [{ forceDestroy: 'yes' }, /forceDestroy \("yes"\) must be true or false/],
    [{ encryptionKey: { keyId: '' } }, /encryptionKey\.keyId/],
    [{ retentonDays: 10 }, /retentonDays is not a known prop/],
  ])('rejects %j', (props, message) => {
    expect(() => synth(props as BackupBucketProps)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => synth({ retentionDays: -1, bucketName: 'X', redundancy: 'GRS' as StorageRedundancy }))
      .toThrow(/retentionDays[\s\S]*bucketName[\s\S]*redundancy/);
  });
});

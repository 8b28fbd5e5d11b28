import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Testing, TerraformStack } from 'cdktf';
import { BackupBucket, BackupBucketProps, ObjectLockMode } from '../../lib/aws/backup-bucket';
import { testWithTerraform, validateStackJson } from '../util/terraform';

function stackWith(build: (stack: TerraformStack) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  return Testing.synth(stack);
}

function synth(props?: BackupBucketProps): string {
  return stackWith((stack) => new BackupBucket(stack, 'Backups', props));
}

function only(out: string, type: string): any {
  const all = Object.values(JSON.parse(out).resource[type] ?? {}) as any[];
  expect(all).toHaveLength(1);
  return all[0];
}

function rule(out: string, id: string): any {
  const found = only(out, 'aws_s3_bucket_lifecycle_configuration').rule.find((r: any) => r.id === id);
  expect(found).toBeDefined();
  return found;
}

describe('aws.BackupBucket', () => {
  test('defaults: SSE-KMS with a new rotating key and a bucket key', () => {
    const out = synth();
    const key = only(out, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Backups_Key_\w+\.arn\}$/) },
        bucket_key_enabled: true,
      }],
    });
  });

  test('uses a given key and creates none', () => {
    const out = stackWith((stack) => new BackupBucket(stack, 'Backups', { encryptionKey: { keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' } }));
    expect(JSON.parse(out).resource.aws_kms_key).toBeUndefined();
    const sse = only(out, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe('arn:aws:kms:eu-west-1:111122223333:key/abc');
  });

  test('defaults: versioned, private, no object lock, no force destroy', () => {
    const out = synth();
    const bucket = only(out, 'aws_s3_bucket');
    expect(bucket.force_destroy).toBe(false);
    expect(bucket.object_lock_enabled).toBeUndefined();
    expect(bucket.bucket_prefix).toBe('test-backups-bucket-');
    expect(only(out, 'aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
    expect(JSON.parse(out).resource.aws_s3_bucket_object_lock_configuration).toBeUndefined();
  });

  test('default lifecycle: current versions to STANDARD_IA at 30 and GLACIER at 90 days', () => {
    const out = synth();
    const lifecycle = only(out, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toHaveLength(3);
    expect(lifecycle.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\.Backups_Bucket_Versioning_\w+$/)]);
    const tiering = rule(out, 'tier-current-versions');
    expect(tiering).toEqual({
      id: 'tier-current-versions',
      status: 'Enabled',
      filter: [{}],
      transition: [{ days: 30, storage_class: 'STANDARD_IA' }, { days: 90, storage_class: 'GLACIER' }],
    });
    expect(tiering.expiration).toBeUndefined();
  });

  test('default lifecycle: noncurrent versions expire after 35 days and stay in STANDARD', () => {
    const noncurrent = rule(synth(), 'expire-noncurrent-versions');
    expect(noncurrent.noncurrent_version_expiration).toEqual([{ noncurrent_days: 35 }]);
    // 35 days leaves less than STANDARD_IA's 30-day minimum after day 30.
    expect(noncurrent.noncurrent_version_transition).toBeUndefined();
  });

  test('lifecycle: aborts incomplete uploads after 7 days and removes expired delete markers in a rule without days', () => {
    const cleanUp = rule(synth(), 'clean-up-uploads-and-delete-markers');
    expect(cleanUp.abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 7 }]);
    expect(cleanUp.expiration).toEqual([{ expired_object_delete_marker: true }]);
  });

  test('custom tiers, retention and deep archive', () => {
    const out = synth({
      retentionDays: 400, infrequentAccessAfterDays: 45, coldStorageAfterDays: 120, deepArchiveAfterDays: 365,
    });
    expect(rule(out, 'tier-current-versions').transition).toEqual([
      { days: 45, storage_class: 'STANDARD_IA' },
      { days: 120, storage_class: 'GLACIER' },
      { days: 365, storage_class: 'DEEP_ARCHIVE' },
    ]);
    const noncurrent = rule(out, 'expire-noncurrent-versions');
    expect(noncurrent.noncurrent_version_transition).toEqual([{ noncurrent_days: 45, storage_class: 'STANDARD_IA' }]);
    expect(noncurrent.noncurrent_version_expiration).toEqual([{ noncurrent_days: 400 }]);
  });

  test('noncurrent versions move to STANDARD_IA from exactly IA + 30 days of retention', () => {
    expect(rule(synth({ retentionDays: 59 }), 'expire-noncurrent-versions').noncurrent_version_transition).toBeUndefined();
    expect(rule(synth({ retentionDays: 60 }), 'expire-noncurrent-versions').noncurrent_version_transition)
      .toEqual([{ noncurrent_days: 30, storage_class: 'STANDARD_IA' }]);
  });

  test('object lock: enabled on the bucket with a GOVERNANCE default retention', () => {
    const out = synth({ objectLockDays: 14 });
    expect(only(out, 'aws_s3_bucket').object_lock_enabled).toBe(true);
    const lock = only(out, 'aws_s3_bucket_object_lock_configuration');
    expect(lock.bucket).toMatch(/^\$\{aws_s3_bucket\.Backups_Bucket_\w+\.id\}$/);
    expect(lock.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 14 } });
  });

  test('object lock: COMPLIANCE mode', () => {
    const lock = only(synth({ objectLockDays: 35, objectLockMode: ObjectLockMode.COMPLIANCE }), 'aws_s3_bucket_object_lock_configuration');
    expect(lock.rule.default_retention).toEqual({ mode: 'COMPLIANCE', days: 35 });
  });

  test('force destroy and bucket prefix', () => {
    const bucket = only(synth({ forceDestroy: true, bucketPrefix: 'shop-backups-' }), 'aws_s3_bucket');
    expect(bucket.force_destroy).toBe(true);
    expect(bucket.bucket_prefix).toBe('shop-backups-');
  });

  test('exposes the bucket, its name, ARN, key and versioning', () => {
    let backups: BackupBucket | undefined;
    stackWith((stack) => { backups = new BackupBucket(stack, 'Backups'); });
    expect(backups!.bucketName).toBe(backups!.bucket.bucketName);
    expect(backups!.bucketArn).toBe(backups!.bucket.bucketArn);
    expect(backups!.versioning).toBe(backups!.bucket.versioning);
    expect(backups!.encryptionKey.keyArn).toMatch(/TOKEN/);
    expect(backups!.retentionDays).toBe(35);
    expect(backups!.objectLock).toBeUndefined();
  });

  describe('rejects bad input', () => {
    test.each<[string, BackupBucketProps, RegExp]>([
      ['retention 0', { retentionDays: 0 }, /retentionDays \(0\) must be an integer from 1/],
      ['fractional retention', { retentionDays: 1.5 }, /retentionDays \(1\.5\)/],
      ['IA before day 30', { infrequentAccessAfterDays: 10 }, /infrequentAccessAfterDays \(10\) must be an integer from 30/],
      ['cold storage at IA', { coldStorageAfterDays: 30 }, /coldStorageAfterDays \(30\) must be at least infrequentAccessAfterDays \(30\) \+ 30/],
      ['cold storage under IA + 30', { infrequentAccessAfterDays: 60, coldStorageAfterDays: 89 }, /coldStorageAfterDays \(89\).*\(60\) \+ 30/],
      ['deep archive too early', { deepArchiveAfterDays: 179 }, /deepArchiveAfterDays \(179\) must be at least coldStorageAfterDays \(90\) \+ 90/],
      ['object lock longer than retention', { objectLockDays: 36 }, /objectLockDays \(36\) must be ≤ retentionDays \(35\)/],
      ['object lock 0 days', { objectLockDays: 0 }, /objectLockDays \(0\)/],
      ['object lock mode without days', { objectLockMode: ObjectLockMode.COMPLIANCE }, /objectLockMode \("COMPLIANCE"\) needs objectLockDays/],
      ['unknown object lock mode', { objectLockDays: 1, objectLockMode: 'LEGAL_HOLD' as ObjectLockMode }, /objectLockMode \("LEGAL_HOLD"\) must be one of "GOVERNANCE", "COMPLIANCE"/],
      ['bucket prefix with capitals', { bucketPrefix: 'Backups' }, /bucketPrefix \("Backups"\)/],
      ['bucket prefix too long', { bucketPrefix: 'a'.repeat(38) }, /bucketPrefix/],
      ['force destroy not boolean', { forceDestroy: 'yes' as unknown as boolean }, /forceDestroy \("yes"\) must be true or false/],
      ['misspelt prop', { retentionDay: 30 } as BackupBucketProps, /retentionDay is not a known prop/],
    ])('%s', (_name, props, error) => {
      expect(() => synth(props)).toThrow(error);
    });

    test('names every problem at once, before creating anything', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      expect(() => new BackupBucket(stack, 'Backups', { retentionDays: 0, infrequentAccessAfterDays: 10 }))
        .toThrow(/Invalid aws\.BackupBucket "Backups": retentionDays .*; infrequentAccessAfterDays/);
      expect(stack.node.findAll().some((c) => c.node.id === 'Bucket')).toBe(false);
    });
  });

  testWithTerraform('passes terraform validate with the defaults', () => {
    expect(validateStackJson(synth())).toEqual([]);
  });

  testWithTerraform('passes terraform validate with object lock, deep archive and a noncurrent transition', () => {
    expect(validateStackJson(synth({
      retentionDays: 365, objectLockDays: 30, objectLockMode: ObjectLockMode.COMPLIANCE, deepArchiveAfterDays: 180, forceDestroy: true,
    }))).toEqual([]);
  });
});

import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { OssBucket, OssBucketLifecycleRule, OssBucketLifecycleRuleTransitions } from './gen/providers/alicloud/oss-bucket';
import { OssBucketAcl } from './gen/providers/alicloud/oss-bucket-acl';
import { OssBucketHttpsConfig } from './gen/providers/alicloud/oss-bucket-https-config';
import { OssBucketPolicy } from './gen/providers/alicloud/oss-bucket-policy';
import { OssBucketPublicAccessBlock } from './gen/providers/alicloud/oss-bucket-public-access-block';
import { OssBucketServerSideEncryption } from './gen/providers/alicloud/oss-bucket-server-side-encryption';
import { OssBucketVersioningA } from './gen/providers/alicloud/oss-bucket-versioning';
import { OssBucketWorm } from './gen/providers/alicloud/oss-bucket-worm';
import { EncryptionKey } from './encryption-key';
import { IEncryptionKey } from './interfaces';

/** How OSS stores the copies of each object. */
export enum StorageRedundancy {
  /** Zone-redundant storage: copies in several zones of the region; survives the loss of a zone. */
  ZRS = 'ZRS',
  /** Locally redundant storage: copies in one zone; the bucket is unavailable while that zone is down. */
  LRS = 'LRS',
}

/** Properties of {@link BackupBucket}. */
export interface BackupBucketProps {
  /**
   * Name of the bucket. OSS bucket names are global across all Alibaba Cloud accounts and regions:
   * 3 to 63 lowercase letters, digits and `-`, starting and ending with a letter or digit.
   * @default `<construct path>-<8 hex digits of a hash of the path>`: deterministic (the same on every
   * synth) and unique within the app, but not across accounts; set a name when another account may use
   * the same app and stack names
   */
  readonly bucketName?: string;
  /**
   * KMS key for SSE-KMS.
   * @default a new customer-managed `EncryptionKey` (with rotation, from lib/alicloud/encryption-key)
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Days a noncurrent (overwritten or deleted) object version is kept before OSS deletes it: how far
   * back a deleted or corrupted backup file can be recovered. Current versions never expire. An
   * integer ≥ 1. Not with `objectLockDays` (a WORM bucket is not versioned).
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * Days after the last modification when current objects move to Infrequent Access (IA, billed for
   * at least 30 days). Noncurrent versions move to IA after the same number of days when
   * `retentionDays` keeps them there for at least 30 more days.
   * @default 30
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Days after the last modification when current objects move to Archive (billed for at least 60
   * days; an object must be restored, in about a minute, before it can be read). More than
   * `infrequentAccessAfterDays`.
   * @default 90
   */
  readonly coldStorageAfterDays?: number;
  /**
   * Days after the last modification when current objects move to Cold Archive (billed for at least
   * 180 days; restores take hours). More than `coldStorageAfterDays`. Cold Archive objects are stored
   * locally redundant (one zone) even in a ZRS bucket.
   * @default no Cold Archive transition
   */
  readonly coldArchiveAfterDays?: number;
  /**
   * WORM retention policy in days (1 to 25550, i.e. 70 years): no object can be deleted or
   * overwritten for this long after its last modification, not even by the account owner. The policy is
   * created locked and cannot be removed or shortened. OSS does not allow WORM and versioning on one
   * bucket, so a WORM bucket is not versioned and `retentionDays` does not apply.
   * @default no WORM retention policy; the bucket is versioned instead
   */
  readonly objectLockDays?: number;
  /**
   * Let `terraform destroy` delete the bucket while it still holds backups. Off, so backups are
   * never lost by accident.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Storage redundancy. LRS is a weakening: a zone outage makes the backups unavailable.
   * @default StorageRedundancy.ZRS
   */
  readonly redundancy?: StorageRedundancy;
}

/** IA bills a minimum storage duration of 30 days. */
const IA_MINIMUM_DAYS = 30;
/** Incomplete multipart uploads are billed until aborted; a week covers any upload still in progress. */
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
/** OSS retention policies protect objects from 1 day to 70 years (InitiateBucketWorm API reference). */
const WORM_MAX_DAYS = 70 * 365;
/** A sanity bound for the other day counts (100 years). */
const MAX_DAYS = 36500;

const KNOWN_PROPS = [
  'bucketName', 'encryptionKey', 'retentionDays', 'infrequentAccessAfterDays', 'coldStorageAfterDays',
  'coldArchiveAfterDays', 'objectLockDays', 'forceDestroy', 'redundancy',
];

/**
 * An OSS bucket for backup files: zone-redundant, versioned, SSE-KMS, private ACL, public access
 * blocked, HTTPS only (a bucket policy denies plain HTTP, TLS 1.2+), a lifecycle through IA and
 * Archive (optionally Cold Archive), noncurrent versions kept for `retentionDays`, and an optional
 * locked WORM retention policy.
 */
export class BackupBucket extends Construct {
  /** The `alicloud_oss_bucket` (escape hatch). */
  public readonly bucket: TerraformResource;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** Id of the KMS key of SSE-KMS. */
  public readonly encryptionKeyId: string;
  /** Id of the versioning resource; undefined for a WORM bucket, which is not versioned. */
  public readonly versioningId?: string;
  /** Id of the WORM retention policy, when `objectLockDays` is set. */
  public readonly wormId?: string;
  /** Days a noncurrent object version is kept; undefined for a WORM bucket. */
  public readonly retentionDays?: number;

  constructor(scope: Construct, id: string, props: BackupBucketProps = {}) {
    super(scope, id);
    const worm = props.objectLockDays !== undefined;
    const retentionDays = props.retentionDays ?? 35;
    const infrequentAccessAfterDays = props.infrequentAccessAfterDays ?? 30;
    const coldStorageAfterDays = props.coldStorageAfterDays ?? 90;
    const forceDestroy = props.forceDestroy ?? false;
    const redundancy = props.redundancy ?? StorageRedundancy.ZRS;

    validate(id, props, { retentionDays, infrequentAccessAfterDays, coldStorageAfterDays });

    const currentTransitions: OssBucketLifecycleRuleTransitions[] = [
      { days: infrequentAccessAfterDays, storageClass: 'IA' },
      { days: coldStorageAfterDays, storageClass: 'Archive' },
    ];
    if (props.coldArchiveAfterDays !== undefined) {
      currentTransitions.push({ days: props.coldArchiveAfterDays, storageClass: 'ColdArchive' });
    }
    // One rule holds every action: OSS rejects overlapping rules (here: all over the whole bucket)
    // that share an action type unless `lifecycle_rule_allow_same_action_overlap` is set.
    const rule: OssBucketLifecycleRule = {
      id: 'backup-lifecycle',
      enabled: true,
      transitions: currentTransitions,
      abortMultipartUpload: [{ days: ABORT_INCOMPLETE_UPLOAD_DAYS }],
      ...(worm ? {} : {
        noncurrentVersionExpiration: [{ days: retentionDays }],
        // Moving a noncurrent version to IA only saves money if it then stays there for IA's 30-day minimum.
        noncurrentVersionTransition: retentionDays >= infrequentAccessAfterDays + IA_MINIMUM_DAYS
          ? [{ days: infrequentAccessAfterDays, storageClass: 'IA' }]
          : undefined,
        // A delete marker whose versions have all expired only slows listings; OSS takes this flag
        // only in an expiration without days.
        expiration: [{ expiredObjectDeleteMarker: true }],
      }),
    };

    const ossBucket = new OssBucket(this, 'Bucket', {
      bucket: props.bucketName ?? physicalName(this),
      storageClass: 'Standard',
      redundancyType: redundancy,
      forceDestroy,
      lifecycleRule: [rule],
      // The split resources below manage these inline attributes; the provider docs require the
      // bucket to ignore them, or every apply reverts the other's change.
      lifecycle: { ignoreChanges: ['versioning', 'server_side_encryption_rule', 'policy', 'acl'] },
    });
    this.bucket = ossBucket;
    this.bucketName = ossBucket.bucket;
    const bucket = ossBucket.bucket;

    if (worm) {
      this.wormId = new OssBucketWorm(this, 'Worm', {
        bucket,
        retentionPeriodInDays: props.objectLockDays,
        // An unlocked policy lapses after 24 hours (InitiateBucketWorm); a backup bucket wants it binding.
        status: 'Locked',
      }).wormId;
    } else {
      this.retentionDays = retentionDays;
      this.versioningId = new OssBucketVersioningA(this, 'Versioning', { bucket, status: 'Enabled' }).id;
    }

    this.encryptionKeyId = (props.encryptionKey ?? new EncryptionKey(this, 'Key', {
      description: `Encrypts the backup bucket ${this.node.path}`,
    })).keyId;
    new OssBucketServerSideEncryption(this, 'Encryption', {
      bucket,
      sseAlgorithm: 'KMS',
      kmsMasterKeyId: this.encryptionKeyId,
    });
    new OssBucketAcl(this, 'Acl', { bucket, acl: 'private' });
    new OssBucketPublicAccessBlock(this, 'PublicAccessBlock', { bucket, blockPublicAccess: true });
    new OssBucketPolicy(this, 'Policy', { bucket, policy: tlsOnlyPolicy(bucket) });
    new OssBucketHttpsConfig(this, 'HttpsConfig', { bucket, enable: true, tlsVersions: ['TLSv1.2', 'TLSv1.3'] });
  }
}

/** A bucket policy that denies every request not made over HTTPS (`acs:SecureTransport` is false). */
function tlsOnlyPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '1',
    Statement: [{
      Effect: 'Deny',
      Principal: ['*'],
      Action: ['oss:*'],
      Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
      Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
    }],
  });
}

/** A bucket name from the construct path: lowercase words cut to fit, then 8 hex digits of the path's hash. */
function physicalName(scope: Construct): string {
  const hash = scope.node.addr.slice(-8);
  const words = scope.node.path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const head = words.slice(0, 63 - hash.length - 1).replace(/-+$/, '');
  return head ? `${head}-${hash}` : `backup-${hash}`;
}

/** Checks every prop before any resource is created. */
function validate(
  id: string,
  props: BackupBucketProps,
  resolved: { retentionDays: number; infrequentAccessAfterDays: number; coldStorageAfterDays: number },
): void {
  const problems = new ProblemCollector(`alicloud.BackupBucket "${id}"`);
  problems.knownKeys('', props, KNOWN_PROPS);
  const { retentionDays, infrequentAccessAfterDays, coldStorageAfterDays } = resolved;

  problems.integerInRange('retentionDays', retentionDays, 1, MAX_DAYS);
  const iaOk = problems.integerInRange('infrequentAccessAfterDays', infrequentAccessAfterDays, 1, MAX_DAYS);
  const coldOk = problems.integerInRange('coldStorageAfterDays', coldStorageAfterDays, 1, MAX_DAYS);
  // OSS lifecycle: days to IA < days to Archive < days to Cold Archive
  // (https://www.alibabacloud.com/help/doc-detail/90090.htm, "Convert storage classes").
  if (iaOk && coldOk) {
    problems.check(coldStorageAfterDays > infrequentAccessAfterDays, 'coldStorageAfterDays',
      `(${coldStorageAfterDays}) must be more than infrequentAccessAfterDays (${infrequentAccessAfterDays}): `
      + 'OSS moves objects to IA before Archive');
  }
  const coldArchive = props.coldArchiveAfterDays;
  const coldArchiveOk = problems.integerInRange('coldArchiveAfterDays', coldArchive, 1, MAX_DAYS);
  if (coldArchiveOk && coldOk && coldArchive !== undefined) {
    problems.check(coldArchive > coldStorageAfterDays, 'coldArchiveAfterDays',
      `(${coldArchive}) must be more than coldStorageAfterDays (${coldStorageAfterDays}): OSS moves objects to Archive before Cold Archive`);
  }

  problems.integerInRange('objectLockDays', props.objectLockDays, 1, WORM_MAX_DAYS);
  if (props.objectLockDays !== undefined && props.retentionDays !== undefined) {
    problems.add('retentionDays', `(${show(props.retentionDays)}) cannot be combined with objectLockDays: OSS does not allow `
      + 'a WORM retention policy on a versioned bucket, so there are no noncurrent versions to keep');
  }

  if (props.bucketName !== undefined && !Token.isUnresolved(props.bucketName)) {
    // https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions
    problems.check(
      typeof props.bucketName === 'string' && /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(props.bucketName),
      'bucketName',
      `(${show(props.bucketName)}) must be 3 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit`,
    );
  }
  problems.oneOf('redundancy', props.redundancy, Object.values(StorageRedundancy));
  if (props.forceDestroy !== undefined) {
    problems.check(typeof props.forceDestroy === 'boolean', 'forceDestroy', `(${show(props.forceDestroy)}) must be true or false`);
  }
  if (props.encryptionKey !== undefined) {
    problems.check(typeof props.encryptionKey?.keyId === 'string' && props.encryptionKey.keyId.length > 0,
      'encryptionKey.keyId', `(${show(props.encryptionKey?.keyId)}) must be a KMS key id`);
  }
  problems.throwIfAny();
}

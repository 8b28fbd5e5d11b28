import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRuleNoncurrentVersionTransition,
  S3BucketLifecycleConfigurationRuleTransition,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { EncryptionKey } from './encryption-key';
import { IEncryptionKey } from './interfaces';
import { PrivateBucket } from './private-bucket';

/** How strictly S3 Object Lock holds object versions during their retention period. */
export enum ObjectLockMode {
  /**
   * Users with `s3:BypassGovernanceRetention` can delete a locked version or shorten its lock;
   * everyone else cannot.
   */
  GOVERNANCE = 'GOVERNANCE',
  /**
   * Nobody, not even the account's root user, can delete a locked version or shorten its lock
   * until it expires. Only closing the AWS account removes the data early: choose it for
   * regulatory (WORM) retention only.
   */
  COMPLIANCE = 'COMPLIANCE',
}

/** Properties of {@link BackupBucket}. */
export interface BackupBucketProps {
  /**
   * KMS key for SSE-KMS (with an S3 Bucket Key, which cuts KMS requests and their cost).
   * @default a new customer-managed `EncryptionKey` with rotation
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Start of the bucket name; Terraform appends a unique suffix. Lowercase letters, digits and
   * `-`, at most 37 characters.
   * @default derived from the construct path
   */
  readonly bucketPrefix?: string;
  /**
   * Days a noncurrent (overwritten or deleted) object version is kept before S3 expires it: how
   * far back a deleted or corrupted backup file can be recovered. Current versions never expire.
   * An integer ≥ 1.
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * Days after creation when current object versions move to S3 Standard-IA. S3 allows no
   * earlier transition to Standard-IA than 30 days. Noncurrent versions move to Standard-IA after
   * the same number of days, when `retentionDays` keeps them there for at least 30 more days
   * (Standard-IA bills a minimum of 30 days).
   * @default 30
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Days after creation when current object versions move to S3 Glacier Flexible Retrieval
   * (restores take minutes to hours). At least `infrequentAccessAfterDays` + 30: S3 keeps an
   * object in Standard-IA for 30 days before a further transition.
   * @default 90
   */
  readonly coldStorageAfterDays?: number;
  /**
   * Days after creation when current object versions move to S3 Glacier Deep Archive (restores
   * take up to 12 hours or more). At least `coldStorageAfterDays` + 90, the minimum storage
   * duration of Glacier Flexible Retrieval.
   * @default no Deep Archive transition
   */
  readonly deepArchiveAfterDays?: number;
  /**
   * S3 Object Lock default retention in days (at most `retentionDays`): every new object
   * version cannot be deleted or overwritten for this long, not even by an attacker holding
   * admin credentials (in COMPLIANCE mode). Setting it creates the bucket with Object Lock
   * enabled, which cannot be turned off later: adding or removing it on an existing bucket
   * replaces the bucket (changing the number of days does not).
   * @default no Object Lock
   */
  readonly objectLockDays?: number;
  /**
   * Object Lock mode for `objectLockDays`. COMPLIANCE cannot be shortened or removed by anyone,
   * the root user included, until each version's retention ends.
   * @default ObjectLockMode.GOVERNANCE
   */
  readonly objectLockMode?: ObjectLockMode;
  /**
   * Let `terraform destroy` delete the bucket while it still holds backups. Off, so backups are
   * never lost by accident.
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/** S3 allows no transition to Standard-IA before day 30, and keeps objects there 30 days before the next one. */
const STANDARD_IA_MINIMUM_DAYS = 30;
/** Glacier Flexible Retrieval bills a minimum storage duration of 90 days. */
const GLACIER_MINIMUM_DAYS = 90;
/** Incomplete multipart uploads are billed until aborted; a week covers any upload still in progress. */
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** Every prop of {@link BackupBucketProps}, to reject misspelt ones. */
const KNOWN_PROPS = [
  'encryptionKey', 'bucketPrefix', 'retentionDays', 'infrequentAccessAfterDays', 'coldStorageAfterDays',
  'deepArchiveAfterDays', 'objectLockDays', 'objectLockMode', 'forceDestroy',
];

/**
 * A bucket for backup files: a {@link PrivateBucket} (versioned, public access blocked, TLS only)
 * with SSE-KMS, a lifecycle through cheaper storage classes (Standard-IA, Glacier Flexible
 * Retrieval, optionally Deep Archive), noncurrent versions kept for `retentionDays`, and
 * optional S3 Object Lock against deletion.
 */
export class BackupBucket extends Construct {
  /** The underlying private bucket (escape hatch: `bucket.resource` is the `aws_s3_bucket`). */
  public readonly bucket: PrivateBucket;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** The KMS key that encrypts every object. */
  public readonly encryptionKey: IEncryptionKey;
  /** The versioning resource; replication and lifecycle depend on it. */
  public readonly versioning: S3BucketVersioningA;
  /** The lifecycle configuration (escape hatch). */
  public readonly lifecycle: S3BucketLifecycleConfiguration;
  /** The Object Lock configuration, when `objectLockDays` is set. */
  public readonly objectLock?: S3BucketObjectLockConfigurationA;
  /** Days a noncurrent object version is kept. */
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: BackupBucketProps = {}) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 35;
    const infrequentAccessAfterDays = props.infrequentAccessAfterDays ?? 30;
    const coldStorageAfterDays = props.coldStorageAfterDays ?? 90;
    const objectLockMode = props.objectLockMode ?? ObjectLockMode.GOVERNANCE;
    const forceDestroy = props.forceDestroy ?? false;

    validate(id, props, { retentionDays, infrequentAccessAfterDays, coldStorageAfterDays });

    this.retentionDays = retentionDays;
    this.encryptionKey = props.encryptionKey ?? new EncryptionKey(this, 'Key', {
      description: `Encrypts the backup bucket ${this.node.path}`,
    });
    this.bucket = new PrivateBucket(this, 'Bucket', {
      bucketPrefix: props.bucketPrefix,
      encryptionKey: this.encryptionKey,
      objectLockEnabled: props.objectLockDays !== undefined,
      forceDestroy,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.versioning = this.bucket.versioning;

    if (props.objectLockDays !== undefined) {
      this.objectLock = new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket: this.bucket.resource.id,
        rule: { defaultRetention: { mode: objectLockMode, days: props.objectLockDays } },
      });
    }

    const currentTransitions: S3BucketLifecycleConfigurationRuleTransition[] = [
      { days: infrequentAccessAfterDays, storageClass: 'STANDARD_IA' },
      { days: coldStorageAfterDays, storageClass: 'GLACIER' },
    ];
    if (props.deepArchiveAfterDays !== undefined) {
      currentTransitions.push({ days: props.deepArchiveAfterDays, storageClass: 'DEEP_ARCHIVE' });
    }
    // Moving a noncurrent version to Standard-IA only saves money if it then stays there for
    // Standard-IA's 30-day minimum before it expires.
    const noncurrentTransitions: S3BucketLifecycleConfigurationRuleNoncurrentVersionTransition[] =
      retentionDays >= infrequentAccessAfterDays + STANDARD_IA_MINIMUM_DAYS
        ? [{ noncurrentDays: infrequentAccessAfterDays, storageClass: 'STANDARD_IA' }]
        : [];
    // An empty filter applies a rule to every object (provider 5.x warns when a rule has neither
    // filter nor prefix).
    const everyObject = [{}];
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.resource.id,
      rule: [
        {
          id: 'tier-current-versions',
          status: 'Enabled',
          filter: everyObject,
          transition: currentTransitions,
        },
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: everyObject,
          noncurrentVersionTransition: noncurrentTransitions.length > 0 ? noncurrentTransitions : undefined,
          noncurrentVersionExpiration: [{ noncurrentDays: retentionDays }],
        },
        {
          // S3 rejects `expired_object_delete_marker` in the same expiration as `days`, so the
          // clean-up of delete markers without versions gets a rule of its own.
          id: 'clean-up-uploads-and-delete-markers',
          status: 'Enabled',
          filter: everyObject,
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
      // S3 rejects lifecycle rules on noncurrent versions until versioning is enabled.
      dependsOn: [this.versioning],
    });
  }
}

/** Checks every prop before any resource is created. */
function validate(
  id: string,
  props: BackupBucketProps,
  resolved: { retentionDays: number; infrequentAccessAfterDays: number; coldStorageAfterDays: number },
): void {
  const problems = new ProblemCollector(`aws.BackupBucket "${id}"`);
  problems.knownKeys('', props, KNOWN_PROPS);
  const { retentionDays, infrequentAccessAfterDays, coldStorageAfterDays } = resolved;
  // 100 years, the longest S3 Object Lock retention; a sanity bound for the other day counts.
  const MAX_DAYS = 36500;

  const retentionOk = problems.integerInRange('retentionDays', retentionDays, 1, MAX_DAYS);
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
  const iaOk = problems.integerInRange('infrequentAccessAfterDays', infrequentAccessAfterDays, STANDARD_IA_MINIMUM_DAYS, MAX_DAYS);
  const coldOk = problems.integerInRange('coldStorageAfterDays', coldStorageAfterDays, 1, MAX_DAYS);
  if (iaOk && coldOk) {
    problems.check(
      coldStorageAfterDays >= infrequentAccessAfterDays + STANDARD_IA_MINIMUM_DAYS,
      'coldStorageAfterDays',
      `(${coldStorageAfterDays}) must be at least infrequentAccessAfterDays (${infrequentAccessAfterDays}) + 30: `
      + 'S3 keeps objects in STANDARD_IA for 30 days before a transition to GLACIER',
    );
  }
  const deepOk = problems.integerInRange('deepArchiveAfterDays', props.deepArchiveAfterDays, 1, MAX_DAYS);
  if (deepOk && coldOk && props.deepArchiveAfterDays !== undefined) {
    problems.check(
      props.deepArchiveAfterDays >= coldStorageAfterDays + GLACIER_MINIMUM_DAYS,
      'deepArchiveAfterDays',
      `(${props.deepArchiveAfterDays}) must be at least coldStorageAfterDays (${coldStorageAfterDays}) + 90: `
      + 'GLACIER bills a minimum storage duration of 90 days',
    );
  }

  const lockOk = problems.integerInRange('objectLockDays', props.objectLockDays, 1, MAX_DAYS);
  if (lockOk && retentionOk && props.objectLockDays !== undefined) {
    problems.check(
      props.objectLockDays <= retentionDays,
      'objectLockDays',
      `(${props.objectLockDays}) must be ≤ retentionDays (${retentionDays}): a version cannot expire while it is locked`,
    );
  }
  problems.oneOf('objectLockMode', props.objectLockMode, Object.values(ObjectLockMode));
  if (props.objectLockMode !== undefined && props.objectLockDays === undefined) {
    problems.add('objectLockMode', `(${show(props.objectLockMode)}) needs objectLockDays, which enables Object Lock`);
  }

  if (props.bucketPrefix !== undefined && !Token.isUnresolved(props.bucketPrefix)) {
    problems.check(
      typeof props.bucketPrefix === 'string' && /^[a-z0-9][a-z0-9-]{0,36}$/.test(props.bucketPrefix),
      'bucketPrefix',
      `(${show(props.bucketPrefix)}) must be 1 to 37 lowercase letters, digits or "-", starting with a letter or digit`,
    );
  }
  if (props.forceDestroy !== undefined) {
    problems.check(typeof props.forceDestroy === 'boolean', 'forceDestroy', `(${show(props.forceDestroy)}) must be true or false`);
  }
  problems.throwIfAny();
}

import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { namePrefixFromPath } from '../core/names';
import { ValidationError } from '../core/validation';

/** Terraform's `bucket_prefix` leaves 26 characters of the 63 for its unique suffix. */
const MAX_BUCKET_PREFIX = 37;
import { IEncryptionKey } from './interfaces';

/** Properties of {@link PrivateBucket}. */
export interface PrivateBucketProps {
  /**
   * Exact bucket name (S3 naming rules), for buckets others must find by name (Terraform state).
   * Give either this or `bucketPrefix`.
   * @default a unique name from `bucketPrefix`
   */
  readonly bucketName?: string;
  /**
   * Start of the bucket name; Terraform appends a unique suffix. Lowercase letters, digits and
   * `-`, at most 37 characters.
   * @default derived from the construct path
   */
  readonly bucketPrefix?: string;
  /**
   * KMS key for SSE-KMS with an S3 Bucket Key.
   * @default SSE-S3 (AES-256), the only encryption some AWS log deliveries (Elastic Load Balancing) can write to
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Extra bucket-policy statements (e.g. a log-delivery grant). A statement that denies every
   * request not made over TLS is always added.
   * @default none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * Create the bucket with S3 Object Lock enabled (it cannot be enabled later on an existing bucket).
   * @default false
   */
  readonly objectLockEnabled?: boolean;
  /**
   * Let `terraform destroy` delete a bucket that still holds objects. Off, so data is never lost by accident.
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/**
 * The base of every bucket this library makes: versioned, encrypted at rest, all four public-access
 * blocks, ACLs disabled (BucketOwnerEnforced), and a policy that denies requests without TLS.
 */
export class PrivateBucket extends Construct {
  /** The bucket resource (escape hatch). */
  public readonly resource: S3Bucket;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** The versioning resource; anything that needs versioning first (replication, lifecycle) depends on it. */
  public readonly versioning: S3BucketVersioningA;
  /** The bucket policy; a service that checks its grant on first use (ELB log delivery) depends on it. */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: PrivateBucketProps = {}) {
    super(scope, id);
    if (props.bucketName !== undefined && props.bucketPrefix !== undefined) {
      throw new ValidationError(`aws.PrivateBucket "${id}"`, [{ path: 'bucketName', message: 'and bucketPrefix exclude each other: give one' }]);
    }
    this.resource = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      bucketPrefix: props.bucketName ? undefined : props.bucketPrefix ?? namePrefixFromPath(this.node.path, MAX_BUCKET_PREFIX),
      forceDestroy: props.forceDestroy ?? false,
      objectLockEnabled: props.objectLockEnabled ? true : undefined,
    });
    this.bucketName = this.resource.bucket;
    this.bucketArn = this.resource.arn;

    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.resource.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: this.resource.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket: this.resource.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.resource.id,
      rule: [
        props.encryptionKey
          ? {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKey.keyArn },
            bucketKeyEnabled: true,
          }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });

    const policy = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          actions: ['s3:*'],
          resources: [this.bucketArn, `${this.bucketArn}/*`],
          principals: [{ type: '*', identifiers: ['*'] }],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        ...(props.policyStatements ?? []),
      ],
    });
    this.policy = new S3BucketPolicy(this, 'Policy', {
      bucket: this.resource.id,
      policy: policy.json,
      // S3 rejects a policy put while the public-access block is being written ("OperationAborted").
      dependsOn: [publicAccess],
    });
  }
}

import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  S3BucketReplicationConfigurationA,
  S3BucketReplicationConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IAM_NAME_PREFIX_MAX, namePrefixFromPath } from '../core/names';
import { checkSourceProvider } from '../core/source-provider';
import { ProblemCollector, show } from '../core/problems';

/** A bucket as replication sees it: an SSE-KMS bucket with versioning enabled, in one region. */
export interface ReplicationBucket {
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket (`arn:aws:s3:::<name>`). */
  readonly bucketArn: string;
  /**
   * ARN of the KMS key that encrypts the bucket (`arn:aws:kms:<region>:<account>:key/<id>`), in the
   * bucket's region. A key ARN, not an alias: the replication role's IAM grants name the key.
   */
  readonly keyArn: string;
  /** Region of the bucket, e.g. `eu-west-1`. */
  readonly region: string;
}

/** Properties of {@link BucketReplication}. */
export interface BucketReplicationProps {
  /** The bucket whose objects are replicated: the primary region's backup bucket. */
  readonly source: ReplicationBucket;
  /**
   * The buckets that receive the copies: one per standby region, 1 to 1000 (S3's limit of rules
   * in one replication configuration), each in a different region other than the source's.
   */
  readonly destinations: ReplicationBucket[];
  /**
   * The AWS provider (usually an alias) configured for the source bucket's region and account.
   * The replication configuration, the role and its policy are created through it.
   * @default the stack's default (unaliased) AWS provider
   */
  readonly sourceProvider?: TerraformProvider;
  /**
   * S3 Replication Time Control: S3 replicates 99.99% of new objects within 15 minutes (backed by
   * an SLA), and publishes replication metrics with an event when an object takes longer than 15
   * minutes. That bounds the recovery point of the copies. It costs a per-GB fee on top of
   * cross-region transfer; turn it off for best-effort replication (most objects within seconds,
   * some may take hours, no metrics).
   * @default true
   */
  readonly replicationTimeControl?: boolean;
  /**
   * Replicate delete markers: an object deleted (without a version id) in the source is hidden
   * in the copies too, so a failover shows the same current objects as the primary did. Nothing
   * is lost by it: the deleted object's versions stay in both buckets (kept for the buckets'
   * noncurrent-version retention), and S3 never replicates the deletion of a specific version,
   * so a version deleted in the source remains in the copies. Turned off, the copies keep
   * showing objects deleted in the source as current, which protects against a deletion only
   * until the standby is restored from, and makes a promoted standby resurrect them.
   * @default true
   */
  readonly deleteMarkerReplication?: boolean;
  /**
   * Storage class of the replicas in every destination: one of `STANDARD`, `STANDARD_IA`,
   * `ONEZONE_IA`, `INTELLIGENT_TIERING`, `GLACIER_IR`, `GLACIER`, `DEEP_ARCHIVE`. A copy a
   * failover reads from should stay readable at once: the destination bucket's own lifecycle
   * moves it to colder classes later.
   * @default 'STANDARD'
   */
  readonly storageClass?: string;
}

/**
 * S3 storage classes a replica in a regional general-purpose bucket can have. Left out of the S3
 * API's list: REDUCED_REDUNDANCY (lower durability, AWS recommends against it) and the classes of
 * other kinds of bucket (OUTPOSTS, SNOW, EXPRESS_ONEZONE, FSX_OPENZFS).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Destination.html
 */
const REPLICA_STORAGE_CLASSES = [
  'STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE',
];
/** S3 accepts at most 1,000 rules in one replication configuration. */
const MAX_DESTINATIONS = 1000;
/**
 * The only value S3 accepts for the RTC time and the metrics event threshold.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
 */
const RTC_MINUTES = 15;

/** Every prop of {@link BucketReplicationProps}, to reject misspelt ones. */
const KNOWN_PROPS = ['source', 'destinations', 'sourceProvider', 'replicationTimeControl', 'deleteMarkerReplication', 'storageClass'];

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;
const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/[A-Za-z0-9-]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * S3 cross-region replication from one SSE-KMS bucket to a bucket in each other region (the
 * primary region's backup bucket to every standby region's), with S3 Replication Time Control.
 *
 * S3 allows one replication configuration per source bucket, so this construct holds the rules
 * for every destination: rule `to-<region>` per destination, over the whole bucket, re-encrypting
 * each replica with the destination's own key. A least-privilege role (trusted by S3 for this
 * account only) may read the source's object versions, decrypt with the source key through S3
 * in the source region, replicate into the destinations and encrypt with each destination key
 * through S3 in that destination's region.
 *
 * Put it in a stack that deploys after every region's stack (the global stack): it ties the
 * regions together, and S3 requires versioning on the source and every destination before it
 * accepts the configuration. Objects written before the configuration exists are not copied
 * (that takes S3 Batch Replication).
 */
export class BucketReplication extends Construct {
  /** The IAM role S3 assumes to replicate (escape hatch). */
  public readonly role: IamRole;
  /** The role's inline policy (escape hatch). */
  public readonly rolePolicy: IamRolePolicy;
  /** The replication configuration of the source bucket (escape hatch). */
  public readonly configuration: S3BucketReplicationConfigurationA;
  /** Id of the rule of each destination, in the order of `destinations`: `to-<region>`. */
  public readonly ruleIds: string[];

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const replicationTimeControl = props.replicationTimeControl ?? true;
    const deleteMarkerReplication = props.deleteMarkerReplication ?? true;
    const storageClass = props.storageClass ?? 'STANDARD';
    const provider = props.sourceProvider;

    validate(this, id, props);

    const { source, destinations } = props;
    this.ruleIds = destinations.map((destination) => `to-${destination.region}`);

    const account = new DataAwsCallerIdentity(this, 'Account', { provider });
    const partition = new DataAwsPartition(this, 'Partition', { provider });

    const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
      provider,
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
        // Confused-deputy guard: only S3 acting for a bucket of this account may use the role.
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
      }],
    });
    this.role = new IamRole(this, 'Role', {
      provider,
      namePrefix: namePrefixFromPath(this.node.path, IAM_NAME_PREFIX_MAX, false),
      description: `S3 replication of ${this.node.path}`,
      assumeRolePolicy: trust.json,
    });

    // Permissions as in "Replicating encrypted objects (SSE-KMS)":
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
    const replicateActions = ['s3:ReplicateObject', 's3:ReplicateTags'];
    if (deleteMarkerReplication) replicateActions.push('s3:ReplicateDelete');
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'ReadReplicationConfiguration',
        effect: 'Allow',
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [source.bucketArn],
      },
      {
        sid: 'ReadSourceObjectVersions',
        effect: 'Allow',
        // Retention and legal hold are read so a bucket with Object Lock (BackupBucket's
        // objectLockDays) replicates its locks as well.
        actions: [
          's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging',
          's3:GetObjectRetention', 's3:GetObjectLegalHold',
        ],
        resources: [`${source.bucketArn}/*`],
      },
      {
        sid: 'WriteReplicas',
        effect: 'Allow',
        actions: replicateActions,
        resources: destinations.map((destination) => `${destination.bucketArn}/*`),
      },
      keyGrant('DecryptSourceObjects', ['kms:Decrypt'], source, partition.dnsSuffix),
      ...destinations.map((destination, i) =>
        keyGrant(`EncryptReplicas${i}`, ['kms:Encrypt', 'kms:GenerateDataKey'], destination, partition.dnsSuffix)),
    ];
    const permissions = new DataAwsIamPolicyDocument(this, 'Permissions', { provider, statement: statements });
    this.rolePolicy = new IamRolePolicy(this, 'RolePolicy', {
      provider,
      name: 'replicate-to-standby-regions',
      role: this.role.id,
      policy: permissions.json,
    });

    const rules: S3BucketReplicationConfigurationRule[] = destinations.map((destination, i) => ({
      id: this.ruleIds[i],
      priority: i,
      status: 'Enabled',
      // The whole bucket. A filter (even empty) makes the rule a V2 rule, which multiple
      // destinations, priorities and delete-marker replication need.
      filter: {},
      deleteMarkerReplication: { status: deleteMarkerReplication ? 'Enabled' : 'Disabled' },
      // S3 skips SSE-KMS objects unless a rule opts in. Replica modification sync stays off:
      // replication runs one way, nothing writes to the standby copies.
      sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
      destination: {
        bucket: destination.bucketArn,
        storageClass,
        encryptionConfiguration: { replicaKmsKeyId: destination.keyArn },
        // S3 RTC needs replication metrics; both accept 15 minutes only.
        replicationTime: replicationTimeControl ? { status: 'Enabled', time: { minutes: RTC_MINUTES } } : undefined,
        metrics: replicationTimeControl ? { status: 'Enabled', eventThreshold: { minutes: RTC_MINUTES } } : undefined,
      },
    }));
    // S3 rejects the configuration unless versioning is enabled on the source and every
    // destination. The buckets are BackupBuckets (always versioned) of the region stacks, which
    // deploy before the stack holding this construct, so that holds by deploy order.
    this.configuration = new S3BucketReplicationConfigurationA(this, 'Configuration', {
      provider,
      bucket: source.bucketName,
      role: this.role.arn,
      rule: rules,
      // Without its policy the role cannot replicate, and S3 does not retry failed objects.
      dependsOn: [this.rolePolicy],
    });
  }
}

/**
 * Lets the role use `bucket`'s key for `actions`, only through S3 in the bucket's region and only
 * for that bucket's objects. With an S3 Bucket Key the encryption context is the bucket ARN,
 * otherwise the object ARN, so both are allowed.
 */
function keyGrant(sid: string, actions: string[], bucket: ReplicationBucket, dnsSuffix: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: 'Allow',
    actions,
    resources: [bucket.keyArn],
    condition: [
      { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${bucket.region}.${dnsSuffix}`] },
      { test: 'StringLike', variable: 'kms:EncryptionContext:aws:s3:arn', values: [bucket.bucketArn, `${bucket.bucketArn}/*`] },
    ],
  };
}

/** Checks every prop before any resource is created. */
function validate(scope: Construct, id: string, props: BucketReplicationProps): void {
  const problems = new ProblemCollector(`aws.BucketReplication "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', `(${show(props)}) must be an object with source and destinations`);
    problems.throwIfAny();
  }
  problems.knownKeys('', props, KNOWN_PROPS);

  const sourceOk = checkBucket(problems, 'source', props.source);
  const sourceRegion = sourceOk ? props.source.region : undefined;

  const destinations: unknown = props.destinations;
  if (!Array.isArray(destinations) || destinations.length < 1 || destinations.length > MAX_DESTINATIONS) {
    const given = Array.isArray(destinations) ? `${destinations.length} buckets` : show(destinations);
    problems.add('destinations', `(${given}) must list 1 to ${MAX_DESTINATIONS} buckets, one per standby region`);
  } else {
    const firstIndexOfRegion = new Map<string, number>();
    destinations.forEach((destination: ReplicationBucket, i: number) => {
      const path = `destinations[${i}]`;
      if (!checkBucket(problems, path, destination)) return;
      const region = destination.region;
      if (sourceRegion !== undefined && region === sourceRegion) {
        problems.add(`${path}.region`, `(${show(region)}) is the source region: replication here copies to other regions only`);
      }
      const first = firstIndexOfRegion.get(region);
      if (first !== undefined) {
        problems.add(`${path}.region`, `(${show(region)}) repeats destinations[${first}].region: one destination per region (rule ids are to-<region>)`);
      } else {
        firstIndexOfRegion.set(region, i);
      }
    });
  }

  if (props.storageClass !== undefined && !Token.isUnresolved(props.storageClass)) {
    problems.oneOf('storageClass', props.storageClass, REPLICA_STORAGE_CLASSES);
  }
  for (const flag of ['replicationTimeControl', 'deleteMarkerReplication'] as const) {
    if (props[flag] !== undefined) {
      problems.check(typeof props[flag] === 'boolean', flag, `(${show(props[flag])}) must be true or false`);
    }
  }
  checkSourceProvider(problems, scope, props.sourceProvider, sourceRegion, {
    terraformType: 'aws',
    label: 'AWS',
    description: 'an AwsProvider (hashicorp/aws)',
    regionOf: (provider) => (provider as AwsProvider).region,
    why: 'S3 accepts a bucket\'s replication configuration only in the bucket\'s region',
  });
  problems.throwIfAny();
}

/**
 * Checks one bucket's four fields: present, and, where not a token, well-formed and consistent
 * (the ARN names the bucket, the key is in the bucket's region). Returns whether every field is
 * a non-empty string, so relations between buckets can be checked.
 */
function checkBucket(problems: ProblemCollector, path: string, bucket: ReplicationBucket | undefined): boolean {
  if (bucket === undefined || bucket === null || typeof bucket !== 'object') {
    problems.add(path, `(${show(bucket)}) must be a bucket with bucketName, bucketArn, keyArn and region`);
    return false;
  }
  let ok = true;
  for (const field of ['bucketName', 'bucketArn', 'keyArn', 'region'] as const) {
    const value: unknown = bucket[field];
    ok = problems.check(typeof value === 'string' && value.trim().length > 0, `${path}.${field}`, `(${show(value)}) must be a non-empty string`) && ok;
  }
  if (!ok) return false;

  const literal = (value: string) => !Token.isUnresolved(value);
  if (literal(bucket.bucketName)) {
    problems.check(BUCKET_NAME.test(bucket.bucketName), `${path}.bucketName`,
      `(${show(bucket.bucketName)}) must be an S3 bucket name: 3 to 63 lowercase letters, digits, "." or "-"`);
  }
  if (literal(bucket.bucketArn)) {
    const arn = BUCKET_ARN.exec(bucket.bucketArn);
    if (!arn) {
      problems.add(`${path}.bucketArn`, `(${show(bucket.bucketArn)}) must be an S3 bucket ARN, arn:aws:s3:::<bucket name>`);
    } else if (literal(bucket.bucketName) && arn[1] !== bucket.bucketName) {
      problems.add(`${path}.bucketArn`, `(${show(bucket.bucketArn)}) must be the ARN of bucketName (${show(bucket.bucketName)})`);
    }
  }
  if (literal(bucket.region)) {
    problems.check(REGION.test(bucket.region), `${path}.region`, `(${show(bucket.region)}) must be an AWS region name, e.g. "eu-west-1"`);
  }
  if (literal(bucket.keyArn)) {
    const key = KEY_ARN.exec(bucket.keyArn);
    if (!key) {
      problems.add(`${path}.keyArn`,
        `(${show(bucket.keyArn)}) must be a KMS key ARN, arn:aws:kms:<region>:<account>:key/<key id> (not an alias: the IAM grants name the key)`);
    } else if (literal(bucket.region) && key[1] !== bucket.region) {
      problems.add(`${path}.keyArn`, `(${show(bucket.keyArn)}) must be a key in the bucket's region (${show(bucket.region)}): S3 uses a key of the bucket's region only`);
    }
  }
  return true;
}

/**
 * The source provider, when given, is an AWS provider of this construct's stack; the provider
 * that will be used (given or default) is configured for the source region, where that is known.
 */

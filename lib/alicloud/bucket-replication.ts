import { TerraformProvider, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkSourceProvider } from '../core/source-provider';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';
import { OssBucketReplication } from './gen/providers/alicloud/oss-bucket-replication';
import { AlicloudProvider } from './gen/providers/alicloud/provider';
import { RamPolicy } from './gen/providers/alicloud/ram-policy';
import { RamRole } from './gen/providers/alicloud/ram-role';
import { RamRolePolicyAttachment } from './gen/providers/alicloud/ram-role-policy-attachment';

/** A bucket as replication sees it: a versioned OSS bucket in one region, optionally SSE-KMS. */
export interface ReplicationBucket {
  /** Name of the bucket (`BackupBucket.bucketName`). */
  readonly bucketName: string;
  /** Region of the bucket, e.g. `cn-hangzhou`. A literal. */
  readonly region: string;
  /**
   * Id of the KMS key (in the bucket's region) that encrypts the bucket with SSE-KMS
   * (`BackupBucket.encryptionKeyId`). On the source: SSE-KMS objects are replicated, and the role
   * may decrypt with this key. On a destination: the replicas are encrypted with it.
   * @default none: on the source, SSE-KMS objects are not replicated; on a destination, replicas
   * get the destination bucket's default encryption
   */
  readonly keyId?: string;
}

/** Properties of {@link BucketReplication}. */
export interface BucketReplicationProps {
  /** The bucket whose objects are replicated: the primary region's backup bucket. */
  readonly source: ReplicationBucket;
  /**
   * The buckets that receive the copies: one per standby region, each in a region other than the
   * source's. Every destination needs a `keyId` when the source has one (OSS requires
   * `replica_kms_key_id` when SSE-KMS objects are replicated).
   */
  readonly destinations: ReplicationBucket[];
  /**
   * Replication Time Control: OSS replicates 99.99% of new objects within 10 minutes (SLA-backed)
   * and reports replication metrics (OSS docs, "RTC",
   * https://www.alibabacloud.com/help/en/oss/user-guide/rtc). That bounds the recovery point of
   * the copies. Billed per GB replicated; only between China (Hangzhou), (Shanghai), (Qingdao),
   * (Beijing), (Zhangjiakou) and (Shenzhen), or between US (Silicon Valley) and US (Virginia).
   * Off: best-effort replication (minutes to hours, by data size).
   * @default true
   */
  readonly rtc?: boolean;
  /**
   * Also copy the objects that were in the source bucket before the rule existed
   * (`historical_object_replication`), so a standby holds every backup, not only new ones.
   * @default true
   */
  readonly historicalObjects?: boolean;
  /**
   * Replicate deletions (`action = "ALL"`: PUT, DELETE and ABORT). The backup buckets are
   * versioned: a delete without a version id then adds a delete marker in the source and, through
   * replication, in the copies, while the object's versions stay in both buckets for their
   * noncurrent-version retention; a failover then shows the same current objects as the primary.
   * Off (`action = "PUT"`): copies keep every object deleted in the source as current.
   * In an unversioned bucket OSS deletes the copy for good (DeleteObject API reference).
   * @default true
   */
  readonly replicateDeletes?: boolean;
  /**
   * The alicloud provider (usually an alias) configured for the source bucket's region. The
   * replication rules, the RAM role and its policy are created through it.
   * @default the stack's default (unaliased) alicloud provider
   */
  readonly sourceProvider?: TerraformProvider;
}

const KNOWN_PROPS = ['source', 'destinations', 'rtc', 'historicalObjects', 'replicateDeletes', 'sourceProvider'];
const BUCKET_FIELDS = ['bucketName', 'region', 'keyId'];
/** https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/**
 * Regions whose buckets can replicate to each other with RTC (OSS docs, "RTC", Limits, read
 * 2026-11): within the Chinese mainland group, or within the US group.
 */
const RTC_REGION_GROUPS: readonly (readonly string[])[] = [
  ['cn-hangzhou', 'cn-shanghai', 'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou', 'cn-shenzhen'],
  ['us-west-1', 'us-east-1'],
];
/** RAM role names: at most 64 characters (letters, digits, `.`, `-`). */
const ROLE_NAME_MAX = 64;

/**
 * OSS cross-region replication from one bucket to a bucket in each other region (the primary
 * region's backup bucket to every standby region's), with Replication Time Control.
 *
 * Each destination is one `alicloud_oss_bucket_replication` rule on the source bucket (OSS allows
 * one rule per source–destination pair) over the whole bucket, replicating existing objects too,
 * SSE-KMS objects included when the source names its key (each replica re-encrypted with the
 * destination's key). OSS replicates with a RAM role it assumes: a role trusted by
 * `oss.aliyuncs.com` only, with a custom policy that allows the replication actions on exactly
 * these buckets (OSS docs, "Introduction to data replication permissions") and the KMS use of
 * exactly these keys.
 *
 * Put it in a stack that deploys after every region's stack (the buckets must exist, both
 * versioned: OSS requires source and destination to have the same versioning state), with a
 * provider for the source region.
 */
export class BucketReplication extends Construct {
  /** Whether OSS offers Replication Time Control between buckets of these two regions. */
  public static rtcAvailable(sourceRegion: string, destinationRegion: string): boolean {
    return RTC_REGION_GROUPS.some((group) => group.includes(sourceRegion) && group.includes(destinationRegion));
  }

  /** The RAM role OSS assumes to replicate (escape hatch). */
  public readonly role: TerraformResource;
  /** The role's custom policy (escape hatch). */
  public readonly policy: TerraformResource;
  /** One `alicloud_oss_bucket_replication` per destination, in the order of `destinations` (escape hatches). */
  public readonly rules: TerraformResource[];
  /** Name of the RAM role. */
  public readonly roleName: string;
  /** Id of each destination's rule (`<bucket>:<rule id>`), in the order of `destinations`. */
  public readonly ruleIds: string[];

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    validate(this, id, props);
    const rtc = props.rtc ?? true;
    const historicalObjects = props.historicalObjects ?? true;
    const replicateDeletes = props.replicateDeletes ?? true;
    const provider = props.sourceProvider;
    const { source, destinations } = props;

    const hash = this.node.addr.slice(-8);
    const words = this.node.path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    this.roleName = `${words.slice(0, ROLE_NAME_MAX - 'oss-replication-'.length - hash.length - 1).replace(/-+$/, '')}-oss-replication-${hash}`
      .replace(/^-/, '');

    const role = new RamRole(this, 'Role', {
      provider,
      roleName: this.roleName,
      description: `OSS replication of ${source.bucketName} (cdktf-ha ${this.node.path})`.slice(0, 1024),
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['oss.aliyuncs.com'] } }],
      }),
    });
    this.role = role;

    const bucketResources = (name: string) => [`acs:oss:*:*:${name}`, `acs:oss:*:*:${name}/*`];
    const keyResource = (bucket: ReplicationBucket) => `acs:kms:${bucket.region}:*:key/${bucket.keyId}`;
    const statements: object[] = [
      // Least privilege from "Introduction to data replication permissions" (same account):
      // https://www.alibabacloud.com/help/en/oss/user-guide/introduction-to-data-replication-permissions
      { Effect: 'Allow', Action: ['oss:ReplicateList', 'oss:ReplicateGet'], Resource: bucketResources(source.bucketName) },
      {
        Effect: 'Allow',
        Action: ['oss:ReplicateList', 'oss:ReplicateGet', 'oss:ReplicatePut', 'oss:ReplicateDelete'],
        Resource: destinations.flatMap((d) => bucketResources(d.bucketName)),
      },
    ];
    if (source.keyId !== undefined) {
      statements.push({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [keyResource(source)] });
    }
    const destinationKeys = destinations.filter((d) => d.keyId !== undefined).map(keyResource);
    if (destinationKeys.length > 0) {
      statements.push({ Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], Resource: destinationKeys });
    }
    const policy = new RamPolicy(this, 'Policy', {
      provider,
      policyName: this.roleName,
      description: `Lets OSS replicate ${source.bucketName} to ${destinations.length} standby bucket(s)`,
      policyDocument: JSON.stringify({ Version: '1', Statement: statements }),
    });
    this.policy = policy;
    const attachment = new RamRolePolicyAttachment(this, 'PolicyAttachment', {
      provider,
      roleName: role.roleName,
      policyName: policy.policyName,
      policyType: 'Custom',
    });

    this.rules = destinations.map((destination, i) => new OssBucketReplication(this, `To${i}`, {
      provider,
      bucket: source.bucketName,
      action: replicateDeletes ? 'ALL' : 'PUT',
      historicalObjectReplication: historicalObjects ? 'enabled' : 'disabled',
      destination: {
        bucket: destination.bucketName,
        // OSS names regions by their OSS location, "oss-<region>" (PutBucketReplication API).
        location: `oss-${destination.region}`,
      },
      syncRole: role.roleName,
      // OSS skips SSE-KMS objects unless a rule opts in, and then requires the replica key.
      sourceSelectionCriteria: source.keyId !== undefined ? { sseKmsEncryptedObjects: { status: 'Enabled' } } : undefined,
      encryptionConfiguration: destination.keyId !== undefined ? { replicaKmsKeyId: destination.keyId } : undefined,
      // Omitted when off: the block is optional and computed, and regions without RTC may refuse it.
      rtc: rtc ? { enabled: true } : undefined,
      // Without its policy the role cannot replicate the historical objects OSS starts copying at once.
      dependsOn: [attachment],
    }));
    this.ruleIds = this.rules.map((rule) => (rule as OssBucketReplication).id);
  }
}

function validate(scope: Construct, id: string, props: BucketReplicationProps): void {
  const problems = new ProblemCollector(`alicloud.BucketReplication "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', `(${show(props)}) must be an object with source and destinations`);
    problems.throwIfAny();
  }
  problems.knownKeys('', props, KNOWN_PROPS);
  const sourceRegion = checkBucket(problems, 'source', props.source);
  const sourceHasKey = sourceRegion !== undefined && props.source.keyId !== undefined;

  const destinationRegions: (string | undefined)[] = [];
  const destinations: unknown = props.destinations;
  if (!Array.isArray(destinations) || destinations.length < 1) {
    problems.add('destinations', `(${show(destinations)}) must list at least one bucket, one per standby region`);
  } else {
    const firstOfRegion = new Map<string, number>();
    const firstOfBucket = new Map<string, number>();
    destinations.forEach((destination: ReplicationBucket, i: number) => {
      const path = `destinations[${i}]`;
      const region = checkBucket(problems, path, destination);
      destinationRegions.push(region);
      if (region === undefined) return;
      if (sourceHasKey) {
        problems.check(destination.keyId !== undefined, `${path}.keyId`,
          'is required because source.keyId is set: OSS requires a replica KMS key when SSE-KMS objects are replicated');
      }
      if (Token.isUnresolved(region)) return;
      if (region === sourceRegion) {
        problems.add(`${path}.region`, `(${show(region)}) is the source region: this construct replicates to other regions only`);
      }
      const first = firstOfRegion.get(region);
      if (first !== undefined) {
        problems.add(`${path}.region`, `(${show(region)}) repeats destinations[${first}].region: one destination per standby region`);
      } else {
        firstOfRegion.set(region, i);
      }
      if (!Token.isUnresolved(destination.bucketName)) {
        const firstBucket = firstOfBucket.get(destination.bucketName);
        if (firstBucket !== undefined) {
          problems.add(`${path}.bucketName`, `(${show(destination.bucketName)}) repeats destinations[${firstBucket}]: OSS allows one rule per source and destination bucket`);
        } else {
          firstOfBucket.set(destination.bucketName, i);
        }
      }
    });
  }

  for (const flag of ['rtc', 'historicalObjects', 'replicateDeletes'] as const) {
    problems.check(props[flag] === undefined || typeof props[flag] === 'boolean', flag, `(${show(props[flag])}) must be true or false`);
  }
  if ((props.rtc ?? true) === true && sourceRegion !== undefined && !Token.isUnresolved(sourceRegion)) {
    destinationRegions.forEach((region, i) => {
      if (region === undefined || Token.isUnresolved(region)) return;
      const group = RTC_REGION_GROUPS.find((g) => g.includes(sourceRegion));
      problems.check(group !== undefined && group.includes(region), 'rtc',
        `(on by default) is not offered between ${sourceRegion} and destinations[${i}].region ${region}: OSS RTC works only within `
        + `${RTC_REGION_GROUPS.map((g) => g.join('/')).join(' or ')}; set rtc: false for best-effort replication`);
    });
  }
  checkSourceProvider(problems, scope, props.sourceProvider, sourceRegion, {
    terraformType: 'alicloud',
    label: 'alicloud',
    description: 'an alicloud provider (aliyun/alicloud), e.g. Provider.resource',
    regionOf: (provider) => (provider as AlicloudProvider).region,
    why: 'replication rules are set through the source bucket\'s region',
  });
  problems.throwIfAny();
}

/** Checks one bucket; returns its region when the bucket is usable, otherwise undefined. */
function checkBucket(problems: ProblemCollector, path: string, bucket: ReplicationBucket | undefined): string | undefined {
  if (bucket === undefined || bucket === null || typeof bucket !== 'object') {
    problems.add(path, `(${show(bucket)}) must be a bucket with bucketName, region and optionally keyId`);
    return undefined;
  }
  problems.knownKeys(path, bucket, BUCKET_FIELDS);
  const { bucketName, region, keyId } = bucket;
  const nameOk = problems.check(typeof bucketName === 'string'
    && (Token.isUnresolved(bucketName) || BUCKET_NAME.test(bucketName)), `${path}.bucketName`,
  `(${show(bucketName)}) must be an OSS bucket name: 3 to 63 lowercase letters, digits or "-", a letter or digit at both ends`);
  const regionOk = problems.check(typeof region === 'string' && !Token.isUnresolved(region) && ALICLOUD_REGIONS.includes(region),
    `${path}.region`, `(${show(region)}) must be a literal Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`);
  const keyOk = problems.check(keyId === undefined || (typeof keyId === 'string' && keyId.trim().length > 0), `${path}.keyId`,
    `(${show(keyId)}) must be a KMS key id`);
  return nameOk && regionOk && keyOk ? region : undefined;
}

/**
 * The source provider, when given, is an alicloud provider of this construct's stack; the
 * provider that will be used (given or default) is configured for the source region, when known.
 */

import { S3Backend, TerraformBackend, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { s3BucketNameProblem } from '../core/aws-rules';
import { ProblemCollector, show } from '../core/problems';

/** Properties of {@link StateBackend}. */
export interface StateBackendProps {
  /**
   * Start of the state bucket's name; the region is appended (`<bucketPrefix>-<region>`), so each
   * region keeps its stacks' state in its own bucket. Lowercase letters, digits and `-`, starting
   * with a letter or digit. Create the buckets once with `examples/bootstrap-state`.
   */
  readonly bucketPrefix: string;
  /**
   * Region of this stack, which is also where its state bucket lives: losing another region never
   * blocks a plan here. A literal (Terraform backend settings cannot refer to anything).
   */
  readonly region: string;
  /**
   * Folder in the bucket above the stack's own folder: the key becomes
   * `<keyPrefix>/<stack name>/terraform.tfstate`. Letters, digits and `! - _ . * ' ( ) /`, no
   * leading, trailing or double `/`.
   * @default none: `<stack name>/terraform.tfstate`
   */
  readonly keyPrefix?: string;
  /**
   * KMS key that encrypts the state object (key id, key ARN, `alias/<name>` or alias ARN). The S3
   * backend with `encrypt = true` and no key asks S3 for SSE-S3 on every write, which overrides a
   * bucket's default SSE-KMS, so the key is always named here.
   * @default `alias/<bucket name>`, the key `examples/bootstrap-state` creates beside each bucket
   */
  readonly kmsKeyId?: string;
}

/**
 * Remote state for one stack, kept in that stack's own region: Terraform's S3 backend with S3-native
 * state locking (a `.tflock` object next to the state, Terraform ≥ 1.10; no DynamoDB table) and
 * SSE-KMS. Bucket `<bucketPrefix>-<region>`, key `[<keyPrefix>/]<stack name>/terraform.tfstate`.
 *
 * One per stack; the stack must not have another backend.
 */
export class StateBackend extends Construct {
  /**
   * The name of the state bucket of `region`: `<bucketPrefix>-<region>`. The bootstrap app and
   * the backend both use it, so the names always agree. Throws when the name is not a valid S3
   * bucket name.
   */
  public static bucketNameFor(bucketPrefix: string, region: string): string {
    return stateBucketName(bucketPrefix, region);
  }

  /** The KMS alias the bootstrap app gives the key of a state bucket: `alias/<bucket name>`. */
  public static keyAliasFor(bucketPrefix: string, region: string): string {
    return `alias/${stateBucketName(bucketPrefix, region)}`;
  }

  /** The S3 backend (escape hatch). */
  public readonly backend: S3Backend;
  /** Name of the state bucket. */
  public readonly bucketName: string;
  /** Object key of the state. */
  public readonly key: string;
  /** Region of the state bucket. */
  public readonly region: string;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const problems = new ProblemCollector(`aws.StateBackend "${id}"`);
    problems.knownKeys('', props, ['bucketPrefix', 'region', 'keyPrefix', 'kmsKeyId']);
    checkStateBucket(problems, props.bucketPrefix, props.region);
    checkKeyPrefix(problems, props.keyPrefix);
    problems.check(props.kmsKeyId === undefined || (isLiteral(props.kmsKeyId) && props.kmsKeyId.trim().length > 0), 'kmsKeyId',
      `(${show(props.kmsKeyId)}) must be a non-empty literal key id, key ARN, alias/<name> or alias ARN`);
    const otherBackend = stack.node.findAll().find((c) => c !== this && TerraformBackend.isBackend(c));
    problems.check(otherBackend === undefined, 'scope',
      `stack "${stack.node.id}" already has a backend (${otherBackend?.node.path}); a stack has exactly one`);
    problems.throwIfAny();

    this.bucketName = stateBucketName(props.bucketPrefix, props.region);
    this.key = [props.keyPrefix, stack.node.id, 'terraform.tfstate'].filter((part) => part !== undefined).join('/');
    this.region = props.region;
    this.backend = new S3Backend(this, {
      bucket: this.bucketName,
      key: this.key,
      region: this.region,
      encrypt: true,
      kmsKeyId: props.kmsKeyId ?? StateBackend.keyAliasFor(props.bucketPrefix, props.region),
    });
    // S3BackendConfig of cdktf 0.21 predates `use_lockfile` (Terraform 1.10+: S3 conditional writes
    // of `<key>.tflock` replace the DynamoDB lock table), so the setting goes in as an override.
    this.backend.addOverride('use_lockfile', true);
  }
}

/**
 * The name of the state bucket of `region`: `<bucketPrefix>-<region>`. Shared by
 * {@link StateBackend} and the bootstrap app so the names always agree.
 * Throws a `ValidationError` when the name is not a valid S3 bucket name. (Functions are not part
 * of the jsii assembly; other languages call `StateBackend.bucketNameFor`.)
 * @jsii ignore
 */
export function stateBucketName(bucketPrefix: string, region: string): string {
  const problems = new ProblemCollector('state bucket name');
  checkStateBucket(problems, bucketPrefix, region);
  problems.throwIfAny();
  return `${bucketPrefix}-${region}`;
}

const BUCKET_PREFIX = /^[a-z0-9][a-z0-9-]*$/;
/** `us-east-1`, `ap-southeast-7`, `us-gov-west-1`, `eu-isoe-west-1`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

function checkStateBucket(problems: ProblemCollector, bucketPrefix: string, region: string): void {
  const prefixOk = problems.check(typeof bucketPrefix === 'string' && isLiteral(bucketPrefix) && BUCKET_PREFIX.test(bucketPrefix),
    'bucketPrefix', `(${show(bucketPrefix)}) must be lowercase letters, digits or "-", starting with a letter or digit, and a literal (backend settings cannot refer to anything)`);
  const regionOk = problems.check(typeof region === 'string' && isLiteral(region) && REGION.test(region),
    'region', `(${show(region)}) must be a literal region name such as "us-east-1"`);
  if (!prefixOk || !regionOk) return;
  const nameProblem = s3BucketNameProblem(`${bucketPrefix}-${region}`);
  if (nameProblem) problems.add('bucketPrefix', `(${show(bucketPrefix)}) gives a bucket name that is not allowed: ${nameProblem}`);
}

/** S3's "safe characters" for object keys, so the key needs no escaping in any tool. */
const KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

function checkKeyPrefix(problems: ProblemCollector, keyPrefix: string | undefined): void {
  if (keyPrefix === undefined) return;
  problems.check(typeof keyPrefix === 'string' && isLiteral(keyPrefix) && KEY_PREFIX.test(keyPrefix) && keyPrefix.length <= 512,
    'keyPrefix', `(${show(keyPrefix)}) must be 1–512 letters, digits or ! - _ . * ' ( ) separated by single "/", without a leading or trailing "/"`);
}

function isLiteral(value: string): boolean {
  return !Token.isUnresolved(value);
}

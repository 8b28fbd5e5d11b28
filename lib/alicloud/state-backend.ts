import { OssBackend, TerraformBackend, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';

/** Properties of {@link StateBackend}. */
export interface StateBackendProps {
  /**
   * Start of the state bucket's name; the region is appended (`<bucketPrefix>-<region>`), so each
   * region keeps its stacks' state in its own bucket. Lowercase letters, digits and `-`, starting
   * with a letter or digit; the whole name at most 63 characters (OSS bucket naming rules). OSS
   * bucket names are global across all accounts, so pick a prefix of your own. A literal.
   */
  readonly bucketPrefix: string;
  /**
   * Region of this stack, which is also where its state bucket and lock instance live: losing
   * another region never blocks a plan here. A literal (Terraform backend settings cannot refer to
   * anything), e.g. `cn-hangzhou`.
   */
  readonly region: string;
  /**
   * Tablestore table that holds the state locks. It must exist in `tablestoreInstance` with a
   * single primary-key column `LockID` of type String (Terraform OSS backend docs). Letters, digits
   * and `_`, not starting with a digit, 1 to 255 characters (Tablestore naming conventions).
   * @default 'terraform_lock'
   */
  readonly lockTable?: string;
  /**
   * Tablestore instance in `region` that holds `lockTable`; the backend reaches it at
   * `https://<instance>.<region>.ots.aliyuncs.com`. 3 to 16 letters, digits and `-`, starting with
   * a letter, not ending with `-`, and not containing `ali`, `ay`, `ots`, `taobao` or `admin`
   * (Tablestore CreateInstance API). Instance names are unique per region only.
   * @default `StateBackend.lockInstanceNameFor(bucketPrefix)`: `<bucketPrefix cut to 11>-lock`, or
   * `tfstate-lock` when the prefix cannot give a valid name
   */
  readonly tablestoreInstance?: string;
}

/** Tablestore table and column names (Tablestore naming conventions). */
const LOCK_TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
/** Tablestore instance names: 3–16 letters, digits, `-`; a letter first; not `-` last. */
const OTS_INSTANCE = /^[A-Za-z][A-Za-z0-9-]{1,14}[A-Za-z0-9]$/;
/**
 * Words a Tablestore instance name must not contain (CreateInstance API reference,
 * https://www.alibabacloud.com/help/en/tablestore/developer-reference/api-tablestore-2020-12-09-createinstance).
 */
const OTS_FORBIDDEN_WORDS = ['ali', 'ay', 'ots', 'taobao', 'admin'];
const LOCK_SUFFIX = '-lock';
const FALLBACK_LOCK_INSTANCE = 'tfstate-lock';
/** OSS bucket names: 3–63 lowercase letters, digits and `-`, a letter or digit at both ends. */
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const BUCKET_PREFIX = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Remote state for one stack, kept in that stack's own region: Terraform's OSS backend with
 * server-side encryption of the state object and state locking in a Tablestore table. Bucket
 * `<bucketPrefix>-<region>`, object `<stack name>/terraform.tfstate` (the backend's `prefix` is the
 * stack name, its `key` `terraform.tfstate`), lock table `lockTable` in the Tablestore instance
 * `tablestoreInstance` of the same region.
 *
 * The bucket, the Tablestore instance and the table are not created here (a backend cannot depend
 * on resources of its own stack): create them once per region beforehand, e.g. with a bootstrap
 * app that uses {@link StateBackend.bucketNameFor} and {@link StateBackend.lockInstanceNameFor} so
 * the names agree. One per stack; the stack must not have another backend.
 */
export class StateBackend extends Construct {
  /**
   * The name of the state bucket of `region`: `<bucketPrefix>-<region>`. Throws when the name is
   * not a valid OSS bucket name or the region is not an Alibaba Cloud region.
   */
  public static bucketNameFor(bucketPrefix: string, region: string): string {
    const problems = new ProblemCollector('alicloud state bucket name');
    checkBucket(problems, bucketPrefix, region);
    problems.throwIfAny();
    return `${bucketPrefix}-${region}`;
  }

  /**
   * The default Tablestore instance name for a bucket prefix: the prefix's letters, digits and
   * `-` cut to 11 characters, then `-lock` (at most 16, Tablestore's limit). When that is not a
   * valid instance name (the prefix starts with a digit or contains a word Tablestore forbids,
   * such as `ay` or `ali`), `tfstate-lock`.
   */
  public static lockInstanceNameFor(bucketPrefix: string): string {
    const head = String(bucketPrefix).toLowerCase().replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 16 - LOCK_SUFFIX.length).replace(/-+$/, '');
    const candidate = `${head}${LOCK_SUFFIX}`;
    return lockInstanceProblem(candidate) === undefined ? candidate : FALLBACK_LOCK_INSTANCE;
  }

  /** The OSS backend (escape hatch). */
  public readonly backend: OssBackend;
  /** Name of the state bucket. */
  public readonly bucketName: string;
  /** Folder of the state in the bucket (the backend's `prefix`): the stack name. */
  public readonly prefix: string;
  /** Object key of the state: `<prefix>/terraform.tfstate`. */
  public readonly key: string;
  /** Region of the state bucket and the lock instance. */
  public readonly region: string;
  /** Tablestore endpoint of the lock instance. */
  public readonly tablestoreEndpoint: string;
  /** Name of the Tablestore lock table. */
  public readonly lockTable: string;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const problems = new ProblemCollector(`alicloud.StateBackend "${id}"`);
    if (props === undefined || props === null || typeof props !== 'object') {
      problems.add('props', `(${show(props)}) must be an object with bucketPrefix and region`);
      problems.throwIfAny();
    }
    problems.knownKeys('', props, ['bucketPrefix', 'region', 'lockTable', 'tablestoreInstance']);
    const lockTable = props.lockTable ?? 'terraform_lock';
    checkBucket(problems, props.bucketPrefix, props.region);
    if (props.lockTable !== undefined) {
      problems.check(typeof lockTable === 'string' && isLiteral(lockTable) && LOCK_TABLE.test(lockTable), 'lockTable',
        `(${show(lockTable)}) must be a literal Tablestore table name: 1–255 letters, digits or "_", not starting with a digit`);
    }
    if (props.tablestoreInstance !== undefined) {
      const problem = typeof props.tablestoreInstance === 'string' && isLiteral(props.tablestoreInstance)
        ? lockInstanceProblem(props.tablestoreInstance)
        : 'must be a literal';
      if (problem !== undefined) problems.add('tablestoreInstance', `(${show(props.tablestoreInstance)}) ${problem}`);
    }
    const otherBackend = stack.node.findAll().find((c) => c !== this && TerraformBackend.isBackend(c));
    problems.check(otherBackend === undefined, 'scope',
      `stack "${stack.node.id}" already has a backend (${otherBackend?.node.path}); a stack has exactly one`);
    problems.throwIfAny();

    const instance = props.tablestoreInstance ?? StateBackend.lockInstanceNameFor(props.bucketPrefix);
    this.bucketName = `${props.bucketPrefix}-${props.region}`;
    this.region = props.region;
    this.prefix = stack.node.id;
    this.key = `${this.prefix}/terraform.tfstate`;
    this.lockTable = lockTable;
    // Public endpoint form of the Terraform OSS backend docs' example
    // (https://developer.hashicorp.com/terraform/language/backend/oss): the plan may run outside a VPC.
    this.tablestoreEndpoint = `https://${instance}.${props.region}.ots.aliyuncs.com`;
    this.backend = new OssBackend(this, {
      bucket: this.bucketName,
      prefix: this.prefix,
      key: 'terraform.tfstate',
      region: this.region,
      // Server-side encryption of the state object (the backend asks OSS for it on every write).
      encrypt: true,
      acl: 'private',
      tablestoreEndpoint: this.tablestoreEndpoint,
      tablestoreTable: lockTable,
    });
  }
}

/** Checks the bucket prefix and region; returns whether both are usable. */
function checkBucket(problems: ProblemCollector, bucketPrefix: string, region: string): boolean {
  const prefixOk = problems.check(typeof bucketPrefix === 'string' && isLiteral(bucketPrefix) && BUCKET_PREFIX.test(bucketPrefix),
    'bucketPrefix', `(${show(bucketPrefix)}) must be a literal of lowercase letters, digits or "-", starting with a letter or digit (backend settings cannot refer to anything)`);
  const regionOk = problems.check(typeof region === 'string' && isLiteral(region) && ALICLOUD_REGIONS.includes(region),
    'region', `(${show(region)}) must be a literal Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`);
  if (!prefixOk || !regionOk) return false;
  // https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions
  return problems.check(OSS_BUCKET.test(`${bucketPrefix}-${region}`), 'bucketPrefix',
    `(${show(bucketPrefix)}) gives the bucket name "${bucketPrefix}-${region}", longer than OSS's 63 characters`);
}

/** Why `name` is not a valid Tablestore instance name, or undefined when it is. */
function lockInstanceProblem(name: string): string | undefined {
  if (!OTS_INSTANCE.test(name)) {
    return 'must be 3–16 letters, digits or "-", starting with a letter and not ending with "-" (Tablestore instance names)';
  }
  const word = OTS_FORBIDDEN_WORDS.find((w) => name.toLowerCase().includes(w));
  return word === undefined ? undefined : `contains "${word}", which Tablestore does not allow in instance names (${OTS_FORBIDDEN_WORDS.join(', ')})`;
}

function isLiteral(value: string): boolean {
  return !Token.isUnresolved(value);
}

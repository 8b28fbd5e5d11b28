// AWS naming and value rules shared by the spec validation and the AWS constructs, so a spec that
// passes validation never fails inside a construct. No provider import: only patterns and limits.
import { DatabaseEngine } from './enums';

/** `family.size`, e.g. t3.small, m7i-flex.large, c6i.metal-32xl, u-6tb1.56xlarge. */
export const EC2_INSTANCE_TYPE = /^([a-z][a-z0-9-]*[0-9][a-z0-9-]*)\.(nano|micro|small|medium|large|[0-9]*xlarge|metal(-[0-9]+xl)?)$/;

/** AMI ids have 8 (older) or 17 hexadecimal digits. */
export const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** RDS instance classes: `db.` + an instance type. */
export const RDS_INSTANCE_CLASS = /^db\.[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.(micro|small|medium|large|[0-9]*xlarge|metal(-[0-9]+xl)?)$/;

/**
 * Tag keys that instances can expose in instance metadata (EC2 User Guide, "View tags for your EC2
 * instances using instance metadata"); with metadata tags on, any other key makes launches fail.
 */
export function instanceTagKeyProblem(key: string): string | undefined {
  if (!/^[A-Za-z0-9+\-=.,_:@]{1,128}$/.test(key)) return 'key must be 1–128 letters, digits or + - = . , _ : @ (no space or /: instance metadata tags)';
  if (/^aws:/i.test(key)) return 'key must not start with "aws:" (reserved)';
  if (['.', '..', '_index'].includes(key)) return 'key must not be ".", ".." or "_index" (instance metadata tags)';
  return undefined;
}

/** Default engine versions: current majors with the longest RDS standard support (docs/database.md). */
export const DEFAULT_ENGINE_VERSION: { readonly [engine in DatabaseEngine]: string } = {
  [DatabaseEngine.MYSQL]: '8.4',
  [DatabaseEngine.POSTGRES]: '17',
  [DatabaseEngine.AURORA_MYSQL]: '8.0.mysql_aurora.3.10.3',
};

/** Engine version forms, each capturing the major version that names the parameter-group family. */
export const ENGINE_VERSION_PATTERN: { readonly [engine in DatabaseEngine]: RegExp } = {
  [DatabaseEngine.MYSQL]: /^(\d+\.\d+)(\.\d+)?$/,
  [DatabaseEngine.POSTGRES]: /^(\d+)(\.\d+)?$/,
  [DatabaseEngine.AURORA_MYSQL]: /^(\d+\.\d+)\.mysql_aurora\.\d+\.\d+\.\d+$/,
};

/**
 * Performance Insights does not run on the smallest burstable classes (RDS User Guide, "Amazon RDS
 * DB engine, Region, and instance class support for Performance Insights").
 */
export function supportsPerformanceInsights(instanceClass: string): boolean {
  return !/^db\.t[234]g?\.(micro|small)$/.test(instanceClass);
}

/** Reserved by S3 for access-point aliases, Object Lambda, directory buckets and demo names (S3 User Guide). */
const RESERVED_BUCKET_STARTS = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_ENDS = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why `name` is not a valid general purpose S3 bucket name (S3 User Guide, "General purpose bucket naming rules"). */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `"${name}" has ${name.length} characters; S3 allows 3 to 63`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return `"${name}" must be lowercase letters, digits, "." or "-", starting and ending with a letter or digit`;
  if (name.includes('..')) return `"${name}" must not contain ".."`;
  const start = RESERVED_BUCKET_STARTS.find((s) => name.startsWith(s));
  if (start) return `"${name}" must not start with "${start}" (reserved by S3)`;
  const end = RESERVED_BUCKET_ENDS.find((e) => name.endsWith(e));
  if (end) return `"${name}" must not end with "${end}" (reserved by S3)`;
  return undefined;
}

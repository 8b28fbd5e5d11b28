// Name rules shared by the spec validation and the constructs.

/** A lowercase fully qualified domain name without the trailing dot (RFC 1035 labels, at most 253 characters). */
export const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** IAM `name_prefix` is at most 38 characters (IAM User Guide, "IAM object quotas": 64 for a name, minus 26 for the suffix). */
export const IAM_NAME_PREFIX_MAX = 38;

/**
 * A readable name prefix from a construct path: letters, digits and `-`, at most `maxLength` characters
 * including the trailing `-` (for `bucket_prefix` and IAM `name_prefix`, which Terraform completes).
 */
export function namePrefixFromPath(path: string, maxLength: number, lowercase = true): string {
  const text = lowercase ? path.toLowerCase() : path;
  const words = text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words.slice(0, maxLength - 1).replace(/-+$/, '')}-`;
}

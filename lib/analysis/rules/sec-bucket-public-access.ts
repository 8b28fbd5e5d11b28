import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** Public access to buckets is blocked. */
export const SEC_BUCKET_PUBLIC_ACCESS: PolicyRule = {
  id: 'SEC-BUCKET-PUBLIC-ACCESS',
  level: PolicyLevel.ERROR,
  description: "Public access to buckets is blocked",
  why: "One public ACL or policy would publish backups to the world.",
  fix: "turn on all four public-access blocks (Alibaba: block_public_access)",
  resourceTypes: ['aws_s3_bucket_public_access_block', 'alicloud_oss_bucket_public_access_block'],
  check: (s) => {
    if (s.type === 'alicloud_oss_bucket_public_access_block') return isOn(s.config.block_public_access) ? undefined : 'block_public_access is off';
    const off = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].filter((k) => !isOn(s.config[k]));
    return off.length ? `${off.join(', ')} not set` : undefined;
  },
};

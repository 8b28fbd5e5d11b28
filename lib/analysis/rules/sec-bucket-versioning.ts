import { PolicyLevel, PolicyRule } from '../policy-rule';

/** Buckets keep earlier versions of their objects. */
export const SEC_BUCKET_VERSIONING: PolicyRule = {
  id: 'SEC-BUCKET-VERSIONING',
  level: PolicyLevel.ERROR,
  description: "Buckets keep earlier versions of their objects",
  why: "Without versions an overwrite or delete cannot be undone.",
  fix: "enable versioning",
  resourceTypes: ['aws_s3_bucket_versioning', 'alicloud_oss_bucket_versioning'],
  check: (s) => {
    const status = s.type === 'aws_s3_bucket_versioning' ? s.config.versioning_configuration?.status : s.config.status;
    return status === 'Enabled' ? undefined : `versioning status is ${JSON.stringify(status)}`;
  },
};

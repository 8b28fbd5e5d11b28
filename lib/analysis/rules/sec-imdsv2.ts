import { PolicyLevel, PolicyRule } from '../policy-rule';

/** Instances require session tokens for instance metadata (IMDSv2). */
export const SEC_IMDSV2: PolicyRule = {
  id: 'SEC-IMDSV2',
  level: PolicyLevel.ERROR,
  description: "Instances require session tokens for instance metadata (IMDSv2)",
  why: "IMDSv1 lets a server-side request forgery read the credentials of the instance role.",
  fix: "set metadata_options.http_tokens (Alibaba: http_tokens) to \"required\"",
  resourceTypes: ['aws_launch_template', 'alicloud_ecs_launch_template'],
  check: (s) => {
    const tokens = s.type === 'aws_launch_template' ? s.config.metadata_options?.http_tokens : s.config.http_tokens;
    return tokens === 'required' ? undefined : `http_tokens is ${JSON.stringify(tokens ?? 'optional')}`;
  },
};

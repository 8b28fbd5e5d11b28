import { isOn, PolicyLevel, PolicyRule } from '../policy-rule';

/** Customer-managed keys rotate automatically. */
export const SEC_KMS_ROTATION: PolicyRule = {
  id: 'SEC-KMS-ROTATION',
  level: PolicyLevel.ERROR,
  description: "Customer-managed keys rotate automatically",
  why: "A key that never rotates widens what one leaked key version exposes.",
  fix: "set enable_key_rotation (Alibaba: automatic_rotation = \"Enabled\")",
  resourceTypes: ['aws_kms_key', 'alicloud_kms_key'],
  check: (s) => (s.type === 'aws_kms_key' ? isOn(s.config.enable_key_rotation) : isOn(s.config.automatic_rotation)) ? undefined : 'automatic key rotation is off',
};

import { asList, isOn, PolicyContext, PolicyLevel, PolicyRule, PolicySubject } from '../policy-rule';
import { attachedTo, isUnknown } from './references';

/** Instance volumes and object buckets are encrypted at rest. */
export const SEC_STORAGE_ENCRYPTED: PolicyRule = {
  id: 'SEC-STORAGE-ENCRYPTED',
  level: PolicyLevel.ERROR,
  description: 'Instance volumes and object buckets are encrypted at rest: every EBS volume of a launch template, the '
    + 'system and data disks of an Alibaba launch template or scaling configuration, and OSS buckets (inline rule or '
    + 'alicloud_oss_bucket_server_side_encryption). A volume left to the account default fails: EBS and ECS default '
    + 'encryption are account settings the Terraform does not show. Not judged: S3 buckets (SSE-S3 since January '
    + '2023), AWS Backup and HBR vaults (always encrypted)',
  why: 'An unencrypted volume, snapshot or object exposes the data to anyone who gets a copy of it.',
  fix: 'set encrypted on every block_device_mappings ebs block (AWS), system_disk/data_disks encrypted '
    + '(alicloud_ecs_launch_template), system_disk_encrypted and data_disk encrypted (alicloud_ess_scaling_configuration), '
    + 'server_side_encryption_rule or an alicloud_oss_bucket_server_side_encryption (OSS)',
  resourceTypes: ['aws_launch_template', 'alicloud_ecs_launch_template', 'alicloud_ess_scaling_configuration', 'alicloud_oss_bucket'],
  check: (s, context) => {
    switch (s.type) {
      case 'aws_launch_template': return launchTemplateProblem(s);
      case 'alicloud_ecs_launch_template': return ecsLaunchTemplateProblem(s);
      case 'alicloud_ess_scaling_configuration': return scalingConfigurationProblem(s);
      default: return ossBucketProblem(s, context);
    }
  },
};

/** Whether an `encrypted` value is on, or an expression the rule cannot judge. */
function encryptedOrUnknown(value: unknown): boolean {
  return isOn(value) || isUnknown(value);
}

function launchTemplateProblem(template: PolicySubject): string | undefined {
  if (isUnknown(template.config.block_device_mappings)) return undefined;
  const volumes = asList(template.config.block_device_mappings).filter((m) => asList(m?.ebs).length > 0);
  if (volumes.length === 0) {
    return 'no block_device_mappings with ebs: the volumes take the AMI\'s and the account\'s default encryption, which the Terraform does not show';
  }
  const plain = volumes.filter((m) => !asList(m.ebs).every((ebs) => encryptedOrUnknown(ebs?.encrypted)));
  return plain.length === 0 ? undefined : `ebs.encrypted is not set on block_device_mappings ${plain.map((m) => m.device_name ?? '?').join(', ')}`;
}

function ecsLaunchTemplateProblem(template: PolicySubject): string | undefined {
  const systemDisk = asList(template.config.system_disk)[0];
  if (!encryptedOrUnknown(systemDisk?.encrypted)) {
    return systemDisk === undefined
      ? 'no system_disk block: the system disk takes the account\'s default encryption, which the Terraform does not show'
      : 'system_disk.encrypted is not set';
  }
  const plain = asList(template.config.data_disks).filter((disk) => !encryptedOrUnknown(disk?.encrypted));
  return plain.length === 0 ? undefined : `encrypted is not set on ${plain.length} of data_disks`;
}

function scalingConfigurationProblem(configuration: PolicySubject): string | undefined {
  if (!encryptedOrUnknown(configuration.config.system_disk_encrypted)) return 'system_disk_encrypted is not set';
  const plain = asList(configuration.config.data_disk).filter((disk) => !encryptedOrUnknown(disk?.encrypted));
  return plain.length === 0 ? undefined : `encrypted is not set on ${plain.length} of data_disk`;
}

function ossBucketProblem(bucket: PolicySubject, context: PolicyContext): string | undefined {
  const rules = [
    ...asList(bucket.config.server_side_encryption_rule),
    ...attachedTo(context, 'alicloud_oss_bucket_server_side_encryption', 'bucket', bucket, 'bucket').map((r) => r.config),
  ];
  // https://help.aliyun.com/en/oss/user-guide/0005-00000004: a bucket created without an encryption
  // rule stays unencrypted.
  return rules.some((rule) => typeof rule?.sse_algorithm === 'string' && rule.sse_algorithm !== '')
    ? undefined
    : 'no server_side_encryption_rule or alicloud_oss_bucket_server_side_encryption: OSS stores objects unencrypted by default';
}

import { Testing, TerraformStack } from 'cdktf';
import { BackupPlan, BackupPlanProps } from '../../lib/alicloud/backup-plan';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

// 2025-01-01T03:00:00Z: the first 03:00 UTC run at or after the schedule anchor.
const DAILY_AT_3 = 'I|1735700400|P1D';

function build(props?: BackupPlanProps): { tf: any; plan: BackupPlan } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const plan = new BackupPlan(stack, 'Backup', props);
  return { tf: JSON.parse(Testing.synth(stack)), plan };
}

function synth(props?: BackupPlanProps): any {
  return build(props).tf;
}

function all(tf: any, type: string): any[] {
  return Object.values(tf.resource[type] ?? {});
}

function only(tf: any, type: string): any {
  const found = all(tf, type);
  expect(found).toHaveLength(1);
  return found[0];
}

function rule(policy: any, type: string): any {
  const found = policy.rules.filter((r: any) => r.rule_type === type);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('alicloud.BackupPlan', () => {
  test('defaults: a standard vault encrypted by HBR, named from the construct path', () => {
    const { tf, plan } = build();
    const vault = only(tf, 'alicloud_hbr_vault');
    expect(vault).toMatchObject({ vault_type: 'STANDARD', vault_storage_class: 'STANDARD', encrypt_type: 'HBR_PRIVATE' });
    expect(vault.vault_name).toMatch(/^test-Backup-[0-9a-f]{8}$/);
    expect(vault.kms_key_id).toBeUndefined();
    expect(vault.worm_enabled).toBeUndefined();
    expect(plan.retentionDays).toBe(35);
  });

  test('defaults: one policy, daily full backup at 03:00 UTC into the vault, kept 35 days, no copies', () => {
    const { tf, plan } = build();
    const policy = only(tf, 'alicloud_hbr_policy');
    expect(policy.policy_type).toBe('STANDARD');
    expect(policy.rules).toHaveLength(2);
    expect(rule(policy, 'BACKUP')).toEqual({
      rule_type: 'BACKUP', backup_type: 'COMPLETE', schedule: DAILY_AT_3,
      vault_id: expect.stringMatching(/^\$\{alicloud_hbr_vault\.Backup_Vault_\w+\.id\}$/),
    });
    expect(rule(policy, 'TRANSITION')).toEqual({ rule_type: 'TRANSITION', retention: 35 });
    expect(plan.schedule).toBe(DAILY_AT_3);
    expect(plan.maxBackupIntervalSeconds).toBe(86400);
    expect(tf.resource.alicloud_hbr_policy_binding).toBeUndefined();
  });

  test('schedule translation: every 6 hours, weekly on Sunday, monthly on the 1st', () => {
    expect(build({ scheduleCron: '0 */6 * * *' }).plan.schedule).toBe('I|1735689600|PT6H');
    expect(rule(only(synth({ scheduleCron: '0 3 * * 0' }), 'alicloud_hbr_policy'), 'BACKUP').schedule).toBe('I|1736046000|P7D');
    const monthly = build({ scheduleCron: '0 3 1 * *', retentionDays: 400 });
    expect(monthly.plan.schedule).toBe('I|1735700400|P1M');
    expect(monthly.plan.maxBackupIntervalSeconds).toBe(31 * 86400);
  });

  test('retention and archive tier', () => {
    const policy = only(synth({ retentionDays: 365, coldStorageAfterDays: 30 }), 'alicloud_hbr_policy');
    expect(rule(policy, 'TRANSITION')).toEqual({ rule_type: 'TRANSITION', retention: 365, archive_days: 30 });
  });

  test('a KMS key and immutable backups', () => {
    const vault = only(synth({ encryptionKey: { keyId: 'key-hzz1' }, immutableBackups: true, vaultName: 'shop-backups' }), 'alicloud_hbr_vault');
    expect(vault).toMatchObject({ encrypt_type: 'KMS', kms_key_id: 'key-hzz1', worm_enabled: true, vault_name: 'shop-backups' });
  });

  test('binds OSS buckets to the vault policy', () => {
    const tf = synth({ ossBucketNames: ['shop-backups-1', 'shop-media'] });
    const bindings = all(tf, 'alicloud_hbr_policy_binding');
    expect(bindings).toHaveLength(2);
    bindings.forEach((binding, i) => expect(binding).toEqual({
      policy_id: expect.stringMatching(/^\$\{alicloud_hbr_policy\.Backup_Policy_\w+\.id\}$/),
      source_type: 'OSS',
      data_source_id: ['shop-backups-1', 'shop-media'][i],
      disabled: false,
    }));
    expect(all(tf, 'alicloud_hbr_policy')).toHaveLength(1);
  });

  test('ECS instances get an ECS-only policy without a vault, with the same schedule and retention', () => {
    const { tf, plan } = build({ ecsInstanceIds: ['i-bp1abc', 'i-bp1def'], retentionDays: 14 });
    const policies = all(tf, 'alicloud_hbr_policy');
    expect(policies).toHaveLength(2);
    const ecs = policies.find((p) => p.policy_type === 'UDM_ECS_ONLY');
    expect(rule(ecs, 'BACKUP')).toEqual({ rule_type: 'BACKUP', backup_type: 'COMPLETE', schedule: DAILY_AT_3 });
    expect(rule(ecs, 'TRANSITION')).toEqual({ rule_type: 'TRANSITION', retention: 14 });
    const bindings = all(tf, 'alicloud_hbr_policy_binding');
    expect(bindings.map((b) => [b.source_type, b.data_source_id])).toEqual([['UDM_ECS', 'i-bp1abc'], ['UDM_ECS', 'i-bp1def']]);
    bindings.forEach((b) => expect(b.policy_id).toMatch(/^\$\{alicloud_hbr_policy\.Backup_EcsPolicy_\w+\.id\}$/));
    expect(plan.ecsPolicyId).toBeDefined();
  });

  test('replicationRegion adds a REPLICATION rule to every policy', () => {
    const tf = synth({ replicationRegion: 'cn-shanghai', ecsInstanceIds: ['i-bp1abc'], replicationRetentionDays: 60 });
    for (const policy of all(tf, 'alicloud_hbr_policy')) {
      expect(rule(policy, 'REPLICATION')).toEqual({ rule_type: 'REPLICATION', replication_region_id: 'cn-shanghai', retention: 60 });
    }
    const defaultRetention = rule(only(synth({ replicationRegion: 'cn-shanghai' }), 'alicloud_hbr_policy'), 'REPLICATION');
    expect(defaultRetention.retention).toBe(35);
  });

  test('conforms to the aliyun/alicloud 1.283.0 schema (defaults and every option)', () => {
    expectSchemaConformant(synth());
    expectSchemaConformant(synth({
      retentionDays: 365, coldStorageAfterDays: 60, scheduleCron: '0 */4 * * *', vaultName: 'v1', encryptionKey: { keyId: 'key-1' },
      immutableBackups: true, ecsInstanceIds: ['i-bp1abc'], ossBucketNames: ['shop-backups-1'], replicationRegion: 'cn-shanghai',
      replicationRetentionDays: 90,
    }));
  });

  test.each([
    [{ retentionDays: 0 }, /retentionDays \(0\) must be an integer from 1 to 364635/],
    [{ retentionDays: 364636 }, /retentionDays/],
    [{ coldStorageAfterDays: 10 }, /coldStorageAfterDays \(10\) must be an integer from 30/],
    [{ coldStorageAfterDays: 30 }, /retentionDays \(35\) must be at least coldStorageAfterDays \(30\) \+ 60/],
    [{ scheduleCron: '0 3 * *' }, /scheduleCron \("0 3 \* \*"\) is not a valid cron expression: must have 5 fields/],
    [{ scheduleCron: '0 3 * * 1-5' }, /scheduleCron \("0 3 \* \* 1-5"\) cannot be an HBR schedule: its runs are 1440 to 4320 minutes apart/],
    [{ scheduleCron: '0 3 31 * *' }, /scheduleCron .* day 31 does not occur in every month/],
    [{ scheduleCron: '*/30 * * * *' }, /scheduleCron \("\*\/30 \* \* \* \*"\) runs 30 minutes apart/],
    [{ vaultName: '' }, /vaultName \(""\) must be a non-empty string/],
    [{ vaultName: 'x'.repeat(65) }, /vaultName/],
    [{ encryptionKey: { keyId: '' } }, /encryptionKey\.keyId/],
    [{ immutableBackups: 'yes' }, /immutableBackups \("yes"\) must be true or false/],
    [{ ecsInstanceIds: ['bp1abc'] }, /ecsInstanceIds\[0\] \("bp1abc"\) must be an ECS instance id/],
    [{ ecsInstanceIds: ['i-a', 'i-a'] }, /ecsInstanceIds\[1\] \("i-a"\) is listed twice/],
    [{ ecsInstanceIds: 'i-a' }, /ecsInstanceIds \("i-a"\) must be a list/],
    [{ ossBucketNames: ['Shop_Bucket'] }, /ossBucketNames\[0\] \("Shop_Bucket"\) must be an OSS bucket name/],
    [{ replicationRegion: 'us-east-9' }, /replicationRegion \("us-east-9"\) must be an Alibaba Cloud region/],
    [{ replicationRetentionDays: 10 }, /replicationRetentionDays \(10\) needs replicationRegion/],
    [{ replicationRegion: 'cn-shanghai', replicationRetentionDays: 0 }, /replicationRetentionDays \(0\) must be an integer/],
    [{ schedule: '0 3 * * *' }, /schedule is not a known prop/],
  ])('rejects %j', (props, message) => {
    expect(() => synth(props as BackupPlanProps)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => synth({ retentionDays: 0, scheduleCron: 'x', replicationRegion: 'mars-1' }))
      .toThrow(/retentionDays[\s\S]*scheduleCron[\s\S]*replicationRegion/);
  });
});

import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { BackupPlan, BackupPlanProps } from '../../lib/aws/backup-plan';
import { testWithTerraform, validateStackJson } from '../util/terraform';

const DB_ARN = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
const DR_VAULT_ARN = 'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-dr';

function build(props?: BackupPlanProps): { out: string; plan: BackupPlan } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const plan = new BackupPlan(stack, 'Backup', props);
  return { out: Testing.synth(stack), plan };
}

function synth(props?: BackupPlanProps): string {
  return build(props).out;
}

function all(out: string, type: string): any[] {
  return Object.values(JSON.parse(out).resource[type] ?? {});
}

function only(out: string, type: string): any {
  const found = all(out, type);
  expect(found).toHaveLength(1);
  return found[0];
}

function planRule(out: string): any {
  const plan = only(out, 'aws_backup_plan');
  expect(plan.rule).toHaveLength(1);
  return plan.rule[0];
}

describe('aws.BackupPlan', () => {
  test('defaults: a KMS-encrypted vault with a new rotating key', () => {
    const out = synth();
    expect(only(out, 'aws_kms_key').enable_key_rotation).toBe(true);
    const vault = only(out, 'aws_backup_vault');
    expect(vault.kms_key_arn).toMatch(/^\$\{aws_kms_key\.Backup_Key_\w+\.arn\}$/);
    expect(vault.name).toMatch(/^test-Backup-[0-9a-f]{8}$/);
  });

  test('defaults: daily at 03:00 UTC, 35 days, continuous backup, 60/480 minute windows', () => {
    const out = synth();
    const rule = planRule(out);
    expect(rule).toMatchObject({
      rule_name: 'scheduled',
      schedule: 'cron(0 3 * * ? *)',
      schedule_expression_timezone: 'Etc/UTC',
      start_window: 60,
      completion_window: 480,
      enable_continuous_backup: true,
      lifecycle: { delete_after: 35 },
    });
    expect(rule.lifecycle.cold_storage_after).toBeUndefined();
    expect(rule.copy_action).toBeUndefined();
    expect(rule.target_vault_name).toMatch(/^\$\{aws_backup_vault\.Backup_Vault_\w+\.name\}$/);
    const plan = only(out, 'aws_backup_plan');
    expect(rule.recovery_point_tags).toEqual({ 'cdktf-ha:backup-plan': plan.name });
  });

  test('translates the schedule to the AWS form', () => {
    const { out, plan } = build({ scheduleCron: '30 2 * * 1-5' });
    expect(planRule(out).schedule).toBe('cron(30 2 ? * 2-6 *)');
    expect(plan.scheduleExpression).toBe('cron(30 2 ? * 2-6 *)');
    expect(plan.maxBackupIntervalSeconds).toBe(3 * 86400);
  });

  test('exposes the longest gap between scheduled backups (daily: 86400 s)', () => {
    expect(build().plan.maxBackupIntervalSeconds).toBe(86400);
    expect(build({ scheduleCron: '0 */6 * * *' }).plan.maxBackupIntervalSeconds).toBe(6 * 3600);
  });

  test('retention, windows and a vault name', () => {
    const out = synth({ retentionDays: 7, startWindowMinutes: 120, completionWindowMinutes: 180, vaultName: 'shop_backups' });
    expect(planRule(out)).toMatchObject({ start_window: 120, completion_window: 180, lifecycle: { delete_after: 7 } });
    expect(only(out, 'aws_backup_vault').name).toBe('shop_backups');
  });

  test('continuous backup off allows long retention and cold storage', () => {
    const rule = planRule(synth({ continuousBackup: false, retentionDays: 365, coldStorageAfterDays: 30 }));
    expect(rule.enable_continuous_backup).toBe(false);
    expect(rule.lifecycle).toEqual({ delete_after: 365, cold_storage_after: 30 });
  });

  test('cold storage at exactly retention - 90 days is accepted', () => {
    expect(planRule(synth({ continuousBackup: false, retentionDays: 120, coldStorageAfterDays: 30 })).lifecycle)
      .toEqual({ delete_after: 120, cold_storage_after: 30 });
  });

  test('uses a given key and creates none', () => {
    const out = synth({ encryptionKey: { keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' } });
    expect(JSON.parse(out).resource.aws_kms_key).toBeUndefined();
    expect(only(out, 'aws_backup_vault').kms_key_arn).toBe('arn:aws:kms:eu-west-1:111122223333:key/abc');
  });

  test('default selection: every resource tagged cdktf-ha:backup = true', () => {
    const { out, plan } = build();
    const selection = only(out, 'aws_backup_selection');
    expect(selection).toMatchObject({
      resources: ['*'],
      condition: [{ string_equals: [{ key: 'aws:ResourceTag/cdktf-ha:backup', value: 'true' }] }],
    });
    expect(selection.name).toMatch(/^test-Backup-[0-9a-f]{8}-tags$/);
    expect(selection.plan_id).toMatch(/^\$\{aws_backup_plan\.Backup_Plan_\w+\.id\}$/);
    expect(selection.iam_role_arn).toMatch(/^\$\{aws_iam_role\.Backup_Role_\w+\.arn\}$/);
    expect(selection.depends_on).toHaveLength(4);
    expect(plan.resourceSelection).toBeUndefined();
    expect(plan.tagSelection).toBeDefined();
  });

  test('selection by resource ARNs and by several tags (all must match)', () => {
    const out = synth({ resourceArns: [DB_ARN], selectionTags: { app: 'shop', tier: 'data' } });
    const selections = all(out, 'aws_backup_selection');
    expect(selections).toHaveLength(2);
    const byArn = selections.find((s) => s.name.endsWith('-resources'));
    expect(byArn.resources).toEqual([DB_ARN]);
    expect(byArn.condition).toBeUndefined();
    const byTag = selections.find((s) => s.name.endsWith('-tags'));
    expect(byTag.condition[0].string_equals).toEqual([
      { key: 'aws:ResourceTag/app', value: 'shop' },
      { key: 'aws:ResourceTag/tier', value: 'data' },
    ]);
  });

  test('an empty tag map turns tag selection off', () => {
    const { out, plan } = build({ resourceArns: [DB_ARN], selectionTags: {} });
    expect(only(out, 'aws_backup_selection').resources).toEqual([DB_ARN]);
    expect(plan.tagSelection).toBeUndefined();
  });

  test('copies every recovery point to other vaults with the same lifecycle', () => {
    const other = 'arn:aws:backup:us-east-1:444455556666:backup-vault:shop-vault';
    const rule = planRule(synth({ copyToVaultArns: [DR_VAULT_ARN, other], continuousBackup: false, retentionDays: 200, coldStorageAfterDays: 100 }));
    expect(rule.copy_action).toEqual([
      { destination_vault_arn: DR_VAULT_ARN, lifecycle: { delete_after: 200, cold_storage_after: 100 } },
      { destination_vault_arn: other, lifecycle: { delete_after: 200, cold_storage_after: 100 } },
    ]);
  });

  test('accepts a vault ARN token from another construct', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const dr = new BackupPlan(stack, 'Dr', { selectionTags: { dr: 'true' } });
    new BackupPlan(stack, 'Backup', { copyToVaultArns: [dr.vaultArn] });
    const plans = all(Testing.synth(stack), 'aws_backup_plan');
    const withCopy = plans.find((p) => p.rule[0].copy_action);
    expect(withCopy.rule[0].copy_action[0].destination_vault_arn).toMatch(/^\$\{aws_backup_vault\.Dr_Vault_\w+\.arn\}$/);
  });

  test('service role: assumed by AWS Backup, with the backup, restore and S3 managed policies', () => {
    const out = synth();
    const role = only(out, 'aws_iam_role');
    expect(role.name_prefix).toMatch(/^test-Backup-[0-9a-f]{8}-$/);
    const trust = Object.values(JSON.parse(out).data.aws_iam_policy_document) as any[];
    expect(trust).toHaveLength(1);
    expect(trust[0].statement).toEqual([{
      effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['backup.amazonaws.com'] }],
    }]);
    const partition = '${data.aws_partition.Backup_Partition_';
    const policies = all(out, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn.replace(/^arn:\$\{[^}]+\}/, 'arn:P'));
    expect(policies.sort()).toEqual([
      'arn:P:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
      'arn:P:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
      'arn:P:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:P:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
    for (const attachment of all(out, 'aws_iam_role_policy_attachment')) {
      expect(attachment.policy_arn.startsWith(`arn:${partition}`)).toBe(true);
      expect(attachment.role).toMatch(/^\$\{aws_iam_role\.Backup_Role_\w+\.name\}$/);
    }
  });

  test('exposes the vault, plan and role', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const plan = new BackupPlan(stack, 'Backup');
    new TerraformOutput(stack, 'vault_arn', { value: plan.vaultArn });
    new TerraformOutput(stack, 'vault_name', { value: plan.vaultName });
    new TerraformOutput(stack, 'plan_id', { value: plan.planId });
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(outputs.vault_arn.value).toMatch(/^\$\{aws_backup_vault\.Backup_Vault_\w+\.arn\}$/);
    expect(outputs.vault_name.value).toMatch(/^\$\{aws_backup_vault\.Backup_Vault_\w+\.name\}$/);
    expect(outputs.plan_id.value).toMatch(/^\$\{aws_backup_plan\.Backup_Plan_\w+\.id\}$/);
    expect(plan.plan.terraformResourceType).toBe('aws_backup_plan');
    expect(plan.role.terraformResourceType).toBe('aws_iam_role');
    expect(plan.vault.terraformResourceType).toBe('aws_backup_vault');
  });

  describe('rejects bad input', () => {
    test.each<[string, BackupPlanProps, RegExp]>([
      ['retention 0', { retentionDays: 0 }, /retentionDays \(0\) must be an integer from 1/],
      ['fractional retention', { retentionDays: 7.5 }, /retentionDays \(7\.5\)/],
      ['continuous backup kept 100 days', { retentionDays: 100 }, /retentionDays \(100\) must be ≤ 35 while continuousBackup is true/],
      ['retention under cold + 90', { continuousBackup: false, retentionDays: 100, coldStorageAfterDays: 30 },
        /retentionDays \(100\) must be at least coldStorageAfterDays \(30\) \+ 90/],
      ['cold storage with continuous backup', { coldStorageAfterDays: 1 }, /coldStorageAfterDays \(1\) cannot be combined with continuousBackup/],
      ['cold storage 0', { continuousBackup: false, coldStorageAfterDays: 0 }, /coldStorageAfterDays \(0\)/],
      ['bad cron field', { scheduleCron: '0 25 * * *' }, /scheduleCron \("0 25 \* \* \*"\) is not a valid cron expression: hour field "25": 25 is outside the allowed range 0-23/],
      ['AWS cron given', { scheduleCron: 'cron(0 3 * * ? *)' }, /scheduleCron .*not an AWS cron/],
      ['both day fields restricted', { scheduleCron: '0 3 1 * MON' }, /scheduleCron .*both restricted/],
      ['more often than hourly', { scheduleCron: '*/30 * * * *' }, /scheduleCron \("\*\/30 \* \* \* \*"\) runs 30 minutes apart; AWS Backup needs at least 60 minutes/],
      ['two runs 10 minutes apart', { scheduleCron: '0,10 3 * * *' }, /runs 10 minutes apart/],
      ['start window under 60', { startWindowMinutes: 30 }, /startWindowMinutes \(30\) must be an integer from 60/],
      ['completion < start + 60', { startWindowMinutes: 120, completionWindowMinutes: 150 },
        /completionWindowMinutes \(150\) must be at least startWindowMinutes \(120\) \+ 60/],
      ['completion window under 120', { completionWindowMinutes: 90 }, /completionWindowMinutes \(90\)/],
      ['vault name with spaces', { vaultName: 'my vault' }, /vaultName \("my vault"\) must be 2 to 50 letters/],
      ['vault name too long', { vaultName: 'v'.repeat(51) }, /vaultName/],
      ['resource that is no ARN', { resourceArns: ['shop-db'] }, /resourceArns\[0\] \("shop-db"\) must be an ARN/],
      ['copy to a non-vault ARN', { copyToVaultArns: [DB_ARN] }, /copyToVaultArns\[0\] .*must be a backup vault ARN/],
      ['copy list not a list', { copyToVaultArns: DR_VAULT_ARN as unknown as string[] }, /copyToVaultArns .*must be a list/],
      ['nothing selected', { selectionTags: {} }, /selectionTags \(\{\}\) is empty and resourceArns names no resource/],
      ['tag value not a string', { selectionTags: { backup: true as unknown as string } }, /selectionTags\.backup \(true\) must be a string/],
      ['continuous backup not boolean', { continuousBackup: 'yes' as unknown as boolean }, /continuousBackup \("yes"\) must be true or false/],
      ['misspelt prop', { retention: 7 } as BackupPlanProps, /retention is not a known prop/],
    ])('%s', (_name, props, error) => {
      expect(() => synth(props)).toThrow(error);
    });

    test('names every problem at once, before creating anything', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      expect(() => new BackupPlan(stack, 'Backup', { retentionDays: 100, scheduleCron: '0 3 * *', startWindowMinutes: 10 }))
        .toThrow(/Invalid aws\.BackupPlan "Backup": retentionDays \(100\).*; scheduleCron .*; startWindowMinutes \(10\)/);
      expect(stack.node.findAll().some((c) => c.node.id === 'Vault')).toBe(false);
    });
  });

  testWithTerraform('passes terraform validate with the defaults', () => {
    expect(validateStackJson(synth())).toEqual([]);
  });

  testWithTerraform('passes terraform validate with resources, a copy action and cold storage', () => {
    expect(validateStackJson(synth({
      resourceArns: [DB_ARN],
      selectionTags: { app: 'shop', backup: 'true' },
      copyToVaultArns: [DR_VAULT_ARN],
      continuousBackup: false,
      retentionDays: 365,
      coldStorageAfterDays: 30,
      scheduleCron: '30 2 * * MON-FRI',
      vaultName: 'shop-backups',
    }))).toEqual([]);
  });
});

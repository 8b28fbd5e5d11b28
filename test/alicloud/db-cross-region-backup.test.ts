import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DbCrossRegionBackup, DbCrossRegionBackupProps } from '../../lib/alicloud/db-cross-region-backup';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

function synth(props: Partial<DbCrossRegionBackupProps> = {}): any {
  const stack = new TerraformStack(Testing.app(), 'primary');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  new DbCrossRegionBackup(stack, 'CrossRegionBackup', { instanceId: 'rm-bp1abc', destinationRegion: 'cn-shanghai', ...props } as DbCrossRegionBackupProps);
  return JSON.parse(Testing.synth(stack));
}

function policyOf(tf: any): any {
  const all = Object.values(tf.resource.alicloud_rds_instance_cross_backup_policy) as any[];
  expect(all).toHaveLength(1);
  return all[0];
}

describe('alicloud.DbCrossRegionBackup', () => {
  test('defaults: data and log backups copied to the standby region, kept 7 days', () => {
    const policy = policyOf(synth());
    expect(policy.instance_id).toBe('rm-bp1abc');
    expect(policy.cross_backup_region).toBe('cn-shanghai');
    expect(policy.retention).toBe(7);
    expect(policy.log_backup_enabled).toBe('Enable');
    // Read-only in the schema: never written.
    for (const computed of ['cross_backup_type', 'retent_type', 'backup_enabled']) expect(policy[computed]).toBeUndefined();
  });

  test('plan-time precondition: the destination is one RDS offers (alicloud_rds_cross_regions)', () => {
    const tf = synth();
    const [name] = Object.keys(tf.data.alicloud_rds_cross_regions);
    const precondition = policyOf(tf).lifecycle.precondition;
    expect(precondition).toHaveLength(1);
    expect(precondition[0].condition).toBe(`\${contains(data.alicloud_rds_cross_regions.${name}.ids, "cn-shanghai")}`);
    expect(precondition[0].error_message).toMatch(/cn-shanghai/);
  });

  test('retention and log backup can be set', () => {
    const policy = policyOf(synth({ retentionDays: 1825, logBackup: false }));
    expect(policy.retention).toBe(1825);
    expect(policy.log_backup_enabled).toBe('Disabled');
  });

  test('an instance id token from another construct', () => {
    const stack = new TerraformStack(Testing.app(), 'primary');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const id = new TerraformVariable(stack, 'db', { type: 'string' });
    const backup = new DbCrossRegionBackup(stack, 'Backup', { instanceId: id.stringValue, destinationRegion: 'cn-beijing' });
    expect(backup.destinationRegion).toBe('cn-beijing');
    expect(backup.retentionDays).toBe(7);
    expect(policyOf(JSON.parse(Testing.synth(stack))).instance_id).toBe('${var.db}');
  });

  test('schema conformance', () => {
    expectSchemaConformant(synth());
    expectSchemaConformant(synth({ logBackup: false, retentionDays: 30 }));
  });

  test.each<[string, Partial<DbCrossRegionBackupProps>, RegExp]>([
    ['no instance id', { instanceId: undefined }, /instanceId/],
    ['empty instance id', { instanceId: ' ' }, /instanceId/],
    ['unknown region', { destinationRegion: 'cn-mars' }, /destinationRegion \("cn-mars"\)/],
    ['the stack\'s own region', { destinationRegion: 'cn-hangzhou' }, /destinationRegion .*is this stack's region/],
    ['retention below 7', { retentionDays: 6 }, /retentionDays \(6\) must be an integer from 7 to 1825/],
    ['retention above 1825', { retentionDays: 1826 }, /retentionDays/],
    ['fractional retention', { retentionDays: 7.5 }, /retentionDays/],
    ['non-boolean logBackup', { logBackup: 'yes' as any }, /logBackup/],
    ['misspelt prop', { retention: 7 } as any, /retention is not a known prop/],
  ])('rejects %s', (_name, props, error) => {
    expect(() => synth(props)).toThrow(error);
  });

  test('a region token is rejected (the standby region is a literal)', () => {
    const stack = new TerraformStack(Testing.app(), 'primary');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    expect(() => new DbCrossRegionBackup(stack, 'B', { instanceId: 'rm-1', destinationRegion: region.stringValue })).toThrow(/destinationRegion/);
  });

  test('missing props', () => {
    const stack = new TerraformStack(Testing.app(), 'primary');
    expect(() => new DbCrossRegionBackup(stack, 'B', undefined as any)).toThrow(/props/);
  });
});

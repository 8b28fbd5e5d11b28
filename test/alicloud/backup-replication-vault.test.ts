import { Testing, TerraformStack } from 'cdktf';
import { BackupReplicationVault, BackupReplicationVaultProps } from '../../lib/alicloud/backup-replication-vault';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

function only(tf: any, type: string): any {
  const found = Object.values(tf.resource[type] ?? {});
  expect(found).toHaveLength(1);
  return found[0];
}

describe('alicloud.BackupReplicationVault', () => {
  function synthStandby(props: BackupReplicationVaultProps): { tf: any; vault: BackupReplicationVault } {
    const stack = new TerraformStack(Testing.app(), 'standby');
    new Provider(stack, 'Alicloud', { region: 'cn-shanghai' });
    const vault = new BackupReplicationVault(stack, 'BackupCopies', props);
    return { tf: JSON.parse(Testing.synth(stack)), vault };
  }

  test('a vault in the standby region that copies from the source vault', () => {
    const { tf, vault } = synthStandby({ sourceVaultId: 'v-0001', sourceRegion: 'cn-hangzhou' });
    const resource = only(tf, 'alicloud_hbr_replication_vault');
    expect(resource).toMatchObject({
      replication_source_region_id: 'cn-hangzhou',
      replication_source_vault_id: 'v-0001',
      vault_storage_class: 'STANDARD',
      encrypt_type: 'HBR_PRIVATE',
    });
    expect(resource.vault_name).toMatch(/^standby-BackupCopies-[0-9a-f]{8}$/);
    expect(resource.kms_key_id).toBeUndefined();
    expect(tf.provider.alicloud).toEqual([{ region: 'cn-shanghai' }]);
    expect(vault.vaultId).toBeDefined();
    expectSchemaConformant(tf);
  });

  test('a KMS key and a name', () => {
    const { tf } = synthStandby({ sourceVaultId: 'v-0001', sourceRegion: 'cn-hangzhou', encryptionKey: { keyId: 'key-sh1' }, vaultName: 'copies' });
    expect(only(tf, 'alicloud_hbr_replication_vault')).toMatchObject({ encrypt_type: 'KMS', kms_key_id: 'key-sh1', vault_name: 'copies' });
    expectSchemaConformant(tf);
  });

  test.each([
    [{ sourceRegion: 'cn-hangzhou' }, /sourceVaultId is required/],
    [{ sourceVaultId: ' ', sourceRegion: 'cn-hangzhou' }, /sourceVaultId \(" "\) must be a non-empty string/],
    [{ sourceVaultId: 'v-1', sourceRegion: 'eu-north-9' }, /sourceRegion \("eu-north-9"\) must be an Alibaba Cloud region/],
    [{ sourceVaultId: 'v-1', sourceRegion: 'cn-hangzhou', vaultName: '' }, /vaultName/],
    [{ sourceVaultId: 'v-1', sourceRegion: 'cn-hangzhou', encryptionKey: {} }, /encryptionKey\.keyId/],
    [{ sourceVaultId: 'v-1', sourceRegion: 'cn-hangzhou', region: 'x' }, /region is not a known prop/],
  ])('rejects %j', (props, message) => {
    expect(() => synthStandby(props as BackupReplicationVaultProps)).toThrow(message);
  });
});

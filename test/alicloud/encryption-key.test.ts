import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { EncryptionKey, EncryptionKeyProps } from '../../lib/alicloud/encryption-key';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

function synth(props?: EncryptionKeyProps): { parsed: any; key: EncryptionKey } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const key = new EncryptionKey(stack, 'Key', props);
  new TerraformOutput(stack, 'key_id', { value: key.keyId });
  new TerraformOutput(stack, 'key_arn', { value: key.keyArn });
  return { parsed: JSON.parse(Testing.synth(stack)), key };
}

function only(parsed: any, type: string): any {
  const all = Object.values(parsed.resource?.[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('alicloud.EncryptionKey', () => {
  test('defaults: AES-256 software key, yearly automatic rotation, 30-day pending window, deletion protection, no alias', () => {
    const { parsed, key } = synth();
    const kms = only(parsed, 'alicloud_kms_key');
    expect(kms).toMatchObject({
      key_spec: 'Aliyun_AES_256',
      key_usage: 'ENCRYPT/DECRYPT',
      origin: 'Aliyun_KMS',
      protection_level: 'SOFTWARE',
      automatic_rotation: 'Enabled',
      rotation_interval: '31536000s',
      pending_window_in_days: 30,
      deletion_protection: 'Enabled',
      description: 'Managed by cdktf-ha',
    });
    // The deprecated argument never appears.
    expect(kms.deletion_window_in_days).toBeUndefined();
    expect(parsed.resource.alicloud_kms_alias).toBeUndefined();
    expect(parsed.output.key_id.value).toMatch(/^\$\{alicloud_kms_key\.\w+\.id\}$/);
    expect(parsed.output.key_arn.value).toMatch(/^\$\{alicloud_kms_key\.\w+\.arn\}$/);
    expect(key.aliasName).toBeUndefined();
  });

  test('alias, rotation interval, pending window and opting out of deletion protection', () => {
    const { parsed, key } = synth({
      description: 'orders', alias: 'shop/orders', rotationIntervalDays: 90, pendingWindowInDays: 7, deletionProtection: false,
    });
    const kms = only(parsed, 'alicloud_kms_key');
    expect(kms).toMatchObject({ description: 'orders', rotation_interval: '7776000s', pending_window_in_days: 7, deletion_protection: 'Disabled' });
    expect(kms.deletion_protection_description).toBeUndefined();
    const alias = only(parsed, 'alicloud_kms_alias');
    expect(alias.alias_name).toBe('alias/shop/orders');
    expect(alias.key_id).toMatch(/\$\{alicloud_kms_key\.\w+\.id\}/);
    expect(key.aliasName).toBe('alias/shop/orders');
  });

  test('conforms to the pinned alicloud schema (with and without alias)', () => {
    expectSchemaConformant(synth().parsed);
    expectSchemaConformant(synth({ alias: 'a' }).parsed);
  });

  test.each([
    [{ alias: 'alias/x' }, /alias \("alias\/x"\) .* without the "alias\/" prefix/],
    [{ alias: 'acs/rds' }, /alias .* must not start with "acs"/],
    [{ alias: 'bad alias' }, /alias \("bad alias"\)/],
    [{ pendingWindowInDays: 6 }, /pendingWindowInDays \(6\) must be an integer from 7 to 366/],
    [{ pendingWindowInDays: 367 }, /pendingWindowInDays/],
    [{ rotationIntervalDays: 731 }, /rotationIntervalDays \(731\) must be an integer from 7 to 730/],
    [{ rotationIntervalDays: 1.5 }, /rotationIntervalDays/],
    [{ deletionProtection: 'yes' }, /deletionProtection \("yes"\) must be true or false/],
    [{ descripton: 'typo' }, /descripton is not a known prop/],
  ])('rejects %j', (props, message) => {
    expect(() => synth(props as EncryptionKeyProps)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => synth({ pendingWindowInDays: 1, rotationIntervalDays: 1 })).toThrow(/pendingWindowInDays.*; rotationIntervalDays/);
  });
});

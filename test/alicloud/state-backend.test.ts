import { App, OssBackend, S3Backend, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Provider } from '../../lib/alicloud/provider';
import { StateBackend, StateBackendProps } from '../../lib/alicloud/state-backend';
import { OssBucket } from '../../lib/alicloud/gen/providers/alicloud/oss-bucket';
import { expectSchemaConformant } from '../util/alicloud-schema';

function regionStack(app: App, name: string, region: string): TerraformStack {
  const stack = new TerraformStack(app, name);
  new Provider(stack, 'Alicloud', { region });
  new OssBucket(stack, 'Data', { bucket: `${name}-data` });
  return stack;
}

function backendOf(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

function build(props: Partial<StateBackendProps> = {}): TerraformStack {
  const stack = regionStack(Testing.app(), 'shop-cn-hangzhou', 'cn-hangzhou');
  new StateBackend(stack, 'State', { bucketPrefix: 'shop-tfstate', region: 'cn-hangzhou', ...props } as StateBackendProps);
  return stack;
}

describe('alicloud.StateBackend', () => {
  test('keeps each stack\'s state in its own region, encrypted and locked in Tablestore', () => {
    const app = Testing.app();
    const primary = regionStack(app, 'shop-cn-hangzhou', 'cn-hangzhou');
    const standby = regionStack(app, 'shop-cn-shanghai', 'cn-shanghai');
    new StateBackend(primary, 'State', { bucketPrefix: 'shop-tfstate', region: 'cn-hangzhou' });
    new StateBackend(standby, 'State', { bucketPrefix: 'shop-tfstate', region: 'cn-shanghai' });

    expect(backendOf(primary)).toEqual({
      oss: {
        bucket: 'shop-tfstate-cn-hangzhou',
        prefix: 'shop-cn-hangzhou',
        key: 'terraform.tfstate',
        region: 'cn-hangzhou',
        encrypt: true,
        acl: 'private',
        tablestore_endpoint: 'https://shop-tfstat-lock.cn-hangzhou.ots.aliyuncs.com',
        tablestore_table: 'terraform_lock',
      },
    });
    expect(backendOf(standby).oss).toMatchObject({
      bucket: 'shop-tfstate-cn-shanghai',
      prefix: 'shop-cn-shanghai',
      region: 'cn-shanghai',
      tablestore_endpoint: 'https://shop-tfstat-lock.cn-shanghai.ots.aliyuncs.com',
    });
  });

  test('no credential of any kind is written into the backend block', () => {
    const oss = backendOf(build()).oss;
    for (const field of ['access_key', 'secret_key', 'security_token', 'assume_role', 'profile', 'shared_credentials_file']) {
      expect(oss[field]).toBeUndefined();
    }
  });

  test('exposes the backend, bucket, prefix, key, region, endpoint and table', () => {
    const stack = regionStack(Testing.app(), 'shop-cn-beijing', 'cn-beijing');
    const state = new StateBackend(stack, 'State', { bucketPrefix: 'acme-tf', region: 'cn-beijing', lockTable: 'locks' });
    expect(state.backend).toBeInstanceOf(OssBackend);
    expect(state.bucketName).toBe('acme-tf-cn-beijing');
    expect(state.prefix).toBe('shop-cn-beijing');
    expect(state.key).toBe('shop-cn-beijing/terraform.tfstate');
    expect(state.region).toBe('cn-beijing');
    expect(state.tablestoreEndpoint).toBe('https://acme-tf-lock.cn-beijing.ots.aliyuncs.com');
    expect(state.lockTable).toBe('locks');
    expect(backendOf(stack).oss.tablestore_table).toBe('locks');
  });

  test('a given Tablestore instance names the lock endpoint', () => {
    expect(backendOf(build({ tablestoreInstance: 'Shop-Locks1' })).oss.tablestore_endpoint)
      .toBe('https://Shop-Locks1.cn-hangzhou.ots.aliyuncs.com');
  });

  test('static names: bucket per region and a valid default lock instance', () => {
    expect(StateBackend.bucketNameFor('shop-tfstate', 'ap-southeast-1')).toBe('shop-tfstate-ap-southeast-1');
    expect(StateBackend.lockInstanceNameFor('shop-tfstate')).toBe('shop-tfstat-lock');
    // Cut to 11 characters (16 with "-lock"), trailing "-" dropped.
    expect(StateBackend.lockInstanceNameFor('verylongprefix-for-state')).toBe('verylongpre-lock');
    expect(StateBackend.lockInstanceNameFor('shop-tf-state')).toBe('shop-tf-sta-lock');
    // Words Tablestore forbids, or a leading digit: the fallback.
    expect(StateBackend.lockInstanceNameFor('payments')).toBe('tfstate-lock');
    expect(StateBackend.lockInstanceNameFor('alibaba-tf')).toBe('tfstate-lock');
    expect(StateBackend.lockInstanceNameFor('1shop')).toBe('tfstate-lock');
    for (const prefix of ['a', 'shop', 'x-y-z-1234567890', 'ots', 'admin1']) {
      expect(StateBackend.lockInstanceNameFor(prefix)).toMatch(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/);
    }
    expect(() => StateBackend.bucketNameFor('Shop', 'cn-hangzhou')).toThrow(/bucketPrefix/);
    expect(() => StateBackend.bucketNameFor('shop', 'eu-west-9')).toThrow(/region/);
    expect(() => StateBackend.bucketNameFor('a'.repeat(60), 'cn-hangzhou')).toThrow(/63 characters/);
  });

  test('bucketNameFor is static only (jsii forbids a static and an instance member of one name)', () => {
    const state = new StateBackend(regionStack(Testing.app(), 's', 'cn-hangzhou'), 'State', { bucketPrefix: 'p', region: 'cn-hangzhou' });
    expect((state as any).bucketNameFor).toBeUndefined();
  });

  test('the stack still synthesizes schema-conformant resources', () => {
    expectSchemaConformant(Testing.synth(build()));
  });

  test.each<[string, Partial<StateBackendProps>, RegExp]>([
    ['upper-case prefix', { bucketPrefix: 'Shop' }, /bucketPrefix \("Shop"\)/],
    ['prefix with "_"', { bucketPrefix: 'shop_state' }, /bucketPrefix/],
    ['prefix starting with "-"', { bucketPrefix: '-shop' }, /bucketPrefix/],
    ['too long a bucket name', { bucketPrefix: 'a'.repeat(55) }, /bucketPrefix .*63 characters/],
    ['unknown region', { region: 'eu-west-9' }, /region \("eu-west-9"\) must be a literal Alibaba Cloud region/],
    ['AWS-looking region', { region: 'us-east-2' }, /region/],
    ['lock table starting with a digit', { lockTable: '1lock' }, /lockTable \("1lock"\)/],
    ['lock table with "-"', { lockTable: 'tf-lock' }, /lockTable/],
    ['instance too short', { tablestoreInstance: 'ab' }, /tablestoreInstance \("ab"\) must be 3–16/],
    ['instance too long', { tablestoreInstance: 'a'.repeat(17) }, /tablestoreInstance/],
    ['instance ending with "-"', { tablestoreInstance: 'locks-' }, /tablestoreInstance/],
    ['instance starting with a digit', { tablestoreInstance: '9locks' }, /tablestoreInstance/],
    ['instance with a forbidden word', { tablestoreInstance: 'payroll-lock' }, /tablestoreInstance .*contains "ay"/],
    ['misspelt prop', { lockTabel: 'x' } as any, /lockTabel is not a known prop/],
  ])('rejects %s', (_name, props, error) => {
    expect(() => build(props)).toThrow(error);
  });

  test('rejects tokens: backend settings cannot refer to anything', () => {
    const stack = regionStack(Testing.app(), 's', 'cn-hangzhou');
    const variable = new TerraformVariable(stack, 'prefix', { type: 'string' });
    expect(() => new StateBackend(stack, 'State', {
      bucketPrefix: variable.stringValue, region: 'cn-hangzhou', lockTable: variable.stringValue, tablestoreInstance: variable.stringValue,
    })).toThrow(/bucketPrefix[\s\S]*lockTable[\s\S]*tablestoreInstance/);
  });

  test('reports every problem at once', () => {
    expect(() => build({ bucketPrefix: 'Bad', region: 'nowhere', lockTable: '-', tablestoreInstance: 'x' }))
      .toThrow(/bucketPrefix[\s\S]*region[\s\S]*lockTable[\s\S]*tablestoreInstance/);
  });

  test('a stack has one backend', () => {
    const stack = regionStack(Testing.app(), 's', 'cn-hangzhou');
    new S3Backend(stack, { bucket: 'other', key: 'k', region: 'us-east-1' });
    expect(() => new StateBackend(stack, 'State', { bucketPrefix: 'p', region: 'cn-hangzhou' })).toThrow(/scope .*already has a backend/);
  });

  test('missing props', () => {
    const stack = regionStack(Testing.app(), 's', 'cn-hangzhou');
    expect(() => new StateBackend(stack, 'State', undefined as any)).toThrow(/props/);
  });
});

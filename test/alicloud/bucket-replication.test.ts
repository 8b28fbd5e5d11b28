import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { BucketReplication, BucketReplicationProps } from '../../lib/alicloud/bucket-replication';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

const SOURCE = { bucketName: 'shop-backup-hz', region: 'cn-hangzhou', keyId: 'key-hz' };
const SHANGHAI = { bucketName: 'shop-backup-sh', region: 'cn-shanghai', keyId: 'key-sh' };
const BEIJING = { bucketName: 'shop-backup-bj', region: 'cn-beijing', keyId: 'key-bj' };

function stackWith(props: Partial<BucketReplicationProps> = {}): { stack: TerraformStack; replication: BucketReplication } {
  const stack = new TerraformStack(Testing.app(), 'global');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const replication = new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: [SHANGHAI, BEIJING], ...props } as BucketReplicationProps);
  return { stack, replication };
}

function synth(props: Partial<BucketReplicationProps> = {}): any {
  return JSON.parse(Testing.synth(stackWith(props).stack));
}

function all(tf: any, type: string): any[] {
  return Object.values(tf.resource[type] ?? {});
}

function only(tf: any, type: string): any {
  const resources = all(tf, type);
  expect(resources).toHaveLength(1);
  return resources[0];
}

describe('alicloud.BucketReplication', () => {
  test('one rule per destination: whole bucket, existing objects, deletes, RTC, the role', () => {
    const tf = synth();
    const rules = all(tf, 'alicloud_oss_bucket_replication');
    expect(rules).toHaveLength(2);
    const role = only(tf, 'alicloud_ram_role');
    rules.forEach((rule, i) => {
      const destination = [SHANGHAI, BEIJING][i];
      expect(rule.bucket).toBe('shop-backup-hz');
      expect(rule.destination).toEqual({ bucket: destination.bucketName, location: `oss-${destination.region}` });
      expect(rule.action).toBe('ALL');
      expect(rule.historical_object_replication).toBe('enabled');
      expect(rule.rtc).toEqual({ enabled: true });
      expect(rule.prefix_set).toBeUndefined();
      expect(rule.sync_role).toMatch(/^\$\{alicloud_ram_role\.Replication_Role_\w+\.role_name\}$/);
      expect(rule.depends_on).toEqual([expect.stringMatching(/^alicloud_ram_role_policy_attachment\./)]);
    });
    expect(role.role_name).toMatch(/^global-Replication-oss-replication-[0-9a-f]{8}$/);
  });

  test('KMS: SSE-KMS objects opted in, each replica re-encrypted with its destination key', () => {
    const rules = all(synth(), 'alicloud_oss_bucket_replication');
    expect(rules[0].source_selection_criteria).toEqual({ sse_kms_encrypted_objects: { status: 'Enabled' } });
    expect(rules[0].encryption_configuration).toEqual({ replica_kms_key_id: 'key-sh' });
    expect(rules[1].encryption_configuration).toEqual({ replica_kms_key_id: 'key-bj' });
  });

  test('without keys: no KMS opt-in, no replica key, no KMS grant', () => {
    const tf = synth({ source: { bucketName: 'a-src', region: 'cn-hangzhou' }, destinations: [{ bucketName: 'a-dst', region: 'cn-shanghai' }] });
    const rule = only(tf, 'alicloud_oss_bucket_replication');
    expect(rule.source_selection_criteria).toBeUndefined();
    expect(rule.encryption_configuration).toBeUndefined();
    const document = JSON.parse(only(tf, 'alicloud_ram_policy').policy_document);
    expect(JSON.stringify(document)).not.toMatch(/kms:/);
  });

  test('role trusted by OSS only; least-privilege policy on exactly these buckets and keys', () => {
    const tf = synth();
    const role = only(tf, 'alicloud_ram_role');
    expect(JSON.parse(role.assume_role_policy_document)).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['oss.aliyuncs.com'] } }],
    });
    for (const deprecated of ['name', 'document', 'services', 'ram_users', 'version']) expect(role[deprecated]).toBeUndefined();
    const policy = only(tf, 'alicloud_ram_policy');
    expect(policy.policy_name).toBe(role.role_name);
    expect(JSON.parse(policy.policy_document)).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['oss:ReplicateList', 'oss:ReplicateGet'], Resource: ['acs:oss:*:*:shop-backup-hz', 'acs:oss:*:*:shop-backup-hz/*'] },
        {
          Effect: 'Allow',
          Action: ['oss:ReplicateList', 'oss:ReplicateGet', 'oss:ReplicatePut', 'oss:ReplicateDelete'],
          Resource: ['acs:oss:*:*:shop-backup-sh', 'acs:oss:*:*:shop-backup-sh/*', 'acs:oss:*:*:shop-backup-bj', 'acs:oss:*:*:shop-backup-bj/*'],
        },
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['acs:kms:cn-hangzhou:*:key/key-hz'] },
        {
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
          Resource: ['acs:kms:cn-shanghai:*:key/key-sh', 'acs:kms:cn-beijing:*:key/key-bj'],
        },
      ],
    });
    expect(JSON.stringify(policy)).not.toMatch(/"Action":\s*\[?"\*"/);
    const attachment = only(tf, 'alicloud_ram_role_policy_attachment');
    expect(attachment.policy_type).toBe('Custom');
    expect(attachment.role_name).toMatch(/alicloud_ram_role\.\w+\.role_name/);
    expect(attachment.policy_name).toMatch(/alicloud_ram_policy\.\w+\.policy_name/);
  });

  test('opt-outs: RTC off (block omitted), no historical objects, no delete replication', () => {
    const rule = all(synth({ rtc: false, historicalObjects: false, replicateDeletes: false }), 'alicloud_oss_bucket_replication')[0];
    expect(rule.rtc).toBeUndefined();
    expect(rule.historical_object_replication).toBe('disabled');
    expect(rule.action).toBe('PUT');
  });

  test('RTC off allows region pairs RTC does not cover', () => {
    const props = { source: { ...SOURCE, region: 'cn-hangzhou' }, destinations: [{ ...SHANGHAI, region: 'ap-southeast-1' }] };
    expect(() => synth(props)).toThrow(/rtc .*not offered between cn-hangzhou and destinations\[0\]\.region ap-southeast-1/);
    expect(only(synth({ ...props, rtc: false }), 'alicloud_oss_bucket_replication').destination.location).toBe('oss-ap-southeast-1');
  });

  test('source provider alias: every resource goes through it', () => {
    const stack = new TerraformStack(Testing.app(), 'global');
    new Provider(stack, 'Default', { region: 'cn-beijing' });
    const hz = new Provider(stack, 'Hangzhou', { region: 'cn-hangzhou', alias: 'hangzhou' });
    new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: [SHANGHAI], sourceProvider: hz.resource });
    const tf = JSON.parse(Testing.synth(stack));
    for (const type of ['alicloud_oss_bucket_replication', 'alicloud_ram_role', 'alicloud_ram_policy', 'alicloud_ram_role_policy_attachment']) {
      expect(only(tf, type).provider).toBe('alicloud.hangzhou');
    }
  });

  test('exposes the role, policy, rules and rule ids', () => {
    const { replication } = stackWith();
    expect(replication.rules).toHaveLength(2);
    expect(replication.ruleIds).toHaveLength(2);
    expect(replication.roleName).toMatch(/-oss-replication-[0-9a-f]{8}$/);
    expect(replication.role.terraformResourceType).toBe('alicloud_ram_role');
    expect(replication.policy.terraformResourceType).toBe('alicloud_ram_policy');
  });

  test('bucket names and key ids from other constructs (tokens) are accepted', () => {
    const stack = new TerraformStack(Testing.app(), 'global');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const key = new TerraformVariable(stack, 'key', { type: 'string' });
    new BucketReplication(stack, 'R', {
      source: { bucketName: name.stringValue, region: 'cn-hangzhou', keyId: key.stringValue },
      destinations: [{ bucketName: name.stringValue, region: 'cn-shanghai', keyId: key.stringValue }],
    });
    const rule = only(JSON.parse(Testing.synth(stack)), 'alicloud_oss_bucket_replication');
    expect(rule.bucket).toBe('${var.name}');
    expect(rule.encryption_configuration).toEqual({ replica_kms_key_id: '${var.key}' });
  });

  test('schema conformance', () => {
    expectSchemaConformant(synth());
    expectSchemaConformant(synth({ rtc: false, historicalObjects: false, replicateDeletes: false }));
    expectSchemaConformant(synth({ source: { bucketName: 'a-src', region: 'cn-hangzhou' }, destinations: [{ bucketName: 'a-dst', region: 'cn-shanghai' }] }));
  });

  test.each<[string, Partial<BucketReplicationProps>, RegExp]>([
    ['no source', { source: undefined as any }, /source \(undefined\)/],
    ['bad source name', { source: { ...SOURCE, bucketName: 'Shop_Backup' } }, /source\.bucketName/],
    ['unknown source region', { source: { ...SOURCE, region: 'cn-mars' } }, /source\.region \("cn-mars"\)/],
    ['empty source key', { source: { ...SOURCE, keyId: '' } }, /source\.keyId/],
    ['misspelt bucket field', { source: { ...SOURCE, kmsKeyId: 'k' } as any }, /source\.kmsKeyId is not a known prop/],
    ['no destinations', { destinations: [] }, /destinations \(\[\]\) must list at least one bucket/],
    ['destinations not a list', { destinations: 'x' as any }, /destinations/],
    ['destination in the source region', { destinations: [{ ...SHANGHAI, region: 'cn-hangzhou' }] }, /destinations\[0\]\.region \("cn-hangzhou"\) is the source region/],
    ['two destinations in one region', { destinations: [SHANGHAI, { ...BEIJING, region: 'cn-shanghai' }] }, /destinations\[1\]\.region .*repeats destinations\[0\]/],
    ['one destination bucket twice', { destinations: [SHANGHAI, { ...BEIJING, bucketName: SHANGHAI.bucketName }] }, /destinations\[1\]\.bucketName .*one rule per source and destination/],
    ['destination without a key while the source has one', { destinations: [{ bucketName: 'x-dst', region: 'cn-shanghai' }] }, /destinations\[0\]\.keyId is required because source\.keyId is set/],
    ['bad destination name', { destinations: [{ ...SHANGHAI, bucketName: '-x' }] }, /destinations\[0\]\.bucketName/],
    ['non-boolean rtc', { rtc: 'yes' as any }, /rtc \("yes"\) must be true or false/],
    ['non-boolean historicalObjects', { historicalObjects: 1 as any }, /historicalObjects/],
    ['non-boolean replicateDeletes', { replicateDeletes: null as any }, /replicateDeletes/],
    ['misspelt prop', { rtcEnabled: true } as any, /rtcEnabled is not a known prop/],
  ])('rejects %s', (_name, props, error) => {
    expect(() => synth(props)).toThrow(error);
  });

  test('rejects a region token: the OSS location is built at synth time', () => {
    const stack = new TerraformStack(Testing.app(), 'global');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    expect(() => new BucketReplication(stack, 'R', { source: SOURCE, destinations: [{ ...SHANGHAI, region: region.stringValue }] }))
      .toThrow(/destinations\[0\]\.region/);
  });

  test('rejects a default provider of another region', () => {
    const stack = new TerraformStack(Testing.app(), 'global');
    new Provider(stack, 'Alicloud', { region: 'cn-beijing' });
    expect(() => new BucketReplication(stack, 'R', { source: SOURCE, destinations: [SHANGHAI] }))
      .toThrow(/sourceProvider .*default.*"cn-beijing".*source region \("cn-hangzhou"\)/);
  });

  test('rejects a source provider of another region, stack or cloud', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'global');
    const other = new TerraformStack(app, 'other');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const sh = new Provider(stack, 'Shanghai', { region: 'cn-shanghai', alias: 'shanghai' });
    const foreign = new Provider(other, 'Alicloud', { region: 'cn-hangzhou' });
    expect(() => new BucketReplication(stack, 'A', { source: SOURCE, destinations: [BEIJING], sourceProvider: sh.resource }))
      .toThrow(/sourceProvider .*"cn-shanghai".*source region/);
    expect(() => new BucketReplication(stack, 'B', { source: SOURCE, destinations: [BEIJING], sourceProvider: foreign.resource }))
      .toThrow(/sourceProvider .*must belong to the stack/);
    expect(() => new BucketReplication(stack, 'C', { source: SOURCE, destinations: [BEIJING], sourceProvider: {} as any }))
      .toThrow(/sourceProvider must be an alicloud provider/);
  });

  test('reports every problem at once; missing props', () => {
    expect(() => synth({ source: { ...SOURCE, region: 'x' }, destinations: [], rtc: 1 as any }))
      .toThrow(/source\.region[\s\S]*destinations[\s\S]*rtc/);
    const stack = new TerraformStack(Testing.app(), 'global');
    expect(() => new BucketReplication(stack, 'R', undefined as any)).toThrow(/props/);
  });
});

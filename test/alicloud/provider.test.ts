import { TerraformStack, Testing } from 'cdktf';
import { alicloud } from '../../lib';
import { Vpc } from '../../lib/alicloud/gen/providers/alicloud/vpc';

function synth(props: alicloud.ProviderProps): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  new alicloud.Provider(stack, 'Alicloud', props);
  new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  return JSON.parse(Testing.synth(stack));
}

describe('alicloud.Provider', () => {
  test('pins aliyun/alicloud 1.283.0 and writes the region, never credentials', () => {
    const tf = synth({ region: 'cn-hangzhou' });
    expect(tf.terraform.required_providers.alicloud).toEqual({ source: 'aliyun/alicloud', version: '1.283.0' });
    expect(tf.provider.alicloud).toEqual([{ region: 'cn-hangzhou' }]);
    expect(JSON.stringify(tf)).not.toMatch(/access_key|secret_key/);
  });

  test('alias and assumed role', () => {
    const tf = synth({ region: 'cn-shanghai', alias: 'standby', assumeRoleArn: 'acs:ram::123456789012:role/deployer' });
    expect(tf.provider.alicloud[0]).toMatchObject({
      region: 'cn-shanghai', alias: 'standby', assume_role: { role_arn: 'acs:ram::123456789012:role/deployer', session_name: 'cdktf-ha' },
    });
  });

  test.each([
    [{ region: 'us-east-9' }, /region \("us-east-9"\) must be an Alibaba Cloud region/],
    [{ region: 'cn-hangzhou', assumeRoleArn: 'arn:aws:iam::1:role/x' }, /assumeRoleArn .* RAM role ARN/],
    [{ region: 'cn-hangzhou', alias: 'Bad Alias' }, /alias .* lowercase identifier/],
    [{ region: 'cn-hangzhou', regoin: 'x' }, /regoin is not a known prop/],
  ])('rejects %j', (props, message) => {
    expect(() => synth(props as alicloud.ProviderProps)).toThrow(message);
  });
});

describe('the schema check itself', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { alicloudSchemaProblems } = require('../util/alicloud-schema');
  test('accepts what the bindings write and names what the schema lacks', () => {
    const tf = synth({ region: 'cn-hangzhou' });
    expect(alicloudSchemaProblems(tf)).toEqual([]);
    const vpc = Object.keys(tf.resource.alicloud_vpc)[0];
    tf.resource.alicloud_vpc[vpc].no_such_argument = 1;
    tf.resource.alicloud_vpc[vpc].name = 'x'; // deprecated: vpc_name
    tf.resource.alicloud_security_group_rule = { r: { type: 'ingress', ip_protocol: 'tcp' } };
    const problems = alicloudSchemaProblems(tf);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/alicloud_vpc\..*\.no_such_argument is not in the schema/),
      expect.stringMatching(/alicloud_security_group_rule\.r\.security_group_id is required but not set/),
      expect.stringMatching(/alicloud_vpc\..*\.name is deprecated/),
    ]));
  });
});

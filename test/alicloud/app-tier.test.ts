import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AppTier, AppTierProps } from '../../lib/alicloud/app-tier';
import { ILoadBalancerTarget, INetwork } from '../../lib/alicloud/interfaces';
import { Provider } from '../../lib/alicloud/provider';
import { expectSchemaConformant } from '../util/alicloud-schema';

const network: INetwork = {
  vpcId: 'vpc-0123',
  vpcCidr: '10.0.0.0/16',
  zoneIds: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
  publicVswitchIds: ['vsw-pa', 'vsw-pb', 'vsw-pc'],
  appVswitchIds: ['vsw-a', 'vsw-b', 'vsw-c'],
  dataVswitchIds: ['vsw-da', 'vsw-db', 'vsw-dc'],
  appVswitchCidrs: ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'],
};

const loadBalancer: ILoadBalancerTarget = { securityGroupId: 'sg-lb', serverGroupId: 'sgp-0123' };

type Overrides = Partial<AppTierProps> & { [key: string]: unknown };

function build(overrides: Overrides = {}): { tier: AppTier; stack: TerraformStack } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const tier = new AppTier(stack, 'App', { network, loadBalancer, instanceType: 'ecs.g7.large', ...overrides } as AppTierProps);
  return { tier, stack };
}

function synth(overrides: Overrides = {}): any {
  return JSON.parse(Testing.synth(build(overrides).stack));
}

/** The only resource (or data source) of `type`. */
function only(parsed: any, type: string, kind: 'resource' | 'data' = 'resource'): any {
  const all = Object.values(parsed[kind][type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

/** A reference to an attribute of the only resource (or data source) of `type`. */
function ref(parsed: any, type: string, attribute: string, kind: 'resource' | 'data' = 'resource'): string {
  const names = Object.keys(parsed[kind][type] ?? {});
  expect(names).toHaveLength(1);
  return `\${${kind === 'data' ? 'data.' : ''}${type}.${names[0]}.${attribute}}`;
}

/** A max-1 block, whichever way cdktf writes it (object or one-element list). */
function block(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

describe('alicloud.AppTier', () => {
  describe('defaults', () => {
    const { tier, stack } = build();
    const parsed = JSON.parse(Testing.synth(stack));
    const group = only(parsed, 'alicloud_ess_scaling_group');
    const template = only(parsed, 'alicloud_ecs_launch_template');

    test('writes only the expected types', () => {
      expect(Object.keys(parsed.resource).sort()).toEqual([
        'alicloud_ecs_launch_template', 'alicloud_ess_scaling_group', 'alicloud_ess_scaling_rule',
        'alicloud_security_group', 'alicloud_security_group_rule',
      ]);
      expect(Object.keys(parsed.data)).toEqual(['alicloud_images']);
    });

    test('spans the application vSwitch of every zone, balanced across zones', () => {
      expect(group.vswitch_ids).toEqual(['vsw-a', 'vsw-b', 'vsw-c']);
      expect(group.vswitch_id).toBeUndefined();
      expect(group.multi_az_policy).toBe('BALANCE');
    });

    test('min 2, max 6, desired 2, desired capacity left to scaling after creation', () => {
      expect([group.min_size, group.max_size, group.desired_capacity]).toEqual([2, 6, 2]);
      expect(group.lifecycle).toEqual({ ignore_changes: ['desired_capacity'] });
      expect([tier.minCapacity, tier.maxCapacity, tier.desiredCapacity]).toEqual([2, 6, 2]);
    });

    test('joins the ALB server group on the app port, in exactly one way', () => {
      expect(group.alb_server_group).toEqual([{ alb_server_group_id: 'sgp-0123', port: 80, weight: 100 }]);
      expect(parsed.resource.alicloud_ess_alb_server_group_attachment).toBeUndefined();
      expect(parsed.resource.alicloud_ess_server_group_attachment).toBeUndefined();
      expect(group.loadbalancer_ids).toBeUndefined();
    });

    test('replaces instances that ECS or the load balancer finds unhealthy', () => {
      expect(group.health_check_types).toEqual(['ECS', 'LOAD_BALANCER']);
      expect(group.health_check_type).toBeUndefined();
      expect(group.removal_policies).toEqual(['OldestScalingConfiguration', 'OldestInstance']);
    });

    test('launches the latest version of the launch template, after the ingress rule exists', () => {
      expect(group.launch_template_id).toBe(ref(parsed, 'alicloud_ecs_launch_template', 'id'));
      expect(group.launch_template_version).toBe('Latest');
      expect(template.update_default_version_number).toBe(true);
      expect(group.depends_on).toEqual([expect.stringMatching(/^alicloud_security_group_rule\.App_FromLoadBalancer_/)]);
    });

    test('gives no public IP, no key pair and no password', () => {
      expect(template.internet_max_bandwidth_out).toBe(0);
      expect(template.internet_charge_type).toBeUndefined();
      expect(template.key_pair_name).toBeUndefined();
      expect(template.password_inherit).toBe(false);
      expect(template.network_type).toBe('vpc');
      expect(template.instance_charge_type).toBe('PostPaid');
    });

    test('requires hardened-mode metadata access with one hop', () => {
      expect([template.http_endpoint, template.http_tokens, template.http_put_response_hop_limit]).toEqual(['enabled', 'required', 1]);
    });

    test('boots from an encrypted 40 GiB ESSD deleted with the instance, with the service key', () => {
      expect(block(template.system_disk)).toEqual({
        category: 'cloud_essd', size: 40, encrypted: true, delete_with_instance: true,
      });
      expect(template.system_disk_category).toBeUndefined();
      expect(template.system_disk_size).toBeUndefined();
    });

    test('attaches only the tier group, activates security hardening, sets the instance type and no RAM role', () => {
      expect(template.security_group_ids).toEqual([ref(parsed, 'alicloud_security_group', 'id')]);
      expect(template.security_group_id).toBeUndefined();
      expect(template.security_enhancement_strategy).toBe('Active');
      expect(template.instance_type).toBe('ecs.g7.large');
      expect(template.ram_role_name).toBeUndefined();
      expect(template.user_data).toBeUndefined();
    });

    test('boots the latest Alibaba Cloud Linux 3 image that runs on the instance type', () => {
      const images = only(parsed, 'alicloud_images', 'data');
      expect(images).toEqual({
        name_regex: '^aliyun_3_(x64|arm64)_20G_alibase_[0-9]{8}[.]vhd$',
        owners: 'system', os_type: 'linux', instance_type: 'ecs.g7.large', most_recent: true,
      });
      expect(template.image_id).toBe(ref(parsed, 'alicloud_images', 'images[0].id', 'data'));
      expect(new RegExp(images.name_regex).test('aliyun_3_x64_20G_alibase_20240819.vhd')).toBe(true);
      expect(new RegExp(images.name_regex).test('aliyun_3_arm64_20G_alibase_20240819.vhd')).toBe(true);
      for (const variant of ['aliyun_3_9_x64_20G_alibase_20231219.vhd', 'aliyun_3_x64_20G_dengbao_alibase_20240819.vhd',
        'aliyun_3_x64_20G_container_optimized_alibase_20251215.vhd', 'aliyun_2_1903_x64_20G_alibase_20240628.vhd']) {
        expect(new RegExp(images.name_regex).test(variant)).toBe(false);
      }
    });

    test('tracks 50 % average CPU', () => {
      expect(only(parsed, 'alicloud_ess_scaling_rule')).toEqual({
        scaling_group_id: ref(parsed, 'alicloud_ess_scaling_group', 'id'),
        scaling_rule_name: 'target-cpu-utilization',
        scaling_rule_type: 'TargetTrackingScalingRule',
        metric_name: 'CpuUtilization',
        target_value: 50,
      });
    });

    test('names resources from the construct path and exposes ids as tokens', () => {
      expect(template.launch_template_name).toBe('test-App');
      expect(template.instance_name).toBe('test-App');
      expect(group.scaling_group_name).toBe('test-App');
      expect(only(parsed, 'alicloud_security_group').security_group_name).toBe('test-App');
      for (const value of [tier.securityGroupId, tier.scalingGroupId, tier.launchTemplateId, tier.imageId]) {
        expect(value).toMatch(/^\$\{TfToken\[/);
      }
    });

    test('conforms to the pinned aliyun/alicloud 1.283.0 schema', () => {
      expectSchemaConformant(parsed);
    });
  });

  describe('security group', () => {
    const parsed = synth({ port: 8080 });

    test('is a basic group in the VPC that isolates instances from each other', () => {
      expect(only(parsed, 'alicloud_security_group')).toEqual(expect.objectContaining({
        vpc_id: 'vpc-0123', security_group_type: 'normal', inner_access_policy: 'Drop',
      }));
    });

    test('the only ingress is the app port from the load balancer group', () => {
      expect(Object.values(parsed.resource.alicloud_security_group_rule)).toEqual([{
        type: 'ingress',
        ip_protocol: 'tcp',
        port_range: '8080/8080',
        security_group_id: ref(parsed, 'alicloud_security_group', 'id'),
        source_security_group_id: 'sg-lb',
        policy: 'accept',
        nic_type: 'intranet',
        description: 'Load balancer to application port 8080',
      }]);
    });

    test('instances register with the server group on the same port', () => {
      expect(only(parsed, 'alicloud_ess_scaling_group').alb_server_group).toEqual([
        { alb_server_group_id: 'sgp-0123', port: 8080, weight: 100 },
      ]);
    });
  });

  test('a customer-managed key and a disk size reach the system disk', () => {
    const parsed = synth({ encryptionKey: { keyId: 'key-hzz6123' }, systemDiskSizeGb: 100 });
    expect(block(only(parsed, 'alicloud_ecs_launch_template').system_disk)).toEqual({
      category: 'cloud_essd', size: 100, encrypted: true, kms_key_id: 'key-hzz6123', delete_with_instance: true,
    });
    expectSchemaConformant(parsed);
  });

  test('an imageId is used as given, without the image lookup', () => {
    const parsed = synth({ imageId: 'm-bp1g7004ksh0oeuc1234' });
    expect(only(parsed, 'alicloud_ecs_launch_template').image_id).toBe('m-bp1g7004ksh0oeuc1234');
    expect(parsed.data).toBeUndefined();
  });

  test('an arm64 instance type filters the image lookup by that type', () => {
    const parsed = synth({ instanceType: 'ecs.c8y.xlarge' });
    expect(only(parsed, 'alicloud_images', 'data').instance_type).toBe('ecs.c8y.xlarge');
    expect(only(parsed, 'alicloud_ecs_launch_template').instance_type).toBe('ecs.c8y.xlarge');
  });

  test('each capacity and scaling prop reaches the group and the rule', () => {
    const parsed = synth({ minCapacity: 0, maxCapacity: 10, desiredCapacity: 3, targetCpuUtilization: 70 });
    const group = only(parsed, 'alicloud_ess_scaling_group');
    expect([group.min_size, group.max_size, group.desired_capacity]).toEqual([0, 10, 3]);
    expect(only(parsed, 'alicloud_ess_scaling_rule').target_value).toBe(70);
  });

  test('desired capacity defaults to minCapacity', () => {
    expect(only(synth({ minCapacity: 3 }), 'alicloud_ess_scaling_group').desired_capacity).toBe(3);
  });

  test('user data is encoded by Terraform, readable in locals, with ${ and %{ kept literally', () => {
    const parsed = synth({ userData: '#!/bin/bash\necho "${HOME}" %{x}\n' });
    const [name, script] = Object.entries(parsed.locals)[0] as [string, string];
    expect(script).toBe('#!/bin/bash\necho "$${HOME}" %%{x}\n');
    expect(only(parsed, 'alicloud_ecs_launch_template').user_data).toBe(`\${base64encode(local.${name})}`);
  });

  test('tokens in user data and instance type are interpolated by Terraform, not checked', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const endpoint = new TerraformVariable(stack, 'db_endpoint', { type: 'string' });
    const instanceType = new TerraformVariable(stack, 'instance_type', { type: 'string' });
    new AppTier(stack, 'App', { network, loadBalancer, instanceType: instanceType.stringValue, userData: `DB="${endpoint.stringValue}"` });
    const parsed = JSON.parse(Testing.synth(stack));
    expect(Object.values(parsed.locals)).toEqual(['DB="${var.db_endpoint}"']);
    expect(only(parsed, 'alicloud_images', 'data').instance_type).toBe('${var.instance_type}');
  });

  test('tags reach the instances (launch template), the security group and the scaling group', () => {
    const tags = { 'team': 'shop', 'cost-center': '42' };
    const parsed = synth({ tags });
    expect(only(parsed, 'alicloud_ecs_launch_template').tags).toEqual(tags);
    expect(only(parsed, 'alicloud_security_group').tags).toEqual(tags);
    expect(only(parsed, 'alicloud_ess_scaling_group').tags).toEqual(tags);
    expectSchemaConformant(parsed);
  });

  test('a path starting with a digit still gives names that start with a letter', () => {
    const stack = new TerraformStack(Testing.app(), '1shop');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    new AppTier(stack, 'App', { network, loadBalancer, instanceType: 'ecs.g7.large' });
    const parsed = JSON.parse(Testing.synth(stack));
    expect(only(parsed, 'alicloud_ecs_launch_template').instance_name).toBe('app-1shop-App');
  });

  describe('rejects bad input', () => {
    test.each<[string, Overrides, RegExp]>([
      ['min > max', { minCapacity: 7, maxCapacity: 6 }, /minCapacity \(7\) must be ≤ maxCapacity \(6\)/],
      ['max 0', { minCapacity: 0, maxCapacity: 0 }, /maxCapacity \(0\) must be an integer from 1 to 2000/],
      ['max above the ESS limit', { maxCapacity: 2001 }, /maxCapacity \(2001\)/],
      ['non-integer min', { minCapacity: 1.5 }, /minCapacity \(1\.5\) must be an integer/],
      ['negative min', { minCapacity: -1 }, /minCapacity \(-1\) must be an integer from 0 to 2000/],
      ['non-integer desired', { desiredCapacity: 2.5 }, /desiredCapacity \(2\.5\) must be an integer/],
      ['desired above max', { desiredCapacity: 7 }, /desiredCapacity \(7\) must be from minCapacity \(2\) to maxCapacity \(6\)/],
      ['desired below min', { desiredCapacity: 1 }, /desiredCapacity \(1\) must be from minCapacity/],
      ['cpu 0', { targetCpuUtilization: 0 }, /targetCpuUtilization \(0\) must be a number from 1 to 100/],
      ['cpu 101', { targetCpuUtilization: 101 }, /targetCpuUtilization \(101\)/],
      ['port 0', { port: 0 }, /port \(0\) must be an integer from 1 to 65535/],
      ['port 70000', { port: 70000 }, /port \(70000\)/],
      ['AWS instance type', { instanceType: 't3.small' }, /instanceType \("t3.small"\) must be an ECS instance type/],
      ['instance type without size', { instanceType: 'ecs.g7' }, /instanceType \("ecs.g7"\)/],
      ['instance type with a bad size', { instanceType: 'ecs.g7.huge' }, /instanceType \("ecs.g7.huge"\)/],
      ['instance type in capitals', { instanceType: 'ECS.G7.LARGE' }, /instanceType/],
      ['system disk 10 GiB', { systemDiskSizeGb: 10 }, /systemDiskSizeGb \(10\) must be an integer from 20 to 2048/],
      ['system disk 4 TiB', { systemDiskSizeGb: 4096 }, /systemDiskSizeGb \(4096\)/],
      ['AMI id', { imageId: 'ami-0123456789abcdef0' }, /imageId \("ami-0123456789abcdef0"\) must be an ECS image id/],
      ['user data over 32 KB', { userData: 'x'.repeat(32 * 1024 + 1) }, /userData \(32769 bytes\) must be at most 32768 bytes/],
      ['reserved tag key', { tags: { 'aliyun:team': 'x' } }, /tags\.aliyun:team key must be 1 to 64 characters/],
      ['acs: tag key', { tags: { 'acs:x': 'y' } }, /tags\.acs:x key/],
      ['long tag key', { tags: { ['k'.repeat(65)]: 'x' } }, /key must be 1 to 64 characters/],
      ['long tag value', { tags: { team: 'x'.repeat(129) } }, /tags\.team value/],
      ['tag value with a URL', { tags: { team: 'https://x' } }, /tags\.team value/],
      ['too many tags', { tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }, /tags \(21 tags\) must be at most 20/],
      ['empty key id', { encryptionKey: { keyId: '' } }, /encryptionKey\.keyId/],
      ['unknown prop', { minCapacty: 2 }, /minCapacty is not a known prop/],
      ['AWS-style prop', { rootVolumeSizeGb: 20 }, /rootVolumeSizeGb is not a known prop/],
      ['one app vSwitch', { network: { ...network, appVswitchIds: ['vsw-a'] } }, /network\.appVswitchIds .* 2 to 8 vSwitch ids/],
      ['nine app vSwitches', { network: { ...network, appVswitchIds: Array.from({ length: 9 }, (_, i) => `vsw-${i}`) } }, /network\.appVswitchIds/],
      ['missing network', { network: undefined }, /network \(undefined\) is required/],
      ['network without VPC', { network: { ...network, vpcId: '' } }, /network\.vpcId/],
      ['missing load balancer', { loadBalancer: undefined }, /loadBalancer \(undefined\) is required/],
      ['load balancer without server group', { loadBalancer: { securityGroupId: 'sg-lb', serverGroupId: '' } }, /loadBalancer\.serverGroupId/],
      ['load balancer without security group', { loadBalancer: { serverGroupId: 'sgp-1' } as ILoadBalancerTarget }, /loadBalancer\.securityGroupId/],
    ])('%s', (_name, overrides, message) => {
      expect(() => build(overrides)).toThrow(message);
    });

    test('lists every problem at once and creates nothing', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new AppTier(stack, 'App', {
        network, loadBalancer, instanceType: 'large', port: 0, minCapacity: 9,
      })).toThrow(/alicloud\.AppTier "App".*instanceType.*port.*minCapacity \(9\) must be ≤ maxCapacity/s);
      expect(stack.node.findAll().filter((c) => c.node.path.includes('App/'))).toEqual([]);
    });
  });
});

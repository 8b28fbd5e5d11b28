import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AppTier, AppTierProps, CpuArchitecture, architectureOf } from '../../lib/aws/app-tier';
import { ILoadBalancerTarget, INetwork } from '../../lib/aws/interfaces';
import { expectAllValid, testWithTerraform } from '../util/terraform';

const network: INetwork = {
  vpcId: 'vpc-0123',
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  publicSubnetIds: ['subnet-pa', 'subnet-pb', 'subnet-pc'],
  privateSubnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  isolatedSubnetIds: ['subnet-ia', 'subnet-ib', 'subnet-ic'],
};

const loadBalancer: ILoadBalancerTarget = {
  securityGroupId: 'sg-lb',
  targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/0123456789abcdef',
  loadBalancerArnSuffix: 'app/shop/50dc6c495c0c9188',
  targetGroupArnSuffix: 'targetgroup/app/0123456789abcdef',
};

type Overrides = Partial<AppTierProps> & { [key: string]: unknown };

function build(overrides: Overrides = {}): { tier: AppTier; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const tier = new AppTier(stack, 'App', { network, loadBalancer, instanceType: 't3.small', ...overrides } as AppTierProps);
  return { tier, stack };
}

function synth(overrides: Overrides = {}): string {
  return Testing.synth(build(overrides).stack);
}

/** The only resource of `type` in the synthesized stack. */
function only(parsed: any, type: string): any {
  const all = Object.values(parsed.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

function all(parsed: any, type: string): any[] {
  return Object.values(parsed.resource[type] ?? {});
}

/** A reference to an attribute of the only resource (or data source) of `type`. */
function ref(parsed: any, type: string, attribute: string, kind: 'resource' | 'data' = 'resource'): string {
  return `\${${address(parsed, type, kind)}.${attribute}}`;
}

/** Terraform address of the only resource (or data source, with `data.`) of `type`, e.g. `aws_iam_role.App_Role_1A2B3C4D`. */
function address(parsed: any, type: string, kind: 'resource' | 'data' = 'resource'): string {
  const names = Object.keys(parsed[kind][type] ?? {});
  expect(names).toHaveLength(1);
  return `${kind === 'data' ? 'data.' : ''}${type}.${names[0]}`;
}

describe('architectureOf', () => {
  test.each([
    ['t4g.small'], ['m6g.large'], ['m7gd.xlarge'], ['c7gn.large'], ['r8g.2xlarge'], ['x2gd.medium'],
    ['im4gn.large'], ['is4gen.medium'], ['g5g.xlarge'], ['a1.large'], ['hpc7g.16xlarge'], ['c6gn.metal'],
  ])('%s is arm64', (instanceType) => {
    expect(architectureOf(instanceType)).toBe(CpuArchitecture.ARM64);
  });

  test.each([
    ['t3.small'], ['m5.large'], ['m7i-flex.large'], ['c6i.metal-32xl'], ['x2iedn.xlarge'], ['g4dn.xlarge'],
    ['g4ad.xlarge'], ['p4de.24xlarge'], ['u-6tb1.56xlarge'], ['inf2.xlarge'], ['r7iz.large'], ['gr6.4xlarge'],
  ])('%s is x86_64', (instanceType) => {
    expect(architectureOf(instanceType)).toBe(CpuArchitecture.X86_64);
  });
});

describe('aws.AppTier', () => {
  describe('launch template', () => {
    const parsed = JSON.parse(synth());
    const template = only(parsed, 'aws_launch_template');

    test('requires IMDSv2 with one hop and exposes instance tags in metadata', () => {
      expect(template.metadata_options).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'enabled',
      });
    });

    test('boots from an encrypted gp3 root volume of 20 GiB on /dev/xvda with the AWS managed key', () => {
      expect(template.block_device_mappings).toEqual([{
        device_name: '/dev/xvda',
        ebs: { volume_type: 'gp3', volume_size: 20, encrypted: 'true', delete_on_termination: 'true' },
      }]);
    });

    test('gives no public IP, attaches the tier group, and sets no key pair', () => {
      expect(template.network_interfaces).toEqual([{
        device_index: 0,
        associate_public_ip_address: 'false',
        delete_on_termination: 'true',
        security_groups: [ref(parsed, 'aws_security_group', 'id')],
      }]);
      expect(template.key_name).toBeUndefined();
      expect(template.vpc_security_group_ids).toBeUndefined();
    });

    test('uses the instance profile, detailed monitoring, and updates its default version', () => {
      expect(template.iam_instance_profile).toEqual({ arn: ref(parsed, 'aws_iam_instance_profile', 'arn') });
      expect(template.monitoring).toEqual({ enabled: true });
      expect(template.update_default_version).toBe(true);
      expect(template.instance_type).toBe('t3.small');
      expect(template.user_data).toBeUndefined();
    });

    test('tags instances and volumes', () => {
      expect(template.tag_specifications).toEqual([
        { resource_type: 'instance', tags: { Name: 'test/App' } },
        { resource_type: 'volume', tags: { Name: 'test/App' } },
      ]);
    });
  });

  test('encrypts with a customer-managed key when given', () => {
    const parsed = JSON.parse(synth({ encryptionKey: { keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' }, rootVolumeSizeGb: 50 }));
    expect(only(parsed, 'aws_launch_template').block_device_mappings[0].ebs).toEqual({
      volume_type: 'gp3', volume_size: 50, encrypted: 'true', delete_on_termination: 'true',
      kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
    });
  });

  describe('image', () => {
    test('x86 types boot the latest AL2023 x86_64 image from SSM, without marking it sensitive', () => {
      const { tier, stack } = build();
      const parsed = JSON.parse(Testing.synth(stack));
      expect(tier.architecture).toBe(CpuArchitecture.X86_64);
      const parameters = Object.values(parsed.data.aws_ssm_parameter) as any[];
      expect(parameters).toEqual([{ name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }]);
      expect(only(parsed, 'aws_launch_template').image_id).toBe(ref(parsed, 'aws_ssm_parameter', 'insecure_value', 'data'));
      expect(parsed.data.aws_ami).toBeUndefined();
    });

    test('Graviton types boot the arm64 image', () => {
      const { tier, stack } = build({ instanceType: 't4g.small' });
      const parsed = JSON.parse(Testing.synth(stack));
      expect(tier.architecture).toBe(CpuArchitecture.ARM64);
      expect(Object.values(parsed.data.aws_ssm_parameter)).toEqual([
        { name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' },
      ]);
    });

    test('an imageId is used as given, with the root mapping on that image\'s own root device', () => {
      const parsed = JSON.parse(synth({ imageId: 'ami-0123456789abcdef0' }));
      const template = only(parsed, 'aws_launch_template');
      expect(template.image_id).toBe('ami-0123456789abcdef0');
      expect(parsed.data.aws_ssm_parameter).toBeUndefined();
      const [ami] = Object.entries(parsed.data.aws_ami) as [string, any][];
      expect(ami[1].filter).toEqual([{ name: 'image-id', values: ['ami-0123456789abcdef0'] }]);
      expect(template.block_device_mappings[0].device_name).toBe(`\${data.aws_ami.${ami[0]}.root_device_name}`);
    });
  });

  test('user data is encoded by Terraform, readable in locals, with ${ and %{ kept literally', () => {
    const parsed = JSON.parse(synth({ userData: '#!/bin/bash\necho "${HOME}" %{x}\n' }));
    const [name, script] = Object.entries(parsed.locals)[0] as [string, string];
    expect(script).toBe('#!/bin/bash\necho "$${HOME}" %%{x}\n');
    expect(only(parsed, 'aws_launch_template').user_data).toBe(`\${base64encode(local.${name})}`);
  });

  test('tokens in user data are interpolated by Terraform', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const endpoint = new TerraformVariable(stack, 'db_endpoint', { type: 'string' });
    new AppTier(stack, 'App', { network, loadBalancer, instanceType: 't3.small', userData: `DB="${endpoint.stringValue}" ; echo \${DB}` });
    const parsed = JSON.parse(Testing.synth(stack));
    expect(Object.values(parsed.locals)).toEqual(['DB="${var.db_endpoint}" ; echo $${DB}']);
  });

  describe('instance role', () => {
    const parsed = JSON.parse(synth());

    test('trusts EC2 and has only the SSM managed instance policy (Session Manager instead of SSH)', () => {
      const trust = Object.values(parsed.data.aws_iam_policy_document)[0] as any;

      expect(trust.statement).toEqual([{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: [`ec2.${ref(parsed, 'aws_partition', 'dns_suffix', 'data')}`] }],
      }]);
      const attachment = only(parsed, 'aws_iam_role_policy_attachment');
      expect(attachment.policy_arn).toBe(`arn:${ref(parsed, 'aws_partition', 'partition', 'data')}:iam::aws:policy/AmazonSSMManagedInstanceCore`);
      expect(attachment.role).toBe(ref(parsed, 'aws_iam_role', 'name'));
      expect(only(parsed, 'aws_iam_instance_profile').role).toBe(ref(parsed, 'aws_iam_role', 'name'));
    });
  });

  describe('security groups', () => {
    const { stack } = build({ port: 8080 });
    const parsed = JSON.parse(Testing.synth(stack));
    const groupId = ref(parsed, 'aws_security_group', 'id');

    test('the only ingress is the app port from the load balancer group', () => {
      const group = only(parsed, 'aws_security_group');
      expect(group.vpc_id).toBe('vpc-0123');
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
      expect(all(parsed, 'aws_vpc_security_group_ingress_rule')).toEqual([expect.objectContaining({
        security_group_id: groupId,
        referenced_security_group_id: 'sg-lb',
        ip_protocol: 'tcp', from_port: 8080, to_port: 8080,
      })]);
    });

    test('egress: the load balancer to the app port, the instances to 443 only', () => {
      const egress = all(parsed, 'aws_vpc_security_group_egress_rule');
      expect(egress).toHaveLength(2);
      expect(egress).toContainEqual(expect.objectContaining({
        security_group_id: 'sg-lb', referenced_security_group_id: groupId,
        ip_protocol: 'tcp', from_port: 8080, to_port: 8080,
      }));
      expect(egress).toContainEqual(expect.objectContaining({
        security_group_id: groupId, cidr_ipv4: '0.0.0.0/0',
        ip_protocol: 'tcp', from_port: 443, to_port: 443,
      }));
      expect(egress.filter((rule) => rule.security_group_id === groupId)).toHaveLength(1);
    });
  });

  describe('auto-scaling group defaults', () => {
    const { tier, stack } = build();
    const parsed = JSON.parse(Testing.synth(stack));
    const group = only(parsed, 'aws_autoscaling_group');

    test('spans the private subnet of every zone', () => {
      expect(group.vpc_zone_identifier).toEqual(['subnet-a', 'subnet-b', 'subnet-c']);
    });

    test('uses ELB health checks with a 300 s grace period and the same default warmup', () => {
      expect(group.health_check_type).toBe('ELB');
      expect(group.health_check_grace_period).toBe(300);
      expect(group.default_instance_warmup).toBe(300);
    });

    test('registers in the target group and launches the latest template version', () => {
      expect(group.target_group_arns).toEqual([loadBalancer.targetGroupArn]);
      expect(group.launch_template).toEqual({
        id: ref(parsed, 'aws_launch_template', 'id'),
        version: ref(parsed, 'aws_launch_template', 'latest_version'),
      });
    });

    test('min 2, max 6, desired 2, and desired capacity left to the scaling policies after creation', () => {
      expect([group.min_size, group.max_size, group.desired_capacity]).toEqual([2, 6, 2]);
      expect(group.lifecycle).toEqual({ ignore_changes: ['desired_capacity'] });
      expect([tier.minCapacity, tier.maxCapacity]).toEqual([2, 6]);
      expect(tier.autoScalingGroupName).toMatch(/^\$\{TfToken\[/);
    });

    test('replaces instances by a rolling refresh keeping 90 % healthy', () => {
      expect(group.instance_refresh).toEqual({ strategy: 'Rolling', preferences: { min_healthy_percentage: 90 } });
    });

    test('publishes group metrics and waits for the egress rule and SSM policy', () => {
      expect(group.enabled_metrics).toContain('GroupInServiceInstances');
      expect(group.metrics_granularity).toBe('1Minute');
      expect(group.depends_on).toEqual([
        expect.stringMatching(/^aws_vpc_security_group_egress_rule\.App_HttpsOut_/),
        address(parsed, 'aws_iam_role_policy_attachment'),
      ]);
    });

    test('propagates the Name tag to instances at launch', () => {
      expect(group.tag).toEqual([{ key: 'Name', value: 'test/App', propagate_at_launch: true }]);
    });

    test('tracks 50 % average CPU and, unless asked, no request count', () => {
      const policies = all(parsed, 'aws_autoscaling_policy');
      expect(policies).toEqual([{
        name: 'target-cpu-utilization',
        autoscaling_group_name: ref(parsed, 'aws_autoscaling_group', 'name'),
        policy_type: 'TargetTrackingScaling',
        target_tracking_configuration: {
          predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' },
          target_value: 50,
        },
      }]);
    });
  });

  test('each capacity, scaling and refresh prop reaches the group', () => {
    const parsed = JSON.parse(synth({
      minCapacity: 0, maxCapacity: 10, desiredCapacity: 3, targetCpuUtilization: 70,
      healthCheckGracePeriodSeconds: 120, instanceRefreshMinHealthyPercentage: 100,
    }));
    const group = only(parsed, 'aws_autoscaling_group');
    expect([group.min_size, group.max_size, group.desired_capacity]).toEqual([0, 10, 3]);
    expect([group.health_check_grace_period, group.default_instance_warmup]).toEqual([120, 120]);
    expect(group.instance_refresh.preferences.min_healthy_percentage).toBe(100);
    expect(only(parsed, 'aws_autoscaling_policy').target_tracking_configuration.target_value).toBe(70);
  });

  test('desired capacity defaults to minCapacity', () => {
    const group = only(JSON.parse(synth({ minCapacity: 3 })), 'aws_autoscaling_group');
    expect(group.desired_capacity).toBe(3);
  });

  test('targetRequestsPerTarget adds an ALBRequestCountPerTarget policy on the load balancer and target group', () => {
    const policies = all(JSON.parse(synth({ targetRequestsPerTarget: 1000 })), 'aws_autoscaling_policy');
    expect(policies).toHaveLength(2);
    expect(policies).toContainEqual(expect.objectContaining({
      name: 'target-requests-per-target',
      policy_type: 'TargetTrackingScaling',
      target_tracking_configuration: {
        predefined_metric_specification: {
          predefined_metric_type: 'ALBRequestCountPerTarget',
          resource_label: 'app/shop/50dc6c495c0c9188/targetgroup/app/0123456789abcdef',
        },
        target_value: 1000,
      },
    }));
  });

  test('tags reach instances (ASG tags, propagated) and volumes (template tags)', () => {
    const parsed = JSON.parse(synth({ tags: { 'team': 'shop', 'cost-center': '42', 'Name': 'shop-app' } }));
    const group = only(parsed, 'aws_autoscaling_group');
    expect(group.tag).toEqual([
      { key: 'Name', value: 'shop-app', propagate_at_launch: true },
      { key: 'team', value: 'shop', propagate_at_launch: true },
      { key: 'cost-center', value: '42', propagate_at_launch: true },
    ]);
    const specifications = only(parsed, 'aws_launch_template').tag_specifications;
    expect(specifications).toContainEqual({ resource_type: 'volume', tags: { 'Name': 'shop-app', 'team': 'shop', 'cost-center': '42' } });
  });

  test('names resources from the construct path', () => {
    const parsed = JSON.parse(synth());
    for (const type of ['aws_security_group', 'aws_iam_role', 'aws_iam_instance_profile', 'aws_launch_template', 'aws_autoscaling_group']) {
      expect(only(parsed, type).name_prefix).toBe('test-App-');
    }
  });

  describe('rejects bad input', () => {
    test.each<[string, Overrides, RegExp]>([
      ['min > max', { minCapacity: 7, maxCapacity: 6 }, /minCapacity \(7\) must be ≤ maxCapacity \(6\)/],
      ['max 0', { minCapacity: 0, maxCapacity: 0 }, /maxCapacity \(0\) must be at least 1/],
      ['non-integer min', { minCapacity: 1.5 }, /minCapacity \(1\.5\) must be an integer/],
      ['non-integer max', { maxCapacity: 6.5 }, /maxCapacity \(6\.5\) must be an integer/],
      ['negative min', { minCapacity: -1 }, /minCapacity \(-1\) must be an integer ≥ 0/],
      ['non-integer desired', { desiredCapacity: 2.5 }, /desiredCapacity \(2\.5\) must be an integer/],
      ['desired above max', { desiredCapacity: 7 }, /desiredCapacity \(7\) must be from minCapacity \(2\) to maxCapacity \(6\)/],
      ['desired below min', { desiredCapacity: 1 }, /desiredCapacity \(1\) must be from minCapacity/],
      ['cpu 0', { targetCpuUtilization: 0 }, /targetCpuUtilization \(0\) must be a number from 1 to 100/],
      ['cpu 101', { targetCpuUtilization: 101 }, /targetCpuUtilization \(101\)/],
      ['requests 0', { targetRequestsPerTarget: 0 }, /targetRequestsPerTarget \(0\) must be a number greater than 0/],
      ['port 0', { port: 0 }, /port \(0\) must be an integer from 1 to 65535/],
      ['port 70000', { port: 70000 }, /port \(70000\)/],
      ['instance type without size', { instanceType: 't3' }, /instanceType \("t3"\) must be a literal EC2 instance type/],
      ['instance type with a bad size', { instanceType: 't3.huge' }, /instanceType \("t3.huge"\)/],
      ['instance type in capitals', { instanceType: 'T3.SMALL' }, /instanceType/],
      ['root volume 4', { rootVolumeSizeGb: 4 }, /rootVolumeSizeGb \(4\) must be an integer from 8 to 16384/],
      ['grace period -1', { healthCheckGracePeriodSeconds: -1 }, /healthCheckGracePeriodSeconds \(-1\)/],
      ['refresh 101 %', { instanceRefreshMinHealthyPercentage: 101 }, /instanceRefreshMinHealthyPercentage \(101\)/],
      ['bad image id', { imageId: 'al2023' }, /imageId \("al2023"\) must be an AMI id/],
      ['user data over 16 KB', { userData: 'x'.repeat(16 * 1024 + 1) }, /userData \(16385 bytes\) must be at most 16384 bytes/],
      ['tag key with a space', { tags: { 'cost center': '42' } }, /tags\.cost center key must be/],
      ['tag key with a slash', { tags: { 'app/name': 'x' } }, /tags\.app\/name key/],
      ['reserved tag key', { tags: { 'aws:foo': 'x' } }, /tags\.aws:foo key/],
      ['long tag value', { tags: { team: 'x'.repeat(257) } }, /tags\.team value/],
      ['empty key ARN', { encryptionKey: { keyArn: '' } }, /encryptionKey\.keyArn/],
      ['unknown prop', { minCapacty: 2 }, /minCapacty is not a known prop/],
      ['one private subnet', { network: { ...network, privateSubnetIds: ['subnet-a'] } }, /network\.privateSubnetIds .* at least 2 subnets/],
      ['missing load balancer', { loadBalancer: undefined }, /loadBalancer \(undefined\) is required/],
      ['load balancer without target group', { loadBalancer: { ...loadBalancer, targetGroupArn: '' } }, /loadBalancer\.targetGroupArn/],
    ])('%s', (_name, overrides, message) => {
      expect(() => build(overrides)).toThrow(message);
    });

    test('lists every problem at once and creates nothing', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      expect(() => new AppTier(stack, 'App', {
        network, loadBalancer, instanceType: 'large', port: 0, minCapacity: 9,
      })).toThrow(/aws\.AppTier "App".*instanceType.*port.*minCapacity \(9\) must be ≤ maxCapacity/);
      expect(stack.node.findAll().filter((c) => c.node.path.includes('App/'))).toEqual([]);
    });
  });

  testWithTerraform('passes terraform validate (defaults; Graviton, request tracking, key, user data, tags; imageId)', () => {
    expectAllValid({
      defaults: synth(),
      graviton: synth({
        instanceType: 'm7g.large',
        targetRequestsPerTarget: 500,
        encryptionKey: { keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' },
        userData: '#!/bin/bash\ndnf install -y nginx && systemctl enable --now nginx\n',
        tags: { team: 'shop' },
        minCapacity: 0,
      }),
      imageId: synth({ imageId: 'ami-0123456789abcdef0' }),
    });
  });
});

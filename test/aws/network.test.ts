import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { FlowLogTrafficType, Network, NetworkProps } from '../../lib/aws/network';
import { ValidationError } from '../../lib/core/validation';
import { testWithTerraform, validateStackJson } from '../util/terraform';

interface Synthesized {
  readonly out: string;
  readonly json: any;
  readonly network: Network;
}

function synth(props?: NetworkProps): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new Network(stack, 'Network', props);
  const out = Testing.synth(stack);
  return { out, json: JSON.parse(out), network };
}

type Tier = 'Public' | 'Private' | 'Isolated';

/** Resources of `type` whose logical id starts with `Network_<prefix>`, ordered by that zone index. */
function zoned(json: any, type: string, prefix: string): Array<{ name: string; body: any }> {
  const pattern = new RegExp(`^Network_${prefix}(\\d+)_`);
  return Object.entries(json.resource[type] ?? {})
    .filter(([name]) => pattern.test(name))
    .map(([name, body]) => ({ name, body, zone: Number(pattern.exec(name)![1]) }))
    .sort((a, b) => a.zone - b.zone)
    .map(({ name, body }) => ({ name, body }));
}

const subnetsOf = (json: any, tier: Tier) => zoned(json, 'aws_subnet', `${tier}Subnet`);

function zoneElement(json: any, zone: number): string {
  const [zonesName] = Object.keys(json.data.aws_availability_zones);
  return `\${element(data.aws_availability_zones.${zonesName}.names, ${zone})}`;
}

/** The route table (name) a subnet (name) is associated with. */
function routeTableOf(json: any, subnetName: string): string {
  const associations = Object.values(json.resource.aws_route_table_association) as any[];
  const matches = associations.filter((a) => a.subnet_id === `\${aws_subnet.${subnetName}.id}`);
  expect(matches).toHaveLength(1);
  return /aws_route_table\.([^.]+)\.id/.exec(matches[0].route_table_id)![1];
}

/** Routes (bodies) of a route table (name), inline or separate. */
function routesOf(json: any, tableName: string): any[] {
  const separate = (Object.values(json.resource.aws_route) as any[])
    .filter((r) => r.route_table_id === `\${aws_route_table.${tableName}.id}`);
  return [...separate, ...(json.resource.aws_route_table[tableName].route ?? [])];
}

describe('aws.Network', () => {
  describe('defaults', () => {
    const { out, json, network } = synth();

    test('a 10.0.0.0/16 VPC with DNS support and host names', () => {
      expect(out).toHaveResourceWithProperties(Vpc, {
        cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true,
      });
      expect(Object.keys(json.resource.aws_vpc)).toHaveLength(1);
    });

    test('picks available zones that need no opt-in (never Local or Wavelength Zones)', () => {
      const zones = Object.values(json.data.aws_availability_zones) as any[];
      expect(zones).toHaveLength(1);
      expect(zones[0].state).toBe('available');
      expect(zones[0].filter).toEqual([{ name: 'opt-in-status', values: ['opt-in-not-required'] }]);
      expect(zones[0].lifecycle.postcondition[0].condition).toBe('${length(self.names) >= 3}');
    });

    test('3 zones, with one subnet per tier in each, subnet i of every tier in zone element i', () => {
      expect(network.zoneCount).toBe(3);
      expect(network.availabilityZones).toHaveLength(3);
      for (const tier of ['Public', 'Private', 'Isolated'] as Tier[]) {
        const subnets = subnetsOf(json, tier);
        expect(subnets).toHaveLength(3);
        subnets.forEach((subnet, zone) => expect(subnet.body.availability_zone).toBe(zoneElement(json, zone)));
      }
      expect(Object.keys(json.resource.aws_subnet)).toHaveLength(9);
      expect(network.publicSubnetIds).toHaveLength(3);
      expect(network.privateSubnetIds).toHaveLength(3);
      expect(network.isolatedSubnetIds).toHaveLength(3);
    });

    test('carves literal CIDRs tier by tier: public, private, isolated', () => {
      const cidrs = (tier: Tier) => subnetsOf(json, tier).map((s) => s.body.cidr_block);
      expect(cidrs('Public')).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
      expect(cidrs('Private')).toEqual(['10.0.48.0/20', '10.0.64.0/20', '10.0.80.0/20']);
      expect(cidrs('Isolated')).toEqual(['10.0.96.0/20', '10.0.112.0/20', '10.0.128.0/20']);
    });

    test('no subnet maps public IPs on launch', () => {
      for (const subnet of Object.values(json.resource.aws_subnet) as any[]) {
        expect(subnet.map_public_ip_on_launch).toBe(false);
      }
    });

    test('public subnets share one route table with 0.0.0.0/0 to the internet gateway', () => {
      const [igw] = Object.keys(json.resource.aws_internet_gateway);
      const tables = new Set(subnetsOf(json, 'Public').map((s) => routeTableOf(json, s.name)));
      expect(tables.size).toBe(1);
      const [table] = [...tables];
      expect(routesOf(json, table)).toEqual([{
        route_table_id: `\${aws_route_table.${table}.id}`,
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: `\${aws_internet_gateway.${igw}.id}`,
      }]);
    });

    test('one NAT gateway with an EIP per zone, each in the public subnet of its zone', () => {
      expect(network.singleNatGateway).toBe(false);
      expect(network.natGateways).toHaveLength(3);
      const nats = zoned(json, 'aws_nat_gateway', 'NatGateway');
      const publicSubnets = subnetsOf(json, 'Public');
      expect(nats).toHaveLength(3);
      nats.forEach((nat, zone) => {
        expect(nat.body.subnet_id).toBe(`\${aws_subnet.${publicSubnets[zone].name}.id}`);
        const eip = /aws_eip\.([^.]+)\.allocation_id/.exec(nat.body.allocation_id)![1];
        expect(json.resource.aws_eip[eip].domain).toBe('vpc');
      });
      expect(Object.keys(json.resource.aws_eip)).toHaveLength(3);
    });

    test('each private subnet has its own route table with 0.0.0.0/0 to the NAT gateway of its own zone', () => {
      const nats = zoned(json, 'aws_nat_gateway', 'NatGateway');
      const privateSubnets = subnetsOf(json, 'Private');
      const tables = privateSubnets.map((s) => routeTableOf(json, s.name));
      expect(new Set(tables).size).toBe(3);
      privateSubnets.forEach((subnet, zone) => {
        const routes = routesOf(json, tables[zone]);
        expect(routes).toHaveLength(1);
        expect(routes[0]).toMatchObject({
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: `\${aws_nat_gateway.${nats[zone].name}.id}`,
        });
        // The NAT gateway sits in the same zone as the subnet it serves.
        const natSubnet = /aws_subnet\.([^.]+)\.id/.exec(nats[zone].body.subnet_id)![1];
        expect(json.resource.aws_subnet[natSubnet].availability_zone).toBe(subnet.body.availability_zone);
      });
    });

    test('isolated subnets have a route table per zone without any internet route', () => {
      const tables = subnetsOf(json, 'Isolated').map((s) => routeTableOf(json, s.name));
      expect(new Set(tables).size).toBe(3);
      for (const table of tables) {
        expect(routesOf(json, table)).toEqual([]);
        expect(json.resource.aws_route_table[table].route).toBeUndefined();
      }
      // And no route anywhere leaves through anything but the internet gateway or a NAT gateway.
      const defaultRoutes = (Object.values(json.resource.aws_route) as any[]).filter((r) => r.destination_cidr_block === '0.0.0.0/0');
      expect(defaultRoutes).toHaveLength(4);
    });

    test('S3 gateway endpoint on the private and isolated route tables only', () => {
      const endpoints = Object.values(json.resource.aws_vpc_endpoint) as any[];
      expect(endpoints).toHaveLength(1);
      expect(endpoints[0].vpc_endpoint_type).toBe('Gateway');
      const service = Object.values(json.data.aws_vpc_endpoint_service)[0] as any;
      expect(service).toEqual({ service: 's3', service_type: 'Gateway' });
      const expected = [...subnetsOf(json, 'Private'), ...subnetsOf(json, 'Isolated')]
        .map((s) => `\${aws_route_table.${routeTableOf(json, s.name)}.id}`);
      expect(endpoints[0].route_table_ids).toEqual(expected);
    });

    test('adopts the default security group with no ingress and no egress rules (CIS 5.4)', () => {
      expect(out).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
      const groups = Object.values(json.resource.aws_default_security_group) as any[];
      expect(groups).toHaveLength(1);
      expect(groups[0].vpc_id).toMatch(/^\$\{aws_vpc\./);
    });

    test('flow logs of ALL traffic to a log group kept 365 days, through a role only the flow-log service may assume', () => {
      const flowLogs = Object.values(json.resource.aws_flow_log) as any[];
      expect(flowLogs).toHaveLength(1);
      const [logGroupName] = Object.keys(json.resource.aws_cloudwatch_log_group);
      const [roleName] = Object.keys(json.resource.aws_iam_role);
      expect(flowLogs[0]).toMatchObject({
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: `\${aws_cloudwatch_log_group.${logGroupName}.arn}`,
        iam_role_arn: `\${aws_iam_role.${roleName}.arn}`,
      });
      expect(flowLogs[0].vpc_id).toMatch(/^\$\{aws_vpc\./);
      expect(json.resource.aws_cloudwatch_log_group[logGroupName].retention_in_days).toBe(365);

      const docs = json.data.aws_iam_policy_document;
      const trustName = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(json.resource.aws_iam_role[roleName].assume_role_policy)![1];
      const trust = docs[trustName].statement[0];
      expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }]);
      expect(trust.condition.map((c: any) => c.variable)).toEqual(['aws:SourceAccount', 'aws:SourceArn']);

      const policies = Object.values(json.resource.aws_iam_role_policy) as any[];
      expect(policies).toHaveLength(1);
      const writeName = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policies[0].policy)![1];
      expect(docs[writeName].statement).toEqual([{
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`\${aws_cloudwatch_log_group.${logGroupName}.arn}`, `\${aws_cloudwatch_log_group.${logGroupName}.arn}:*`],
      }]);
    });

    test('exposes token ids and the VPC as escape hatch', () => {
      expect(network.vpc).toBeInstanceOf(Vpc);
      expect(network.vpcId).toMatch(/TfToken/);
      expect(network.vpcCidr).toMatch(/TfToken/);
      expect(network.availabilityZones[0]).toMatch(/TfToken/);
    });

    test('names things by construct id and 1-based zone index', () => {
      const names = (tier: Tier) => subnetsOf(json, tier).map((s) => s.body.tags.Name);
      expect(names('Public')).toEqual(['Network-public-1', 'Network-public-2', 'Network-public-3']);
      expect(names('Isolated')).toEqual(['Network-isolated-1', 'Network-isolated-2', 'Network-isolated-3']);
      expect(zoned(json, 'aws_nat_gateway', 'NatGateway').map((n) => n.body.tags.Name))
        .toEqual(['Network-nat-1', 'Network-nat-2', 'Network-nat-3']);
    });
  });

  describe('props', () => {
    test('zoneCount sets the subnets per tier and the zone check', () => {
      for (const zoneCount of [2, 4, 6]) {
        const { json, network } = synth({ zoneCount });
        expect(network.zoneCount).toBe(zoneCount);
        expect(network.availabilityZones).toHaveLength(zoneCount);
        for (const tier of ['Public', 'Private', 'Isolated'] as Tier[]) {
          const subnets = subnetsOf(json, tier);
          expect(subnets).toHaveLength(zoneCount);
          subnets.forEach((subnet, zone) => expect(subnet.body.availability_zone).toBe(zoneElement(json, zone)));
        }
        expect(zoned(json, 'aws_nat_gateway', 'NatGateway')).toHaveLength(zoneCount);
        const zones = Object.values(json.data.aws_availability_zones)[0] as any;
        expect(zones.lifecycle.postcondition[0].condition).toBe(`\${length(self.names) >= ${zoneCount}}`);
      }
    });

    test('cidr and zoneCount give literal subnet CIDRs', () => {
      const { json } = synth({ cidr: '172.16.0.0/24', zoneCount: 2 });
      expect(json.resource.aws_vpc[Object.keys(json.resource.aws_vpc)[0]].cidr_block).toBe('172.16.0.0/24');
      const cidrs = (tier: Tier) => subnetsOf(json, tier).map((s) => s.body.cidr_block);
      expect(cidrs('Public')).toEqual(['172.16.0.0/27', '172.16.0.32/27']);
      expect(cidrs('Private')).toEqual(['172.16.0.64/27', '172.16.0.96/27']);
      expect(cidrs('Isolated')).toEqual(['172.16.0.128/27', '172.16.0.160/27']);
    });

    test('natGatewayPerZone false: one NAT gateway in the first zone for every private route table', () => {
      const { json, network } = synth({ natGatewayPerZone: false });
      expect(network.singleNatGateway).toBe(true);
      expect(network.natGateways).toHaveLength(1);
      const nats = zoned(json, 'aws_nat_gateway', 'NatGateway');
      expect(nats).toHaveLength(1);
      expect(Object.keys(json.resource.aws_eip)).toHaveLength(1);
      expect(nats[0].body.subnet_id).toBe(`\${aws_subnet.${subnetsOf(json, 'Public')[0].name}.id}`);
      const tables = subnetsOf(json, 'Private').map((s) => routeTableOf(json, s.name));
      expect(new Set(tables).size).toBe(3);
      for (const table of tables) {
        expect(routesOf(json, table)).toEqual([expect.objectContaining({
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: `\${aws_nat_gateway.${nats[0].name}.id}`,
        })]);
      }
    });

    test('flowLogRetentionDays and flowLogTrafficType', () => {
      const { json } = synth({ flowLogRetentionDays: 3653, flowLogTrafficType: FlowLogTrafficType.REJECT });
      expect((Object.values(json.resource.aws_cloudwatch_log_group)[0] as any).retention_in_days).toBe(3653);
      expect((Object.values(json.resource.aws_flow_log)[0] as any).traffic_type).toBe('REJECT');
      const never = synth({ flowLogRetentionDays: 0 }).json;
      expect((Object.values(never.resource.aws_cloudwatch_log_group)[0] as any).retention_in_days).toBe(0);
    });
  });

  describe('rejects bad input before creating anything', () => {
    test.each<[string, any, RegExp]>([
      ['bad CIDR syntax', { cidr: '10.0.0/16' }, /cidr \("10\.0\.0\/16"\) must be a literal IPv4 CIDR block/],
      ['octet above 255', { cidr: '10.0.256.0/24' }, /cidr \("10\.0\.256\.0\/24"\)/],
      ['host bits set', { cidr: '10.0.0.1/16' }, /cidr \("10\.0\.0\.1\/16"\) must be a literal IPv4 CIDR block with no host bits set/],
      ['a /8 VPC', { cidr: '10.0.0.0/8' }, /cidr \("10\.0\.0\.0\/8"\) must have a prefix length from \/16 to \/24/],
      ['a /25 VPC', { cidr: '10.0.0.0/25' }, /cidr .* must have a prefix length from \/16 to \/24/],
      ['a /24 VPC for 3 zones', { cidr: '10.0.0.0/24' }, /cidr \("10\.0\.0\.0\/24"\) is too small for 3 tiers × 3 zones .*use \/23 or larger/],
      ['a /24 VPC for 6 zones', { cidr: '10.0.0.0/24', zoneCount: 6 }, /too small for 3 tiers × 6 zones .*use \/22 or larger/],
      ['zoneCount 1', { zoneCount: 1 }, /zoneCount \(1\) must be an integer from 2 to 6/],
      ['zoneCount 7', { zoneCount: 7 }, /zoneCount \(7\) must be an integer from 2 to 6/],
      ['zoneCount 2.5', { zoneCount: 2.5 }, /zoneCount \(2\.5\) must be an integer/],
      ['zoneCount as a string', { zoneCount: '3' }, /zoneCount \("3"\) must be an integer/],
      ['retention CloudWatch does not accept', { flowLogRetentionDays: 100 }, /flowLogRetentionDays \(100\) must be one of 0, 1, 3/],
      ['negative retention', { flowLogRetentionDays: -1 }, /flowLogRetentionDays \(-1\)/],
      ['unknown traffic type', { flowLogTrafficType: 'SOME' }, /flowLogTrafficType \("SOME"\) must be one of "ALL", "ACCEPT", "REJECT"/],
      ['natGatewayPerZone not a boolean', { natGatewayPerZone: 'no' }, /natGatewayPerZone \("no"\) must be true or false/],
      ['a misspelt prop', { zoneCont: 3 }, /zoneCont is not a known prop \(known: cidr, zoneCount/],
    ])('%s', (_, props, message) => {
      expect(() => synth(props)).toThrow(ValidationError);
      expect(() => synth(props)).toThrow(message);
    });

    test('reports every problem at once, and creates nothing', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      let error: ValidationError | undefined;
      try {
        new Network(stack, 'Network', { cidr: 'x', zoneCount: 9, flowLogRetentionDays: 2 });
      } catch (e) {
        error = e as ValidationError;
      }
      expect(error?.problems.map((p) => p.path)).toEqual(['zoneCount', 'cidr', 'flowLogRetentionDays']);
      expect(error?.message).toMatch(/^Invalid aws\.Network "Network": /);
      expect(stack.node.findChild('Network').node.children).toHaveLength(0);
    });
  });

  testWithTerraform('passes terraform validate with the defaults', () => {
    expect(validateStackJson(synth().out)).toEqual([]);
  });

  testWithTerraform('passes terraform validate with one NAT gateway over 2 zones', () => {
    expect(validateStackJson(synth({ natGatewayPerZone: false, zoneCount: 2, cidr: '10.1.0.0/24' }).out)).toEqual([]);
  });
});

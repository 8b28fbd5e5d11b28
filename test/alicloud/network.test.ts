import { Testing, TerraformStack } from 'cdktf';
import { FlowLogTrafficType, Network, NetworkProps } from '../../lib/alicloud/network';
import { Provider } from '../../lib/alicloud/provider';
import { ValidationError } from '../../lib/core/validation';
import { expectSchemaConformant } from '../util/alicloud-schema';

interface Synthesized {
  readonly json: any;
  readonly network: Network;
}

function synth(props?: NetworkProps): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const network = new Network(stack, 'Network', props);
  return { json: JSON.parse(Testing.synth(stack)), network };
}

type Tier = 'Public' | 'App' | 'Data';
const TIERS: Tier[] = ['Public', 'App', 'Data'];

/** Resources of `type` whose logical id is `Network_<prefix><zone>_…`, in zone order. */
function zoned(json: any, type: string, prefix: string): Array<{ name: string; body: any }> {
  const pattern = new RegExp(`^Network_${prefix}(\\d+)_`);
  return Object.entries(json.resource[type] ?? {})
    .filter(([name]) => pattern.test(name))
    .map(([name, body]) => ({ name, body, zone: Number(pattern.exec(name)![1]) }))
    .sort((a, b) => a.zone - b.zone)
    .map(({ name, body }) => ({ name, body }));
}

const vswitchesOf = (json: any, tier: Tier) => zoned(json, 'alicloud_vswitch', `${tier}Vswitch`);
const ref = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;

function zoneLocal(json: any): string {
  const names = Object.keys(json.locals);
  expect(names).toHaveLength(1);
  return names[0];
}

/** The route table (name) a vSwitch (name) is attached to, or undefined for the system table. */
function routeTableOf(json: any, vswitchName: string): string | undefined {
  const attachments = (Object.values(json.resource.alicloud_route_table_attachment) as any[])
    .filter((a) => a.vswitch_id === ref('alicloud_vswitch', vswitchName));
  expect(attachments.length).toBeLessThanOrEqual(1);
  return attachments[0] && /alicloud_route_table\.([^.]+)\.id/.exec(attachments[0].route_table_id)![1];
}

const routesOf = (json: any, table: string) => (Object.values(json.resource.alicloud_route_entry ?? {}) as any[])
  .filter((r) => r.route_table_id === ref('alicloud_route_table', table));

describe('alicloud.Network', () => {
  describe('defaults', () => {
    const { json, network } = synth();

    test('a 10.0.0.0/16 VPC named after the construct', () => {
      const vpcs = Object.values(json.resource.alicloud_vpc) as any[];
      expect(vpcs).toHaveLength(1);
      expect(vpcs[0]).toMatchObject({ vpc_name: 'Network', cidr_block: '10.0.0.0/16' });
    });

    test('zones: the sorted intersection of vSwitch, enhanced NAT and ALB zones, checked at plan', () => {
      expect(json.data.alicloud_zones).toEqual({ [Object.keys(json.data.alicloud_zones)[0]]: { available_resource_creation: 'VSwitch' } });
      const [vswitchZones] = Object.keys(json.data.alicloud_zones);
      const [natZones] = Object.keys(json.data.alicloud_enhanced_nat_available_zones);
      const [albZones] = Object.keys(json.data.alicloud_alb_zones);
      expect(json.locals[zoneLocal(json)]).toBe(
        `\${sort(setintersection(data.alicloud_zones.${vswitchZones}.ids, ` +
        `data.alicloud_enhanced_nat_available_zones.${natZones}.ids, data.alicloud_alb_zones.${albZones}.ids))}`);
      const vpc = Object.values(json.resource.alicloud_vpc)[0] as any;
      expect(vpc.lifecycle.precondition).toEqual([{
        condition: `\${(length(local.${zoneLocal(json)}) >= 3)}`,
        error_message: expect.stringMatching(/needs 3 zones where vSwitches, enhanced NAT gateways and ALB are all available/),
      }]);
    });

    test('3 zones, one vSwitch per tier in each, vSwitch i of every tier in zone element i', () => {
      expect(network.zoneCount).toBe(3);
      expect(network.zoneIds).toHaveLength(3);
      for (const tier of TIERS) {
        const vswitches = vswitchesOf(json, tier);
        expect(vswitches).toHaveLength(3);
        vswitches.forEach((vswitch, zone) => {
          expect(vswitch.body.zone_id).toBe(`\${element(local.${zoneLocal(json)}, ${zone})}`);
          expect(vswitch.body.vpc_id).toMatch(/^\$\{alicloud_vpc\./);
          expect(vswitch.body.vswitch_name).toBe(`Network-${tier.toLowerCase()}-${zone + 1}`);
        });
      }
      expect(Object.keys(json.resource.alicloud_vswitch)).toHaveLength(9);
      expect(network.publicVswitchIds).toHaveLength(3);
      expect(network.appVswitchIds).toHaveLength(3);
      expect(network.dataVswitchIds).toHaveLength(3);
    });

    test('carves literal CIDRs tier by tier: public, app, data', () => {
      const cidrs = (tier: Tier) => vswitchesOf(json, tier).map((v) => v.body.cidr_block);
      expect(cidrs('Public')).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
      expect(cidrs('App')).toEqual(['10.0.48.0/20', '10.0.64.0/20', '10.0.80.0/20']);
      expect(cidrs('Data')).toEqual(['10.0.96.0/20', '10.0.112.0/20', '10.0.128.0/20']);
      expect(network.appVswitchCidrs).toEqual(cidrs('App'));
    });

    test('one enhanced pay-as-you-go internet NAT gateway per zone, in the public vSwitch of its zone', () => {
      expect(network.singleNatGateway).toBe(false);
      expect(network.natGatewayIds).toHaveLength(3);
      const nats = zoned(json, 'alicloud_nat_gateway', 'NatGateway');
      const publicVswitches = vswitchesOf(json, 'Public');
      expect(nats).toHaveLength(3);
      nats.forEach((nat, zone) => expect(nat.body).toEqual({
        vpc_id: expect.stringMatching(/^\$\{alicloud_vpc\./),
        nat_gateway_name: `Network-nat-${zone + 1}`,
        nat_type: 'Enhanced',
        vswitch_id: ref('alicloud_vswitch', publicVswitches[zone].name),
        network_type: 'internet',
        payment_type: 'PayAsYouGo',
        internet_charge_type: 'PayByLcu',
      }));
    });

    test('each NAT gateway has its own pay-by-traffic EIP, associated as a NAT address', () => {
      const nats = zoned(json, 'alicloud_nat_gateway', 'NatGateway');
      const eips = zoned(json, 'alicloud_eip_address', 'NatAddress');
      expect(eips).toHaveLength(3);
      const associations = Object.values(json.resource.alicloud_eip_association) as any[];
      expect(associations).toHaveLength(3);
      eips.forEach((eip, zone) => {
        expect(eip.body).toEqual({
          address_name: `Network-nat-${zone + 1}`, payment_type: 'PayAsYouGo', internet_charge_type: 'PayByTraffic', bandwidth: '200',
        });
        expect(associations).toContainEqual({
          allocation_id: ref('alicloud_eip_address', eip.name),
          instance_id: ref('alicloud_nat_gateway', nats[zone].name),
          instance_type: 'Nat',
        });
      });
      expect(network.natPublicIps).toHaveLength(3);
    });

    test('SNAT: each app vSwitch leaves through the EIP of the NAT gateway of its own zone, after the association', () => {
      const nats = zoned(json, 'alicloud_nat_gateway', 'NatGateway');
      const eips = zoned(json, 'alicloud_eip_address', 'NatAddress');
      const snats = zoned(json, 'alicloud_snat_entry', 'AppSnat');
      const app = vswitchesOf(json, 'App');
      expect(Object.keys(json.resource.alicloud_snat_entry)).toHaveLength(3);
      snats.forEach((snat, zone) => {
        expect(snat.body).toMatchObject({
          snat_table_id: ref('alicloud_nat_gateway', nats[zone].name, 'snat_table_ids'),
          source_vswitch_id: ref('alicloud_vswitch', app[zone].name),
          snat_ip: ref('alicloud_eip_address', eips[zone].name, 'ip_address'),
        });
        expect(snat.body.depends_on).toEqual([expect.stringMatching(/^alicloud_eip_association\./)]);
        expect(snat.body.source_cidr).toBeUndefined();
      });
      // No SNAT for the public or data tiers.
      const sources = snats.map((s) => s.body.source_vswitch_id);
      for (const tier of ['Public', 'Data'] as Tier[]) {
        for (const v of vswitchesOf(json, tier)) expect(sources).not.toContain(ref('alicloud_vswitch', v.name));
      }
    });

    test('each app vSwitch has its own route table with 0.0.0.0/0 to the NAT gateway of its own zone', () => {
      const nats = zoned(json, 'alicloud_nat_gateway', 'NatGateway');
      const app = vswitchesOf(json, 'App');
      const tables = app.map((v) => routeTableOf(json, v.name)!);
      expect(new Set(tables).size).toBe(3);
      app.forEach((vswitch, zone) => {
        expect(json.resource.alicloud_route_table[tables[zone]]).toMatchObject({ associate_type: 'VSwitch', route_table_name: `Network-app-${zone + 1}` });
        expect(routesOf(json, tables[zone])).toEqual([{
          route_table_id: ref('alicloud_route_table', tables[zone]),
          destination_cidrblock: '0.0.0.0/0',
          nexthop_type: 'NatGateway',
          nexthop_id: ref('alicloud_nat_gateway', nats[zone].name),
          name: `Network-app-${zone + 1}-egress`,
        }]);
        // The NAT gateway sits in a vSwitch of the same zone as the app vSwitch it serves.
        const natVswitch = /alicloud_vswitch\.([^.]+)\.id/.exec(nats[zone].body.vswitch_id)![1];
        expect(json.resource.alicloud_vswitch[natVswitch].zone_id).toBe(vswitch.body.zone_id);
      });
    });

    test('data vSwitches share a route table without any route; public vSwitches stay on the system table', () => {
      const tables = new Set(vswitchesOf(json, 'Data').map((v) => routeTableOf(json, v.name)));
      expect(tables.size).toBe(1);
      const [table] = [...tables];
      expect(table).toBeDefined();
      expect(routesOf(json, table!)).toEqual([]);
      expect(json.resource.alicloud_route_table[table!]).toMatchObject({ route_table_name: 'Network-data', associate_type: 'VSwitch' });
      for (const v of vswitchesOf(json, 'Public')) expect(routeTableOf(json, v.name)).toBeUndefined();
      // Only the three app default routes exist; 3 app tables + 1 data table stay within 9 custom tables.
      expect(Object.keys(json.resource.alicloud_route_entry)).toHaveLength(3);
      expect(Object.keys(json.resource.alicloud_route_table)).toHaveLength(4);
    });

    test('flow log of all VPC traffic to an encrypted logstore kept 365 days, in a project named per account', () => {
      const flowLogs = Object.values(json.resource.alicloud_vpc_flow_log) as any[];
      expect(flowLogs).toHaveLength(1);
      const [projectName] = Object.keys(json.resource.alicloud_log_project);
      const [storeName] = Object.keys(json.resource.alicloud_log_store);
      const [vpcName] = Object.keys(json.resource.alicloud_vpc);
      expect(flowLogs[0]).toEqual({
        flow_log_name: 'Network-flow-log',
        description: 'Flow log of test/Network',
        resource_type: 'VPC',
        resource_id: ref('alicloud_vpc', vpcName),
        traffic_type: 'All',
        project_name: ref('alicloud_log_project', projectName, 'project_name'),
        log_store_name: ref('alicloud_log_store', storeName, 'logstore_name'),
      });
      const [account] = Object.keys(json.data.alicloud_account);
      expect(json.resource.alicloud_log_project[projectName].project_name)
        .toBe(`test-network-flow-logs-\${data.alicloud_account.${account}.id}`);
      expect(json.resource.alicloud_log_store[storeName]).toMatchObject({
        project_name: ref('alicloud_log_project', projectName, 'project_name'),
        logstore_name: 'vpc-flow-logs',
        retention_period: 365,
        encrypt_conf: { enable: true, encrypt_type: 'default' },
      });
    });

    test('exposes token ids and the VPC as escape hatch', () => {
      expect(network.vpc.terraformResourceType).toBe('alicloud_vpc');
      expect(network.vpcId).toMatch(/TfToken/);
      expect(network.vpcCidr).toMatch(/TfToken/);
      expect(network.zoneIds[0]).toMatch(/TfToken/);
      expect(network.natGatewayIds[0]).toMatch(/TfToken/);
    });

    test('every attribute exists in the pinned aliyun/alicloud 1.283.0 schema and none is deprecated', () => {
      expectSchemaConformant(json);
    });
  });

  describe('props', () => {
    test('zoneCount sets the vSwitches per tier, the NAT gateways and the zone check', () => {
      for (const zoneCount of [2, 4, 6]) {
        const { json, network } = synth({ zoneCount });
        expect(network.zoneIds).toHaveLength(zoneCount);
        for (const tier of TIERS) {
          const vswitches = vswitchesOf(json, tier);
          expect(vswitches).toHaveLength(zoneCount);
          vswitches.forEach((v, zone) => expect(v.body.zone_id).toBe(`\${element(local.${zoneLocal(json)}, ${zone})}`));
        }
        expect(zoned(json, 'alicloud_nat_gateway', 'NatGateway')).toHaveLength(zoneCount);
        expect(zoned(json, 'alicloud_snat_entry', 'AppSnat')).toHaveLength(zoneCount);
        expect(Object.keys(json.resource.alicloud_route_entry)).toHaveLength(zoneCount);
        // A VPC holds at most 10 route tables including the system one.
        expect(Object.keys(json.resource.alicloud_route_table).length).toBeLessThanOrEqual(9);
        const vpc = Object.values(json.resource.alicloud_vpc)[0] as any;
        expect(vpc.lifecycle.precondition[0].condition).toBe(`\${(length(local.${zoneLocal(json)}) >= ${zoneCount})}`);
        expectSchemaConformant(json);
      }
    });

    test('cidr and zoneCount give literal /27 vSwitches in a /24', () => {
      const { json } = synth({ cidr: '172.16.0.0/24', zoneCount: 2 });
      const cidrs = (tier: Tier) => vswitchesOf(json, tier).map((v) => v.body.cidr_block);
      expect(cidrs('Public')).toEqual(['172.16.0.0/27', '172.16.0.32/27']);
      expect(cidrs('App')).toEqual(['172.16.0.64/27', '172.16.0.96/27']);
      expect(cidrs('Data')).toEqual(['172.16.0.128/27', '172.16.0.160/27']);
    });

    test('natGatewayPerZone false: one NAT gateway and EIP in the first zone for every app vSwitch', () => {
      const { json, network } = synth({ natGatewayPerZone: false });
      expect(network.singleNatGateway).toBe(true);
      expect(network.natGatewayIds).toHaveLength(1);
      const nats = zoned(json, 'alicloud_nat_gateway', 'NatGateway');
      const eips = zoned(json, 'alicloud_eip_address', 'NatAddress');
      expect(nats).toHaveLength(1);
      expect(eips).toHaveLength(1);
      expect(Object.keys(json.resource.alicloud_eip_association)).toHaveLength(1);
      expect(nats[0].body.vswitch_id).toBe(ref('alicloud_vswitch', vswitchesOf(json, 'Public')[0].name));
      const app = vswitchesOf(json, 'App');
      const tables = app.map((v) => routeTableOf(json, v.name)!);
      expect(new Set(tables).size).toBe(3);
      for (const table of tables) {
        expect(routesOf(json, table)).toEqual([expect.objectContaining({ nexthop_id: ref('alicloud_nat_gateway', nats[0].name) })]);
      }
      const snats = zoned(json, 'alicloud_snat_entry', 'AppSnat');
      expect(snats.map((s) => s.body.source_vswitch_id)).toEqual(app.map((v) => ref('alicloud_vswitch', v.name)));
      for (const snat of snats) {
        expect(snat.body.snat_table_id).toBe(ref('alicloud_nat_gateway', nats[0].name, 'snat_table_ids'));
        expect(snat.body.snat_ip).toBe(ref('alicloud_eip_address', eips[0].name, 'ip_address'));
      }
      expectSchemaConformant(json);
    });

    test('natBandwidthMbps sets the EIP bandwidth', () => {
      const { json } = synth({ natBandwidthMbps: 50 });
      for (const eip of Object.values(json.resource.alicloud_eip_address) as any[]) expect(eip.bandwidth).toBe('50');
    });

    test('flowLogRetentionDays and flowLogTrafficType', () => {
      const { json } = synth({ flowLogRetentionDays: 3650, flowLogTrafficType: FlowLogTrafficType.DROP });
      expect((Object.values(json.resource.alicloud_log_store)[0] as any).retention_period).toBe(3650);
      expect((Object.values(json.resource.alicloud_vpc_flow_log)[0] as any).traffic_type).toBe('Drop');
    });

    test('flowLogs false: no flow log, log project, logstore or account lookup', () => {
      const { json } = synth({ flowLogs: false });
      for (const type of ['alicloud_vpc_flow_log', 'alicloud_log_project', 'alicloud_log_store']) {
        expect(json.resource[type]).toBeUndefined();
      }
      expect(json.data.alicloud_account).toBeUndefined();
      expectSchemaConformant(json);
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
      ['natGatewayPerZone not a boolean', { natGatewayPerZone: 'no' }, /natGatewayPerZone \("no"\) must be true or false/],
      ['flowLogs not a boolean', { flowLogs: 1 }, /flowLogs \(1\) must be true or false/],
      ['EIP bandwidth 0', { natBandwidthMbps: 0 }, /natBandwidthMbps \(0\) must be an integer from 1 to 200/],
      ['EIP bandwidth above 200', { natBandwidthMbps: 500 }, /natBandwidthMbps \(500\) must be an integer from 1 to 200/],
      ['retention 0', { flowLogRetentionDays: 0 }, /flowLogRetentionDays \(0\) must be an integer from 1 to 3650/],
      ['retention above 3650', { flowLogRetentionDays: 3651 }, /flowLogRetentionDays \(3651\)/],
      ['AWS traffic type', { flowLogTrafficType: 'REJECT' }, /flowLogTrafficType \("REJECT"\) must be one of "All", "Allow", "Drop"/],
      ['flow-log settings without flow logs', { flowLogs: false, flowLogRetentionDays: 30 }, /flowLogRetentionDays \(30\) needs flowLogs, which is false/],
      ['a misspelt prop', { zoneCont: 3 }, /zoneCont is not a known prop \(known: cidr, zoneCount/],
    ])('%s', (_, props, message) => {
      expect(() => synth(props)).toThrow(ValidationError);
      expect(() => synth(props)).toThrow(message);
    });

    test('reports every problem at once, and creates nothing', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      let error: ValidationError | undefined;
      try {
        new Network(stack, 'Network', { cidr: 'x', zoneCount: 9, natBandwidthMbps: -1, flowLogRetentionDays: 0 });
      } catch (e) {
        error = e as ValidationError;
      }
      expect(error?.problems.map((p) => p.path)).toEqual(['zoneCount', 'cidr', 'natBandwidthMbps', 'flowLogRetentionDays']);
      expect(error?.message).toMatch(/^Invalid alicloud\.Network "Network": /);
      expect(stack.node.findChild('Network').node.children).toHaveLength(0);
    });
  });
});

import { asList, PolicyContext, PolicyLevel, PolicyRule, PolicySubject, refersTo } from '../policy-rule';
import { referencedResource } from './references';

/** Where one cloud's network keeps what links a NAT gateway to the zones of the subnets it serves. */
interface NetworkLayout {
  /** Route resources: the attribute naming the NAT gateway and the one naming the route table. */
  readonly route: { readonly type: string; readonly natKey: string; readonly tableKey: string };
  /** Route tables with inline `route` blocks, each naming the NAT gateway in `natKey`. */
  readonly inlineRoutes?: { readonly types: readonly string[]; readonly natKey: string };
  readonly tableTypes: readonly string[];
  /** Route table ↔ subnet associations. */
  readonly association: { readonly type: string; readonly tableKey: string; readonly subnetKey: string };
  readonly subnetType: string;
  readonly zoneKeys: readonly string[];
  /** The VPC and its attributes that name its main (system) route table, used by subnets without an association. */
  readonly vpc: { readonly type: string; readonly mainTableAttributes: readonly string[] };
  /** Tables that are a VPC's main table by their own type (the attribute naming the VPC). */
  readonly mainTables?: { readonly types: readonly string[]; readonly vpcKey: string };
  /** Translation entries naming the NAT gateway and the subnet whose traffic it translates. */
  readonly snat?: { readonly type: string; readonly natKey: string; readonly subnetKey: string };
}

const AWS: NetworkLayout = {
  route: { type: 'aws_route', natKey: 'nat_gateway_id', tableKey: 'route_table_id' },
  inlineRoutes: { types: ['aws_route_table', 'aws_default_route_table'], natKey: 'nat_gateway_id' },
  tableTypes: ['aws_route_table', 'aws_default_route_table'],
  association: { type: 'aws_route_table_association', tableKey: 'route_table_id', subnetKey: 'subnet_id' },
  subnetType: 'aws_subnet',
  zoneKeys: ['availability_zone', 'availability_zone_id'],
  vpc: { type: 'aws_vpc', mainTableAttributes: ['main_route_table_id', 'default_route_table_id'] },
  mainTables: { types: ['aws_default_route_table'], vpcKey: 'default_route_table_id' },
};

// Alibaba Cloud: a vSwitch without an alicloud_route_table_attachment uses the VPC's system route
// table (alicloud_vpc.route_table_id). The route CreateNatGateway itself adds to that table is not
// in the Terraform JSON, so only routes and SNAT entries written in it are judged.
const ALICLOUD: NetworkLayout = {
  route: { type: 'alicloud_route_entry', natKey: 'nexthop_id', tableKey: 'route_table_id' },
  tableTypes: ['alicloud_route_table'],
  association: { type: 'alicloud_route_table_attachment', tableKey: 'route_table_id', subnetKey: 'vswitch_id' },
  subnetType: 'alicloud_vswitch',
  zoneKeys: ['zone_id', 'availability_zone'],
  vpc: { type: 'alicloud_vpc', mainTableAttributes: ['route_table_id'] },
  snat: { type: 'alicloud_snat_entry', natKey: 'snat_table_id', subnetKey: 'source_vswitch_id' },
};

/**
 * One NAT gateway per zone: a NAT gateway serves subnets of one zone only. The zones are the
 * subnets' `availability_zone` (vSwitches' `zone_id`) as written: two different expressions
 * (`element(zones, 0)`, `element(zones, 1)`) count as two zones; subnets without a zone are skipped.
 */
export const HA_NAT_PER_ZONE: PolicyRule = {
  id: 'HA-NAT-PER-ZONE',
  level: PolicyLevel.WARN,
  description: "Each NAT gateway serves the subnets of one zone only",
  why: "A NAT gateway lives in one zone: when that zone fails, every other zone routed through it loses its egress.",
  fix: "give each zone its own NAT gateway and route table (natGatewayPerZone: true, the default), or suppress to save cost",
  resourceTypes: ['aws_nat_gateway', 'alicloud_nat_gateway'],
  check: (s, context) => {
    const layout = s.type === 'aws_nat_gateway' ? AWS : ALICLOUD;
    const zones = new Set<string>();
    for (const subnet of subnetsServed(s, context, layout)) {
      const zone = layout.zoneKeys.map((key) => subnet.config[key]).find((value) => typeof value === 'string');
      if (zone !== undefined) zones.add(zone);
    }
    return zones.size > 1 ? `serves subnets in ${zones.size} zones (${[...zones].join(', ')})` : undefined;
  },
};

/** The subnets whose traffic the NAT gateway carries: through route tables that send to it, or SNAT entries. */
function subnetsServed(nat: PolicySubject, context: PolicyContext, layout: NetworkLayout): PolicySubject[] {
  const served = new Map<string, PolicySubject>();
  const add = (subnet: PolicySubject | undefined) => subnet && served.set(subnet.address, subnet);
  const subnetOf = (value: unknown) => referencedResource(context, [layout.subnetType], value);

  const tableValues: unknown[] = context.resourcesOfType(layout.route.type)
    .filter((route) => refersTo(route.config[layout.route.natKey], nat.address))
    .map((route) => route.config[layout.route.tableKey]);
  for (const type of layout.inlineRoutes?.types ?? []) {
    for (const table of context.resourcesOfType(type)) {
      if (asList(table.config.route).some((route) => refersTo(route?.[layout.inlineRoutes!.natKey], nat.address))) {
        tableValues.push(`\${${table.address}.id}`);
      }
    }
  }

  const associations = context.resourcesOfType(layout.association.type);
  for (const value of tableValues) {
    const table = referencedResource(context, layout.tableTypes, value);
    if (table) {
      associations.filter((a) => refersTo(a.config[layout.association.tableKey], table.address))
        .forEach((a) => add(subnetOf(a.config[layout.association.subnetKey])));
    }
    const vpc = mainTableVpc(value, table, context, layout);
    if (vpc) {
      // Subnets of that VPC without an association of their own use its main route table.
      context.resourcesOfType(layout.subnetType)
        .filter((subnet) => refersTo(subnet.config.vpc_id, vpc.address))
        .filter((subnet) => !associations.some((a) => refersTo(a.config[layout.association.subnetKey], subnet.address)))
        .forEach(add);
    }
  }

  if (layout.snat) {
    const snat = layout.snat;
    context.resourcesOfType(snat.type)
      .filter((entry) => refersTo(entry.config[snat.natKey], nat.address))
      .forEach((entry) => add(subnetOf(entry.config[snat.subnetKey])));
  }
  return [...served.values()];
}

/** The VPC whose main route table `value` (or the table it names) is, if it is one. */
function mainTableVpc(value: unknown, table: PolicySubject | undefined, context: PolicyContext, layout: NetworkLayout): PolicySubject | undefined {
  const main = layout.mainTables;
  if (table && main?.types.includes(table.type)) return referencedResource(context, [layout.vpc.type], table.config[main.vpcKey]);
  if (table) return undefined;
  const vpc = referencedResource(context, [layout.vpc.type], value);
  const text = String(value);
  return vpc && layout.vpc.mainTableAttributes.some((attribute) => text.includes(`${vpc.address}.${attribute}`)) ? vpc : undefined;
}

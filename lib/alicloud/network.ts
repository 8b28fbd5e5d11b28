import { Fn, Op, TerraformLocal, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { carveSubnets, SUBNET_TIERS, vpcCidrProblem } from '../core/cidr';
import { namePrefixFromPath } from '../core/names';
import { ProblemCollector, show } from '../core/problems';
import { DataAlicloudAccount } from './gen/providers/alicloud/data-alicloud-account';
import { DataAlicloudAlbZones } from './gen/providers/alicloud/data-alicloud-alb-zones';
import { DataAlicloudEnhancedNatAvailableZones } from './gen/providers/alicloud/data-alicloud-enhanced-nat-available-zones';
import { DataAlicloudZones } from './gen/providers/alicloud/data-alicloud-zones';
import { EipAddress } from './gen/providers/alicloud/eip-address';
import { EipAssociation } from './gen/providers/alicloud/eip-association';
import { LogProject } from './gen/providers/alicloud/log-project';
import { LogStore } from './gen/providers/alicloud/log-store';
import { NatGateway } from './gen/providers/alicloud/nat-gateway';
import { RouteEntry } from './gen/providers/alicloud/route-entry';
import { RouteTable } from './gen/providers/alicloud/route-table';
import { RouteTableAttachment } from './gen/providers/alicloud/route-table-attachment';
import { SnatEntry } from './gen/providers/alicloud/snat-entry';
import { Vpc } from './gen/providers/alicloud/vpc';
import { VpcFlowLog } from './gen/providers/alicloud/vpc-flow-log';
import { Vswitch } from './gen/providers/alicloud/vswitch';
import { INetwork } from './interfaces';

/** Which packets a VPC flow log records (`traffic_type` of `alicloud_vpc_flow_log`). */
export enum FlowLogTrafficType {
  /** Allowed and denied traffic. */
  ALL = 'All',
  /** Only traffic that security groups and network ACLs allowed. */
  ALLOW = 'Allow',
  /** Only traffic that security groups or network ACLs denied. */
  DROP = 'Drop',
}

/** Properties of {@link Network}. */
export interface NetworkProps {
  /**
   * IPv4 CIDR block of the VPC, from /16 to /24, with no host bits set. It is split into
   * 3 tiers × `zoneCount` equal vSwitches of at least /27 (public, then app, then data).
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Number of zones to spread every tier over (2 to 6). The region must offer at least this many
   * zones where vSwitches, enhanced NAT gateways and ALB can all be created; `terraform plan`
   * fails otherwise.
   * @default 3
   */
  readonly zoneCount?: number;
  /**
   * One enhanced NAT gateway (with its EIP) in each zone, each app vSwitch routing egress to the
   * NAT gateway of its own zone, so losing a zone never cuts the egress of the others. `false`
   * makes one NAT gateway in the first zone: cheaper, but a single point of failure for the egress
   * of every zone (`singleNatGateway` is then true so reports can flag it).
   * @default true
   */
  readonly natGatewayPerZone?: boolean;
  /**
   * Peak bandwidth of each NAT gateway's EIP, in Mbit/s (1 to 200). The EIP is billed by traffic,
   * so this is a ceiling, not a charge.
   * @default 200
   */
  readonly natBandwidthMbps?: number;
  /**
   * VPC flow logs to a Simple Log Service (SLS) project and encrypted logstore made for them.
   * `false` records no flow logs: no record of who talked to whom for an investigation.
   * @default true
   */
  readonly flowLogs?: boolean;
  /**
   * Days the flow-log logstore keeps records, 1 to 3650; 3650 keeps them forever.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Which traffic the VPC flow log records.
   * @default FlowLogTrafficType.ALL
   */
  readonly flowLogTrafficType?: FlowLogTrafficType;
}

/** Alibaba Cloud accepts VPCs from /8 to /28; the library keeps the AWS range so both clouds lay out alike. */
/** `bandwidth` of `alicloud_eip_address`: 1 to 200 Mbit/s (provider docs, eip_address). */
const MAX_EIP_BANDWIDTH = 200;
/** `ttl` of an SLS logstore: 1 to 3650 days, 3650 meaning forever (SLS API reference, Logstore). */
const MAX_LOG_RETENTION_DAYS = 3650;
/** SLS project names: 3 to 63 lowercase letters, digits and hyphens. */
const LOG_PROJECT_NAME_MAX = 63;
/** An Alibaba Cloud account id has 16 digits. */
const ACCOUNT_ID_LENGTH = 16;

/**
 * A VPC over `zoneCount` zones with three vSwitch tiers per zone: public (load balancers, NAT
 * gateways), app with NAT egress, and data without any internet route. Zones are picked at plan
 * time among those where vSwitches, enhanced NAT gateways and ALB are all available. An enhanced
 * NAT gateway with its own EIP and SNAT entry per zone, a route table per zone for the app tier,
 * a route table without a default route for the data tier, and VPC flow logs to SLS.
 */
export class Network extends Construct implements INetwork {
  /** The `alicloud_vpc` resource (escape hatch). */
  public readonly vpc: TerraformResource;
  /** Number of zones the tiers are spread over. */
  public readonly zoneCount: number;
  /** True when all app vSwitches share one NAT gateway: a single point of failure for egress. */
  public readonly singleNatGateway: boolean;
  /** VPC id. */
  public readonly vpcId: string;
  /** IPv4 CIDR block of the VPC. */
  public readonly vpcCidr: string;
  /** Zone ids; index i is the zone of vSwitch i of every tier. */
  public readonly zoneIds: string[];
  /** Public vSwitches (load balancers, NAT gateways), one per zone, in zone order. */
  public readonly publicVswitchIds: string[];
  /** App vSwitches with NAT egress, one per zone, in zone order. */
  public readonly appVswitchIds: string[];
  /** Data vSwitches without any internet route, one per zone, in zone order. */
  public readonly dataVswitchIds: string[];
  /** CIDR blocks of the app vSwitches, in zone order (literal strings). */
  public readonly appVswitchCidrs: string[];
  /** Enhanced NAT gateways in zone order: one per zone, or one in the first zone when `singleNatGateway`. */
  public readonly natGatewayIds: string[];
  /** Public addresses the app tier's egress leaves from, in the order of `natGatewayIds` (for partners' allow lists). */
  public readonly natPublicIps: string[];

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    validateNetworkProps(id, props);
    const cidr = props.cidr ?? '10.0.0.0/16';
    const zoneCount = props.zoneCount ?? 3;
    const natGatewayPerZone = props.natGatewayPerZone ?? true;
    const natBandwidthMbps = props.natBandwidthMbps ?? MAX_EIP_BANDWIDTH;
    const flowLogs = props.flowLogs ?? true;
    const flowLogRetentionDays = props.flowLogRetentionDays ?? 365;
    const flowLogTrafficType = props.flowLogTrafficType ?? FlowLogTrafficType.ALL;

    this.zoneCount = zoneCount;
    this.singleNatGateway = !natGatewayPerZone;
    const [publicCidrs, appCidrs, dataCidrs] = carveSubnets(cidr, zoneCount);
    const zones = Array.from({ length: zoneCount }, (_, zone) => zone);

    const zoneIds = this.usableZones();
    this.zoneIds = zones.map((zone) => Token.asString(Fn.element(zoneIds.asList, zone)));

    const vpc = new Vpc(this, 'Vpc', {
      vpcName: id,
      cidrBlock: cidr,
      description: `${this.node.path}: ${SUBNET_TIERS} vSwitch tiers over ${zoneCount} zones`,
      lifecycle: {
        // element() wraps around, so a region with fewer usable zones would silently put two
        // vSwitches of a tier in one zone; fail the plan before anything is created instead.
        precondition: [{
          condition: Op.gte(Fn.lengthOf(zoneIds.asList), zoneCount),
          errorMessage: `Network "${id}" needs ${zoneCount} zones where vSwitches, enhanced NAT gateways and ALB are all available; this region has fewer.`,
        }],
      },
    });
    this.vpc = vpc;
    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;

    // Public vSwitches stay on the VPC's system route table. Creating an enhanced NAT gateway adds
    // 0.0.0.0/0 → that gateway to the system table (CreateNatGateway API docs); only the ALB and
    // the NAT gateways live here, so that unmanaged route carries no instance traffic.
    const publicVswitches = this.vswitches('Public', publicCidrs);
    const appVswitches = this.vswitches('App', appCidrs);
    const dataVswitches = this.vswitches('Data', dataCidrs);

    const natZones = natGatewayPerZone ? zones : [0];
    const nats = natZones.map((zone) => this.natGateway(vpc.id, zone, publicVswitches[zone].id, natBandwidthMbps));

    // The system route table holds a single 0.0.0.0/0, so each zone's app vSwitch gets its own
    // table whose default route goes to the NAT gateway of its zone. A VPC has at most 10 route
    // tables including the system one (VPC docs, "Route table overview"): 6 app tables + 1 data table fit.
    zones.forEach((zone) => {
      const nat = nats[natGatewayPerZone ? zone : 0];
      const table = this.routeTable(`AppRouteTable${zone}`, vpc.id, `${id}-app-${zone + 1}`,
        `Egress of app vSwitch ${zone + 1} through NAT gateway ${nat.zone + 1}`);
      new RouteEntry(this, `AppDefaultRoute${zone}`, {
        routeTableId: table.id,
        destinationCidrblock: '0.0.0.0/0',
        nexthopType: 'NatGateway',
        nexthopId: nat.gateway.id,
        name: `${id}-app-${zone + 1}-egress`,
      });
      new RouteTableAttachment(this, `AppVswitch${zone}RouteTable`, {
        vswitchId: appVswitches[zone].id,
        routeTableId: table.id,
      });
      // SNAT works per source vSwitch: without an entry the route reaches the NAT gateway and stops there.
      new SnatEntry(this, `AppSnat${zone}`, {
        snatTableId: nat.gateway.snatTableIds,
        sourceVswitchId: appVswitches[zone].id,
        snatIp: nat.address.ipAddress,
        snatEntryName: `${id}-app-${zone + 1}`,
        dependsOn: [nat.association],
      });
    });

    // Data vSwitches must not inherit the default route the NAT gateway put into the system table,
    // so they share a custom table that has no route but the VPC's own.
    const dataTable = this.routeTable('DataRouteTable', vpc.id, `${id}-data`, 'Data vSwitches: no internet route');
    dataVswitches.forEach((vswitch, zone) => new RouteTableAttachment(this, `DataVswitch${zone}RouteTable`, {
      vswitchId: vswitch.id,
      routeTableId: dataTable.id,
    }));

    if (flowLogs) this.addFlowLog(id, vpc.id, flowLogRetentionDays, flowLogTrafficType);

    this.publicVswitchIds = publicVswitches.map((vswitch) => vswitch.id);
    this.appVswitchIds = appVswitches.map((vswitch) => vswitch.id);
    this.dataVswitchIds = dataVswitches.map((vswitch) => vswitch.id);
    this.appVswitchCidrs = appCidrs;
    this.natGatewayIds = nats.map((nat) => nat.gateway.id);
    this.natPublicIps = nats.map((nat) => nat.address.ipAddress);
  }

  /**
   * Zone ids where every tier can live, sorted so the choice is stable between plans: vSwitches
   * (a zone can be closed to new vSwitches), enhanced NAT gateways, and ALB (the load balancer
   * needs a zone mapping in every zone of the public tier). Enhanced NAT and ALB are not in every zone.
   */
  private usableZones(): TerraformLocal {
    const vswitchZones = new DataAlicloudZones(this, 'VswitchZones', { availableResourceCreation: 'VSwitch' });
    const natZones = new DataAlicloudEnhancedNatAvailableZones(this, 'NatZones', {});
    const albZones = new DataAlicloudAlbZones(this, 'AlbZones', {});
    return new TerraformLocal(this, 'ZoneIds',
      Fn.sort(Fn.setintersection(vswitchZones.ids, [natZones.ids, albZones.ids])));
  }

  /** One vSwitch of a tier per zone. */
  private vswitches(tier: string, cidrs: string[]): Vswitch[] {
    return cidrs.map((cidrBlock, zone) => new Vswitch(this, `${tier}Vswitch${zone}`, {
      vpcId: this.vpcId,
      cidrBlock,
      zoneId: this.zoneIds[zone],
      vswitchName: `${this.node.id}-${tier.toLowerCase()}-${zone + 1}`,
    }));
  }

  private natGateway(vpcId: string, zone: number, vswitchId: string, bandwidthMbps: number) {
    const name = `${this.node.id}-nat-${zone + 1}`;
    const gateway = new NatGateway(this, `NatGateway${zone}`, {
      vpcId,
      natGatewayName: name,
      // Enhanced is the only type still sold; it lives in one vSwitch, hence in one zone.
      natType: 'Enhanced',
      vswitchId,
      networkType: 'internet',
      paymentType: 'PayAsYouGo',
      // PayBySpec is deprecated since provider 1.137.0; enhanced NAT gateways bill by LCU.
      internetChargeType: 'PayByLcu',
    });
    const address = new EipAddress(this, `NatAddress${zone}`, {
      addressName: name,
      paymentType: 'PayAsYouGo',
      internetChargeType: 'PayByTraffic',
      bandwidth: String(bandwidthMbps),
    });
    const association = new EipAssociation(this, `NatAddress${zone}Association`, {
      allocationId: address.id,
      instanceId: gateway.id,
      instanceType: 'Nat',
    });
    return { zone, gateway, address, association };
  }

  private routeTable(constructId: string, vpcId: string, name: string, description: string): RouteTable {
    return new RouteTable(this, constructId, {
      vpcId,
      routeTableName: name,
      associateType: 'VSwitch',
      description,
    });
  }

  private addFlowLog(id: string, vpcId: string, retentionDays: number, trafficType: FlowLogTrafficType): void {
    // An SLS project name is unique in a region across all accounts (SLS API, CreateProject), so the
    // account id ends the name; the construct path (which holds the stack, one per region) starts it.
    const account = new DataAlicloudAccount(this, 'Account', {});
    const prefix = namePrefixFromPath(`${this.node.path}-flow-logs`, LOG_PROJECT_NAME_MAX - ACCOUNT_ID_LENGTH);
    const project = new LogProject(this, 'FlowLogProject', {
      projectName: `${prefix}${account.id}`,
      description: `VPC flow logs of ${this.node.path}`,
    });
    const store = new LogStore(this, 'FlowLogStore', {
      projectName: project.projectName,
      logstoreName: 'vpc-flow-logs',
      retentionPeriod: retentionDays,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
      // Encryption at rest with the SLS service key (AES); it can only be chosen at creation.
      encryptConf: { enable: true, encryptType: 'default' },
    });
    new VpcFlowLog(this, 'FlowLog', {
      flowLogName: `${id}-flow-log`,
      description: `Flow log of ${this.node.path}`,
      resourceType: 'VPC',
      resourceId: vpcId,
      trafficType,
      projectName: project.projectName,
      logStoreName: store.logstoreName,
    });
  }
}

function validateNetworkProps(id: string, props: NetworkProps): void {
  const problems = new ProblemCollector(`alicloud.Network "${id}"`);
  problems.knownKeys('', props, ['cidr', 'zoneCount', 'natGatewayPerZone', 'natBandwidthMbps', 'flowLogs',
    'flowLogRetentionDays', 'flowLogTrafficType']);
  const zonesOk = problems.integerInRange('zoneCount', props.zoneCount, 2, 6);
  if (props.cidr !== undefined) {
    // With a bad zoneCount, the room check takes the fewest zones, so only the CIDR's own faults show.
    const problem = vpcCidrProblem(props.cidr, zonesOk ? props.zoneCount ?? 3 : 2);
    if (problem) problems.add('cidr', `(${show(props.cidr)}) ${problem}`);
  }

  for (const flag of ['natGatewayPerZone', 'flowLogs'] as const) {
    if (props[flag] !== undefined) {
      problems.check(typeof props[flag] === 'boolean', flag, `(${show(props[flag])}) must be true or false`);
    }
  }
  problems.integerInRange('natBandwidthMbps', props.natBandwidthMbps, 1, MAX_EIP_BANDWIDTH);
  problems.integerInRange('flowLogRetentionDays', props.flowLogRetentionDays, 1, MAX_LOG_RETENTION_DAYS);
  problems.oneOf('flowLogTrafficType', props.flowLogTrafficType, Object.values(FlowLogTrafficType));
  if (props.flowLogs === false) {
    for (const key of ['flowLogRetentionDays', 'flowLogTrafficType'] as const) {
      problems.check(props[key] === undefined, key, `(${show(props[key])}) needs flowLogs, which is false`);
    }
  }
  problems.throwIfAny();
}

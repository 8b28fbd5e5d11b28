import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { carveSubnets, vpcCidrProblem } from '../core/cidr';
import { ProblemCollector, show } from '../core/problems';
import { INetwork } from './interfaces';

/** Which packets a VPC flow log records. */
export enum FlowLogTrafficType {
  /** Accepted and rejected traffic. */
  ALL = 'ALL',
  /** Only traffic that security groups and network ACLs accepted. */
  ACCEPT = 'ACCEPT',
  /** Only traffic that security groups or network ACLs rejected. */
  REJECT = 'REJECT',
}

/** Properties of {@link Network}. */
export interface NetworkProps {
  /**
   * IPv4 CIDR block of the VPC, from /16 to /24, with no host bits set. It is split into
   * 3 tiers × `zoneCount` equal subnets of at least /27 (public, then private, then isolated).
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Number of availability zones to spread every tier over (2 to 6). The region must offer at
   * least this many zones that need no opt-in; `terraform plan` fails otherwise.
   * @default 3
   */
  readonly zoneCount?: number;
  /**
   * One NAT gateway in each zone, each private route table sending egress to the NAT gateway of
   * its own zone, so losing a zone never cuts the egress of the others. `false` makes one NAT
   * gateway in the first zone: cheaper, but a single point of failure for the egress of every
   * zone (`singleNatGateway` is then true so reports can flag it).
   * @default true
   */
  readonly natGatewayPerZone?: boolean;
  /**
   * Days CloudWatch Logs keeps the VPC flow logs: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150,
   * 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 0 to never expire them.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Which traffic the VPC flow log records.
   * @default FlowLogTrafficType.ALL
   */
  readonly flowLogTrafficType?: FlowLogTrafficType;
}

// PutRetentionPolicy's accepted values (CloudWatch Logs API reference); 0 = never expire, which the
// provider maps to no retention policy.
const FLOW_LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** AWS accepts VPCs from /16 to /28; /24 is the smallest that still holds 3 tiers × 2 zones of /27. */

/**
 * A VPC over `zoneCount` availability zones with three subnet tiers per zone: public (load
 * balancers, NAT gateways), private with NAT egress (application) and isolated without any
 * internet route (data). NAT gateway and route table per zone, S3 gateway endpoint for the private
 * and isolated tiers, VPC flow logs to CloudWatch Logs, and the default security group emptied.
 */
export class Network extends Construct implements INetwork {
  /** The VPC resource (escape hatch). */
  public readonly vpc: Vpc;
  /** NAT gateways in zone order: one per zone, or one in the first zone when `singleNatGateway`. */
  public readonly natGateways: NatGateway[];
  /** Number of availability zones the tiers are spread over. */
  public readonly zoneCount: number;
  /** True when all private subnets share one NAT gateway: a single point of failure for egress. */
  public readonly singleNatGateway: boolean;
  /** VPC id. */
  public readonly vpcId: string;
  /** IPv4 CIDR block of the VPC. */
  public readonly vpcCidr: string;
  /** Availability zone names; index i is the zone of subnet i of every tier. */
  public readonly availabilityZones: string[];
  /** Public subnets, one per zone, in zone order. */
  public readonly publicSubnetIds: string[];
  /** Private subnets with NAT egress, one per zone, in zone order. */
  public readonly privateSubnetIds: string[];
  /** Isolated subnets without any internet route, one per zone, in zone order. */
  public readonly isolatedSubnetIds: string[];

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    validateNetworkProps(id, props);
    const cidr = props.cidr ?? '10.0.0.0/16';
    const zoneCount = props.zoneCount ?? 3;
    const natGatewayPerZone = props.natGatewayPerZone ?? true;
    const flowLogRetentionDays = props.flowLogRetentionDays ?? 365;
    const flowLogTrafficType = props.flowLogTrafficType ?? FlowLogTrafficType.ALL;

    this.zoneCount = zoneCount;
    this.singleNatGateway = !natGatewayPerZone;
    const [publicCidrs, privateCidrs, isolatedCidrs] = carveSubnets(cidr, zoneCount);
    const zones = Array.from({ length: zoneCount }, (_, zone) => zone);

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: id },
    });
    this.vpcId = this.vpc.id;
    this.vpcCidr = this.vpc.cidrBlock;

    const zoneNames = new DataAwsAvailabilityZones(this, 'Zones', {
      state: 'available',
      // Local and Wavelength Zones are opt-in; they lack NAT gateways and most instance types.
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      lifecycle: {
        // element() wraps around, so a region with fewer zones would silently stack two subnets
        // of a tier in one zone; fail the plan instead.
        postcondition: [{
          condition: `\${length(self.names) >= ${zoneCount}}`,
          errorMessage: `Network "${id}" needs ${zoneCount} availability zones that need no opt-in; this region has fewer.`,
        }],
      },
    });
    this.availabilityZones = zones.map((zone) => Token.asString(Fn.element(zoneNames.names, zone)));

    // CIS AWS Foundations 5.4: the default security group allows no traffic; adopting it removes its rules.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${id}-default-deny-all` },
    });

    const internetGateway = new InternetGateway(this, 'InternetGateway', {
      vpcId: this.vpc.id,
      tags: { Name: id },
    });
    // The internet gateway is regional, so one public route table serves every zone.
    const publicRouteTable = this.routeTable('PublicRouteTable', `${id}-public`);
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: internetGateway.id,
    });
    const publicSubnets = this.subnets('Public', publicCidrs, () => publicRouteTable);

    const natZones = natGatewayPerZone ? zones : [0];
    this.natGateways = natZones.map((zone) => {
      const name = `${id}-nat-${zone + 1}`;
      // Provider docs: the EIP and NAT gateway need the internet gateway attached first.
      const address = new Eip(this, `NatAddress${zone}`, {
        domain: 'vpc',
        tags: { Name: name },
        dependsOn: [internetGateway],
      });
      return new NatGateway(this, `NatGateway${zone}`, {
        allocationId: address.allocationId,
        subnetId: publicSubnets[zone].id,
        tags: { Name: name },
        dependsOn: [internetGateway],
      });
    });

    const privateRouteTables = zones.map((zone) => {
      const table = this.routeTable(`PrivateRouteTable${zone}`, `${id}-private-${zone + 1}`);
      new Route(this, `PrivateDefaultRoute${zone}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: this.natGateways[natGatewayPerZone ? zone : 0].id,
      });
      return table;
    });
    const privateSubnets = this.subnets('Private', privateCidrs, (zone) => privateRouteTables[zone]);

    const isolatedRouteTables = zones.map((zone) =>
      this.routeTable(`IsolatedRouteTable${zone}`, `${id}-isolated-${zone + 1}`));
    const isolatedSubnets = this.subnets('Isolated', isolatedCidrs, (zone) => isolatedRouteTables[zone]);

    // Backups and artifacts reach S3 without NAT gateway charges, and isolated subnets reach it at all.
    const s3Service = new DataAwsVpcEndpointService(this, 'S3EndpointService', {
      service: 's3',
      serviceType: 'Gateway',
    });
    new VpcEndpoint(this, 'S3Endpoint', {
      vpcId: this.vpc.id,
      serviceName: s3Service.serviceName,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...privateRouteTables, ...isolatedRouteTables].map((table) => table.id),
      tags: { Name: `${id}-s3` },
    });

    this.addFlowLog(id, flowLogRetentionDays, flowLogTrafficType);

    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.isolatedSubnetIds = isolatedSubnets.map((subnet) => subnet.id);
  }

  private routeTable(constructId: string, name: string): RouteTable {
    return new RouteTable(this, constructId, { vpcId: this.vpc.id, tags: { Name: name } });
  }

  /** One subnet of a tier per zone, each associated with the route table of its zone. */
  private subnets(tier: string, cidrs: string[], routeTableOf: (zone: number) => RouteTable): Subnet[] {
    return cidrs.map((cidrBlock, zone) => {
      const subnet = new Subnet(this, `${tier}Subnet${zone}`, {
        vpcId: this.vpc.id,
        cidrBlock,
        availabilityZone: this.availabilityZones[zone],
        // Even public subnets: only load balancers and NAT gateways (with EIPs) live there.
        mapPublicIpOnLaunch: false,
        tags: { Name: `${this.node.id}-${tier.toLowerCase()}-${zone + 1}` },
      });
      new RouteTableAssociation(this, `${tier}Subnet${zone}RouteTable`, {
        subnetId: subnet.id,
        routeTableId: routeTableOf(zone).id,
      });
      return subnet;
    });
  }

  private addFlowLog(id: string, retentionInDays: number, trafficType: FlowLogTrafficType): void {
    const logGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      name: `/vpc-flow-logs/${this.node.path.replace(/[^A-Za-z0-9_\-/.#]/g, '-')}`,
      retentionInDays,
    });

    const account = new DataAwsCallerIdentity(this, 'Account');
    const partition = new DataAwsPartition(this, 'Partition');
    const region = new DataAwsRegion(this, 'Region');
    // Confused-deputy protection: only this account's flow logs in this region may assume the role.
    const trust = new DataAwsIamPolicyDocument(this, 'FlowLogTrust', {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] },
          {
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: [`arn:${partition.partition}:ec2:${region.name}:${account.accountId}:vpc-flow-log/*`],
          },
        ],
      }],
    });
    const role = new IamRole(this, 'FlowLogRole', {
      namePrefix: `${id.replace(/[^\w+=,.@-]/g, '-').slice(0, 27)}-flow-log-`,
      description: `Lets VPC flow logs of ${this.node.path} write to their log group`,
      assumeRolePolicy: trust.json,
    });
    // The grant of AWS CDK's FlowLog (logGroup.grantWrite): write to this log group only.
    const write = new DataAwsIamPolicyDocument(this, 'FlowLogWrite', {
      statement: [{
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.arn, `${logGroup.arn}:*`],
      }],
    });
    const rolePolicy = new IamRolePolicy(this, 'FlowLogRolePolicy', {
      name: 'write-flow-logs',
      role: role.id,
      policy: write.json,
    });

    new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType,
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: { Name: id },
      // Without the policy in place the first deliveries fail with an access error.
      dependsOn: [rolePolicy],
    });
  }
}

function validateNetworkProps(id: string, props: NetworkProps): void {
  const problems = new ProblemCollector(`aws.Network "${id}"`);
  problems.knownKeys('', props, ['cidr', 'zoneCount', 'natGatewayPerZone', 'flowLogRetentionDays', 'flowLogTrafficType']);
  const zonesOk = problems.integerInRange('zoneCount', props.zoneCount, 2, 6);
  if (props.cidr !== undefined) {
    // With a bad zoneCount, the room check takes the fewest zones, so only the CIDR's own faults show.
    const problem = vpcCidrProblem(props.cidr, zonesOk ? props.zoneCount ?? 3 : 2);
    if (problem) problems.add('cidr', `(${show(props.cidr)}) ${problem}`);
  }

  if (props.natGatewayPerZone !== undefined) {
    problems.check(typeof props.natGatewayPerZone === 'boolean', 'natGatewayPerZone',
      `(${show(props.natGatewayPerZone)}) must be true or false`);
  }
  problems.oneOf('flowLogRetentionDays', props.flowLogRetentionDays, FLOW_LOG_RETENTION_DAYS);
  problems.oneOf('flowLogTrafficType', props.flowLogTrafficType, Object.values(FlowLogTrafficType));
  problems.throwIfAny();
}

// The small typed interfaces through which the Alibaba Cloud tiers meet (the same roles as lib/aws).

/** A network as the other tiers see it: a VPC and zone-ordered vSwitches per tier. */
export interface INetwork {
  /** VPC id. */
  readonly vpcId: string;
  /** IPv4 CIDR block of the VPC. */
  readonly vpcCidr: string;
  /** Zone ids, index i is the zone of vSwitch i of every tier. */
  readonly zoneIds: string[];
  /** Public vSwitches (load balancer, NAT gateways), one per zone. */
  readonly publicVswitchIds: string[];
  /** Application vSwitches with a NAT route, one per zone. */
  readonly appVswitchIds: string[];
  /** Data vSwitches without any internet route, one per zone. */
  readonly dataVswitchIds: string[];
  /** CIDR blocks of the application vSwitches (RDS whitelists take addresses, not groups). */
  readonly appVswitchCidrs: string[];
}

/** Something that owns a security group, so rules can name it as a peer. */
export interface IConnectable {
  /** Id of the security group of this thing. */
  readonly securityGroupId: string;
}

/** What an application tier needs from a load balancer to register behind it. */
export interface ILoadBalancerTarget extends IConnectable {
  /** Id of the ALB server group that instances join. */
  readonly serverGroupId: string;
}

/** A KMS key. */
export interface IEncryptionKey {
  /** Id of the key. */
  readonly keyId: string;
}

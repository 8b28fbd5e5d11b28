// The small typed interfaces through which the AWS tiers meet. A tier never reads another tier's
// private resources: it receives one of these.

/** A network as the other tiers see it: a VPC and zone-ordered subnets per tier. */
export interface INetwork {
  /** VPC id. */
  readonly vpcId: string;
  /** IPv4 CIDR block of the VPC. */
  readonly vpcCidr: string;
  /** Availability zone names, index i is the zone of subnet i of every tier. */
  readonly availabilityZones: string[];
  /** Public subnets (load balancer, NAT gateways), one per zone. */
  readonly publicSubnetIds: string[];
  /** Private subnets with a NAT route (application tier), one per zone. */
  readonly privateSubnetIds: string[];
  /** Isolated subnets without any internet route (data tier), one per zone. */
  readonly isolatedSubnetIds: string[];
}

/** Something that owns a security group, so rules can name it as a peer (like CDK's `IConnectable`). */
export interface IConnectable {
  /** Id of the security group of this thing. */
  readonly securityGroupId: string;
}

/** What an application tier needs from a load balancer to register behind it. */
export interface ILoadBalancerTarget extends IConnectable {
  /** ARN of the target group that instances register in. */
  readonly targetGroupArn: string;
  /** ARN suffix of the load balancer, used by `ALBRequestCountPerTarget` scaling metrics. */
  readonly loadBalancerArnSuffix: string;
  /** ARN suffix of the target group, used by `ALBRequestCountPerTarget` scaling metrics. */
  readonly targetGroupArnSuffix: string;
}

/** A customer-managed KMS key. */
export interface IEncryptionKey {
  /** ARN of the key. */
  readonly keyArn: string;
}

/** Where applications reach a database. */
export interface IDatabaseEndpoint extends IConnectable {
  /** Host name of the writer endpoint. */
  readonly endpointAddress: string;
  /** Host name that spreads reads over the read replicas or readers (the writer when there is none). */
  readonly readerEndpointAddress: string;
  /** TCP port of the database. */
  readonly port: number;
}

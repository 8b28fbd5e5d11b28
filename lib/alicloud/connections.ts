import { Construct } from 'constructs';
import { SecurityGroupRule } from './gen/providers/alicloud/security-group-rule';
import { IConnectable } from './interfaces';

/**
 * Opens TCP `port` from `source` to `destination`: an ingress rule on the destination's security group
 * that names the source's group (never a CIDR), as lib/aws/connections.ts does on AWS. Alibaba Cloud
 * security groups allow all egress inside the VPC by default, so no egress rule is needed.
 */
export function allowTcp(scope: Construct, id: string, source: IConnectable, destination: IConnectable, port: number, description: string): SecurityGroupRule {
  return new SecurityGroupRule(scope, id, {
    type: 'ingress',
    ipProtocol: 'tcp',
    portRange: `${port}/${port}`,
    securityGroupId: destination.securityGroupId,
    sourceSecurityGroupId: source.securityGroupId,
    policy: 'accept',
    nicType: 'intranet',
    description,
  });
}

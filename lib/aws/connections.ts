import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { IConnectable } from './interfaces';

/**
 * Opens TCP `port` from `source` to `destination` on both sides, as CDK's `Connections.allowFrom`
 * does: an egress rule on the source's group and an ingress rule on the destination's group, each
 * naming the other group (never a CIDR), so the security-group graph is exactly the allowed flows.
 */
export function allowTcp(
  scope: Construct,
  id: string,
  source: IConnectable,
  destination: IConnectable,
  port: number,
  description: string,
): void {
  new VpcSecurityGroupIngressRule(scope, `${id}In`, {
    securityGroupId: destination.securityGroupId,
    referencedSecurityGroupId: source.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    description,
  });
  new VpcSecurityGroupEgressRule(scope, `${id}Out`, {
    securityGroupId: source.securityGroupId,
    referencedSecurityGroupId: destination.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    description,
  });
}

import { asList, PolicyContext, PolicyLevel, PolicyRule, PolicySubject, refersTo } from '../policy-rule';
import { isUnknown, referencedResource } from './references';

const WORLD = ['0.0.0.0/0', '::/0'];
const WEB_PORTS = [80, 443];
// HTTP/3 runs on UDP 443, so UDP is accepted on the web ports as TCP is.
const WEB_PROTOCOLS = ['tcp', 'udp', '6', '17'];
const ALL_PROTOCOLS = ['-1', 'all'];

/** One permission that admits the whole internet. */
interface WorldOpening {
  readonly source: string;
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
}

/**
 * Ingress from the whole internet (0.0.0.0/0 or ::/0) is only on ports 80 and 443 and only into a
 * security group a load balancer of the stack uses: `aws_lb`/`aws_elb` `security_groups`, or on
 * Alibaba Cloud an ALB/NLB security-group attachment (or `alicloud_nlb_load_balancer.security_group_ids`).
 * A group the rule cannot resolve in the stack (an id given as a literal or a variable) is not judged
 * on its use, only on its ports.
 */
export const SEC_SG_WORLD_INGRESS: PolicyRule = {
  id: 'SEC-SG-WORLD-INGRESS',
  level: PolicyLevel.ERROR,
  description: "Ingress from the whole internet is only on ports 80 and 443, into a load balancer's security group",
  why: "Any other port open to 0.0.0.0/0 (SSH, a database, an application port) is scanned and attacked within minutes; "
    + "instances should be reached through the load balancer, not directly.",
  fix: "narrow the source to known ranges or to the load balancer's security group (source_security_group_id / "
    + "referenced_security_group_id), use Session Manager / Cloud Assistant instead of SSH, or suppress with the reason",
  resourceTypes: [
    'aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule',
    'alicloud_security_group_rule',
  ],
  check: (s, context) => {
    for (const opening of worldOpenings(s)) {
      const problem = portProblem(opening);
      if (problem) return `ingress from ${opening.source} on ${problem}`;
      if (!isLoadBalancerGroup(s, context)) return `ingress from ${opening.source} on port ${opening.fromPort} into a group no load balancer uses`;
    }
    return undefined;
  },
};

/** The permissions of the subject that admit 0.0.0.0/0 or ::/0. */
function worldOpenings(s: PolicySubject): WorldOpening[] {
  const c = s.config;
  switch (s.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return asList(c.ingress).flatMap((rule) => openings([...asList(rule?.cidr_blocks), ...asList(rule?.ipv6_cidr_blocks)],
        rule?.protocol, rule?.from_port, rule?.to_port));
    case 'aws_security_group_rule':
      return c.type === 'ingress'
        ? openings([...asList(c.cidr_blocks), ...asList(c.ipv6_cidr_blocks)], c.protocol, c.from_port, c.to_port) : [];
    case 'aws_vpc_security_group_ingress_rule':
      return openings([c.cidr_ipv4, c.cidr_ipv6], c.ip_protocol, c.from_port, c.to_port);
    default: {
      // alicloud_security_group_rule: port_range "80/80", "-1/-1" for every port; policy defaults to accept.
      if (c.type !== 'ingress' || c.policy === 'drop') return [];
      const [fromPort, toPort] = typeof c.port_range === 'string' && !isUnknown(c.port_range) ? c.port_range.split('/') : [c.port_range, c.port_range];
      return openings([c.cidr_ip, c.ipv6_cidr_ip], c.ip_protocol, fromPort, toPort);
    }
  }
}

function openings(sources: unknown[], protocol: unknown, fromPort: unknown, toPort: unknown): WorldOpening[] {
  return sources.filter((source): source is string => typeof source === 'string' && WORLD.includes(source.trim()))
    .map((source) => ({ source, protocol, fromPort, toPort }));
}

/** What the opening admits beyond the web ports, or undefined when it is TCP/UDP 80 or 443 (or not known before apply). */
function portProblem(opening: WorldOpening): string | undefined {
  const { protocol, fromPort, toPort } = opening;
  if ([protocol, fromPort, toPort].some(isUnknown)) return undefined;
  const name = String(protocol ?? '').toLowerCase();
  if (ALL_PROTOCOLS.includes(name)) return 'every port and protocol';
  if (!WEB_PROTOCOLS.includes(name)) return `protocol ${String(protocol)}`;
  if (fromPort === undefined && toPort === undefined) return 'every port';
  const from = Number(fromPort);
  const to = Number(toPort);
  if (from === to && WEB_PORTS.includes(from)) return undefined;
  return from === to ? `port ${from}` : `ports ${from}-${to}`;
}

/** Whether the group the subject opens is used by a load balancer of the stack (true when the group cannot be resolved). */
function isLoadBalancerGroup(s: PolicySubject, context: PolicyContext): boolean {
  if (s.type.startsWith('alicloud_')) {
    const group = referencedResource(context, ['alicloud_security_group'], s.config.security_group_id);
    if (!group) return true;
    const attached = ['alicloud_alb_load_balancer_security_group_attachment', 'alicloud_nlb_load_balancer_security_group_attachment']
      .some((type) => context.resourcesOfType(type).some((a) => refersTo(a.config.security_group_id, group.address)));
    return attached || context.resourcesOfType('alicloud_nlb_load_balancer').some((lb) => refersTo(lb.config.security_group_ids, group.address));
  }
  const group = s.type === 'aws_security_group' || s.type === 'aws_default_security_group'
    ? s : referencedResource(context, ['aws_security_group', 'aws_default_security_group'], s.config.security_group_id);
  if (!group) return true;
  return ['aws_lb', 'aws_elb'].some((type) => context.resourcesOfType(type).some((lb) => refersTo(lb.config.security_groups, group.address)));
}

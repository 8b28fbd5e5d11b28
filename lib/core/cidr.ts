// IPv4 CIDR arithmetic done at synth time, so the synthesized Terraform shows literal subnet ranges.

/** A parsed IPv4 CIDR block. */
export interface Ipv4Block {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; undefined when the text is not a CIDR block or host bits are set. */
export function parseCidr(text: string): Ipv4Block | undefined {
  if (typeof text !== 'string') return undefined;
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const network = prefix === 0 ? 0 : (address & (~0 << (32 - prefix))) >>> 0;
  if (network !== address) return undefined;
  return { network, prefix };
}

/** Formats a block as `a.b.c.d/n`. */
export function formatCidr(block: Ipv4Block): string {
  const n = block.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${block.prefix}`;
}

/** True when the two blocks share any address. */
export function cidrsOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((a.network & mask) >>> 0) === ((b.network & mask) >>> 0);
}

/** Number of subnet tiers carved from each VPC: public, private (app) and isolated (data). */
export const SUBNET_TIERS = 3;

/**
 * Smallest subnet the layout will create. An Application Load Balancer needs subnets of at least
 * /27 with 8 free addresses (Elastic Load Balancing docs, "Subnets for your load balancer").
 */
export const SMALLEST_SUBNET_PREFIX = 27;

/** Prefix length of each subnet when a VPC of `vpcPrefix` is split into `tiers × zones` equal subnets. */
export function subnetPrefix(vpcPrefix: number, zoneCount: number, tiers = SUBNET_TIERS): number {
  return vpcPrefix + Math.ceil(Math.log2(tiers * zoneCount));
}

/**
 * Splits `vpcCidr` into `tiers × zoneCount` equal subnets, tier by tier: index `tier * zoneCount + zone`.
 * Throws when the VPC is too small; validation reports that case before any construct is built.
 */
export function carveSubnets(vpcCidr: string, zoneCount: number, tiers = SUBNET_TIERS): string[][] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`${vpcCidr} is not an IPv4 CIDR block`);
  const prefix = subnetPrefix(vpc.prefix, zoneCount, tiers);
  if (prefix > SMALLEST_SUBNET_PREFIX) {
    throw new Error(`${vpcCidr} is too small for ${tiers} tiers × ${zoneCount} zones of at least /${SMALLEST_SUBNET_PREFIX}`);
  }
  const size = 2 ** (32 - prefix);
  const result: string[][] = [];
  for (let tier = 0; tier < tiers; tier++) {
    const row: string[] = [];
    for (let zone = 0; zone < zoneCount; zone++) {
      row.push(formatCidr({ network: vpc.network + (tier * zoneCount + zone) * size, prefix }));
    }
    result.push(row);
  }
  return result;
}

/** VPC sizes the library lays out: /16 (65,536 addresses) down to /24. */
export const LARGEST_VPC_PREFIX = 16;
export const SMALLEST_VPC_PREFIX = 24;

/**
 * Why `cidr` cannot be a VPC of `zoneCount` zones (syntax, size, room for every tier's subnet), or
 * undefined when it can. One rule for the spec and both clouds' network constructs.
 */
export function vpcCidrProblem(cidr: string, zoneCount: number): string | undefined {
  const vpc = parseCidr(cidr);
  if (!vpc) return 'must be a literal IPv4 CIDR block with no host bits set, e.g. "10.0.0.0/16"';
  if (vpc.prefix < LARGEST_VPC_PREFIX || vpc.prefix > SMALLEST_VPC_PREFIX) {
    return `must have a prefix length from /${LARGEST_VPC_PREFIX} to /${SMALLEST_VPC_PREFIX}`;
  }
  const prefix = subnetPrefix(vpc.prefix, zoneCount);
  if (prefix > SMALLEST_SUBNET_PREFIX) {
    return `is too small for ${SUBNET_TIERS} tiers × ${zoneCount} zones of subnets of at least /${SMALLEST_SUBNET_PREFIX}`
      + ` (a load balancer needs /27): use /${SMALLEST_SUBNET_PREFIX - (prefix - vpc.prefix)} or larger, or fewer zones`;
  }
  return undefined;
}

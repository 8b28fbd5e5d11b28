// Reading a deployment's topology from its synthesized stacks (AWS and Alibaba Cloud resource types).
// Only the Terraform JSON is read, so hand-written resources count as much as the library's own.
import { asList, PolicySubject } from './policy-rule';
import { providerCloud, resourcesOf, StackDocument, stackRegion } from './stack-document';
import { arnRegion, localRefs, RemoteRef, remoteRefs } from './terraform-refs';
import { DnsTarget, TierKind, Topology, TopologyDns, TopologyLink, TopologyRegion, TopologyResource } from './topology';

/** Resource types that make a stack a region's stack (it holds tiers, not only global records). */
const REGIONAL_TYPES = new Set([
  'aws_subnet', 'aws_lb', 'aws_autoscaling_group', 'aws_db_instance', 'aws_rds_cluster',
  'alicloud_vswitch', 'alicloud_alb_load_balancer', 'alicloud_ess_scaling_group', 'alicloud_db_instance',
]);

/** The Terraform types of each tier of the picture. */
const TIER_OF: { readonly [type: string]: TierKind } = {
  aws_lb: 'load-balancer',
  alicloud_alb_load_balancer: 'load-balancer',
  aws_autoscaling_group: 'app',
  alicloud_ess_scaling_group: 'app',
  aws_db_instance: 'database',
  aws_rds_cluster: 'database',
  aws_rds_cluster_instance: 'database',
  alicloud_db_instance: 'database',
  alicloud_db_readonly_instance: 'database',
  aws_s3_bucket: 'backup',
  aws_backup_vault: 'backup',
  alicloud_oss_bucket: 'backup',
  alicloud_hbr_vault: 'backup',
  alicloud_hbr_replication_vault: 'backup',
  aws_nat_gateway: 'network',
  alicloud_nat_gateway: 'network',
};

/** Attributes that hold a resource's real name, by preference. */
const NAME_KEYS = ['identifier', 'name', 'bucket', 'load_balancer_name', 'scaling_group_name', 'instance_name',
  'vault_name', 'nat_gateway_name', 'cluster_identifier', 'identifier_prefix', 'name_prefix', 'bucket_prefix'];

/** Reads the topology of the stacks of one deployment (deploy order, as `readSynthOutput` gives them). */
export function readTopology(stacks: readonly StackDocument[]): Topology {
  const cloud = stacks.map(providerCloud).find((c) => c !== undefined) ?? 'aws';
  const regionStacks = stacks.filter((s) => resourcesOf(s).some((r) => REGIONAL_TYPES.has(r.type)) && stackRegion(s) !== undefined);
  const regionOfStack = new Map(stacks.map((s) => [s.name, stackRegion(s)]));
  const dns = readDns(stacks, regionOfStack);
  const primaryRegion = dns?.targets.find((t) => t.role === 'PRIMARY')?.region
    ?? (regionStacks[0] ? stackRegion(regionStacks[0]) : undefined);
  const byRegion = new Map<string, StackDocument[]>();
  for (const stack of regionStacks) {
    const region = stackRegion(stack)!;
    byRegion.set(region, [...(byRegion.get(region) ?? []), stack]);
  }
  const regions: TopologyRegion[] = [...byRegion.entries()].map(([name, docs]) => readRegion(name, name === primaryRegion ? 'primary' : 'standby', docs));
  regions.sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
  return {
    cloud,
    regions,
    links: readLinks(stacks, regionOfStack),
    dns,
    otherStacks: stacks.filter((s) => !regionStacks.includes(s)).map((s) => s.name),
  };
}

// ---------------------------------------------------------------------------------------------
// Regions, zones and tiers

/** A zone as the configuration names it: a literal, or `element(<list>, i)` of a zone lookup. */
function zoneKey(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const element = /element\((.+?),\s*(\d+)\)/.exec(value);
  return element ? `#${element[2]}` : value;
}

function zoneLabel(key: string): string {
  return key.startsWith('#') ? `zone ${Number(key.slice(1)) + 1}` : key;
}

function readRegion(name: string, role: 'primary' | 'standby', docs: StackDocument[]): TopologyRegion {
  const subjects = docs.flatMap(resourcesOf);
  const subnetZone = new Map<string, string>();
  for (const s of subjects) {
    const key = s.type === 'aws_subnet' ? zoneKey(s.config.availability_zone ?? s.config.availability_zone_id)
      : s.type === 'alicloud_vswitch' ? zoneKey(s.config.zone_id) : undefined;
    if (key) subnetZone.set(s.address, key);
  }
  const keys = [...new Set(subnetZone.values())].sort((a, b) => {
    const [x, y] = [a, b].map((k) => (k.startsWith('#') ? Number(k.slice(1)) : NaN));
    return !isNaN(x) && !isNaN(y) ? x - y : a.localeCompare(b);
  });
  const zoneIndex = (key: string | undefined) => (key === undefined ? -1 : keys.indexOf(key));
  /** The zone indexes of the subnets a value refers to. */
  const zonesOfSubnets = (value: unknown) => [...new Set(localRefs(value).map((a) => zoneIndex(subnetZone.get(a))).filter((i) => i >= 0))].sort();
  /** Every zone → regional (empty); otherwise the indexes. */
  const placement = (zones: number[]) => (keys.length > 1 && zones.length === keys.length ? [] : zones);
  const logBuckets = new Set(subjects.filter((s) => s.type === 'aws_lb').flatMap((s) => localRefs(s.config.access_logs)));

  const resources: TopologyResource[] = [];
  for (const s of subjects) {
    const tier = TIER_OF[s.type];
    if (!tier || (s.type === 'aws_s3_bucket' && logBuckets.has(s.address))) continue;
    const { zones, detail } = placeOf(s, zonesOfSubnets, (v) => zoneIndex(zoneKey(v)), keys.length);
    const replica = Boolean(s.config.replicate_source_db) || s.type === 'alicloud_db_readonly_instance';
    resources.push({ address: s.address, type: s.type, name: nameOf(s), tier, zones: placement(zones), detail, ...(replica ? { replica } : {}) });
  }
  return { name, role, stack: docs[0].name, stacks: docs.map((d) => d.name), zones: keys.map(zoneLabel), resources };
}

function placeOf(
  s: PolicySubject, zonesOfSubnets: (value: unknown) => number[], zoneOf: (value: unknown) => number, zoneCount: number,
): { zones: number[]; detail?: string } {
  const c = s.config;
  const all = [...Array(zoneCount).keys()];
  switch (s.type) {
    case 'aws_lb': {
      const zones = zonesOfSubnets(c.subnets ?? c.subnet_mapping);
      return { zones, detail: `${c.internal ? 'internal' : 'internet-facing'} ${c.load_balancer_type ?? 'application'} LB, ${zones.length} zone(s)` };
    }
    case 'alicloud_alb_load_balancer': {
      const zones = zonesOfSubnets(c.zone_mappings);
      return { zones, detail: `${c.address_type ?? ''} ALB, ${zones.length} zone(s)`.trim() };
    }
    case 'aws_autoscaling_group':
    case 'alicloud_ess_scaling_group': {
      const zones = zonesOfSubnets(c.vpc_zone_identifier ?? c.vswitch_ids);
      return { zones, detail: `min ${c.min_size ?? '?'} / max ${c.max_size ?? '?'}, ${zones.length} zone(s)` };
    }
    case 'aws_db_instance': {
      const role = c.replicate_source_db ? 'read replica' : `${c.engine ?? 'RDS'} writer`;
      if (c.multi_az === true || c.multi_az === 'true') return { zones: all, detail: `${role}, Multi-AZ` };
      const zone = zoneOf(c.availability_zone);
      return { zones: [zone >= 0 ? zone : 0], detail: `${role}, single zone` };
    }
    case 'aws_rds_cluster':
      return { zones: all, detail: `Aurora cluster${c.global_cluster_identifier ? ', global' : ''}, storage in 3 zones` };
    case 'aws_rds_cluster_instance': {
      const zone = zoneOf(c.availability_zone);
      return { zones: zone >= 0 ? [zone] : [], detail: 'Aurora instance' };
    }
    case 'alicloud_db_instance': {
      const zones = [zoneOf(c.zone_id), zoneOf(c.zone_id_slave_a)].filter((z) => z >= 0);
      const ha = zones.length === 2 && zones[0] !== zones[1];
      return { zones: [...new Set(zones.length ? zones : [0])].sort(), detail: `${c.engine ?? 'RDS'} ${c.category ?? ''}${ha ? ', 2 zones' : ', single zone'}`.replace('  ', ' ') };
    }
    case 'aws_nat_gateway':
    case 'alicloud_nat_gateway':
      return { zones: zonesOfSubnets(c.subnet_id ?? c.vswitch_id), detail: 'NAT gateway' };
    case 'aws_s3_bucket':
    case 'alicloud_oss_bucket':
      return { zones: [], detail: 'bucket' };
    default:
      return { zones: [], detail: s.type.includes('replication') ? 'replicated vault' : 'backup vault' };
  }
}

/** The resource's real name where the configuration gives a literal one, else its construct path. */
function nameOf(s: PolicySubject): string {
  for (const key of NAME_KEYS) {
    const value = s.config[key];
    if (typeof value === 'string' && value !== '' && !value.includes('${')) return key.endsWith('prefix') ? `${value}…` : value;
  }
  const tagName = s.config.tags?.Name;
  if (typeof tagName === 'string' && tagName !== '' && !tagName.includes('${')) return tagName;
  const path = s.config['//']?.metadata?.path;
  return typeof path === 'string' ? path.split('/').slice(2).join('/') || path : s.address.split('.')[1];
}

// ---------------------------------------------------------------------------------------------
// Cross-region links

function readLinks(stacks: readonly StackDocument[], regionOfStack: Map<string, string | undefined>): TopologyLink[] {
  const links: TopologyLink[] = [];
  const add = (link: TopologyLink) => {
    if (!link.fromRegion || !link.toRegion || link.fromRegion === link.toRegion) return;
    if (links.some((l) => l.kind === link.kind && l.fromRegion === link.fromRegion && l.toRegion === link.toRegion && l.label === link.label)) return;
    links.push(link);
  };
  const remote = (value: unknown) => remoteRefs(value, stacks)[0];
  for (const stack of stacks) {
    const here = regionOfStack.get(stack.name);
    for (const s of resourcesOf(stack)) {
      const c = s.config;
      switch (s.type) {
        case 'aws_db_instance': {
          const source = c.replicate_source_db ? remote(c.replicate_source_db) : undefined;
          if (source) add({ kind: 'database-replication', fromRegion: regionOfStack.get(source.stack)!, fromAddress: source.address, toRegion: here!, toAddress: s.address, label: 'RDS cross-region read replica' });
          break;
        }
        case 'aws_rds_cluster': {
          const source = globalDatabaseSource(c.global_cluster_identifier, stack, stacks);
          if (source) add({ kind: 'database-replication', fromRegion: regionOfStack.get(source.stack)!, fromAddress: source.address, toRegion: here!, toAddress: s.address, label: 'Aurora Global Database' });
          break;
        }
        case 'aws_db_instance_automated_backups_replication': {
          const source = remote(c.source_db_instance_arn);
          const from = source ? regionOfStack.get(source.stack) : arnRegion(c.source_db_instance_arn);
          if (from) add({ kind: 'backup-copy', fromRegion: from, fromAddress: source?.address, toRegion: here!, label: 'RDS automated-backup replication' });
          break;
        }
        case 'aws_backup_plan':
          for (const rule of asList(c.rule)) {
            for (const copy of asList(rule?.copy_action)) {
              const target = remote(copy?.destination_vault_arn);
              const to = target ? regionOfStack.get(target.stack) : arnRegion(copy?.destination_vault_arn);
              if (to) add({ kind: 'backup-copy', fromRegion: here!, fromAddress: s.address, toRegion: to, toAddress: target?.address, label: 'AWS Backup copy' });
            }
          }
          break;
        case 'aws_s3_bucket_replication_configuration': {
          const source = remote(c.bucket);
          for (const rule of asList(c.rule)) {
            const target = remote(rule?.destination?.bucket);
            const from = source ? regionOfStack.get(source.stack) : here;
            if (from && target) add({ kind: 'object-replication', fromRegion: from, fromAddress: source?.address, toRegion: regionOfStack.get(target.stack)!, toAddress: target.address, label: 'S3 replication' });
          }
          break;
        }
        case 'alicloud_dts_synchronization_job':
          add({ kind: 'database-replication', fromRegion: c.source_endpoint_region, toRegion: c.destination_endpoint_region ?? here, toAddress: localRefs(c.destination_endpoint_instance_id)[0], label: 'DTS synchronization' });
          break;
        case 'alicloud_hbr_replication_vault':
          add({ kind: 'backup-copy', fromRegion: c.replication_source_region_id, toRegion: here!, toAddress: s.address, label: 'HBR replication' });
          break;
        case 'alicloud_hbr_policy':
          for (const rule of asList(c.rules)) {
            if (rule?.rule_type === 'REPLICATION' && rule.replication_region_id) {
              add({ kind: 'backup-copy', fromRegion: here!, fromAddress: s.address, toRegion: rule.replication_region_id, label: 'HBR replication' });
            }
          }
          break;
        case 'alicloud_rds_instance_cross_backup_policy':
          add({ kind: 'backup-copy', fromRegion: here!, toRegion: c.cross_backup_region, label: 'RDS cross-region backup' });
          break;
        case 'alicloud_oss_bucket_replication': {
          const source = remote(c.bucket);
          const target = remote(c.destination?.bucket);
          const to = target ? regionOfStack.get(target.stack) : String(c.destination?.location ?? '').replace(/^oss-/, '');
          add({ kind: 'object-replication', fromRegion: (source ? regionOfStack.get(source.stack) : here)!, fromAddress: source?.address, toRegion: to!, toAddress: target?.address, label: 'OSS replication' });
          break;
        }
      }
    }
  }
  return links;
}

/**
 * The stack and cluster an Aurora secondary replicates from: the cluster of the global database that
 * `global_cluster_identifier` names (another stack's output, or the literal identifier of an
 * `aws_rds_global_cluster`), in the stack that holds the global cluster; undefined for the primary.
 */
function globalDatabaseSource(value: unknown, stack: StackDocument, stacks: readonly StackDocument[]): RemoteRef | undefined {
  if (value === undefined || value === null || localRefs(value).length > 0) return undefined; // the primary's own global cluster
  const remote = remoteRefs(value, stacks)[0];
  const holder = remote ? stacks.find((s) => s.name === remote.stack)
    : stacks.find((s) => s !== stack && resourcesOf(s).some((r) => r.type === 'aws_rds_global_cluster' && r.config.global_cluster_identifier === value));
  if (!holder) return undefined;
  const writer = resourcesOf(holder).find((r) => r.type === 'aws_rds_cluster' && localRefs(r.config.global_cluster_identifier).length > 0);
  return { stack: holder.name, address: writer?.address };
}

// ---------------------------------------------------------------------------------------------
// DNS

function readDns(stacks: readonly StackDocument[], regionOfStack: Map<string, string | undefined>): TopologyDns | undefined {
  for (const stack of stacks) {
    const found = readRoute53(stack, stacks, regionOfStack) ?? readGtm(stack, stacks, regionOfStack);
    if (found) return found;
  }
  return undefined;
}

/** The region of the load balancer a value points at (another stack's output, or this stack's own). */
function targetRegion(value: unknown, stack: StackDocument, stacks: readonly StackDocument[], regionOfStack: Map<string, string | undefined>): string | undefined {
  const source = remoteRefs(value, stacks)[0];
  if (source) return regionOfStack.get(source.stack);
  return localRefs(value).length > 0 ? regionOfStack.get(stack.name) : undefined;
}

function readRoute53(stack: StackDocument, stacks: readonly StackDocument[], regionOfStack: Map<string, string | undefined>): TopologyDns | undefined {
  const subjects = resourcesOf(stack);
  const routed = subjects.filter((s) => s.type === 'aws_route53_record'
    && (s.config.failover_routing_policy || s.config.latency_routing_policy || s.config.weighted_routing_policy || /aws_lb\./.test(JSON.stringify(s.config.alias ?? '')) || /cross-stack-output-aws_lb/.test(JSON.stringify(s.config.alias ?? ''))));
  if (routed.length === 0) return undefined;
  const checks = new Map(subjects.filter((s) => s.type === 'aws_route53_health_check').map((s) => [s.address, s.config]));
  const targets: DnsTarget[] = [];
  let interval: number | undefined;
  let threshold: number | undefined;
  for (const record of routed) {
    const region = targetRegion(record.config.alias?.name ?? record.config.records, stack, stacks, regionOfStack);
    if (!region) continue;
    const check = localRefs(record.config.health_check_id).map((a) => checks.get(a)).find((c) => c);
    if (check) {
      interval = Number(check.request_interval ?? 30);
      threshold = Number(check.failure_threshold ?? 3);
    }
    const policy = record.config;
    const role = policy.failover_routing_policy ? String(asList(policy.failover_routing_policy)[0]?.type ?? 'failover')
      : policy.latency_routing_policy ? 'latency' : policy.weighted_routing_policy ? 'weighted' : 'simple';
    targets.push({ region, role, healthChecked: Boolean(check) || policy.alias?.evaluate_target_health === true, address: record.address });
  }
  if (targets.length === 0) return undefined;
  const first = routed[0].config;
  return {
    name: String(first.name),
    stack: stack.name,
    routing: first.failover_routing_policy ? 'failover' : first.latency_routing_policy ? 'latency' : first.weighted_routing_policy ? 'weighted' : 'simple',
    targets,
    checkIntervalSeconds: interval,
    failureThreshold: threshold,
    ttlSeconds: first.ttl !== undefined ? Number(first.ttl) : undefined,
  };
}

function readGtm(stack: StackDocument, stacks: readonly StackDocument[], regionOfStack: Map<string, string | undefined>): TopologyDns | undefined {
  const subjects = resourcesOf(stack);
  const instance = subjects.find((s) => s.type === 'alicloud_alidns_gtm_instance');
  if (!instance) return undefined;
  const pools = subjects.filter((s) => s.type === 'alicloud_alidns_address_pool');
  const monitors = subjects.filter((s) => s.type === 'alicloud_alidns_monitor_config');
  const strategy = subjects.find((s) => s.type === 'alicloud_alidns_access_strategy');
  const defaults = localRefs(strategy?.config.default_addr_pools);
  const failovers = localRefs(strategy?.config.failover_addr_pools);
  const targets: DnsTarget[] = [];
  let interval: number | undefined;
  let threshold: number | undefined;
  for (const pool of pools) {
    const region = targetRegion(pool.config.address, stack, stacks, regionOfStack);
    if (!region) continue;
    const monitor = monitors.find((m) => localRefs(m.config.addr_pool_id).includes(pool.address));
    if (monitor) {
      interval = Number(monitor.config.interval ?? 60);
      threshold = Number(monitor.config.evaluation_count ?? 1);
    }
    const role = defaults.includes(pool.address) ? (failovers.length ? 'PRIMARY' : 'default') : failovers.includes(pool.address) ? 'SECONDARY' : 'unused';
    targets.push({ region, role, healthChecked: Boolean(monitor), address: pool.address });
  }
  return {
    name: String(instance.config.public_user_domain_name ?? instance.config.instance_name ?? 'GTM'),
    stack: stack.name,
    routing: failovers.length ? 'failover' : defaults.length > 1 ? 'weighted' : 'simple',
    targets,
    checkIntervalSeconds: interval,
    failureThreshold: threshold,
    ttlSeconds: instance.config.ttl !== undefined ? Number(instance.config.ttl) : undefined,
  };
}

// What a deployment looks like, read from its synthesized stacks: regions and their roles, zones, the
// resources of each tier and where they sit, the cross-region links and the DNS in front. The report,
// the scenarios and the diagram are all drawn from this.

/** The rows of the architecture: the tiers of the design. */
export type TierKind = 'load-balancer' | 'app' | 'database' | 'backup' | 'network';

/** One resource placed in the picture. */
export interface TopologyResource {
  /** Terraform address, e.g. `aws_lb.LoadBalancer_10456B95`. */
  readonly address: string;
  /** Terraform resource type. */
  readonly type: string;
  /** Its real name where the configuration gives one (`name`, `identifier`, `bucket`…), else the construct path. */
  readonly name: string;
  readonly tier: TierKind;
  /**
   * The zones it occupies, as indexes into its region's `zones`; empty when it is regional (spans every
   * zone, like an S3 bucket or a Multi-AZ load balancer listed by subnets of every zone).
   */
  readonly zones: number[];
  /** A short fact that matters for resilience ("Multi-AZ", "replica", "min 2 / max 6"). */
  readonly detail?: string;
  /** A read copy of another resource: losing it does not stop the service. */
  readonly replica?: boolean;
}

/** One region of the deployment. */
export interface TopologyRegion {
  /** Provider region, e.g. `us-east-1`. */
  readonly name: string;
  /** `primary` serves writes; `standby` takes over when the primary is lost. */
  readonly role: 'primary' | 'standby';
  /** The cdktf stack that holds it (the first, when the region's tiers are split over several). */
  readonly stack: string;
  /** Every stack that holds tiers of this region. */
  readonly stacks: string[];
  /** Zone labels, one per zone the stack's subnets / vSwitches use (e.g. `zone 1`, `cn-hangzhou-h`). */
  readonly zones: string[];
  readonly resources: TopologyResource[];
}

/** A dependency between regions: data copied, or traffic moved. */
export interface TopologyLink {
  readonly kind: 'database-replication' | 'backup-copy' | 'object-replication';
  readonly fromRegion: string;
  readonly fromAddress?: string;
  readonly toRegion: string;
  readonly toAddress?: string;
  /** What it is, e.g. "RDS cross-region read replica". */
  readonly label: string;
}

/** One answer of the public DNS name. */
export interface DnsTarget {
  readonly region: string;
  /** `PRIMARY`, `SECONDARY`, `latency`, `weighted` or `simple`. */
  readonly role: string;
  readonly healthChecked: boolean;
  /** The DNS record (or GTM address pool) address. */
  readonly address: string;
}

/** The public DNS name in front of the regions. */
export interface TopologyDns {
  /** The record name, e.g. `shop.example.com`. */
  readonly name: string;
  readonly stack: string;
  readonly routing: 'failover' | 'latency' | 'weighted' | 'simple';
  readonly targets: DnsTarget[];
  /** Health-check request interval and failure threshold where the configuration gives them. */
  readonly checkIntervalSeconds?: number;
  readonly failureThreshold?: number;
  /** The TTL of the answer, where the configuration gives one (alias records have none). */
  readonly ttlSeconds?: number;
}

/** A whole deployment as its synthesized stacks describe it. */
export interface Topology {
  readonly cloud: 'aws' | 'alicloud';
  /** Primary first, then standbys in deploy order. */
  readonly regions: TopologyRegion[];
  readonly links: TopologyLink[];
  readonly dns?: TopologyDns;
  /** Stacks that hold no region's tiers (the global stack, state bootstrap stacks). */
  readonly otherStacks: string[];
}

// The resilience report as JSON (`cdktf-ha report --json`, `report.json`): the shape API.md promises,
// with more fields. docs/report.md documents every field; `version` changes when a field changes meaning.

/** One part of a recovery time or a recovery point. */
export interface ReportTerm {
  readonly what: string;
  readonly seconds: number;
}

/** One region of the deployment. */
export interface ReportRegion {
  readonly name: string;
  readonly role: 'primary' | 'standby';
  /** Number of zones its subnets / vSwitches use. */
  readonly zones: number;
  /** The cdktf stack that holds it. */
  readonly stack: string;
}

/** What a failure does to the service. */
export interface ReportScenario {
  readonly id: 'zone-loss' | 'region-loss' | 'data-corruption';
  /** The region lost, or where the zone or the data is lost. */
  readonly region?: string;
  /** Service (reads and writes) continues without a human. */
  readonly survives: boolean;
  /** null when it cannot recover at all. */
  readonly rtoSeconds: number | null;
  /** null when the data cannot be recovered at all. */
  readonly rpoSeconds: number | null;
  /** The steps the recovery time adds up from (their seconds sum to `rtoSeconds`). */
  readonly terms: ReportTerm[];
  /** The copies the recovery point comes from; `rpoSeconds` is the largest (the smallest for data corruption). */
  readonly rpoTerms: ReportTerm[];
  /** What else matters: what runs in parallel, who acts, assumptions. */
  readonly notes: string[];
}

/** A resource whose loss alone stops the service or loses data. */
export interface ReportSinglePointOfFailure {
  /** Terraform address, e.g. `aws_nat_gateway.x`. */
  readonly resource: string;
  readonly stack: string;
  readonly reason: string;
}

/** One rule's result on one resource. */
export interface ReportPolicyResult {
  readonly id: string;
  readonly level: 'error' | 'warn';
  readonly resource: string;
  readonly stack: string;
  readonly passed: boolean;
  /** Why it fails (absent when it passes). */
  readonly reason?: string;
  /** Present when the failure is accepted on purpose. */
  readonly suppressed?: { readonly reason: string };
}

/** The resilience report of a synthesized deployment. */
export interface ResilienceReport {
  readonly version: 1;
  readonly cloud: 'aws' | 'alicloud';
  /**
   * The DR strategy the stacks implement, as read from them (`backup-restore`, `pilot-light`,
   * `warm-standby`, `active-active`), `single-region`, or `none` when no stack holds a tier (only
   * state buckets, say).
   */
  readonly strategy: string;
  /** Primary first. */
  readonly regions: ReportRegion[];
  /** Every failure domain: each region and each zone of each region (`us-east-1/zone 1`). */
  readonly failureDomains: string[];
  readonly scenarios: ReportScenario[];
  readonly singlePointsOfFailure: ReportSinglePointOfFailure[];
  readonly policies: ReportPolicyResult[];
  /** Counts over `policies`: `failing` are failures not suppressed; `blocking` those at error level. */
  readonly policySummary: { readonly passed: number; readonly failing: number; readonly suppressed: number; readonly blocking: number };
  /** Every stack read, with its region (none for a global stack) and resource count. */
  readonly stacks: { readonly name: string; readonly region?: string; readonly resources: number }[];
  /** Runbooks found beside the stacks (`<id>.runbook.md`), relative to the output folder. */
  readonly runbooks: string[];
}

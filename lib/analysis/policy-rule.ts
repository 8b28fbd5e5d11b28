// The shape of a resilience or security rule. Rules read a resource's synthesized Terraform
// configuration (what `cdktf synth` writes), never a construct's private state, so they also judge
// resources a user wrote by hand.

/** How serious a finding is. */
export enum PolicyLevel {
  /** Fails synth when `failOn` is `error` or `warn`. */
  ERROR = 'error',
  /** Fails synth only when `failOn` is `warn`. */
  WARN = 'warn',
}

/** One resource as a rule sees it. */
export interface PolicySubject {
  /** Terraform resource type, e.g. `aws_db_instance`. */
  readonly type: string;
  /** Terraform address, e.g. `aws_db_instance.Database_Instance_02E622FB`. */
  readonly address: string;
  /** Its synthesized configuration (snake_case keys, references as `${...}` strings). */
  readonly config: { readonly [key: string]: any };
}

/**
 * A rule: an id (`HA-…` availability, `SEC-…` security), a level, what it checks and why, how to fix or
 * suppress it, the resource types it reads, and the check itself: `undefined` when the resource passes,
 * otherwise the reason it fails.
 */
export interface PolicyRule {
  readonly id: string;
  readonly level: PolicyLevel;
  readonly description: string;
  readonly why: string;
  readonly fix: string;
  readonly resourceTypes: readonly string[];
  readonly check: (subject: PolicySubject) => string | undefined;
}

/** Whether a configuration value is on (`true`, `"true"`, `"Enabled"`, `"Enable"`, `"on"`). */
export function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|enabled?|on)$/i.test(value));
}

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
  readonly check: (subject: PolicySubject, context: PolicyContext) => string | undefined;
}

/**
 * What a rule may read besides its subject: the other resources and data sources of the same stack (as
 * synthesized) and how many regions the whole deployment spans.
 */
export interface PolicyContext {
  /** Every resource of `type` in the subject's stack (the subject included). */
  resourcesOfType(type: string): PolicySubject[];
  /** The synthesized configuration of a data source of the stack, by address (`data.<type>.<name>`). */
  dataSource(address: string): { readonly [key: string]: any } | undefined;
  /** The distinct provider regions over every stack of the deployment. */
  readonly regionCount: number;
}

/** Whether a configuration value holds a Terraform reference to the resource at `address` (`${address.attr}`). */
export function refersTo(value: unknown, address: string): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.includes(`${address}.`) || text.includes(`${address}}`);
}

/** The resources of `type` in the stack whose configuration refers to `subject`. */
export function referrers(context: PolicyContext, type: string, subject: PolicySubject): PolicySubject[] {
  return context.resourcesOfType(type).filter((other) => refersTo(other.config, subject.address));
}

/** A list-valued configuration attribute as an array (Terraform JSON allows one block or a list). */
export function asList(value: unknown): any[] {
  return value === undefined || value === null ? [] : ([] as any[]).concat(value);
}

/** Whether a configuration value is on (`true`, `"true"`, `"Enabled"`, `"Enable"`, `"on"`). */
export function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|enabled?|on)$/i.test(value));
}

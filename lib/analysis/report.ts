// The resilience report of a synthesized deployment: topology, failure scenarios with recovery time and
// point, single points of failure and the policy results, all read from the stacks' Terraform JSON.
import { estimateRecovery, ScenarioEstimate } from '../core/dr-model';
import { evaluateStack, POLICY_METADATA_KEY, RuleResult, SuppressionInput } from './evaluate-policies';
import { readTopology } from './read-topology';
import { recoveryInputsOf } from './recovery-inputs';
import { ReportPolicyResult, ReportScenario, ReportSinglePointOfFailure, ResilienceReport } from './report-types';
import { regionCountOf, resourcesOf, stackRegion, StackDocument } from './stack-document';
import { SynthOutput } from './synth-output';
import { Topology } from './topology';

/** The report and the topology it was drawn from (for the diagram). */
export interface Analysis {
  readonly report: ResilienceReport;
  readonly topology: Topology;
}

/** Analyzes a synthesized output folder as {@link readSynthOutput} read it. */
export function analyze(output: SynthOutput): Analysis {
  const { stacks } = output;
  const topology = readTopology(stacks);
  const regionCount = regionCountOf(stacks);
  const results = stacks.flatMap((stack) => evaluateStack(stack, regionCount, suppressionsOf(stack)));
  const policies = results.map(toReportResult);
  // Stacks without any tier (a state bootstrap) have no service to lose: no scenarios.
  const derived = topology.regions.length > 0 ? recoveryInputsOf(topology, stacks) : undefined;
  const estimates = derived ? estimateRecovery(derived.inputs) : [];
  const scenarios = [...estimates.map(toReportScenario), ...standbyLosses(topology, estimates)];
  const report: ResilienceReport = {
    version: 1,
    cloud: topology.cloud,
    strategy: derived?.strategy ?? 'none',
    regions: topology.regions.map((r) => ({ name: r.name, role: r.role, zones: r.zones.length, stack: r.stack })),
    failureDomains: topology.regions.flatMap((r) => [r.name, ...r.zones.map((z) => `${r.name}/${z}`)]),
    scenarios,
    singlePointsOfFailure: singlePointsOfFailure(topology, results),
    policies,
    policySummary: {
      passed: policies.filter((p) => p.passed).length,
      failing: policies.filter((p) => !p.passed && !p.suppressed).length,
      suppressed: policies.filter((p) => p.suppressed).length,
      blocking: policies.filter((p) => !p.passed && !p.suppressed && p.level === 'error').length,
    },
    stacks: stacks.map((s) => ({ name: s.name, region: topology.otherStacks.includes(s.name) ? undefined : stackRegion(s), resources: resourcesOf(s).length })),
    runbooks: output.runbooks,
  };
  return { report, topology };
}

/** The suppressions ResiliencePolicies wrote into the stack (`//` → `cdktf-ha`). */
function suppressionsOf(stack: StackDocument): SuppressionInput[] {
  const list = stack.json['//']?.[POLICY_METADATA_KEY]?.suppressions;
  return Array.isArray(list) ? list.filter((s) => typeof s?.id === 'string' && typeof s?.reason === 'string') : [];
}

function toReportResult(result: RuleResult): ReportPolicyResult {
  return {
    id: result.id,
    level: result.level === 'warn' ? 'warn' : 'error',
    resource: result.resource,
    stack: result.stack,
    passed: result.passed,
    ...(result.passed ? {} : { reason: result.reason }),
    ...(result.suppressedBecause !== undefined ? { suppressed: { reason: result.suppressedBecause } } : {}),
  };
}

function toReportScenario(estimate: ScenarioEstimate): ReportScenario {
  return {
    id: estimate.id,
    region: estimate.region,
    survives: estimate.survives,
    rtoSeconds: estimate.rtoSeconds,
    rpoSeconds: estimate.rpoSeconds,
    terms: estimate.terms.map(({ what, seconds }) => ({ what, seconds })),
    rpoTerms: (estimate.rpoTerms ?? []).map(({ what, seconds }) => ({ what, seconds })),
    notes: [...(estimate.notes ?? [])],
  };
}

/**
 * Losing a standby region: the primary keeps serving. Where DNS answers with every region (latency,
 * weighted), the users sent to the lost one move after the same health checks and DNS expiry as on the
 * primary's loss.
 */
function standbyLosses(topology: Topology, primaryEstimates: ScenarioEstimate[]): ReportScenario[] {
  const primaryLoss = primaryEstimates.find((e) => e.id === 'region-loss');
  const sharesTraffic = topology.dns !== undefined && topology.dns.routing !== 'failover' && topology.dns.targets.length > 1;
  return topology.regions.filter((r) => r.role === 'standby').map((region) => {
    const terms = sharesTraffic ? (primaryLoss?.terms ?? []).slice(0, 2).map(({ what, seconds }) => ({ what, seconds })) : [];
    return {
      id: 'region-loss',
      region: region.name,
      survives: true,
      rtoSeconds: terms.reduce((sum, t) => sum + t.seconds, 0),
      rpoSeconds: 0,
      terms,
      rpoTerms: [],
      notes: [
        `${topology.regions[0]?.name ?? 'the primary'} keeps serving and keeps the data`,
        ...(sharesTraffic ? [`users DNS sent to ${region.name} move to the other regions once its health checks fail`] : []),
        `until ${region.name} is rebuilt, the loss of the primary region is not survivable by failover to it`,
      ],
    };
  });
}

/** Rules whose failure means one resource (or one zone) takes the service down. */
const SINGLE_POINT_RULES = new Set(['HA-DB-MULTI-AZ', 'HA-NAT-PER-ZONE']);

/**
 * Resources whose loss alone stops the service: tier resources of the serving region confined to one
 * zone of several, a database without a standby in another zone, a NAT gateway serving several zones,
 * and DNS answers without a health check.
 */
function singlePointsOfFailure(topology: Topology, results: RuleResult[]): ReportSinglePointOfFailure[] {
  const found: ReportSinglePointOfFailure[] = [];
  const add = (spof: ReportSinglePointOfFailure) => {
    if (!found.some((f) => f.resource === spof.resource && f.stack === spof.stack)) found.push(spof);
  };
  const primary = topology.regions[0];
  for (const result of results) {
    if (!result.passed && SINGLE_POINT_RULES.has(result.id)) add({ resource: result.resource, stack: result.stack, reason: result.reason });
  }
  if (primary && primary.zones.length > 1) {
    for (const resource of primary.resources) {
      if (!['load-balancer', 'app', 'database'].includes(resource.tier) || resource.zones.length !== 1) continue;
      // Aurora instances are judged as a cluster (HA-DB-MULTI-AZ); a read replica's loss leaves the writer serving.
      if (resource.type === 'aws_rds_cluster_instance' || resource.replica) continue;
      add({
        resource: resource.address,
        stack: primary.stack,
        reason: `runs in ${primary.zones[resource.zones[0]]} only of ${primary.zones.length} zones: losing that zone stops the ${resource.tier} tier`,
      });
    }
  }
  for (const target of topology.dns?.targets ?? []) {
    if (target.healthChecked || target.role === 'simple') continue;
    add({ resource: target.address, stack: topology.dns!.stack, reason: `DNS keeps answering with ${target.region} when it fails: no health check` });
  }
  return found;
}

// The report read back from synthesized stacks must give what the DR model gives for the spec that built
// them: the same strategy, regions and scenarios (survives, RTO, RPO, terms).
import { HighAvailabilityStackProps } from '../../lib';
import { analyze } from '../../lib/analysis/report';
import { readSynthOutput } from '../../lib/analysis/synth-output';
import { resolveSpec } from '../../lib/core/defaults';
import { estimateRecovery } from '../../lib/core/dr-model';

export function expectReportToAgreeWithModel(outdir: string, props: HighAvailabilityStackProps): void {
  const { report } = analyze(readSynthOutput(outdir));
  const spec = resolveSpec('shop', props);
  const serving = spec.promotedRegion ?? spec.regions[0].name;
  // After a promotion the strategy is read from the standbys left, if any.
  if (!spec.promotedRegion) expect(report.strategy).toBe(spec.regions.length > 1 ? spec.drStrategy : 'single-region');
  expect(report.regions[0]).toMatchObject({ name: serving, role: 'primary', stack: `shop-${serving}` });
  for (const expected of estimateRecovery(spec)) {
    const actual = report.scenarios.find((s) => s.id === expected.id && s.region === expected.region);
    expect([expected.id, actual?.survives, actual?.rtoSeconds, actual?.rpoSeconds, actual?.terms]).toEqual(
      [expected.id, expected.survives, expected.rtoSeconds, expected.rpoSeconds, expected.terms]);
  }
  expect(report.policySummary.blocking).toBe(0);
  expect(report.singlePointsOfFailure).toEqual([]);
}

import { formatDuration, renderReportMarkdown } from '../../lib/analysis/report-markdown';
import { ReportPolicyResult, ResilienceReport } from '../../lib/analysis/report-types';

const policy = (p: Partial<ReportPolicyResult> & { id: string; resource: string }): ReportPolicyResult => ({
  level: 'error', stack: 'shop-us-east-1', passed: true, ...p,
});

const report: ResilienceReport = {
  version: 1,
  cloud: 'aws',
  strategy: 'warm-standby',
  regions: [
    { name: 'us-east-1', role: 'primary', zones: 3, stack: 'shop-us-east-1' },
    { name: 'us-west-2', role: 'standby', zones: 2, stack: 'shop-us-west-2' },
  ],
  failureDomains: ['us-east-1', 'us-east-1/zone 1', 'us-west-2'],
  scenarios: [
    {
      id: 'zone-loss', region: 'us-east-1', survives: true, rtoSeconds: 120, rpoSeconds: 0,
      terms: [{ what: 'RDS Multi-AZ failover', seconds: 120 }],
      rpoTerms: [{ what: 'synchronous standby', seconds: 0 }],
      notes: ['The load balancer stops routing to the lost zone within 20 s.'],
    },
    {
      id: 'region-loss', region: 'us-east-1', survives: false, rtoSeconds: 680, rpoSeconds: 300,
      terms: [
        { what: 'Route 53 health checks fail (3 × 30 s)', seconds: 90 },
        { what: 'promote the read replica', seconds: 500 },
        { what: 'DNS TTL', seconds: 90 },
      ],
      rpoTerms: [{ what: 'replica lag', seconds: 5 }, { what: 'backup copy', seconds: 300 }],
      notes: [],
    },
    {
      id: 'data-corruption', region: 'us-west-2', survives: false, rtoSeconds: null, rpoSeconds: null,
      terms: [{ what: 'restore a snapshot', seconds: 1800 }],
      rpoTerms: [],
      notes: ['No backup in this region.'],
    },
  ],
  singlePointsOfFailure: [{ resource: 'aws_nat_gateway.nat', stack: 'shop-us-east-1', reason: 'one NAT gateway | for all zones' }],
  policies: [
    policy({ id: 'HA-DB-MULTI-AZ', resource: 'aws_db_instance.db' }),
    policy({ id: 'HA-DB-MULTI-AZ', resource: 'aws_db_instance.other', passed: false, reason: 'multi_az is false' }),
    policy({ id: 'SEC-IMDSV2', resource: 'aws_launch_template.app', level: 'warn', passed: false, reason: 'http_tokens optional' }),
    policy({ id: 'HA-ASG-ZONES', resource: 'aws_autoscaling_group.app', passed: false, reason: 'one zone', suppressed: { reason: 'batch job, may wait' } }),
    policy({ id: 'HA-ASG-ZONES', resource: 'aws_autoscaling_group.web' }),
  ],
  policySummary: { passed: 2, failing: 2, suppressed: 1, blocking: 1 },
  stacks: [
    { name: 'shop-us-east-1', region: 'us-east-1', resources: 60 },
    { name: 'shop-us-west-2', region: 'us-west-2', resources: 40 },
    { name: 'shop-global', resources: 5 },
  ],
  runbooks: ['shop.runbook.md'],
};

/** The lines of the Markdown section that starts with `heading`, up to the next heading of any level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('#'));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line !== '');
}

const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

describe('formatDuration', () => {
  test.each([
    [680, '680 s (11 min 20 s)'],
    [45, '45 s'],
    [0, '0 s'],
    [3600, '3600 s (1 h)'],
    [90061, '90061 s (1 d 1 h 1 min 1 s)'],
    [null, 'cannot recover'],
  ])('%p → %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(report);

  test('titles the report with cloud and strategy', () => {
    expect(markdown.split('\n')[0]).toBe('# Resilience report: AWS, warm standby');
    expect(markdown).toContain('**1 error-level policy failure** blocks the deployment.');
  });

  test('lists the regions in a table, then the stacks holding no region', () => {
    const rows = section(markdown, '## Regions');
    expect(cells(rows[0])).toEqual(['Region', 'Role', 'Zones', 'Stack']);
    expect(cells(rows[2])).toEqual(['us-east-1', 'primary', '3', '`shop-us-east-1`']);
    expect(cells(rows[3])).toEqual(['us-west-2', 'standby', '2', '`shop-us-west-2`']);
    expect(rows).toContain('- `shop-global` (global), 5 resources');
  });

  test('lists the failure domains', () => {
    expect(section(markdown, '## Failure domains')).toEqual(['- us-east-1', '- us-east-1/zone 1', '- us-west-2']);
  });

  test('one section per scenario, named with its region, RTO and RPO in seconds and human form', () => {
    const regionLoss = section(markdown, '### Loss of region us-east-1');
    expect(regionLoss).toContain('- Survives without a human: **no**');
    expect(regionLoss).toContain('- RTO (recovery time): **680 s (11 min 20 s)**');
    expect(regionLoss).toContain('- RPO (data loss): **300 s (5 min)**');
    expect(section(markdown, '### Loss of one zone in us-east-1')).toContain('- Survives without a human: **yes**');
    expect(section(markdown, '### Data corruption in us-west-2')).toContain('- No backup in this region.');
  });

  test('the RTO terms table ends with a total row equal to rtoSeconds', () => {
    const rows = section(markdown, '### Loss of region us-east-1').filter((line) => line.startsWith('|'));
    const steps = rows.slice(2, 5).map((row) => Number(cells(row)[1]));
    expect(steps).toEqual([90, 500, 90]);
    expect(cells(rows[5])).toEqual(['**Total (RTO)**', '**680**']);
    expect(steps.reduce((a, b) => a + b)).toBe(680);
    // the RPO terms follow in their own table
    expect(rows.slice(6).map(cells)).toEqual([['Copy', 'Seconds'], ['---', '---:'], ['replica lag', '5'], ['backup copy', '300']]);
  });

  test('null RTO and RPO read "cannot recover"', () => {
    const rows = section(markdown, '### Data corruption in us-west-2');
    expect(rows).toContain('- RTO (recovery time): **cannot recover**');
    expect(rows).toContain('- RPO (data loss): **data cannot be recovered**');
    expect(cells(rows.filter((line) => line.startsWith('|')).pop()!)).toEqual(['**Total (RTO)**', 'cannot recover']);
  });

  test('escapes | in table cells', () => {
    const rows = section(markdown, '## Single points of failure');
    expect(rows[2]).toBe('| `aws_nat_gateway.nat` | `shop-us-east-1` | one NAT gateway \\| for all zones |');
    expect(cells(rows[2])).toHaveLength(3);
    expect(section(renderReportMarkdown({ ...report, singlePointsOfFailure: [] }), '## Single points of failure')).toEqual(['None found.']);
  });

  test('failing findings first, errors before warnings, then suppressed ones with their reason, then counts per rule', () => {
    const policyLines = markdown.split('\n').slice(markdown.split('\n').indexOf('## Policy results'));
    const headings = policyLines.filter((line) => line.startsWith('#'));
    expect(headings).toEqual(['## Policy results', '### Errors (block the deployment)', '### Warnings', '### Suppressed (accepted on purpose)', '### By rule', '## Runbooks']);
    expect(section(markdown, '## Policy results')).toEqual(['2 passed, 2 failing (1 at error level, blocking), 1 suppressed.']);
    expect(cells(section(markdown, '### Errors (block the deployment)')[2])).toEqual(['HA-DB-MULTI-AZ', '`aws_db_instance.other`', '`shop-us-east-1`', 'multi_az is false']);
    expect(section(markdown, '### Warnings')).toHaveLength(3);
    expect(cells(section(markdown, '### Suppressed (accepted on purpose)')[2]))
      .toEqual(['HA-ASG-ZONES', 'error', '`aws_autoscaling_group.app`', '`shop-us-east-1`', 'one zone', 'batch job, may wait']);
    // passing findings appear only as counts
    expect(markdown).not.toContain('aws_db_instance.db`');
    expect(section(markdown, '### By rule').slice(2).map(cells)).toEqual([
      ['HA-ASG-ZONES', 'error', '1', '0', '1'],
      ['HA-DB-MULTI-AZ', 'error', '1', '1', '0'],
      ['SEC-IMDSV2', 'warn', '0', '1', '0'],
    ]);
  });

  test('links the runbooks, relative to runbookDir when given', () => {
    expect(section(markdown, '## Runbooks')).toEqual(['- [shop.runbook.md](shop.runbook.md)']);
    expect(renderReportMarkdown(report, { runbookDir: '../cdktf.out' })).toContain('- [shop.runbook.md](../cdktf.out/shop.runbook.md)');
  });

  test('embeds the diagram only when given', () => {
    expect(markdown).not.toContain('![');
    expect(section(renderReportMarkdown(report, { diagram: 'architecture.svg' }), '## Architecture'))
      .toEqual(['![Architecture of the deployment](architecture.svg)']);
  });

  test('is deterministic and independent of the order of the findings', () => {
    const reordered = renderReportMarkdown({ ...report, policies: [...report.policies].reverse() });
    expect(reordered).toBe(markdown);
    expect(renderReportMarkdown(report)).toBe(markdown);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });

  test('a clean single-region report', () => {
    const clean = renderReportMarkdown({
      ...report, strategy: 'single-region', cloud: 'alicloud', regions: [report.regions[0]], stacks: [report.stacks[0]],
      policies: [report.policies[0]], policySummary: { passed: 1, failing: 0, suppressed: 0, blocking: 0 }, runbooks: [],
    });
    expect(clean.split('\n')[0]).toBe('# Resilience report: Alibaba Cloud, single region');
    expect(clean).toContain('Every policy passes.');
    expect(clean).not.toContain('### Errors');
    expect(clean).not.toContain('## Runbooks');
    expect(clean).not.toContain('Other stacks');
  });
});

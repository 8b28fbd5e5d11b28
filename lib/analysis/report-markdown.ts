// The resilience report as Markdown (`cdktf-ha report`, `report.md`): what a platform or SRE engineer
// reads in a pull request or a review. Every figure comes from the JSON report, so the two never disagree;
// the output depends on nothing but the report (no dates, no absolute paths) so it can be diffed.
import {
  ReportPolicyResult, ReportScenario, ReportTerm, ResilienceReport,
} from './report-types';

/** Options of {@link renderReportMarkdown}. */
export interface ReportMarkdownOptions {
  /** Relative path of the architecture diagram (`architecture.svg`) to embed; none when absent. */
  readonly diagram?: string;
  /**
   * Path from where the Markdown is read to the synthesized output folder, prefixed to the runbook links
   * (`report.runbooks` are relative to that folder).
   * @default the runbook paths as they are
   */
  readonly runbookDir?: string;
}

const CLOUD_NAMES: { readonly [cloud: string]: string } = { aws: 'AWS', alicloud: 'Alibaba Cloud' };

const STRATEGY_NAMES: { readonly [strategy: string]: string } = {
  'single-region': 'single region',
  'backup-restore': 'backup and restore',
  'pilot-light': 'pilot light',
  'warm-standby': 'warm standby',
  'active-active': 'active-active',
};

/** Renders the report as Markdown. */
export function renderReportMarkdown(report: ResilienceReport, options: ReportMarkdownOptions = {}): string {
  const cloud = CLOUD_NAMES[report.cloud] ?? report.cloud;
  const strategy = STRATEGY_NAMES[report.strategy] ?? report.strategy;
  const lines: string[] = [
    `# Resilience report: ${cloud}, ${strategy}`,
    '',
    `${cloud} deployment, DR strategy **${strategy}** (\`${report.strategy}\`), ${count(report.regions.length, 'region')}, `
      + `${count(report.stacks.length, 'stack')}. ${policyHeadline(report)}`,
    '',
    ...regionsSection(report),
    ...(options.diagram ? ['## Architecture', '', `![Architecture of the deployment](${options.diagram})`, ''] : []),
    ...failureDomainsSection(report),
    ...scenariosSection(report),
    ...singlePointsSection(report),
    ...policiesSection(report),
    ...runbooksSection(report, options.runbookDir),
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}

/**
 * A duration in seconds and in human form: `680 s (11 min 20 s)`, `45 s`, `cannot recover` for null.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'cannot recover';
  const human = humanDuration(seconds);
  const plain = `${formatSeconds(seconds)} s`;
  return human === plain ? plain : `${plain} (${human})`;
}

function humanDuration(seconds: number): string {
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['min', 60]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : String(Math.round(seconds * 10) / 10);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function policyHeadline(report: ResilienceReport): string {
  const { blocking, failing } = report.policySummary;
  if (blocking > 0) return `**${count(blocking, 'error-level policy failure')}** ${blocking === 1 ? 'blocks' : 'block'} the deployment.`;
  if (failing > 0) return `No blocking policy failure; ${count(failing, 'warning')} to review.`;
  return 'Every policy passes.';
}

/** A table cell: `|` escaped, line breaks folded, so a value cannot break the table. */
export function cell(value: string | number): string {
  return String(value).replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Inline code that survives backticks in the value. */
function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function table(header: string[], align: ('left' | 'right')[], rows: (string | number)[][]): string[] {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${align.map((a) => (a === 'right' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

function regionsSection(report: ResilienceReport): string[] {
  const lines = ['## Regions', ''];
  if (report.regions.length === 0) return [...lines, 'No region found in the stacks.', ''];
  lines.push(...table(
    ['Region', 'Role', 'Zones', 'Stack'],
    ['left', 'left', 'right', 'left'],
    report.regions.map((r) => [r.name, r.role, r.zones, code(r.stack)]),
  ));
  const regional = new Set(report.regions.map((r) => r.stack));
  const others = report.stacks.filter((s) => !regional.has(s.name));
  if (others.length > 0) {
    lines.push('Other stacks:', '', ...others.map((s) => `- ${code(s.name)}${s.region ? ` (${s.region})` : ' (global)'}, ${count(s.resources, 'resource')}`), '');
  }
  return lines;
}

function failureDomainsSection(report: ResilienceReport): string[] {
  const lines = ['## Failure domains', ''];
  if (report.failureDomains.length === 0) return [...lines, 'None found.', ''];
  return [...lines, ...report.failureDomains.map((domain) => `- ${domain}`), ''];
}

function scenarioTitle(scenario: ReportScenario): string {
  const where = scenario.region;
  switch (scenario.id) {
    case 'zone-loss': return where ? `Loss of one zone in ${where}` : 'Loss of one zone';
    case 'region-loss': return where ? `Loss of region ${where}` : 'Loss of a region';
    case 'data-corruption': return where ? `Data corruption in ${where}` : 'Data corruption';
    default: return String(scenario.id);
  }
}

function termRows(terms: ReportTerm[]): (string | number)[][] {
  return terms.map((term) => [term.what, formatSeconds(term.seconds)]);
}

function scenariosSection(report: ResilienceReport): string[] {
  const lines = ['## Failure scenarios', ''];
  if (report.scenarios.length === 0) return [...lines, 'No scenario could be evaluated.', ''];
  for (const scenario of report.scenarios) {
    lines.push(
      `### ${scenarioTitle(scenario)}`,
      '',
      `- Survives without a human: **${scenario.survives ? 'yes' : 'no'}**`,
      `- RTO (recovery time): **${formatDuration(scenario.rtoSeconds)}**`,
      `- RPO (data loss): **${scenario.rpoSeconds === null ? 'data cannot be recovered' : formatDuration(scenario.rpoSeconds)}**`,
      '',
    );
    if (scenario.terms.length > 0) {
      const total = scenario.rtoSeconds === null ? 'cannot recover' : `**${formatSeconds(scenario.rtoSeconds)}**`;
      lines.push('Recovery time adds up from:', '', ...table(
        ['Step', 'Seconds'],
        ['left', 'right'],
        [...termRows(scenario.terms), ['**Total (RTO)**', total]],
      ));
    }
    if (scenario.rpoTerms.length > 0) {
      const chosen = scenario.id === 'data-corruption' ? 'the smallest' : 'the largest';
      lines.push(`Recovery point comes from (the RPO is ${chosen}):`, '', ...table(['Copy', 'Seconds'], ['left', 'right'], termRows(scenario.rpoTerms)));
    }
    if (scenario.notes.length > 0) lines.push('Notes:', '', ...scenario.notes.map((note) => `- ${note}`), '');
  }
  return lines;
}

function singlePointsSection(report: ResilienceReport): string[] {
  const lines = ['## Single points of failure', ''];
  if (report.singlePointsOfFailure.length === 0) return [...lines, 'None found.', ''];
  return [...lines, ...table(
    ['Resource', 'Stack', 'Why'],
    ['left', 'left', 'left'],
    report.singlePointsOfFailure.map((spof) => [code(spof.resource), code(spof.stack), spof.reason]),
  )];
}

const LEVEL_ORDER = ['error', 'warn'];
const LEVEL_TITLES: { readonly [level: string]: string } = { error: 'Errors (block the deployment)', warn: 'Warnings' };

function byRuleThenPlace(a: ReportPolicyResult, b: ReportPolicyResult): number {
  return compare(a.id, b.id) || compare(a.stack, b.stack) || compare(a.resource, b.resource);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function policiesSection(report: ResilienceReport): string[] {
  const { passed, failing, suppressed, blocking } = report.policySummary;
  const lines = [
    '## Policy results',
    '',
    `${passed} passed, ${failing} failing (${blocking} at error level, blocking), ${suppressed} suppressed.`,
    '',
  ];
  const failures = report.policies.filter((p) => !p.passed && !p.suppressed);
  const levels = [...LEVEL_ORDER, ...[...new Set(failures.map((p) => p.level))].filter((l) => !LEVEL_ORDER.includes(l)).sort()];
  for (const level of levels) {
    const atLevel = failures.filter((p) => p.level === level).sort(byRuleThenPlace);
    if (atLevel.length === 0) continue;
    lines.push(`### ${LEVEL_TITLES[level] ?? level}`, '', ...table(
      ['Rule', 'Resource', 'Stack', 'Reason'],
      ['left', 'left', 'left', 'left'],
      atLevel.map((p) => [p.id, code(p.resource), code(p.stack), p.reason ?? '']),
    ));
  }
  const accepted = report.policies.filter((p) => !p.passed && p.suppressed).sort(byRuleThenPlace);
  if (accepted.length > 0) {
    lines.push('### Suppressed (accepted on purpose)', '', ...table(
      ['Rule', 'Level', 'Resource', 'Stack', 'Finding', 'Accepted because'],
      ['left', 'left', 'left', 'left', 'left', 'left'],
      accepted.map((p) => [p.id, p.level, code(p.resource), code(p.stack), p.reason ?? '', p.suppressed!.reason]),
    ));
  }
  if (report.policies.length > 0) {
    const rules = new Map<string, { level: string; passed: number; failed: number; suppressed: number }>();
    for (const p of report.policies) {
      const counts = rules.get(p.id) ?? { level: p.level, passed: 0, failed: 0, suppressed: 0 };
      if (p.passed) counts.passed++;
      else if (p.suppressed) counts.suppressed++;
      else counts.failed++;
      rules.set(p.id, counts);
    }
    lines.push('### By rule', '', ...table(
      ['Rule', 'Level', 'Passed', 'Failed', 'Suppressed'],
      ['left', 'left', 'right', 'right', 'right'],
      [...rules.keys()].sort(compare).map((id) => {
        const c = rules.get(id)!;
        return [id, c.level, c.passed, c.failed, c.suppressed];
      }),
    ));
  } else {
    lines.push('No resource to check.', '');
  }
  return lines;
}

function runbooksSection(report: ResilienceReport, runbookDir: string | undefined): string[] {
  if (report.runbooks.length === 0) return [];
  const prefix = runbookDir && runbookDir !== '.' ? `${runbookDir.replace(/\/+$/, '')}/` : '';
  return [
    '## Runbooks',
    '',
    ...report.runbooks.map((runbook) => `- [${runbook}](${encodeURI(prefix + runbook)})`),
    '',
  ];
}

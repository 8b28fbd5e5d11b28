// The rule table of docs/policies.md, from the rules themselves: `npx ts-node scripts/policy-table.ts`
// prints it; test/analysis/policy-docs.test.ts keeps the page in agreement.
import { ResiliencePolicies } from '../lib/analysis/resilience-policies';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown table of every rule. */
export function policyTable(): string {
  const rows = ResiliencePolicies.rules().map((r) =>
    `| \`${r.id}\` | ${r.level} | ${cell(r.description)} | ${cell(r.why)} | ${cell(r.fix)} | ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')} |`);
  return ['| id | level | checks | why | fix | resources |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

if (require.main === module) console.log(policyTable());

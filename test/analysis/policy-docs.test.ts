import * as fs from 'fs';
import * as path from 'path';
import { policyTable } from '../../scripts/policy-table';

test('docs/policies.md lists every rule as the rules describe themselves (npx ts-node scripts/policy-table.ts)', () => {
  const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'policies.md'), 'utf8');
  expect(page).toContain(policyTable());
});

// Regenerates docs/examples/<example>/ (report.md, report.json, architecture.svg and .png, runbook) for the
// warm-standby examples, with the CLI a user runs: `npx projen docs:report`.
// test/examples.test.ts checks that report.json and architecture.svg are what the examples give today.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../lib/cli';

const root = path.resolve(__dirname, '..');
for (const example of ['aws-warm-standby', 'alicloud-warm-standby']) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-report-'));
  process.env.CDKTF_OUTDIR = outdir;
  require(path.join(root, 'examples', example, 'main'));
  const target = path.join(root, 'docs', 'examples', example);
  fs.rmSync(target, { recursive: true, force: true });
  const status = runCli(['report', outdir, '--out', target, '--png'], { stdout: () => undefined, stderr: (t) => process.stderr.write(t), cwd: root });
  fs.rmSync(outdir, { recursive: true, force: true });
  if (status !== 0) process.exitCode = status;
}

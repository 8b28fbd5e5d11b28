// Regenerates docs/examples/aws-warm-standby/ (report.md, report.json, architecture.svg and .png, runbook)
// from the bundled example, with the CLI a user runs: `npx projen docs:report`.
// test/examples.test.ts checks that report.json is what the example gives today.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../lib/cli';

const root = path.resolve(__dirname, '..');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-report-'));
process.env.CDKTF_OUTDIR = outdir;
require(path.join(root, 'examples', 'aws-warm-standby', 'main'));
const target = path.join(root, 'docs', 'examples', 'aws-warm-standby');
fs.rmSync(target, { recursive: true, force: true });
const status = runCli(['report', outdir, '--out', target, '--png'], { stdout: () => undefined, stderr: (t) => process.stderr.write(t), cwd: root });
fs.rmSync(outdir, { recursive: true, force: true });
process.exitCode = status;

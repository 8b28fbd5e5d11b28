// Measures each example as a user's CI runs it: compiled JS, a fresh Node process per run.
// Prints, per example, the median wall time, the median peak RSS and the resource count of the
// synthesis, and the same for `cdktf-ha report --json` on its output, as a table and as JSON.
// Usage: npm run bench [-- --runs N]
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const buildDir = path.join(root, 'bench-out');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Every resource (not data source) of every stack of a cdktf output folder. */
function countResources(outdir: string): { stacks: number; resources: number } {
  const stacksDir = path.join(outdir, 'stacks');
  let resources = 0;
  const names = fs.readdirSync(stacksDir);
  for (const name of names) {
    const stack = JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'));
    for (const byName of Object.values<Record<string, unknown>>(stack.resource ?? {})) resources += Object.keys(byName).length;
  }
  return { stacks: names.length, resources };
}

// Compile the library and the examples once, as a user's build would (tsc, CommonJS).
fs.rmSync(buildDir, { recursive: true, force: true });
const exampleEntries = fs.readdirSync(path.join(root, 'examples'))
  .filter((name) => fs.existsSync(path.join(root, 'examples', name, 'main.ts')))
  .map((name) => `examples/${name}/main.ts`);
execFileSync('npx', ['tsc', 'lib/cli.ts', '--outDir', buildDir, '--rootDir', '.', '--module', 'commonjs', '--target', 'ES2022',
  '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--strict', ...exampleEntries], { cwd: root, stdio: 'inherit' });

const examples = fs.readdirSync(path.join(buildDir, 'examples')).filter((name) =>
  fs.existsSync(path.join(buildDir, 'examples', name, 'main.js')));
/** Runs a compiled script in a fresh process; wall seconds and peak RSS in MB (GNU time's %M, in KiB). */
function measure(args: string[], env: NodeJS.ProcessEnv, what: string): { seconds: number; rssMb: number } {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${what} failed (exit ${run.status}):\n${run.stderr}`);
  return { seconds, rssMb: Number(run.stderr.trim().split('\n').pop()) / 1024 };
}

const results = examples.map((name) => {
  const synth: { seconds: number; rssMb: number }[] = [];
  const report: { seconds: number; rssMb: number }[] = [];
  let counts = { stacks: 0, resources: 0 };
  for (let i = 0; i < runs; i++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
    synth.push(measure([path.join(buildDir, 'examples', name, 'main.js')], { CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' }, `example ${name}`));
    report.push(measure([path.join(buildDir, 'lib', 'cli.js'), 'report', outdir, '--json'], {}, `report on ${name}`));
    counts = countResources(outdir);
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const med = (values: number[], digits: number) => Number(median(values).toFixed(digits));
  return {
    example: name,
    runs,
    medianWallSeconds: med(synth.map((m) => m.seconds), 3),
    medianPeakRssMb: med(synth.map((m) => m.rssMb), 1),
    reportMedianWallSeconds: med(report.map((m) => m.seconds), 3),
    reportMedianPeakRssMb: med(report.map((m) => m.rssMb), 1),
    stacks: counts.stacks,
    resources: counts.resources,
  };
});

console.log('\n| example | runs | synth: median wall (s) | synth: median peak RSS (MB) | report: median wall (s) | report: median peak RSS (MB) | stacks | resources |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.example} | ${r.runs} | ${r.medianWallSeconds} | ${r.medianPeakRssMb} | ${r.reportMedianWallSeconds} | ${r.reportMedianPeakRssMb} | ${r.stacks} | ${r.resources} |`);
}
console.log(`\n${JSON.stringify({ node: process.version, cpus: os.cpus().length, results }, null, 2)}`);

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Cloud, DatabaseEngine, HighAvailabilityStack } from '../lib';
import { runCli } from '../lib/cli';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ha-cli-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process, capturing what it prints. */
function run(argv: string[], cwd?: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = runCli(argv, { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), cwd });
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** A folder with the given files (name → content); objects are written as JSON. */
function folder(files: { [name: string]: string | object }): string {
  const dir = tmpDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const manifest = { version: '0.21.0', stacks: { shop: { name: 'shop', synthesizedStackPath: 'stacks/shop/cdk.tf.json' } } };

describe('cdktf-ha: usage', () => {
  test.each([[['--help']], [['-h']], [['report', '--json', '--help']]])('%j prints the usage on stdout, status 0', (argv) => {
    const { status, stdout, stderr } = run(argv);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: cdktf-ha report \[DIR\] \[--json\] \[--out OUTDIR\] \[--png\]/);
    expect(stdout).toMatch(/Exit status: 0 ok; 1 error-level policy failures/);
    expect(stderr).toBe('');
  });

  test('--version prints the version of package.json', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    expect(run(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test.each([
    [['report', '--jsn'], /^cdktf-ha: unknown option --jsn\n/],
    [['report', '--json=yes'], /^cdktf-ha: unknown option --json=yes\n/],
    [['deploy'], /^cdktf-ha: unknown command "deploy"\n/],
    [[], /^cdktf-ha: no command given\n/],
    [['report', '--out'], /^cdktf-ha: --out needs a folder/],
    [['report', '--out='], /^cdktf-ha: --out needs a folder/],
    [['report', '--out', '--json'], /^cdktf-ha: --out needs a folder/],
    [['report', 'a', 'b'], /^cdktf-ha: one folder expected, got 2: a b\n/],
    [['report', '--png'], /^cdktf-ha: --png writes architecture.png into the --out folder/],
  ])('%j is a usage error: status 2, the problem and the usage on stderr', (argv, message) => {
    const { status, stdout, stderr } = run(argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: cdktf-ha report');
  });
});

describe('cdktf-ha report: unreadable input is status 2 with one line naming the problem', () => {
  function expectInputError(argv: string[], message: RegExp, cwd?: string) {
    const { status, stdout, stderr } = run(argv, cwd);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdktf-ha: [^\n]+\n$/);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  }

  test('a missing folder, named as given', () => {
    const cwd = tmpDir();
    expectInputError(['report', 'no-such-out'], /^cdktf-ha: no-such-out does not exist/, cwd);
  });

  test('DIR defaults to cdktf.out in the working folder', () => {
    expectInputError(['report'], /^cdktf-ha: cdktf\.out does not exist/, tmpDir());
  });

  test('a folder without manifest.json', () => {
    expectInputError(['report', folder({ 'notes.txt': 'hello' })], /has no manifest\.json/);
  });

  test('a malformed manifest.json', () => {
    expectInputError(['report', folder({ 'manifest.json': '{ "stacks": ' })], /manifest \S+manifest\.json is not valid JSON/);
  });

  test('a manifest naming a stack file that is missing', () => {
    expectInputError(['report', folder({ 'manifest.json': manifest })], /stack shop: \S+cdk\.tf\.json cannot be read \(ENOENT\)/);
  });

  test('a malformed stack JSON', () => {
    const dir = folder({ 'manifest.json': manifest, 'stacks/shop/cdk.tf.json': '{"resource": {' });
    expectInputError(['report', dir], /stack shop: \S+cdk\.tf\.json is not valid JSON/);
  });

  test('stacks synthesized as HCL', () => {
    const hcl = { stacks: { shop: { name: 'shop', synthesizedStackPath: 'stacks/shop/cdk.tf' } } };
    expectInputError(['report', folder({ 'manifest.json': hcl, 'stacks/shop/cdk.tf': 'resource "x" "y" {}' })],
      /stack shop was synthesized as HCL \(stacks\/shop\/cdk\.tf\); the report reads the JSON form: run `cdktf synth` without --hcl/);
  });
});

describe('cdktf-ha report on synthesized stacks', () => {
  // One AWS region, as examples/aws-single-region (policies pass).
  const shopOut = tmpDir();
  const shopApp = new App({ outdir: shopOut, skipValidation: false });
  new HighAvailabilityStack(shopApp, 'shop', {
    cloud: Cloud.AWS,
    regions: ['us-east-1'],
    dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
    app: { instanceType: 't3.small', port: 8080, healthCheckPath: '/health', minCapacity: 3, maxCapacity: 9 },
    database: { engine: DatabaseEngine.MYSQL, instanceClass: 'db.t3.medium', allocatedStorageGb: 50, readReplicas: 1 },
    backup: { retentionDays: 35 },
  });
  shopApp.synth();

  test('--json prints the report as indented JSON, status 0', () => {
    const { status, stdout, stderr } = run(['report', shopOut, '--json']);
    expect(stderr).toBe(`cdktf-ha: read 1 stack from ${shopOut}\n`);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^{\n {2}"version": 1,\n/);
    expect(stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ version: 1, cloud: 'aws', regions: [{ name: 'us-east-1', role: 'primary', zones: 3, stack: 'shop-us-east-1' }] });
    expect(report.policySummary.blocking).toBe(0);
    for (const scenario of report.scenarios) {
      if (scenario.rtoSeconds !== null) expect(scenario.terms.reduce((sum: number, t: any) => sum + t.seconds, 0)).toBe(scenario.rtoSeconds);
    }
  });

  test('prints Markdown by default, DIR relative to the working folder, runbook linked from there', () => {
    const { status, stdout, stderr } = run(['report', path.basename(shopOut)], path.dirname(shopOut));
    expect(status).toBe(0);
    expect(stderr).toBe(`cdktf-ha: read 1 stack from ${path.basename(shopOut)}\n`);
    expect(stdout).toMatch(/^# Resilience report: AWS, /);
    expect(stdout).toContain('| us-east-1 | primary | 3 | `shop-us-east-1` |');
    expect(stdout).toContain(`- [shop.runbook.md](${path.basename(shopOut)}/shop.runbook.md)`);
    expect(stdout).not.toContain('![');
  });

  test('--out writes report.md (embedding architecture.svg), report.json, architecture.svg and the runbooks', () => {
    const cwd = tmpDir();
    const { status, stdout, stderr } = run(['report', shopOut, '--out=reports/ha'], cwd);
    expect(status).toBe(0);
    expect(stderr.split('\n')[1]).toBe('cdktf-ha: wrote reports/ha/report.md, reports/ha/report.json, reports/ha/architecture.svg, reports/ha/shop.runbook.md');
    const outDir = path.join(cwd, 'reports', 'ha');
    expect(fs.readdirSync(outDir).sort()).toEqual(['architecture.svg', 'report.json', 'report.md', 'shop.runbook.md']);
    expect(fs.readFileSync(path.join(outDir, 'shop.runbook.md'), 'utf8')).toBe(fs.readFileSync(path.join(shopOut, 'shop.runbook.md'), 'utf8'));
    const markdown = fs.readFileSync(path.join(outDir, 'report.md'), 'utf8');
    expect(markdown).toContain('![Architecture of the deployment](architecture.svg)');
    expect(markdown).toContain('(shop.runbook.md)');
    expect(stdout).toBe(markdown.replace(/## Architecture\n\n!\[[^\n]*\n\n/, '').replace(/\]\(shop\.runbook\.md\)/, `](${path.relative(cwd, shopOut).split(path.sep).join('/')}/shop.runbook.md)`));
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'report.json'), 'utf8')).regions).toHaveLength(1);
    expect(fs.readFileSync(path.join(outDir, 'architecture.svg'), 'utf8')).toMatch(/^(<svg|<\?xml)/);
  });

  test('an error-level failure prints the report, then the count, status 1', () => {
    const out = tmpDir();
    const app = new App({ outdir: out, skipValidation: false });
    const stack = new TerraformStack(app, 'legacy');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new DbInstance(stack, 'db', { instanceClass: 'db.t3.micro', engine: 'postgres', allocatedStorage: 20, multiAz: false });
    app.synth();
    const { status, stdout, stderr } = run(['report', out, '--json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.policies).toContainEqual(expect.objectContaining({ id: 'HA-DB-MULTI-AZ', level: 'error', passed: false, stack: 'legacy' }));
    const blocking = report.policySummary.blocking;
    expect(blocking).toBeGreaterThan(0);
    expect(stderr.trimEnd().split('\n').pop()).toBe(`cdktf-ha: ${blocking} error-level policy failure${blocking === 1 ? '' : 's'} (not suppressed)`);
  });

  test('--png also writes architecture.png', () => {
    const out = path.join(tmpDir(), 'report');
    const { status, stderr } = run(['report', shopOut, '--out', out, '--png']);
    expect(status).toBe(0);
    expect(stderr).toContain(`${out}/architecture.svg, ${out}/architecture.png, ${out}/shop.runbook.md\n`);
    // the PNG signature
    expect(fs.readFileSync(path.join(out, 'architecture.png')).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  test('an unexpected exception is an internal error: status 3, one line, no stack trace', () => {
    jest.isolateModules(() => {
      jest.doMock('../lib/analysis/report', () => ({ analyze: () => { throw new TypeError('boom'); } }));
      const cli: typeof import('../lib/cli') = require('../lib/cli');
      const stderr: string[] = [];
      const status = cli.runCli(['report', shopOut], { stdout: () => undefined, stderr: (text) => stderr.push(text) });
      expect(status).toBe(3);
      expect(stderr.join('').split('\n')[1]).toBe('cdktf-ha: internal error: boom (please report this as a bug)');
    });
    jest.dontMock('../lib/analysis/report');
  });

  test('--out into a path that is a file is status 2 with one line', () => {
    const cwd = folder({ taken: 'a file' });
    const { status, stderr } = run(['report', shopOut, '--out', 'taken'], cwd);
    expect(status).toBe(2);
    expect(stderr.split('\n')[1]).toMatch(/^cdktf-ha: cannot create taken: /);
  });
});

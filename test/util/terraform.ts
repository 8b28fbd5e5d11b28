// Runs the real `terraform validate` on synthesized stacks, offline, against the hashicorp/aws
// provider of a local filesystem mirror. Skips (with a printed reason) where terraform or the
// mirror is absent, so the suite still passes on a fresh machine.
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Folder holding `registry.terraform.io/hashicorp/aws/<version>/<platform>/`. */
const MIRROR = process.env.CDKTF_HA_TF_MIRROR ?? '/opt/tf-plugins';

let availability: { ok: boolean; reason: string } | undefined;

/** Whether a real validate can run here, and why not. */
export function terraformAvailability(): { ok: boolean; reason: string } {
  if (availability) return availability;
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: terraformEnv() });
  if (version.error || version.status !== 0) {
    availability = { ok: false, reason: 'terraform is not on PATH' };
  } else if (!fs.existsSync(path.join(MIRROR, 'registry.terraform.io', 'hashicorp', 'aws'))) {
    availability = { ok: false, reason: `no hashicorp/aws provider in the mirror ${MIRROR} (set CDKTF_HA_TF_MIRROR)` };
  } else {
    availability = { ok: true, reason: '' };
  }
  return availability;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ha-validate-'));
const initialized = new Set<string>();

function terraformEnv(): NodeJS.ProcessEnv {
  const config = path.join(root ?? os.tmpdir(), 'terraform.rc');
  if (root && !fs.existsSync(config)) {
    fs.writeFileSync(config, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(MIRROR)}\n  }\n}\n`);
  }
  return { ...process.env, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
}

/** One diagnostic of `terraform validate -json`. */
export interface TerraformDiagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
}

/**
 * Validates one synthesized stack (the content of a `cdk.tf.json`). Stacks that need the same
 * providers share one initialized folder, so `terraform init` runs once per provider set.
 * Returns the error diagnostics (empty when valid).
 */
export function validateStackJson(stackJson: string | object): TerraformDiagnostic[] {
  const stack = typeof stackJson === 'string' ? JSON.parse(stackJson) : stackJson;
  // The backend is not needed to validate (init -backend=false) and would pin the folder to one bucket.
  delete stack.terraform?.backend;
  const providers = JSON.stringify(stack.terraform?.required_providers ?? {});
  const dir = path.join(root, createHash('sha1').update(providers).digest('hex').slice(0, 12));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack));
  if (!initialized.has(dir)) {
    execFileSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], {
      cwd: dir, env: terraformEnv(), stdio: 'pipe',
    });
    initialized.add(dir);
  }
  const run = spawnSync('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env: terraformEnv(), encoding: 'utf8' });
  const result = JSON.parse(run.stdout) as { valid: boolean; diagnostics: any[] };
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ severity: d.severity, summary: d.summary, detail: d.detail, address: d.address }));
}

let batches = 0;

/**
 * Validates many stacks with one `terraform validate`: each stack becomes a child module of one root
 * (backend removed, required variables given a placeholder), so the provider's schema is loaded once
 * instead of once per stack. Returns the error diagnostics per stack name.
 */
export function validateStacks(stacks: Record<string, string | object>, options: { shareProviders?: boolean } = {}): Record<string, TerraformDiagnostic[]> {
  const dir = path.join(root, `batch-${++batches}`);
  fs.mkdirSync(dir, { recursive: true });
  const names = Object.keys(stacks);
  const modules: Record<string, object> = {};
  const requiredProviders: Record<string, any> = {};
  const rootProviders: Record<string, object[]> = {};
  names.forEach((name, i) => {
    const stack = typeof stacks[name] === 'string' ? JSON.parse(stacks[name] as string) : structuredClone(stacks[name]);
    delete stack.terraform?.backend;
    Object.assign(requiredProviders, stack.terraform?.required_providers ?? {});
    // Every provider configuration of a module is one more provider process for terraform validate
    // (about half a second each): with shareProviders the modules take the root's configurations instead.
    const passed: Record<string, string> = {};
    if (options.shareProviders) {
      for (const [provider, configs] of Object.entries<any[]>(stack.provider ?? {})) {
        const aliases = configs.filter((c) => c.alias).map((c) => `${provider}.${c.alias}`);
        stack.terraform.required_providers[provider] = { ...stack.terraform.required_providers[provider], configuration_aliases: aliases };
        for (const config of configs) {
          const key = config.alias ? `${provider}.${config.alias}` : provider;
          passed[key] = key;
          rootProviders[provider] ??= [];
          if (!rootProviders[provider].some((c: any) => c.alias === config.alias)) rootProviders[provider].push({ region: 'us-east-1', ...(config.alias ? { alias: config.alias } : {}) });
        }
      }
      delete stack.provider;
    }
    fs.mkdirSync(path.join(dir, `m${i}`));
    fs.writeFileSync(path.join(dir, `m${i}`, 'main.tf.json'), JSON.stringify(stack));
    const inputs: Record<string, unknown> = {};
    for (const [variable, spec] of Object.entries<any>(stack.variable ?? {})) {
      if (spec.default === undefined) inputs[variable] = 'validate-only-placeholder';
    }
    modules[`m${i}`] = { source: `./m${i}`, ...inputs, ...(options.shareProviders ? { providers: passed } : {}) };
  });
  for (const provider of Object.values(requiredProviders)) delete provider.configuration_aliases;
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({
    terraform: { required_providers: requiredProviders },
    ...(options.shareProviders ? { provider: rootProviders } : {}),
    module: modules,
  }));
  execFileSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: terraformEnv(), stdio: 'pipe' });
  const run = spawnSync('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env: terraformEnv(), encoding: 'utf8' });
  const result = JSON.parse(run.stdout) as { diagnostics: any[] };
  const byStack: Record<string, TerraformDiagnostic[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const where = /module\.m(\d+)/.exec(`${d.address ?? ''} ${d.range?.filename ?? ''}`) ?? /m(\d+)\//.exec(d.range?.filename ?? '');
    const stack = where ? names[Number(where[1])] : '(root)';
    (byStack[stack] ??= []).push({ severity: d.severity, summary: d.summary, detail: d.detail, address: d.address });
  }
  return byStack;
}

/** Validates every stack of a cdktf output folder; returns the diagnostics per stack name. */
export function validateOutdir(outdir: string): Record<string, TerraformDiagnostic[]> {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks: Record<string, string> = {};
  for (const name of fs.readdirSync(stacksDir).sort()) {
    stacks[name] = fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8');
  }
  return validateStacks(stacks);
}

/** `test` when terraform validate can run here; otherwise `test.skip`, with the reason printed once. */
export function testWithTerraform(name: string, fn: () => void, timeout = 300_000): void {
  const { ok, reason } = terraformAvailability();
  if (ok) {
    test(name, fn, timeout);
  } else {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ${reason}`);
    test.skip(name, fn);
  }
}

/** Expects every named stack to pass one batched `terraform validate`. */
export function expectAllValid(stacks: Record<string, string | object>): void {
  const diagnostics = validateStacks(stacks);
  expect(Object.entries(diagnostics).filter(([, found]) => found.length > 0)).toEqual([]);
  expect(Object.keys(diagnostics).sort()).toEqual(Object.keys(stacks).sort());
}

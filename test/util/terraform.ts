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

/** Validates every stack of a cdktf output folder; returns the diagnostics per stack name. */
export function validateOutdir(outdir: string): Record<string, TerraformDiagnostic[]> {
  const stacksDir = path.join(outdir, 'stacks');
  const result: Record<string, TerraformDiagnostic[]> = {};
  for (const name of fs.readdirSync(stacksDir).sort()) {
    result[name] = validateStackJson(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'));
  }
  return result;
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

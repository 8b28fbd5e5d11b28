// Reading a `cdktf synth` output folder: manifest.json names the stacks and where their JSON is.
import * as fs from 'fs';
import * as path from 'path';
import { StackDocument } from './stack-document';

/** The input of the report is missing or unreadable (the CLI exits with status 2). */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

/** What a synthesized output folder holds for the report. */
export interface SynthOutput {
  /** The folder, as given. */
  readonly dir: string;
  /** Every stack, dependencies before dependants (the deploy order). */
  readonly stacks: StackDocument[];
  /** Runbooks written beside the stacks (`<id>.runbook.md`), relative to `dir`. */
  readonly runbooks: string[];
}

function readJson(file: string, what: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportInputError(`${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}); run \`cdktf synth\` first`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`${what} ${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** Reads `dir` (a `cdktf synth` output folder); throws {@link ReportInputError} naming what is wrong. */
export function readSynthOutput(dir: string): SynthOutput {
  if (!fs.existsSync(dir)) throw new ReportInputError(`${dir} does not exist; run \`cdktf synth\` first or pass the output folder`);
  if (!fs.statSync(dir).isDirectory()) throw new ReportInputError(`${dir} is not a folder; pass the cdktf output folder (cdktf.out)`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new ReportInputError(`${dir} has no manifest.json: it is not a cdktf synth output folder`);
  const manifest = readJson(manifestFile, 'manifest');
  const entries = manifest?.stacks;
  if (!entries || typeof entries !== 'object' || Object.keys(entries).length === 0) {
    throw new ReportInputError(`${manifestFile} lists no stacks (expected a "stacks" object)`);
  }
  const documents = new Map<string, { doc: StackDocument; dependencies: string[] }>();
  // Dependencies are given as construct paths.
  const nameOfPath = new Map(Object.entries<any>(entries).map(([name, entry]) => [String(entry?.constructPath ?? name), name]));
  for (const [name, entry] of Object.entries<any>(entries)) {
    if (typeof entry?.synthesizedStackPath !== 'string') {
      throw new ReportInputError(`${manifestFile}: stack ${name} has no synthesizedStackPath`);
    }
    if (!entry.synthesizedStackPath.endsWith('.json')) {
      throw new ReportInputError(`stack ${name} was synthesized as HCL (${entry.synthesizedStackPath}); the report reads the JSON form: run \`cdktf synth\` without --hcl`);
    }
    const json = readJson(path.join(dir, entry.synthesizedStackPath), `stack ${name}:`);
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ReportInputError(`stack ${name}: ${entry.synthesizedStackPath} is not a Terraform JSON object`);
    documents.set(name, { doc: { name, json }, dependencies: (Array.isArray(entry.dependencies) ? entry.dependencies : []).map((d: string) => nameOfPath.get(d) ?? d) });
  }
  const runbooks = fs.readdirSync(dir).filter((f) => f.endsWith('.runbook.md')).sort();
  return { dir, stacks: deployOrder(documents), runbooks };
}

/** The stacks with every dependency before its dependants, otherwise in manifest order. */
function deployOrder(documents: Map<string, { doc: StackDocument; dependencies: string[] }>): StackDocument[] {
  const ordered: StackDocument[] = [];
  const placed = new Set<string>();
  const place = (name: string, trail: Set<string>) => {
    const entry = documents.get(name);
    if (!entry || placed.has(name) || trail.has(name)) return;
    trail.add(name);
    for (const dependency of entry.dependencies) place(dependency, trail);
    placed.add(name);
    ordered.push(entry.doc);
  };
  for (const name of documents.keys()) place(name, new Set());
  return ordered;
}

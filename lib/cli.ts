#!/usr/bin/env node
// `cdktf-ha`: the resilience report of a `cdktf synth` output folder, for people and for CI.
//
// Exit status:
//   0  the report is printed (and written) and no error-level policy fails
//   1  the report is printed, and error-level policy failures that are not suppressed block the deployment
//   2  usage error (unknown command or option, missing value, two folders), the input cannot be read
//      (missing folder, no manifest.json, malformed JSON), or an output file cannot be written
//   3  internal error: a bug in cdktf-ha (the message is printed; please report it)
import * as fs from 'fs';
import * as path from 'path';
import { renderArchitectureSvg } from './analysis/diagram';
import { renderPng } from './analysis/png';
import { analyze } from './analysis/report';
import { renderReportMarkdown } from './analysis/report-markdown';
import { ReportInputError, readSynthOutput } from './analysis/synth-output';

/** Where the CLI writes and which folder relative paths start from. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** @default process.cwd() */
  readonly cwd?: string;
}

const USAGE = `Usage: cdktf-ha report [DIR] [--json] [--out OUTDIR] [--png]
       cdktf-ha --help | --version

Reads a \`cdktf synth\` output folder (DIR, default cdktf.out) and prints its resilience report:
regions and failure domains, what the loss of a zone, of a region and data corruption do (RTO, RPO),
single points of failure, and the policy results.

Options:
  --json           print the report as JSON instead of Markdown
  --out OUTDIR     also write report.md, report.json, architecture.svg and the runbooks into OUTDIR
                   (created if missing)
  --png            with --out, also write architecture.png
  -h, --help       print this help
  --version        print the version

Exit status: 0 ok; 1 error-level policy failures (not suppressed); 2 usage error or unreadable input;
3 internal error.
`;

/** A command line that cannot be run as given (exit status 2, with the usage). */
class UsageError extends Error {}

/** A file that cannot be written (exit status 2). */
class OutputError extends Error {}

interface ReportCommand {
  readonly dir: string;
  readonly json: boolean;
  readonly out?: string;
  readonly png: boolean;
}

type Parsed = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'report'; readonly command: ReportCommand };

function parseArgs(argv: string[]): Parsed {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command !== 'report') throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  const dirs: string[] = [];
  let json = false;
  let png = false;
  let out: string | undefined;
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      dirs.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--png') {
      png = true;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? rest[++i] : arg.slice('--out='.length);
      if (value === undefined || value === '' || (arg === '--out' && value.startsWith('-'))) {
        throw new UsageError('--out needs a folder: --out OUTDIR');
      }
      out = value;
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (dirs.length > 1) throw new UsageError(`one folder expected, got ${dirs.length}: ${dirs.join(' ')}`);
  if (png && out === undefined) throw new UsageError('--png writes architecture.png into the --out folder: add --out OUTDIR');
  return { kind: 'report', command: { dir: dirs[0] ?? 'cdktf.out', json, out, png } };
}

function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  return String(manifest.version);
}

/** A path as the user reads it: relative paths with forward slashes. */
function shown(file: string): string {
  return file.split(path.sep).join('/');
}

function writeOutput(file: string, content: string | Buffer): void {
  try {
    fs.writeFileSync(file, content);
  } catch (error) {
    throw new OutputError(`cannot write ${shown(file)}: ${(error as Error).message}`);
  }
}

function runReport(command: ReportCommand, io: CliIo, cwd: string): number {
  const synthDir = path.resolve(cwd, command.dir);
  let output;
  try {
    output = readSynthOutput(synthDir);
  } catch (error) {
    // Name the folder as the user typed it, not as resolved.
    if (error instanceof ReportInputError) throw new ReportInputError(error.message.split(synthDir).join(command.dir));
    throw error;
  }
  io.stderr(`cdktf-ha: read ${output.stacks.length} stack${output.stacks.length === 1 ? '' : 's'} from ${shown(command.dir)}\n`);
  const { report, topology } = analyze(output);

  if (command.out !== undefined) {
    const outDir = path.resolve(cwd, command.out);
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch (error) {
      throw new OutputError(`cannot create ${shown(command.out)}: ${(error as Error).message}`);
    }
    const svg = renderArchitectureSvg(topology);
    // The runbooks travel with the report, so the folder is complete as a CI artifact.
    const runbooks: [string, string | Buffer][] = report.runbooks.map((name) => [name, readRunbook(path.join(synthDir, name))]);
    const files: [string, string | Buffer][] = [
      ['report.md', renderReportMarkdown(report, { diagram: 'architecture.svg' })],
      ['report.json', JSON.stringify(report, null, 2) + '\n'],
      ['architecture.svg', svg],
    ];
    if (command.png) {
      let png: Buffer;
      try {
        png = renderPng(svg);
      } catch (error) {
        throw new OutputError(`cannot write architecture.png: ${(error as Error).message}`);
      }
      files.push(['architecture.png', png]);
    }
    files.push(...runbooks);
    for (const [name, content] of files) writeOutput(path.join(outDir, name), content);
    io.stderr(`cdktf-ha: wrote ${files.map(([name]) => shown(path.join(command.out!, name))).join(', ')}\n`);
  }

  io.stdout(command.json
    ? JSON.stringify(report, null, 2) + '\n'
    : renderReportMarkdown(report, { runbookDir: shown(path.relative(cwd, synthDir)) }));

  const blocking = report.policySummary.blocking;
  if (blocking > 0) {
    io.stderr(`cdktf-ha: ${blocking} error-level policy failure${blocking === 1 ? '' : 's'} (not suppressed)\n`);
    return 1;
  }
  return 0;
}

function readRunbook(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportInputError(`cannot read the runbook ${file}: ${(error as Error).message}`);
  }
}

/**
 * Runs `cdktf-ha` with the arguments after the program name and returns the exit status
 * (0 ok, 1 blocking policy failures, 2 usage or input error, 3 internal error).
 */
export function runCli(argv: string[], io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }): number {
  const cwd = io.cwd ?? process.cwd();
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    return runReport(parsed.command, io, cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cdktf-ha: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ReportInputError || error instanceof OutputError) {
      io.stderr(`cdktf-ha: ${error.message}\n`);
      return 2;
    }
    io.stderr(`cdktf-ha: internal error: ${error instanceof Error ? error.message : String(error)} (please report this as a bug)\n`);
    return 3;
  }
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2));
}

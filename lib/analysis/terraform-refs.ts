// Following references in synthesized Terraform JSON: within a stack (`${aws_lb.X.dns_name}`) and across
// stacks (cdktf turns those into a `terraform_remote_state` data source reading an output of the other stack).
import { StackDocument } from './stack-document';

const LOCAL_REF = /\$\{([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)[.}\[]/g;
const REMOTE_REF = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;

/** The addresses of the resources (not data sources, variables or locals) a value refers to, in order. */
export function localRefs(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const found: string[] = [];
  for (const match of text.matchAll(LOCAL_REF)) {
    const address = match[1];
    if (/^(data|var|local|each|count|module|path|terraform|self)\./.test(address)) continue;
    if (!found.includes(address)) found.push(address);
  }
  return found;
}

/** A resource of another stack that a value refers to through that stack's outputs. */
export interface RemoteRef {
  readonly stack: string;
  /** The resource the output exposes, when the output is a reference to one. */
  readonly address?: string;
}

/** The resources of other stacks a value refers to (cdktf cross-stack references), in order. */
export function remoteRefs(value: unknown, stacks: readonly StackDocument[]): RemoteRef[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const found: RemoteRef[] = [];
  for (const [, input, output] of text.matchAll(REMOTE_REF)) {
    // cdktf names the input `cross-stack-reference-input-<path of the other stack>`, the path ending in its id.
    const source = stacks
      .filter((s) => input === s.name || input.endsWith(`-${s.name}`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (!source) continue;
    const address = localRefs(source.json.output?.[output]?.value)[0];
    if (!found.some((f) => f.stack === source.name && f.address === address)) found.push({ stack: source.name, address });
  }
  return found;
}

/** The region in an ARN (`arn:<partition>:<service>:<region>:…`), also when the partition is a reference. */
export function arnRegion(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /:(?:backup|rds|s3|kms):([a-z]{2}(?:-[a-z]+)+-\d+):/.exec(value)?.[1];
}

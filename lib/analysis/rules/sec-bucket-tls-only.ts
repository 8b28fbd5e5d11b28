import { asList, PolicyContext, PolicyLevel, PolicyRule } from '../policy-rule';
import { attachedTo, isUnknown } from './references';

/** Buckets refuse requests that are not made over TLS. */
export const SEC_BUCKET_TLS_ONLY: PolicyRule = {
  id: 'SEC-BUCKET-TLS-ONLY',
  level: PolicyLevel.ERROR,
  description: 'Buckets refuse requests that are not made over TLS: a bucket policy of the stack (aws_s3_bucket_policy, '
    + 'alicloud_oss_bucket_policy or the OSS bucket\'s own policy) denies every action to everyone when '
    + 'aws:SecureTransport / acs:SecureTransport is false. The policy is read as a JSON string or from the '
    + 'data.aws_iam_policy_document it refers to; a policy built by another expression is not judged',
  why: 'Plain HTTP exposes the objects and the request signatures to anyone on the path.',
  fix: 'attach a bucket policy statement { Effect: Deny, Principal: *, Action: s3:* (oss:*), Condition: { Bool: '
    + '{ aws:SecureTransport (acs:SecureTransport): false } } }',
  resourceTypes: ['aws_s3_bucket', 'alicloud_oss_bucket'],
  check: (s, context) => {
    const aws = s.type === 'aws_s3_bucket';
    const policies = aws
      ? attachedTo(context, 'aws_s3_bucket_policy', 'bucket', s, 'bucket').map((p) => p.config.policy)
      : [s.config.policy, ...attachedTo(context, 'alicloud_oss_bucket_policy', 'bucket', s, 'bucket').map((p) => p.config.policy)]
        .filter((policy) => policy !== undefined && policy !== '');
    const dialect: Dialect = aws ? { service: 's3', conditionKey: 'aws:SecureTransport' } : { service: 'oss', conditionKey: 'acs:SecureTransport' };
    const verdicts = policies.map((policy) => deniesInsecureTransport(policy, dialect, context, 0));
    if (verdicts.some((v) => v !== false)) return undefined;
    const policyType = aws ? 'aws_s3_bucket_policy' : 'alicloud_oss_bucket_policy';
    return policies.length === 0
      ? `no ${policyType} refers to it`
      : `its bucket policy does not deny ${dialect.service}:* to everyone when ${dialect.conditionKey} is false`;
  },
};

/** What differs between an S3 and an OSS bucket policy. */
interface Dialect {
  readonly service: string;
  /** The transport condition key (IAM and RAM compare condition keys case-insensitively). */
  readonly conditionKey: string;
}

/** One statement, from a JSON policy or a data.aws_iam_policy_document block. */
interface Statement {
  readonly effect: string;
  readonly everyone: boolean;
  readonly actions: string[];
  readonly conditions: { test: string; key: string; values: unknown[] }[];
}

const DATA_DOCUMENT = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(?:minified_)?json\}$/;

/**
 * Whether a policy denies insecure transport: true or false, or undefined when it is an expression the rule
 * cannot read.
 */
function deniesInsecureTransport(policy: unknown, dialect: Dialect, context: PolicyContext, depth: number): boolean | undefined {
  const statements = statementsOf(policy, context, depth);
  if (statements === undefined) return undefined;
  return statements.some((statement) => isTlsOnly(statement, dialect));
}

/** The statements of a policy (a JSON string or a policy document reference), undefined when unreadable. */
function statementsOf(policy: unknown, context: PolicyContext, depth: number): Statement[] | undefined {
  if (typeof policy === 'string') {
    const reference = DATA_DOCUMENT.exec(policy.trim());
    if (reference) return documentStatements(context.dataSource(reference[1]), context, depth);
    try {
      policy = JSON.parse(policy);
    } catch {
      return undefined; // an expression such as ${jsonencode(...)} or ${aws_iam_policy.X.policy}
    }
  }
  if (policy === null || typeof policy !== 'object') return undefined;
  return asList((policy as any).Statement).map(jsonStatement);
}

/** The statements of a data.aws_iam_policy_document, with those of the documents it merges. */
function documentStatements(document: { readonly [key: string]: any } | undefined, context: PolicyContext, depth: number): Statement[] | undefined {
  if (document === undefined || depth > 5) return undefined;
  const merged = [...asList(document.source_policy_documents), ...asList(document.override_policy_documents)];
  const statements: Statement[] = asList(document.statement).map(dataStatement);
  for (const part of merged) {
    const more = statementsOf(part, context, depth + 1);
    if (more === undefined) return undefined;
    statements.push(...more);
  }
  return statements;
}

function jsonStatement(statement: any): Statement {
  const principal = statement?.Principal;
  const principals = typeof principal === 'object' && principal !== null && !Array.isArray(principal)
    ? Object.values(principal).flatMap((p) => asList(p))
    : asList(principal);
  const conditions = Object.entries(statement?.Condition ?? {}).flatMap(([test, byKey]) =>
    Object.entries((byKey ?? {}) as object).map(([key, values]) => ({ test, key, values: asList(values) })));
  return { effect: String(statement?.Effect ?? ''), everyone: principals.includes('*'), actions: asList(statement?.Action).map(String), conditions };
}

function dataStatement(statement: any): Statement {
  const everyone = asList(statement?.principals).some((p) => ['*', 'AWS'].includes(p?.type) && asList(p?.identifiers).includes('*'));
  const conditions = asList(statement?.condition).map((c) => ({ test: String(c?.test ?? ''), key: String(c?.variable ?? ''), values: asList(c?.values) }));
  return { effect: String(statement?.effect ?? 'Allow'), everyone, actions: asList(statement?.actions).map(String), conditions };
}

function isTlsOnly(statement: Statement, dialect: Dialect): boolean {
  const allActions = statement.actions.some((a) => a === '*' || a.toLowerCase() === `${dialect.service}:*`);
  const onPlainTransport = statement.conditions.some((c) => /^bool(ifexists)?$/i.test(c.test)
    && c.key.toLowerCase() === dialect.conditionKey.toLowerCase()
    && c.values.some((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false' && !isUnknown(v))));
  return statement.effect === 'Deny' && statement.everyone && allActions && onPlainTransport;
}

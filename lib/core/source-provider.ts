// The one rule both clouds' replication constructs apply to the provider that reaches the source region.
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from './problems';

/** A provider class of one cloud, as far as this check needs it. */
export interface ProviderKind {
  /** Terraform's provider type, `aws` or `alicloud`. */
  readonly terraformType: string;
  /** The cloud's name in messages, e.g. `AWS`. */
  readonly label: string;
  /** How the error names the provider, e.g. `an AwsProvider (hashicorp/aws)`. */
  readonly description: string;
  /** The region a provider of this kind is configured for (undefined when unset). */
  readonly regionOf: (provider: TerraformProvider) => string | undefined;
  /** Why the region matters, appended to the error. */
  readonly why: string;
}

/**
 * `sourceProvider` (or, when not given, the stack's unaliased provider of that kind) is a provider of the
 * right cloud, in this construct's stack, configured for `sourceRegion`.
 */
export function checkSourceProvider(problems: ProblemCollector, scope: Construct, given: TerraformProvider | undefined,
  sourceRegion: string | undefined, kind: ProviderKind): void {
  const stack = TerraformStack.of(scope);
  const isKind = (c: unknown): c is TerraformProvider =>
    TerraformProvider.isTerraformProvider(c) && (c as TerraformProvider).terraformResourceType === kind.terraformType;
  let provider: TerraformProvider | undefined = given;
  if (given !== undefined) {
    if (!isKind(given)) {
      problems.add('sourceProvider', `must be ${kind.description}`);
      return;
    }
    if (TerraformStack.of(given) !== stack) {
      problems.add('sourceProvider', `(${given.node.path}) must belong to the stack of this construct (${stack.node.path})`);
      return;
    }
  } else {
    provider = stack.node.findAll().find((c): c is TerraformProvider => isKind(c) && (c as TerraformProvider).alias === undefined);
  }
  if (provider === undefined || sourceRegion === undefined || Token.isUnresolved(sourceRegion)) return;
  const providerRegion = kind.regionOf(provider);
  if (providerRegion !== undefined && !Token.isUnresolved(providerRegion) && providerRegion !== sourceRegion) {
    const origin = given !== undefined ? '' : `, the default: the stack's unaliased ${kind.label} provider`;
    problems.add('sourceProvider', `(${provider.node.path}${origin}, region ${show(providerRegion)}) must be configured for the source region (${show(sourceRegion)}): ${kind.why}`);
  }
}

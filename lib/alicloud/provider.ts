import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { regionsOf } from '../core/regions';
import { Cloud } from '../core/enums';
import { AlicloudProvider } from './gen/providers/alicloud/provider';

/** Properties of {@link Provider}. */
export interface ProviderProps {
  /** Alibaba Cloud region, e.g. `cn-hangzhou`. */
  readonly region: string;
  /**
   * Alias, for a second region in one stack.
   * @default the stack's default alicloud provider
   */
  readonly alias?: string;
  /**
   * RAM role to assume (cross-account deployment), e.g. `acs:ram::123456789012:role/deployer`.
   * @default none: credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, a profile,
   * an ECS RAM role or OIDC), never from the synthesized JSON
   */
  readonly assumeRoleArn?: string;
}

/**
 * The aliyun/alicloud provider (1.283.0, the version the library's bindings are generated from) for
 * one region. The bindings stay inside the library, so a user who composes Alibaba Cloud tiers in a
 * plain stack adds this construct. Credentials are never written: the provider reads them from the
 * environment.
 */
export class Provider extends Construct {
  /** The provider resource (escape hatch). */
  public readonly resource: TerraformProvider;
  /** The region. */
  public readonly region: string;

  constructor(scope: Construct, id: string, props: ProviderProps) {
    super(scope, id);
    const problems = new ProblemCollector(`alicloud.Provider "${id}"`);
    problems.knownKeys('', props, ['region', 'alias', 'assumeRoleArn']);
    const known = regionsOf(Cloud.ALICLOUD);
    problems.check(typeof props.region === 'string' && known.includes(props.region), 'region',
      `(${show(props.region)}) must be an Alibaba Cloud region (known: ${known.join(', ')})`);
    if (props.assumeRoleArn !== undefined) {
      problems.check(/^acs:ram::\d+:role\/[\w.@-]+$/.test(props.assumeRoleArn), 'assumeRoleArn',
        `(${show(props.assumeRoleArn)}) must be a RAM role ARN such as "acs:ram::123456789012:role/deployer"`);
    }
    if (props.alias !== undefined) {
      problems.check(/^[a-z][a-z0-9_-]*$/.test(props.alias), 'alias', `(${show(props.alias)}) must be a lowercase identifier`);
    }
    problems.throwIfAny();
    this.region = props.region;
    // The provider block is the stack's, not this construct's: Terraform addresses it as `alicloud` (or `alicloud.<alias>`).
    this.resource = new AlicloudProvider(scope, `${id}Provider`, {
      region: props.region,
      alias: props.alias,
      assumeRole: props.assumeRoleArn ? { roleArn: props.assumeRoleArn, sessionName: 'cdktf-ha' } : undefined,
    });
  }
}

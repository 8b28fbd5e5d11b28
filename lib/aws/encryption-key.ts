import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { IEncryptionKey } from './interfaces';

/** Properties of {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /** What the key protects, shown in the KMS console. */
  readonly description: string;
  /**
   * Alias name without the `alias/` prefix.
   * @default no alias
   */
  readonly alias?: string;
  /**
   * Key policy JSON.
   * @default the KMS default policy: the account's IAM policies decide who may use the key
   */
  readonly policy?: string;
  /**
   * Days KMS waits before deleting the key once deletion is scheduled (7–30).
   * @default 30
   */
  readonly deletionWindowInDays?: number;
}

/** A symmetric customer-managed KMS key with yearly automatic rotation. */
export class EncryptionKey extends Construct implements IEncryptionKey {
  /** The KMS key resource (escape hatch). */
  public readonly resource: KmsKey;
  /** ARN of the key. */
  public readonly keyArn: string;
  /** Id of the key. */
  public readonly keyId: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    this.resource = new KmsKey(this, 'Key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: props.policy,
    });
    if (props.alias) {
      new KmsAlias(this, 'Alias', { name: `alias/${props.alias}`, targetKeyId: this.resource.keyId });
    }
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
  }
}

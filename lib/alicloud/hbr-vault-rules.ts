// The checks every construct that creates an HBR vault applies to its vault props.
import { Token } from 'cdktf';
import { ProblemCollector, show } from '../core/problems';
import { IEncryptionKey } from './interfaces';

/** HBR vault names: 1–64 characters (HBR API, CreateVault VaultName). */
const MAX_VAULT_NAME = 64;

/** `vaultName` and `encryptionKey`, when given, are usable for an HBR vault. */
export function checkHbrVaultProps(problems: ProblemCollector, props: { readonly vaultName?: string; readonly encryptionKey?: IEncryptionKey }): void {
  if (props.vaultName !== undefined && !Token.isUnresolved(props.vaultName)) {
    problems.check(typeof props.vaultName === 'string' && props.vaultName.trim().length > 0 && props.vaultName.length <= MAX_VAULT_NAME,
      'vaultName', `(${show(props.vaultName)}) must be a non-empty string of at most ${MAX_VAULT_NAME} characters`);
  }
  if (props.encryptionKey !== undefined) {
    problems.check(typeof props.encryptionKey?.keyId === 'string' && props.encryptionKey.keyId.length > 0,
      'encryptionKey.keyId', `(${show(props.encryptionKey?.keyId)}) must be a KMS key id`);
  }
}

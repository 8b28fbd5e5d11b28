import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';
import { HbrReplicationVault } from './gen/providers/alicloud/hbr-replication-vault';
import { checkHbrVaultProps } from './hbr-vault-rules';
import { IEncryptionKey } from './interfaces';

/** Properties of {@link BackupReplicationVault}. */
export interface BackupReplicationVaultProps {
  /** Id of the source backup vault in the other region (`BackupPlan.vaultId` of the primary region's stack). */
  readonly sourceVaultId: string;
  /** Region of the source backup vault, e.g. `cn-hangzhou`. */
  readonly sourceRegion: string;
  /**
   * Name of the replication vault.
   * @default derived from the construct path
   */
  readonly vaultName?: string;
  /**
   * KMS key (in this region) that encrypts the copies. Cannot be changed later (ForceNew).
   * @default the vault is encrypted by Cloud Backup itself (`encrypt_type = "HBR_PRIVATE"`)
   */
  readonly encryptionKey?: IEncryptionKey;
}

const KNOWN_PROPS = ['sourceVaultId', 'sourceRegion', 'vaultName', 'encryptionKey'];

/**
 * The Cloud Backup (HBR) vault that receives the cross-region copies of a {@link BackupPlan} with
 * `replicationRegion`. It belongs to the stack of the receiving (standby) region, whose provider
 * creates it there; like every cross-region piece it lives in the stack that deploys later, so the
 * primary region's stack never depends on the standby region.
 */
export class BackupReplicationVault extends Construct {
  /** The `alicloud_hbr_replication_vault` (escape hatch). */
  public readonly resource: TerraformResource;
  /** Id of the replication vault. */
  public readonly vaultId: string;
  /** Name of the replication vault. */
  public readonly vaultName: string;

  constructor(scope: Construct, id: string, props: BackupReplicationVaultProps) {
    super(scope, id);
    const problems = new ProblemCollector(`alicloud.BackupReplicationVault "${id}"`);
    problems.knownKeys('', props, KNOWN_PROPS);
    problems.check(props.sourceVaultId !== undefined, 'sourceVaultId', 'is required: the id of the vault to copy from');
    problems.nonEmptyString('sourceVaultId', props.sourceVaultId);
    if (!Token.isUnresolved(props.sourceRegion)) {
      problems.check(typeof props.sourceRegion === 'string' && ALICLOUD_REGIONS.includes(props.sourceRegion), 'sourceRegion',
        `(${show(props.sourceRegion)}) must be an Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`);
    }
    checkHbrVaultProps(problems, props);
    problems.throwIfAny();

    const hash = this.node.addr.slice(-8);
    const words = this.node.path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const vault = new HbrReplicationVault(this, 'Vault', {
      vaultName: props.vaultName ?? `${words.slice(0, 64 - hash.length - 1).replace(/-+$/, '')}-${hash}`,
      replicationSourceRegionId: props.sourceRegion,
      replicationSourceVaultId: props.sourceVaultId,
      vaultStorageClass: 'STANDARD',
      encryptType: props.encryptionKey ? 'KMS' : 'HBR_PRIVATE',
      kmsKeyId: props.encryptionKey?.keyId,
      description: `Copies of HBR vault ${props.sourceVaultId} from ${props.sourceRegion}`,
    });
    this.resource = vault;
    this.vaultId = vault.id;
    this.vaultName = vault.vaultName;
  }
}

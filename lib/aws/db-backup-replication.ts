import { DbInstanceAutomatedBackupsReplication } from '@cdktf/provider-aws/lib/db-instance-automated-backups-replication';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { checkRdsInstanceArn } from './database';
import { EncryptionKey } from './encryption-key';
import { IEncryptionKey } from './interfaces';

/** Properties of {@link DbBackupReplication}. */
export interface DbBackupReplicationProps {
  /**
   * ARN of the RDS MySQL or PostgreSQL instance in another region whose automated backups are
   * copied here (`arn:aws:rds:<region>:<account>:db:<id>`, usually a token of the primary stack's
   * `Database.arn`). Its backups must be encrypted (every `Database` is).
   */
  readonly sourceDbInstanceArn: string;
  /**
   * Days the copied backups are kept in this region, 1–35: the window of a point-in-time restore
   * here after the source region is lost.
   * @default 7
   */
  readonly retentionDays?: number;
  /**
   * KMS key of this region that encrypts the copies (a key of the source region cannot be used here).
   * @default a new {@link EncryptionKey} with yearly rotation
   */
  readonly encryptionKey?: IEncryptionKey;
}

/**
 * Cross-region replication of an RDS instance's automated backups (snapshots and transaction logs)
 * into this stack's region, for the backup-restore strategy: after losing the source region, an
 * instance is restored here to any point in the retention window. Lives in the destination stack,
 * as the provider requires, and deploys after the source's stack.
 */
export class DbBackupReplication extends Construct {
  /** The replication resource (escape hatch). */
  public readonly resource: DbInstanceAutomatedBackupsReplication;
  /** The KMS key of the copied backups. */
  public readonly encryptionKey: IEncryptionKey;
  /** ARN of the replicated automated backups in this region (the restore source). */
  public readonly replicatedBackupArn: string;

  constructor(scope: Construct, id: string, props: DbBackupReplicationProps) {
    super(scope, id);
    validate(id, props);
    const retentionDays = props.retentionDays ?? 7;

    this.encryptionKey = props.encryptionKey
      ?? new EncryptionKey(this, 'Key', { description: 'Replicated RDS automated backups' });
    this.resource = new DbInstanceAutomatedBackupsReplication(this, 'Replication', {
      sourceDbInstanceArn: props.sourceDbInstanceArn,
      retentionPeriod: retentionDays,
      kmsKeyId: this.encryptionKey.keyArn,
    });
    this.replicatedBackupArn = this.resource.id;
  }
}

function validate(id: string, props: DbBackupReplicationProps): void {
  const problems = new ProblemCollector(`aws.DbBackupReplication "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', 'are required (sourceDbInstanceArn)');
    problems.throwIfAny();
  }
  problems.knownKeys('', props, ['sourceDbInstanceArn', 'retentionDays', 'encryptionKey']);
  checkRdsInstanceArn(problems, 'sourceDbInstanceArn', props.sourceDbInstanceArn);
  // Automated backups are kept at most 35 days (RDS User Guide, "Backup retention period").
  problems.integerInRange('retentionDays', props.retentionDays, 1, 35);
  if (props.encryptionKey !== undefined) {
    problems.check(typeof props.encryptionKey === 'object' && props.encryptionKey !== null && typeof props.encryptionKey.keyArn === 'string',
      'encryptionKey', `(${show(props.encryptionKey)}) must be an IEncryptionKey (an object with a keyArn)`);
  }
  problems.throwIfAny();
}

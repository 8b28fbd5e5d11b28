import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DbBackupReplication, DbBackupReplicationProps } from '../../lib/aws/db-backup-replication';
import { testWithTerraform, validateStackJson } from '../util/terraform';

const SOURCE_ARN = 'arn:aws:rds:eu-central-1:111122223333:db:shop-primary';

function synth(props: DbBackupReplicationProps): { parsed: any; json: string; replication: DbBackupReplication } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const replication = new DbBackupReplication(stack, 'Backups', props);
  new TerraformOutput(stack, 'restore_source', { value: replication.replicatedBackupArn });
  const json = Testing.synth(stack);
  return { parsed: JSON.parse(json), json, replication };
}

function only(parsed: any, type: string): any {
  const all = Object.values(parsed.resource?.[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('aws.DbBackupReplication', () => {
  const { parsed, replication } = synth({ sourceDbInstanceArn: SOURCE_ARN });
  const resource = only(parsed, 'aws_db_instance_automated_backups_replication');
  const keyName = Object.keys(parsed.resource.aws_kms_key)[0];

  test('copies the source\'s automated backups for 7 days, encrypted with a new key of this region', () => {
    expect(resource).toEqual({
      source_db_instance_arn: SOURCE_ARN,
      retention_period: 7,
      kms_key_id: `\${aws_kms_key.${keyName}.arn}`,
    });
    expect(only(parsed, 'aws_kms_key').enable_key_rotation).toBe(true);
    expect(replication.encryptionKey.keyArn).toBeDefined();
  });

  test('exposes the resource and the ARN of the replicated backups', () => {
    expect(replication.resource).toBeDefined();
    expect(parsed.output.restore_source.value).toMatch(/^\$\{aws_db_instance_automated_backups_replication\.\w+\.id\}$/);
  });

  test('takes a retention and a given key', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/abcd';
    const given = synth({ sourceDbInstanceArn: SOURCE_ARN, retentionDays: 35, encryptionKey: { keyArn } }).parsed;
    expect(only(given, 'aws_db_instance_automated_backups_replication')).toMatchObject({ retention_period: 35, kms_key_id: keyArn });
    expect(given.resource.aws_kms_key).toBeUndefined();
  });

  test('accepts a token from another stack', () => {
    const app = Testing.app();
    const standby = new TerraformStack(app, 'standby');
    new AwsProvider(standby, 'aws', { region: 'eu-west-1' });
    const source = new TerraformVariable(standby, 'source_arn', { type: 'string' });
    new DbBackupReplication(standby, 'Backups', { sourceDbInstanceArn: source.stringValue });
    const resource = only(JSON.parse(Testing.synth(standby)), 'aws_db_instance_automated_backups_replication');
    expect(resource.source_db_instance_arn).toBe('${var.source_arn}');
  });
});

describe('aws.DbBackupReplication rejects bad props', () => {
  const cases: [string, DbBackupReplicationProps, RegExp][] = [
    ['a cluster ARN', { sourceDbInstanceArn: 'arn:aws:rds:eu-central-1:111122223333:cluster:shop' }, /sourceDbInstanceArn \("arn:aws:rds:eu-central-1:111122223333:cluster:shop"\) must be the ARN of an RDS DB instance/],
    ['an identifier', { sourceDbInstanceArn: 'shop-primary' }, /sourceDbInstanceArn \("shop-primary"\)/],
    ['no source', {} as DbBackupReplicationProps, /sourceDbInstanceArn \(undefined\)/],
    ['retention 0', { sourceDbInstanceArn: SOURCE_ARN, retentionDays: 0 }, /retentionDays \(0\) must be an integer from 1 to 35/],
    ['retention 36', { sourceDbInstanceArn: SOURCE_ARN, retentionDays: 36 }, /retentionDays \(36\)/],
    ['retention 1.5', { sourceDbInstanceArn: SOURCE_ARN, retentionDays: 1.5 }, /retentionDays \(1\.5\)/],
    ['a key without ARN', { sourceDbInstanceArn: SOURCE_ARN, encryptionKey: {} as any }, /encryptionKey .* must be an IEncryptionKey/],
    ['unknown prop', { sourceDbInstanceArn: SOURCE_ARN, retention: 7 } as any, /retention is not a known prop/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => synth({ sourceDbInstanceArn: 'x', retentionDays: 99 }))
      .toThrow(/^Invalid aws\.DbBackupReplication "Backups": [\s\S]*sourceDbInstanceArn[\s\S]*retentionDays/);
  });
});

describe('aws.DbBackupReplication terraform validate', () => {
  testWithTerraform('passes terraform validate: backup replication', () => {
    expect(validateStackJson(synth({ sourceDbInstanceArn: SOURCE_ARN, retentionDays: 14 }).json)).toEqual([]);
  });
});

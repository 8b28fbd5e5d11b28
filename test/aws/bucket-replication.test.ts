import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { BackupBucket } from '../../lib/aws/backup-bucket';
import { BucketReplication, BucketReplicationProps, ReplicationBucket } from '../../lib/aws/bucket-replication';
import { expectAllValid, testWithTerraform } from '../util/terraform';

const ACCOUNT = '111122223333';

/** A literal backup bucket in `region`, as the region stacks would hand it over. */
function bucketIn(region: string, name = `shop-backups-${region}`): ReplicationBucket {
  return {
    bucketName: name,
    bucketArn: `arn:aws:s3:::${name}`,
    keyArn: `arn:aws:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    region,
  };
}

const SOURCE = bucketIn('eu-west-1');
const STANDBYS = [bucketIn('eu-central-1'), bucketIn('us-east-1'), bucketIn('ap-southeast-2')];

function stackWith(build: (stack: TerraformStack) => void, region = 'eu-west-1'): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region });
  build(stack);
  return Testing.synth(stack);
}

function synth(props: Partial<BucketReplicationProps> = {}): string {
  return stackWith((stack) => new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: [STANDBYS[0]], ...props }));
}

function all(out: string, kind: 'resource' | 'data', type: string): any[] {
  return Object.values(JSON.parse(out)[kind][type] ?? {}) as any[];
}

function only(out: string, type: string): any {
  const found = all(out, 'resource', type);
  expect(found).toHaveLength(1);
  return found[0];
}

function rules(out: string): any[] {
  return only(out, 'aws_s3_bucket_replication_configuration').rule;
}

/** The statements of the role's permissions policy document. */
function permissions(out: string): any[] {
  const documents = JSON.parse(out).data.aws_iam_policy_document;
  const key = Object.keys(documents).find((k) => k.startsWith('Replication_Permissions_'));
  expect(key).toBeDefined();
  return documents[key!].statement;
}

function statement(out: string, sid: string): any {
  const found = permissions(out).find((s) => s.sid === sid);
  expect(found).toBeDefined();
  return found;
}

describe('aws.BucketReplication', () => {
  test('one configuration on the source bucket with one rule per destination, priorities in order', () => {
    const out = synth({ destinations: STANDBYS });
    const configuration = only(out, 'aws_s3_bucket_replication_configuration');
    expect(configuration.bucket).toBe('shop-backups-eu-west-1');
    expect(configuration.role).toMatch(/^\$\{aws_iam_role\.Replication_Role_\w+\.arn\}$/);
    expect(configuration.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.Replication_RolePolicy_\w+$/)]);
    expect(rules(out).map((r) => [r.id, r.priority, r.status, r.destination.bucket])).toEqual([
      ['to-eu-central-1', 0, 'Enabled', 'arn:aws:s3:::shop-backups-eu-central-1'],
      ['to-us-east-1', 1, 'Enabled', 'arn:aws:s3:::shop-backups-us-east-1'],
      ['to-ap-southeast-2', 2, 'Enabled', 'arn:aws:s3:::shop-backups-ap-southeast-2'],
    ]);
  });

  test('defaults: whole bucket, SSE-KMS objects, re-encrypted with the destination key, STANDARD, delete markers, RTC with metrics', () => {
    expect(rules(synth())).toEqual([{
      id: 'to-eu-central-1',
      priority: 0,
      status: 'Enabled',
      filter: {},
      delete_marker_replication: { status: 'Enabled' },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
      destination: {
        bucket: 'arn:aws:s3:::shop-backups-eu-central-1',
        storage_class: 'STANDARD',
        encryption_configuration: { replica_kms_key_id: STANDBYS[0].keyArn },
        replication_time: { status: 'Enabled', time: { minutes: 15 } },
        metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
      },
    }]);
  });

  test('every destination gets its own key and RTC', () => {
    const out = synth({ destinations: STANDBYS });
    rules(out).forEach((rule, i) => {
      expect(rule.destination.encryption_configuration.replica_kms_key_id).toBe(STANDBYS[i].keyArn);
      expect(rule.destination.replication_time.status).toBe('Enabled');
      expect(rule.destination.metrics.status).toBe('Enabled');
    });
  });

  test('replicationTimeControl false: no RTC and no metrics', () => {
    const [rule] = rules(synth({ replicationTimeControl: false }));
    expect(rule.destination.replication_time).toBeUndefined();
    expect(rule.destination.metrics).toBeUndefined();
    expect(rule.destination.encryption_configuration).toBeDefined();
  });

  test('deleteMarkerReplication false: delete markers disabled and no ReplicateDelete grant', () => {
    const out = synth({ deleteMarkerReplication: false });
    expect(rules(out)[0].delete_marker_replication).toEqual({ status: 'Disabled' });
    expect(statement(out, 'WriteReplicas').actions).toEqual(['s3:ReplicateObject', 's3:ReplicateTags']);
  });

  test('storageClass sets the class of every replica', () => {
    const out = synth({ destinations: STANDBYS, storageClass: 'STANDARD_IA' });
    expect(rules(out).map((r) => r.destination.storage_class)).toEqual(['STANDARD_IA', 'STANDARD_IA', 'STANDARD_IA']);
  });

  test('role: trusted by S3 only, for this account', () => {
    const out = synth();
    const role = only(out, 'aws_iam_role');
    expect(role.name_prefix).toBe('test-Replication-');
    expect(role.assume_role_policy).toMatch(/^\$\{data\.aws_iam_policy_document\.Replication_TrustPolicy_\w+\.json\}$/);
    const trust = all(out, 'data', 'aws_iam_policy_document').find((d) => d.statement[0].actions[0] === 'sts:AssumeRole');
    expect(trust.statement).toEqual([{
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
      condition: [{
        test: 'StringEquals',
        variable: 'aws:SourceAccount',
        values: [expect.stringMatching(/^\$\{data\.aws_caller_identity\.Replication_Account_\w+\.account_id\}$/)],
      }],
    }]);
    const policy = only(out, 'aws_iam_role_policy');
    expect(policy.role).toMatch(/^\$\{aws_iam_role\.Replication_Role_\w+\.id\}$/);
    expect(policy.policy).toMatch(/^\$\{data\.aws_iam_policy_document\.Replication_Permissions_\w+\.json\}$/);
  });

  test('S3 grants: read the source, replicate into every destination, nothing else', () => {
    const out = synth({ destinations: STANDBYS });
    expect(statement(out, 'ReadReplicationConfiguration')).toMatchObject({
      effect: 'Allow',
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: ['arn:aws:s3:::shop-backups-eu-west-1'],
    });
    expect(statement(out, 'ReadSourceObjectVersions')).toMatchObject({
      actions: expect.arrayContaining(['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging']),
      resources: ['arn:aws:s3:::shop-backups-eu-west-1/*'],
    });
    expect(statement(out, 'WriteReplicas')).toMatchObject({
      actions: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ReplicateDelete'],
      resources: STANDBYS.map((b) => `${b.bucketArn}/*`),
    });
    const actions = permissions(out).flatMap((s) => s.actions);
    expect(actions).not.toContain('s3:ObjectOwnerOverrideToBucketOwner');
    expect(actions.filter((a: string) => a.endsWith('*'))).toEqual([]);
  });

  test('KMS grants: decrypt with the source key through S3 in the source region only', () => {
    const decrypt = statement(synth(), 'DecryptSourceObjects');
    expect(decrypt.actions).toEqual(['kms:Decrypt']);
    expect(decrypt.resources).toEqual([SOURCE.keyArn]);
    expect(decrypt.condition).toEqual([
      { test: 'StringEquals', variable: 'kms:ViaService', values: [expect.stringMatching(/^s3\.eu-west-1\.\$\{data\.aws_partition\.Replication_Partition_\w+\.dns_suffix\}$/)] },
      { test: 'StringLike', variable: 'kms:EncryptionContext:aws:s3:arn', values: [SOURCE.bucketArn, `${SOURCE.bucketArn}/*`] },
    ]);
  });

  test('KMS grants: encrypt with each destination key through S3 in that destination region', () => {
    const out = synth({ destinations: STANDBYS });
    STANDBYS.forEach((destination, i) => {
      const encrypt = statement(out, `EncryptReplicas${i}`);
      expect(encrypt.actions).toEqual(['kms:Encrypt', 'kms:GenerateDataKey']);
      expect(encrypt.resources).toEqual([destination.keyArn]);
      expect(encrypt.condition[0].values[0]).toMatch(new RegExp(`^s3\\.${destination.region}\\.\\$\\{data\\.aws_partition\\.`));
      expect(encrypt.condition[1].values).toEqual([destination.bucketArn, `${destination.bucketArn}/*`]);
    });
    const kmsStatements = permissions(out).filter((s) => s.actions.some((a: string) => a.startsWith('kms:')));
    expect(kmsStatements).toHaveLength(1 + STANDBYS.length);
  });

  test('exposes the role, the configuration and the rule ids', () => {
    let replication: BucketReplication | undefined;
    stackWith((stack) => { replication = new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: STANDBYS }); });
    expect(replication!.ruleIds).toEqual(['to-eu-central-1', 'to-us-east-1', 'to-ap-southeast-2']);
    expect(replication!.role.terraformResourceType).toBe('aws_iam_role');
    expect(replication!.configuration.terraformResourceType).toBe('aws_s3_bucket_replication_configuration');
  });

  test('the source provider alias is used by the configuration, the role and its data sources', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'global');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const sourceProvider = new AwsProvider(stack, 'source', { region: 'eu-west-1', alias: 'source' });
    new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: [bucketIn('us-east-1')], sourceProvider });
    const out = Testing.synth(stack);
    expect(JSON.parse(out).provider.aws).toEqual([{ region: 'us-east-1' }, { region: 'eu-west-1', alias: 'source' }]);
    expect(only(out, 'aws_s3_bucket_replication_configuration').provider).toBe('aws.source');
    expect(only(out, 'aws_iam_role').provider).toBe('aws.source');
    expect(only(out, 'aws_iam_role_policy').provider).toBe('aws.source');
    for (const type of ['aws_caller_identity', 'aws_partition', 'aws_iam_policy_document']) {
      for (const source of all(out, 'data', type)) expect(source.provider).toBe('aws.source');
    }
  });

  test('without a source provider, everything uses the default provider', () => {
    const out = synth();
    expect(only(out, 'aws_s3_bucket_replication_configuration').provider).toBeUndefined();
    expect(only(out, 'aws_iam_role').provider).toBeUndefined();
  });

  test('accepts tokens from other constructs without pattern checks', () => {
    const out = stackWith((stack) => {
      const primary = new BackupBucket(stack, 'Primary');
      const standby = new BackupBucket(stack, 'Standby');
      new BucketReplication(stack, 'Replication', {
        source: { bucketName: primary.bucketName, bucketArn: primary.bucketArn, keyArn: primary.encryptionKey.keyArn, region: 'eu-west-1' },
        destinations: [{ bucketName: standby.bucketName, bucketArn: standby.bucketArn, keyArn: standby.encryptionKey.keyArn, region: 'eu-central-1' }],
      });
    });
    const configuration = only(out, 'aws_s3_bucket_replication_configuration');
    expect(configuration.bucket).toMatch(/^\$\{aws_s3_bucket\.Primary_Bucket_\w+\.bucket\}$/);
    expect(configuration.rule[0].destination.bucket).toMatch(/^\$\{aws_s3_bucket\.Standby_Bucket_\w+\.arn\}$/);
    expect(configuration.rule[0].destination.encryption_configuration.replica_kms_key_id).toMatch(/^\$\{aws_kms_key\.Standby_Key_\w+\.arn\}$/);
  });

  describe('rejects bad input', () => {
    test.each<[string, Partial<BucketReplicationProps>, RegExp]>([
      ['no destinations', { destinations: [] }, /destinations \(0 buckets\) must list 1 to 1000 buckets/],
      ['destinations not a list', { destinations: undefined as unknown as ReplicationBucket[] }, /destinations \(undefined\) must list 1 to 1000/],
      ['destination in the source region', { destinations: [bucketIn('eu-west-1', 'other-bucket')] },
        /destinations\[0\]\.region \("eu-west-1"\) is the source region/],
      ['two destinations in one region', { destinations: [STANDBYS[0], bucketIn('eu-central-1', 'second-bucket')] },
        /destinations\[1\]\.region \("eu-central-1"\) repeats destinations\[0\]\.region/],
      ['unknown storage class', { storageClass: 'COLD' }, /storageClass \("COLD"\) must be one of "STANDARD", "STANDARD_IA"/],
      ['storage class of another bucket kind', { storageClass: 'EXPRESS_ONEZONE' }, /storageClass \("EXPRESS_ONEZONE"\)/],
      ['reduced redundancy', { storageClass: 'REDUCED_REDUNDANCY' }, /storageClass \("REDUCED_REDUNDANCY"\)/],
      ['misspelt prop', { deleteMarkers: true } as Partial<BucketReplicationProps>, /deleteMarkers is not a known prop/],
      ['RTC not boolean', { replicationTimeControl: 'yes' as unknown as boolean }, /replicationTimeControl \("yes"\) must be true or false/],
      ['delete markers not boolean', { deleteMarkerReplication: 1 as unknown as boolean }, /deleteMarkerReplication \(1\) must be true or false/],
      ['missing source', { source: undefined as unknown as ReplicationBucket }, /source \(undefined\) must be a bucket with bucketName, bucketArn, keyArn and region/],
      ['source without key', { source: { ...SOURCE, keyArn: '' } }, /source\.keyArn \(""\) must be a non-empty string/],
      ['bad bucket name', { destinations: [{ ...STANDBYS[0], bucketName: 'Shop_Backups' }] }, /destinations\[0\]\.bucketName \("Shop_Backups"\) must be an S3 bucket name/],
      ['bucket ARN of another bucket', { source: { ...SOURCE, bucketArn: 'arn:aws:s3:::other-bucket' } },
        /source\.bucketArn \("arn:aws:s3:::other-bucket"\) must be the ARN of bucketName \("shop-backups-eu-west-1"\)/],
      ['not an S3 ARN', { source: { ...SOURCE, bucketArn: 'shop-backups-eu-west-1' } }, /source\.bucketArn .* must be an S3 bucket ARN/],
      ['key alias', { destinations: [{ ...STANDBYS[0], keyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:alias/backups` }] },
        /destinations\[0\]\.keyArn .* must be a KMS key ARN.*not an alias/],
      ['key in another region', { destinations: [{ ...STANDBYS[0], keyArn: SOURCE.keyArn }] },
        /destinations\[0\]\.keyArn .* must be a key in the bucket's region \("eu-central-1"\)/],
      ['bad region', { destinations: [{ ...STANDBYS[0], region: 'Frankfurt' }] }, /destinations\[0\]\.region \("Frankfurt"\) must be an AWS region name/],
    ])('%s', (_name, props, error) => {
      expect(() => synth(props)).toThrow(error);
    });

    test('a source provider for another region', () => {
      expect(() => stackWith((stack) => {
        const sourceProvider = new AwsProvider(stack, 'source', { region: 'us-east-1', alias: 'source' });
        new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: [STANDBYS[0]], sourceProvider });
      })).toThrow(/sourceProvider \(test\/source, region "us-east-1"\) must be configured for the source region \("eu-west-1"\)/);
    });

    test('the default provider in another region, when no source provider is given', () => {
      expect(() => stackWith((stack) => new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: [STANDBYS[0]] }), 'us-east-1'))
        .toThrow(/sourceProvider \(test\/aws, the default: the stack's unaliased AWS provider, region "us-east-1"\) must be configured for the source region/);
    });

    test('a source provider of another stack', () => {
      const app = Testing.app();
      const regionStack = new TerraformStack(app, 'eu-west-1');
      const sourceProvider = new AwsProvider(regionStack, 'aws', { region: 'eu-west-1' });
      const globalStack = new TerraformStack(app, 'global');
      new AwsProvider(globalStack, 'aws', { region: 'eu-west-1' });
      expect(() => new BucketReplication(globalStack, 'Replication', { source: SOURCE, destinations: [STANDBYS[0]], sourceProvider }))
        .toThrow(/sourceProvider \(eu-west-1\/aws\) must belong to the stack of this construct \(global\)/);
    });

    test('names every problem at once, before creating anything', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'test');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      expect(() => new BucketReplication(stack, 'Replication', {
        source: SOURCE,
        destinations: [bucketIn('eu-west-1', 'copy-bucket'), STANDBYS[0], STANDBYS[0]],
        storageClass: 'ARCHIVE',
      })).toThrow(/Invalid aws\.BucketReplication "Replication": destinations\[0\]\.region .*; destinations\[2\]\.region .*; storageClass/);
      expect(stack.node.findAll().some((c) => c.node.id === 'Role')).toBe(false);
    });
  });

  testWithTerraform('passes terraform validate (defaults; three destinations through a source alias; no RTC nor delete markers)', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'global');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const sourceProvider = new AwsProvider(stack, 'source', { region: 'eu-west-1', alias: 'source' });
    new BucketReplication(stack, 'Replication', { source: SOURCE, destinations: STANDBYS, sourceProvider, storageClass: 'GLACIER_IR' });
    expectAllValid({
      defaults: synth(),
      threeDestinations: Testing.synth(stack),
      noRtc: synth({ destinations: STANDBYS, replicationTimeControl: false, deleteMarkerReplication: false }),
    });
  });

});

import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { aws } from '../../lib';
import { testWithTerraform, validateStackJson } from '../util/terraform';

function synth(props: aws.PrivateBucketProps = {}): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const key = new aws.EncryptionKey(stack, 'Key', { description: 'test' });
  new aws.PrivateBucket(stack, 'Logs', props);
  new aws.PrivateBucket(stack, 'Data', { encryptionKey: key });
  return Testing.synth(stack);
}

describe('aws.PrivateBucket', () => {
  test('blocks public access and encrypts with SSE-S3 or SSE-KMS', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    const parsed = JSON.parse(out);
    const sse = Object.values(parsed.resource.aws_s3_bucket_server_side_encryption_configuration) as any[];
    expect(sse.map((s) => s.rule[0].apply_server_side_encryption_by_default.sse_algorithm).sort()).toEqual(['AES256', 'aws:kms']);
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [expect.objectContaining({ bucket_key_enabled: true })],
    });
  });

  test('denies requests without TLS', () => {
    const parsed = JSON.parse(synth());
    const docs = Object.values(parsed.data.aws_iam_policy_document) as any[];
    for (const doc of docs) {
      expect(doc.statement[0]).toMatchObject({
        effect: 'Deny', actions: ['s3:*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      });
    }
  });

  testWithTerraform('passes terraform validate', () => {
    expect(validateStackJson(synth())).toEqual([]);
  });
});

describe('aws.PrivateBucket names', () => {
  test('takes an exact name, or a prefix, not both', () => {
    const parsed = JSON.parse(synth({ bucketName: 'shop-tfstate-eu-west-1' }));
    const names = (Object.values(parsed.resource.aws_s3_bucket) as any[]).map((b) => b.bucket).filter(Boolean);
    expect(names).toEqual(['shop-tfstate-eu-west-1']);
    expect(() => synth({ bucketName: 'a-bucket', bucketPrefix: 'a-' })).toThrow(/bucketName and bucketPrefix exclude each other/);
  });
});

// Creates the remote-state buckets once, one stack per region, each with local state: a bucket
// `<prefix>-<region>` (versioned, SSE-KMS with its own key, private, TLS only) for the state of every
// stack of that region. `HighAvailabilityStack`'s `stateBackend: { bucketPrefix }` and
// `aws.StateBackend` then keep each stack's state in its own region. See README.md.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { aws } from '../../lib';

/** Days a replaced state version is kept: time to notice a bad apply and roll the state back. */
const NONCURRENT_STATE_DAYS = 90;
/** Versions of each state kept beyond those days, so a stack that rarely changes keeps a history. */
const KEPT_STATE_VERSIONS = 10;

const bucketPrefix = process.env.CDKTF_HA_STATE_PREFIX ?? 'shop-tfstate';
const regions = (process.env.CDKTF_HA_STATE_REGIONS ?? 'us-east-1,us-west-2')
  .split(',').map((region) => region.trim()).filter((region) => region.length > 0);

class StateBucketStack extends TerraformStack {
  constructor(scope: Construct, region: string) {
    const bucketName = aws.StateBackend.bucketNameFor(bucketPrefix, region);
    super(scope, bucketName);
    new AwsProvider(this, 'aws', { region, defaultTags: [{ tags: { purpose: 'terraform-state' } }] });

    // The state of a region is encrypted with a key of that region: it stays readable when every
    // other region is down. aws.StateBackend names this key by its alias in the backend settings.
    const key = new aws.EncryptionKey(this, 'StateKey', {
      description: `Terraform state in s3://${bucketName}`,
      alias: aws.StateBackend.keyAliasFor(bucketPrefix, region).replace(/^alias\//, ''),
    });
    const bucket = new aws.PrivateBucket(this, 'State', { bucketName, encryptionKey: key });

    const everyObject = [{}];
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: bucket.resource.id,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: everyObject,
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_STATE_DAYS, newerNoncurrentVersions: KEPT_STATE_VERSIONS }],
        },
        {
          // Every unlock deletes `<key>.tflock`, leaving a delete marker; once its versions have
          // expired, the lone marker goes too. S3 rejects it in the same expiration as `days`.
          id: 'clean-up-lock-markers-and-uploads',
          status: 'Enabled',
          filter: everyObject,
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
      // S3 rejects lifecycle rules on noncurrent versions until versioning is enabled.
      dependsOn: [bucket.versioning],
    });

    // Losing this bucket or its key loses the state of every stack of the region.
    bucket.resource.lifecycle = { preventDestroy: true };
    key.resource.lifecycle = { preventDestroy: true };

    new TerraformOutput(this, 'bucket', { value: bucket.bucketName });
    new TerraformOutput(this, 'kms_key_arn', { value: key.keyArn });
  }
}

const app = new App();
for (const region of regions) new StateBucketStack(app, region);
app.synth();

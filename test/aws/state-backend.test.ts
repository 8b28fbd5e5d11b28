import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, S3Backend, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { StateBackend, StateBackendProps, stateBucketName } from '../../lib/aws/state-backend';
import { terraformAvailability, testWithTerraform, validateStackJson } from '../util/terraform';

function regionStack(app: App, name: string, region: string): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region });
  new S3Bucket(stack, 'Data', { bucketPrefix: 'data-' });
  return stack;
}

function backendOf(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

function build(props: Partial<StateBackendProps> = {}, region = 'eu-west-1'): TerraformStack {
  const stack = regionStack(Testing.app(), 'shop-eu-west-1', region);
  new StateBackend(stack, 'State', { bucketPrefix: 'shop-tfstate', region, ...props });
  return stack;
}

describe('aws.StateBackend', () => {
  test('keeps each stack\'s state in a bucket of its own region, encrypted and locked by a lock file', () => {
    const app = Testing.app();
    const primary = regionStack(app, 'shop-us-east-1', 'us-east-1');
    const standby = regionStack(app, 'shop-us-west-2', 'us-west-2');
    new StateBackend(primary, 'State', { bucketPrefix: 'shop-tfstate', region: 'us-east-1' });
    new StateBackend(standby, 'State', { bucketPrefix: 'shop-tfstate', region: 'us-west-2' });

    expect(backendOf(primary)).toEqual({
      s3: {
        bucket: 'shop-tfstate-us-east-1',
        key: 'shop-us-east-1/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        kms_key_id: 'alias/shop-tfstate-us-east-1',
        use_lockfile: true,
      },
    });
    expect(backendOf(standby).s3).toMatchObject({
      bucket: 'shop-tfstate-us-west-2',
      key: 'shop-us-west-2/terraform.tfstate',
      region: 'us-west-2',
      kms_key_id: 'alias/shop-tfstate-us-west-2',
      use_lockfile: true,
    });
    // No DynamoDB lock table: S3 conditional writes lock the state (Terraform >= 1.10).
    expect(backendOf(standby).s3.dynamodb_table).toBeUndefined();
  });

  test('exposes the backend, bucket, key and region', () => {
    const stack = regionStack(Testing.app(), 'shop-eu-west-1', 'eu-west-1');
    const state = new StateBackend(stack, 'State', { bucketPrefix: 'shop-tfstate', region: 'eu-west-1', keyPrefix: 'team/shop' });
    expect(state.backend).toBeInstanceOf(S3Backend);
    expect(state.bucketName).toBe('shop-tfstate-eu-west-1');
    expect(state.key).toBe('team/shop/shop-eu-west-1/terraform.tfstate');
    expect(state.region).toBe('eu-west-1');
  });

  test('keyPrefix goes above the stack folder; kmsKeyId replaces the bootstrap key', () => {
    const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(backendOf(build({ keyPrefix: 'platform/shop', kmsKeyId: arn })).s3).toMatchObject({
      key: 'platform/shop/shop-eu-west-1/terraform.tfstate',
      kms_key_id: arn,
    });
  });

  test('the bucket name is shared with the bootstrap app', () => {
    expect(stateBucketName('shop-tfstate', 'ap-southeast-7')).toBe('shop-tfstate-ap-southeast-7');
    expect(StateBackend.bucketNameFor('shop-tfstate', 'us-east-1')).toBe('shop-tfstate-us-east-1');
    expect(StateBackend.keyAliasFor('shop-tfstate', 'us-east-1')).toBe('alias/shop-tfstate-us-east-1');
    expect(() => stateBucketName('Shop', 'us-east-1')).toThrow(/bucketPrefix \("Shop"\)/);
  });

  test.each([
    ['', /bucketPrefix \(""\) must be lowercase/],
    ['Shop-State', /bucketPrefix \("Shop-State"\) must be lowercase/],
    ['-shop', /bucketPrefix/],
    ['shop_state', /bucketPrefix/],
    ['shop.state', /bucketPrefix/],
    ['xn--shop', /bucketPrefix .*must not start with "xn--"/],
    ['sthree-shop', /must not start with "sthree-"/],
    ['a'.repeat(60), /bucketPrefix .*has 70 characters; S3 allows 3 to 63/],
  ])('rejects bucketPrefix %j', (bucketPrefix, message) => {
    expect(() => build({ bucketPrefix })).toThrow(message);
  });

  test('accepts a prefix that makes a name of exactly 63 characters', () => {
    const bucketPrefix = 'a'.repeat(63 - '-eu-west-1'.length);
    expect(backendOf(build({ bucketPrefix })).s3.bucket).toHaveLength(63);
  });

  test.each([
    ['', /region \(""\) must be a literal region name/],
    ['US-EAST-1', /region/],
    ['us-east', /region/],
    ['us east 1', /region/],
  ])('rejects region %j', (region, message) => {
    expect(() => build({ region })).toThrow(message);
  });

  test.each(['/shop', 'shop/', 'a//b', 'team shop', '', 'ä'])('rejects keyPrefix %j', (keyPrefix) => {
    expect(() => build({ keyPrefix })).toThrow(/keyPrefix/);
  });

  test('rejects references: a backend block is read before anything is evaluated', () => {
    const stack = regionStack(Testing.app(), 'shop-eu-west-1', 'eu-west-1');
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' });
    expect(() => new StateBackend(stack, 'State', { bucketPrefix: prefix.stringValue, region: 'eu-west-1', kmsKeyId: prefix.stringValue }))
      .toThrow(/bucketPrefix .*literal.*; kmsKeyId .*literal/);
  });

  test('names every problem at once, and unknown props', () => {
    const stack = regionStack(Testing.app(), 'shop-eu-west-1', 'eu-west-1');
    const props = { bucketPrefix: 'Bad', region: '', keyPrefix: '/x', kmsKeyId: ' ', bukcetPrefix: 'x' } as any;
    expect(() => new StateBackend(stack, 'State', props))
      .toThrow(/Invalid aws\.StateBackend "State": bukcetPrefix is not a known prop.*bucketPrefix.*region.*keyPrefix.*kmsKeyId/);
  });

  test('a stack has one backend', () => {
    const stack = build();
    expect(() => new StateBackend(stack, 'Again', { bucketPrefix: 'shop-tfstate', region: 'eu-west-1' }))
      .toThrow(/scope stack "shop-eu-west-1" already has a backend/);
  });

  testWithTerraform('passes terraform validate', () => {
    expect(validateStackJson(Testing.synth(build()))).toEqual([]);
  });

  // validate drops the backend, so `terraform init` checks the backend block itself: it must fail
  // only where it calls AWS (no credentials here), never on the settings (use_lockfile, kms_key_id).
  testWithTerraform('terraform init accepts the backend settings', () => {
    if (!terraformAvailability().ok) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-backend-'));
    const synthesized = JSON.parse(Testing.synth(build()));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { backend: synthesized.terraform.backend } }));
    // No credential check, no retries, path-style: the first call goes straight to the dead endpoint.
    const fastFail = ['skip_credentials_validation=true', 'skip_requesting_account_id=true', 'skip_metadata_api_check=true',
      'max_retries=0', 'use_path_style=true'].map((setting) => `-backend-config=${setting}`);
    const init = spawnSync('terraform', ['init', '-input=false', '-no-color', ...fastFail], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEONLY00000',
        AWS_SECRET_ACCESS_KEY: 'dummy',
        AWS_EC2_METADATA_DISABLED: 'true',
        // Unreachable endpoints: fail fast where the backend first calls AWS.
        AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
        AWS_MAX_ATTEMPTS: '1',
      },
    });
    const output = `${init.stdout}${init.stderr}`;
    expect(output).not.toMatch(/Invalid|Unsupported argument|Missing required/);
    expect(output).toMatch(/Initializing the backend/);
    expect(output).toMatch(/127\.0\.0\.1:9/);
  });
});

// Synthesizes every bundled example as `cdktf synth` would, then checks what matters and runs terraform validate.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { testWithTerraform, validateOutdir } from './util/terraform';

function synthExample(name: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => require(`../examples/${name}/main`));
  } finally {
    delete process.env.CDKTF_OUTDIR;
  }
  return outdir;
}

const readStack = (outdir: string, stack: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

describe('examples/aws-single-region', () => {
  const outdir = synthExample('aws-single-region');
  const tf = readStack(outdir, 'shop-us-east-1');
  const values = (type: string): any[] => Object.values(tf.resource[type] ?? {});

  test('synthesizes one stack for us-east-1', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['shop-us-east-1']);
    expect(tf.provider.aws[0].region).toBe('us-east-1');
  });

  test('is zone-redundant in every tier', () => {
    expect(values('aws_lb')[0].subnets).toHaveLength(3);
    expect(values('aws_autoscaling_group')[0].vpc_zone_identifier).toHaveLength(3);
    expect(values('aws_nat_gateway')).toHaveLength(3);
    const [primary] = values('aws_db_instance').filter((db) => !db.replicate_source_db);
    expect(primary).toMatchObject({ engine: 'mysql', multi_az: true, storage_encrypted: true, deletion_protection: true });
    expect(values('aws_db_instance').filter((db) => db.replicate_source_db)).toHaveLength(1);
  });

  test('health checks, TLS and IMDSv2', () => {
    expect(values('aws_lb_target_group')[0].health_check).toMatchObject({ path: '/health', port: 'traffic-port' });
    expect(values('aws_lb_listener').find((l) => l.port === 443).ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(values('aws_launch_template')[0].metadata_options).toMatchObject({ http_tokens: 'required' });
  });

  test('matches the snapshot', () => {
    // The local backend's state path is absolute, so it differs between clones.
    const portable = JSON.parse(JSON.stringify(tf).split(process.cwd()).join('<root>'));
    expect(portable).toMatchSnapshot();
  });

  testWithTerraform('every stack passes terraform validate', () => {
    const diagnostics = validateOutdir(outdir);
    expect(Object.keys(diagnostics)).toEqual(['shop-us-east-1']);
    for (const stack of Object.values(diagnostics)) expect(stack).toEqual([]);
  });
});

import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DtsReplication, DtsReplicationProps } from '../../lib/alicloud/dts-replication';
import { Provider } from '../../lib/alicloud/provider';
import { DatabaseEngine } from '../../lib/core/enums';
import { expectSchemaConformant } from '../util/alicloud-schema';

const BASE: DtsReplicationProps = {
  sourceInstanceId: 'rm-primary1',
  sourceRegion: 'cn-hangzhou',
  destinationInstanceId: 'rm-standby1',
  destinationRegion: 'cn-shanghai',
  engine: DatabaseEngine.MYSQL,
  accountName: 'dbadmin',
  passwordVariableName: 'shop_db_master_password',
  databases: ['shop'],
};

function stackIn(region: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'standby');
  new Provider(stack, 'Alicloud', { region });
  return stack;
}

function synth(props: Partial<DtsReplicationProps> = {}, region = 'cn-shanghai'): any {
  const stack = stackIn(region);
  new DtsReplication(stack, 'Replication', { ...BASE, ...props } as DtsReplicationProps);
  return JSON.parse(Testing.synth(stack));
}

function only(tf: any, type: string): any {
  const all = Object.values(tf.resource[type]) as any[];
  expect(all).toHaveLength(1);
  return all[0];
}

describe('alicloud.DtsReplication', () => {
  test('defaults: a pay-as-you-go one-way MySQL instance, small class, between the two regions', () => {
    const instance = only(synth(), 'alicloud_dts_synchronization_instance');
    expect(instance).toEqual({
      payment_type: 'PayAsYouGo',
      source_endpoint_engine_name: 'MySQL',
      source_endpoint_region: 'cn-hangzhou',
      destination_endpoint_engine_name: 'MySQL',
      destination_endpoint_region: 'cn-shanghai',
      instance_class: 'small',
      sync_architecture: 'oneway',
    });
  });

  test('defaults: the job copies schema, data and changes from RDS to RDS and runs', () => {
    const tf = synth();
    const [instanceName] = Object.keys(tf.resource.alicloud_dts_synchronization_instance);
    const job = only(tf, 'alicloud_dts_synchronization_job');
    expect(job.dts_instance_id).toBe(`\${alicloud_dts_synchronization_instance.${instanceName}.id}`);
    expect(job.dts_job_name).toBe('standby-replication');
    expect(job.instance_class).toBe('small');
    expect(job.source_endpoint_instance_type).toBe('RDS');
    expect(job.source_endpoint_instance_id).toBe('rm-primary1');
    expect(job.source_endpoint_engine_name).toBe('MySQL');
    expect(job.source_endpoint_region).toBe('cn-hangzhou');
    expect(job.source_endpoint_user_name).toBe('dbadmin');
    expect(job.destination_endpoint_instance_type).toBe('RDS');
    expect(job.destination_endpoint_instance_id).toBe('rm-standby1');
    expect(job.destination_endpoint_engine_name).toBe('MySQL');
    expect(job.destination_endpoint_region).toBe('cn-shanghai');
    expect(job.destination_endpoint_user_name).toBe('dbadmin');
    expect(job.structure_initialization).toBe(true);
    expect(job.data_initialization).toBe(true);
    expect(job.data_synchronization).toBe(true);
    expect(job.status).toBe('Synchronizing');
    // MySQL endpoints take no connection database.
    expect(job.source_endpoint_database_name).toBeUndefined();
    expect(job.destination_endpoint_database_name).toBeUndefined();
    expect(JSON.parse(job.db_list)).toEqual({ shop: { name: 'shop', all: true } });
  });

  test('the password is only a reference to a new sensitive variable without default', () => {
    const tf = synth();
    const job = only(tf, 'alicloud_dts_synchronization_job');
    expect(job.source_endpoint_password).toBe('${var.shop_db_master_password}');
    expect(job.destination_endpoint_password).toBe('${var.shop_db_master_password}');
    const variable = tf.variable.shop_db_master_password;
    expect(variable.sensitive).toBe(true);
    expect(variable.nullable).toBe(false);
    expect(variable.type).toBe('string');
    expect(variable).not.toHaveProperty('default');
    expect(Object.keys(tf.variable)).toEqual(['shop_db_master_password']);
  });

  test('several databases: each whole under its own name', () => {
    const job = only(synth({ databases: ['shop', 'billing', 'audit_log'] }), 'alicloud_dts_synchronization_job');
    expect(JSON.parse(job.db_list)).toEqual({
      shop: { name: 'shop', all: true },
      billing: { name: 'billing', all: true },
      audit_log: { name: 'audit_log', all: true },
    });
  });

  test('PostgreSQL: engine names and the connection database on both endpoints', () => {
    const tf = synth({ engine: DatabaseEngine.POSTGRES, databases: ['shop'] });
    const instance = only(tf, 'alicloud_dts_synchronization_instance');
    expect(instance.source_endpoint_engine_name).toBe('PostgreSQL');
    expect(instance.destination_endpoint_engine_name).toBe('PostgreSQL');
    const job = only(tf, 'alicloud_dts_synchronization_job');
    expect(job.source_endpoint_engine_name).toBe('PostgreSQL');
    expect(job.destination_endpoint_engine_name).toBe('PostgreSQL');
    expect(job.source_endpoint_database_name).toBe('shop');
    expect(job.destination_endpoint_database_name).toBe('shop');
    expect(JSON.parse(job.db_list)).toEqual({ shop: { name: 'shop', all: true } });
  });

  test('class and initialization can be set; instance and job classes stay in step', () => {
    const tf = synth({ instanceClass: 'xxlarge', synchronizeExisting: false });
    expect(only(tf, 'alicloud_dts_synchronization_instance').instance_class).toBe('xxlarge');
    const job = only(tf, 'alicloud_dts_synchronization_job');
    expect(job.instance_class).toBe('xxlarge');
    expect(job.structure_initialization).toBe(false);
    expect(job.data_initialization).toBe(false);
    expect(job.data_synchronization).toBe(true);
  });

  test('instance ids from other stacks as tokens; ids exposed', () => {
    const stack = stackIn('cn-shanghai');
    const source = new TerraformVariable(stack, 'source', { type: 'string' });
    const destination = new TerraformVariable(stack, 'destination', { type: 'string' });
    const replication = new DtsReplication(stack, 'Replication', {
      ...BASE, sourceInstanceId: source.stringValue, destinationInstanceId: destination.stringValue,
    });
    expect(replication.passwordVariableName).toBe('shop_db_master_password');
    new TerraformOutput(stack, 'ids', { value: [replication.instanceId, replication.jobId] });
    const tf = JSON.parse(Testing.synth(stack));
    const [instanceName] = Object.keys(tf.resource.alicloud_dts_synchronization_instance);
    const [jobName] = Object.keys(tf.resource.alicloud_dts_synchronization_job);
    expect(tf.output.ids.value).toEqual([
      `\${alicloud_dts_synchronization_instance.${instanceName}.id}`,
      `\${alicloud_dts_synchronization_job.${jobName}.id}`,
    ]);
    const job = only(tf, 'alicloud_dts_synchronization_job');
    expect(job.source_endpoint_instance_id).toBe('${var.source}');
    expect(job.destination_endpoint_instance_id).toBe('${var.destination}');
  });

  test('no secret literal in the synthesized JSON', () => {
    const text = JSON.stringify(synth());
    expect(text).not.toMatch(/"(source|destination)_endpoint_password":"(?!\$\{var\.)/);
  });

  test('schema conformance', () => {
    expectSchemaConformant(synth());
    expectSchemaConformant(synth({ engine: DatabaseEngine.POSTGRES, instanceClass: 'micro', synchronizeExisting: false }));
  });

  test.each<[string, Partial<DtsReplicationProps>, RegExp]>([
    ['no source instance', { sourceInstanceId: undefined }, /sourceInstanceId/],
    ['blank destination instance', { destinationInstanceId: ' ' }, /destinationInstanceId/],
    ['the same instance on both ends', { destinationInstanceId: 'rm-primary1' }, /destinationInstanceId .*is the source instance/],
    ['unknown source region', { sourceRegion: 'cn-mars' }, /sourceRegion \("cn-mars"\)/],
    ['unknown destination region', { destinationRegion: 'eu-mars-1' }, /destinationRegion \("eu-mars-1"\)/],
    ['the same region', { sourceRegion: 'cn-shanghai' }, /destinationRegion .*is the source region/],
    ['aurora engine', { engine: DatabaseEngine.AURORA_MYSQL }, /engine \("aurora-mysql"\) is an AWS engine/],
    ['unknown engine', { engine: 'oracle' as any }, /engine \("oracle"\)/],
    ['bad account name', { accountName: 'Admin!' }, /accountName/],
    ['bad variable name', { passwordVariableName: '1password' }, /passwordVariableName/],
    ['no databases (whole instance)', { databases: undefined }, /databases .*no documented "whole instance"/],
    ['empty databases', { databases: [] }, /databases/],
    ['bad database name', { databases: ['shop', 'Bad-Name'] }, /databases\[1\]/],
    ['duplicate database', { databases: ['shop', 'shop'] }, /databases\[1\] \("shop"\) is listed twice/],
    ['two PostgreSQL databases', { engine: DatabaseEngine.POSTGRES, databases: ['a1', 'b1'] }, /exactly one database for PostgreSQL/],
    ['unknown instance class', { instanceClass: '2xlarge' }, /instanceClass \("2xlarge"\) must be one of "micro"/],
    ['non-boolean synchronizeExisting', { synchronizeExisting: 'yes' as any }, /synchronizeExisting/],
    ['misspelt prop', { database: ['shop'] } as any, /database is not a known prop/],
  ])('rejects %s', (_name, props, error) => {
    expect(() => synth(props)).toThrow(error);
  });

  test('rejects a destination that is not this stack\'s region', () => {
    expect(() => synth({}, 'cn-hangzhou')).toThrow(/destinationRegion .*is not this stack's region/);
  });

  test('reports every problem at once, before any resource', () => {
    const stack = stackIn('cn-shanghai');
    let message = '';
    try {
      new DtsReplication(stack, 'R', { ...BASE, sourceRegion: 'x', instanceClass: 'huge', databases: [] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/sourceRegion/);
    expect(message).toMatch(/instanceClass/);
    expect(message).toMatch(/databases/);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test('a region token is rejected (regions are literals)', () => {
    const stack = stackIn('cn-shanghai');
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    expect(() => new DtsReplication(stack, 'R', { ...BASE, sourceRegion: region.stringValue })).toThrow(/sourceRegion/);
  });

  test('non-object props', () => {
    expect(() => new DtsReplication(stackIn('cn-shanghai'), 'R', undefined as any)).toThrow(/props/);
  });
});

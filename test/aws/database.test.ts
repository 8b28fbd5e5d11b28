import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { DatabaseEngine } from '../../lib/core/enums';
import { Database, DatabaseProps } from '../../lib/aws/database';
import { IConnectable, INetwork } from '../../lib/aws/interfaces';
import { expectAllValid, testWithTerraform } from '../util/terraform';

const network: INetwork = {
  vpcId: 'vpc-0123',
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b', 'subnet-pub-c'],
  privateSubnetIds: ['subnet-app-a', 'subnet-app-b', 'subnet-app-c'],
  isolatedSubnetIds: ['subnet-data-a', 'subnet-data-b', 'subnet-data-c'],
};
const appTier: IConnectable = { securityGroupId: 'sg-app' };

type Extra = Partial<DatabaseProps> & { [key: string]: unknown };

function mysql(extra: Extra = {}): DatabaseProps {
  return { network, engine: DatabaseEngine.MYSQL, instanceClass: 'db.r6g.large', ...extra } as DatabaseProps;
}
function postgres(extra: Extra = {}): DatabaseProps {
  return mysql({ engine: DatabaseEngine.POSTGRES, ...extra });
}
function aurora(extra: Extra = {}): DatabaseProps {
  return mysql({ engine: DatabaseEngine.AURORA_MYSQL, ...extra });
}

interface Synthesized {
  json: string;
  parsed: any;
  database: Database;
}

function synth(props: DatabaseProps, configure?: (db: Database) => void): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const database = new Database(stack, 'Db', props);
  configure?.(database);
  new TerraformOutput(stack, 'writer', { value: database.endpointAddress });
  new TerraformOutput(stack, 'reader', { value: database.readerEndpointAddress });
  new TerraformOutput(stack, 'readers', { value: database.readerEndpointAddresses });
  if (database.masterUserSecretArn) new TerraformOutput(stack, 'secret', { value: database.masterUserSecretArn });
  new TerraformOutput(stack, 'arn', { value: database.arn });
  new TerraformOutput(stack, 'identifier', { value: database.identifier });
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json), database };
}

function resources(parsed: any, type: string): any[] {
  return Object.values(parsed.resource?.[type] ?? {});
}
function resourceNames(parsed: any, type: string): string[] {
  return Object.keys(parsed.resource?.[type] ?? {});
}
function only(parsed: any, type: string): any {
  const all = resources(parsed, type);
  expect(all).toHaveLength(1);
  return all[0];
}
/** Instances in identifier order (the JSON orders resources by name). */
function byIdentifier(instances: any[]): any[] {
  return [...instances].sort((a, b) => a.identifier.localeCompare(b.identifier));
}
/** Every key anywhere in a JSON value. */
function allKeys(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      found.add(key);
      allKeys(v, found);
    }
  }
  return found;
}
function output(parsed: any, name: string): unknown {
  return parsed.output[name].value;
}

describe('aws.Database with MySQL', () => {
  const { parsed, database } = synth(mysql());
  const primary = only(parsed, 'aws_db_instance');
  const keyName = resourceNames(parsed, 'aws_kms_key')[0];

  test('is Multi-AZ, private, gp3 and encrypted with its own KMS key', () => {
    expect(resourceNames(parsed, 'aws_kms_key')).toHaveLength(1);
    expect(primary).toMatchObject({
      engine: 'mysql',
      engine_version: '8.4',
      instance_class: 'db.r6g.large',
      multi_az: true,
      publicly_accessible: false,
      storage_type: 'gp3',
      allocated_storage: 50,
      max_allocated_storage: 100,
      storage_encrypted: true,
      kms_key_id: `\${aws_kms_key.${keyName}.arn}`,
      port: 3306,
      identifier: 'test-db',
    });
    expect(primary.availability_zone).toBeUndefined();
    expect(only(parsed, 'aws_kms_key').enable_key_rotation).toBe(true);
  });

  test('lets RDS manage the master password in Secrets Manager; no password anywhere', () => {
    expect(primary).toMatchObject({
      username: 'dbadmin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: `\${aws_kms_key.${keyName}.arn}`,
    });
    const keys = allKeys(parsed);
    for (const forbidden of ['password', 'password_wo', 'master_password']) expect(keys.has(forbidden)).toBe(false);
    expect(output(parsed, 'secret')).toMatch(/^\$\{aws_db_instance\.\w+\.master_user_secret\[0\]\.secret_arn\}$/);
  });

  test('keeps 35 days of point-in-time restore, deletion protection and a final snapshot', () => {
    expect(primary).toMatchObject({
      backup_retention_period: 35,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'test-db-final-snapshot',
      delete_automated_backups: false,
      copy_tags_to_snapshot: true,
    });
  });

  test('requires TLS in its parameter group and uses the current CA', () => {
    const group = only(parsed, 'aws_db_parameter_group');
    expect(group.family).toBe('mysql8.4');
    expect(group.parameter).toContainEqual({ name: 'require_secure_transport', value: '1' });
    expect(group.lifecycle).toEqual({ create_before_destroy: true });
    expect(primary.parameter_group_name).toBe(`\${aws_db_parameter_group.${resourceNames(parsed, 'aws_db_parameter_group')[0]}.name}`);
    expect(primary.ca_cert_identifier).toBe('rds-ca-rsa2048-g1');
  });

  test('has Enhanced Monitoring, Performance Insights, IAM auth, minor upgrades and log exports', () => {
    const role = only(parsed, 'aws_iam_role');
    const roleName = resourceNames(parsed, 'aws_iam_role')[0];
    expect(primary).toMatchObject({
      monitoring_interval: 60,
      monitoring_role_arn: `\${aws_iam_role.${roleName}.arn}`,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: `\${aws_kms_key.${keyName}.arn}`,
      performance_insights_retention_period: 7,
      iam_database_authentication_enabled: true,
      auto_minor_version_upgrade: true,
      enabled_cloudwatch_logs_exports: ['error', 'slowquery'],
    });
    expect(primary.depends_on).toEqual([`aws_iam_role_policy_attachment.${resourceNames(parsed, 'aws_iam_role_policy_attachment')[0]}`]);
    expect(role.name_prefix).toBe('test-db-monitoring-');
    const trust = Object.values(parsed.data.aws_iam_policy_document)[0] as any;
    expect(trust.statement[0].principals).toEqual([{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }]);
    expect(only(parsed, 'aws_iam_role_policy_attachment').policy_arn)
      .toMatch(/^arn:\$\{data\.aws_partition\.\w+\.partition\}:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/);
  });

  test('puts its subnet group over the isolated subnets of every zone', () => {
    const group = only(parsed, 'aws_db_subnet_group');
    expect(group.subnet_ids).toEqual(network.isolatedSubnetIds);
    expect(primary.db_subnet_group_name).toBe(`\${aws_db_subnet_group.${resourceNames(parsed, 'aws_db_subnet_group')[0]}.name}`);
  });

  test('has a security group without any rule and no replica', () => {
    const group = only(parsed, 'aws_security_group');
    expect(group.vpc_id).toBe('vpc-0123');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(resources(parsed, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    expect(resources(parsed, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
    expect(primary.vpc_security_group_ids).toEqual([`\${aws_security_group.${resourceNames(parsed, 'aws_security_group')[0]}.id}`]);
    expect(database.replicas).toHaveLength(0);
    expect(output(parsed, 'reader')).toBe(output(parsed, 'writer'));
    expect(output(parsed, 'readers')).toEqual([]);
  });

  test('exposes the primary as escape hatch and the endpoint as tokens', () => {
    expect(database.instance).toBeDefined();
    expect(database.cluster).toBeUndefined();
    expect(database.port).toBe(3306);
    expect(database.engine).toBe(DatabaseEngine.MYSQL);
    expect(output(parsed, 'writer')).toMatch(/^\$\{aws_db_instance\.\w+\.address\}$/);
    expect(output(parsed, 'arn')).toMatch(/^\$\{aws_db_instance\.\w+\.arn\}$/);
    expect(output(parsed, 'identifier')).toMatch(/^\$\{aws_db_instance\.\w+\.identifier\}$/);
  });
});

describe('aws.Database allowFrom', () => {
  test('adds exactly one ingress from the peer on the database port, and its egress', () => {
    const { parsed } = synth(mysql(), (db) => db.allowFrom(appTier, 'app to database'));
    const sgRef = `\${aws_security_group.${resourceNames(parsed, 'aws_security_group')[0]}.id}`;
    const ingress = only(parsed, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toMatchObject({
      security_group_id: sgRef, referenced_security_group_id: 'sg-app',
      ip_protocol: 'tcp', from_port: 3306, to_port: 3306, description: 'app to database',
    });
    expect(ingress.cidr_ipv4).toBeUndefined();
    expect(only(parsed, 'aws_vpc_security_group_egress_rule')).toMatchObject({
      security_group_id: 'sg-app', referenced_security_group_id: sgRef, from_port: 3306, to_port: 3306,
    });
  });

  test('uses port 5432 for PostgreSQL and allows several peers', () => {
    const { parsed } = synth(postgres(), (db) => {
      db.allowFrom(appTier);
      db.allowFrom({ securityGroupId: 'sg-bastion' });
    });
    const ingress = resources(parsed, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.map((r) => [r.referenced_security_group_id, r.from_port])).toEqual([['sg-app', 5432], ['sg-bastion', 5432]]);
  });
});

describe('aws.Database read replicas', () => {
  const { parsed, database } = synth(mysql({ readReplicas: 2 }));
  const names = resourceNames(parsed, 'aws_db_instance');
  const all = resources(parsed, 'aws_db_instance');
  const primaryName = names[all.findIndex((i) => i.replicate_source_db === undefined)];
  const replicas = all.filter((i) => i.replicate_source_db !== undefined);

  test('creates the replicas from the primary, in the zones after the first', () => {
    expect(replicas).toHaveLength(2);
    expect(database.replicas).toHaveLength(2);
    for (const replica of replicas) {
      expect(replica.replicate_source_db).toBe(`\${aws_db_instance.${primaryName}.identifier}`);
    }
    expect(replicas.map((r) => r.availability_zone)).toEqual(['eu-west-1b', 'eu-west-1c']);
    expect(replicas.map((r) => r.identifier)).toEqual(['test-db-replica-1', 'test-db-replica-2']);
  });

  test('encrypts them with the same key, keeps them private, without credentials or subnet group', () => {
    const primary = all.find((i) => i.replicate_source_db === undefined);
    for (const replica of replicas) {
      expect(replica).toMatchObject({
        storage_encrypted: true,
        kms_key_id: primary.kms_key_id,
        publicly_accessible: false,
        vpc_security_group_ids: primary.vpc_security_group_ids,
        parameter_group_name: primary.parameter_group_name,
        deletion_protection: true,
        skip_final_snapshot: true,
        instance_class: 'db.r6g.large',
      });
      for (const absent of ['username', 'manage_master_user_password', 'db_subnet_group_name', 'multi_az', 'backup_retention_period']) {
        expect(replica[absent]).toBeUndefined();
      }
    }
  });

  test('reads go to the first replica; every replica is listed', () => {
    expect(output(parsed, 'reader')).toMatch(/^\$\{aws_db_instance\.\w*Replica1\w*\.address\}$/);
    expect(output(parsed, 'readers')).toHaveLength(2);
  });

  test('wrap around the zones', () => {
    const five = resources(synth(postgres({ readReplicas: 5 })).parsed, 'aws_db_instance').filter((i) => i.replicate_source_db);
    expect(five.map((r) => r.availability_zone)).toEqual(['eu-west-1b', 'eu-west-1c', 'eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });
});

describe('aws.Database with PostgreSQL', () => {
  const { parsed, database } = synth(postgres());
  const primary = only(parsed, 'aws_db_instance');

  test('defaults to PostgreSQL 17 on port 5432 with rds.force_ssl and its log exports', () => {
    expect(primary).toMatchObject({
      engine: 'postgres', engine_version: '17', port: 5432, multi_az: true,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
    });
    const group = only(parsed, 'aws_db_parameter_group');
    expect(group.family).toBe('postgres17');
    expect(group.parameter).toEqual([{ name: 'rds.force_ssl', value: '1' }]);
    expect(database.port).toBe(5432);
  });

  test('derives the parameter-group family from a given version', () => {
    expect(only(synth(postgres({ engineVersion: '16.4' })).parsed, 'aws_db_parameter_group').family).toBe('postgres16');
    expect(only(synth(mysql({ engineVersion: '8.0' })).parsed, 'aws_db_parameter_group').family).toBe('mysql8.0');
  });
});

describe('aws.Database with Aurora MySQL', () => {
  const { parsed, database } = synth(aurora({ readReplicas: 2 }));
  const cluster = only(parsed, 'aws_rds_cluster');
  const clusterName = resourceNames(parsed, 'aws_rds_cluster')[0];
  const instances = byIdentifier(resources(parsed, 'aws_rds_cluster_instance'));

  test('creates an encrypted cluster with managed password, backups, protection and final snapshot', () => {
    expect(cluster).toMatchObject({
      engine: 'aurora-mysql',
      engine_version: '8.0.mysql_aurora.3.10.3',
      cluster_identifier: 'test-db',
      storage_encrypted: true,
      manage_master_user_password: true,
      master_username: 'dbadmin',
      backup_retention_period: 35,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'test-db-final-snapshot',
      copy_tags_to_snapshot: true,
      iam_database_authentication_enabled: true,
      enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'],
      port: 3306,
    });
    expect(cluster.kms_key_id).toMatch(/^\$\{aws_kms_key\.\w+\.arn\}$/);
    expect(cluster.master_user_secret_kms_key_id).toBe(cluster.kms_key_id);
    expect(cluster.allocated_storage).toBeUndefined();
    expect(resources(parsed, 'aws_db_instance')).toHaveLength(0);
    expect(allKeys(parsed).has('master_password')).toBe(false);
    expect(only(parsed, 'aws_db_subnet_group').subnet_ids).toEqual(network.isolatedSubnetIds);
    expect(cluster.db_subnet_group_name).toMatch(/^\$\{aws_db_subnet_group\.\w+\.name\}$/);
  });

  test('forces TLS and audit logging in the cluster parameter group', () => {
    const group = only(parsed, 'aws_rds_cluster_parameter_group');
    expect(group.family).toBe('aurora-mysql8.0');
    expect(group.parameter).toContainEqual({ name: 'require_secure_transport', value: 'ON' });
    expect(group.parameter).toContainEqual({ name: 'server_audit_logging', value: '1' });
    expect(cluster.db_cluster_parameter_group_name).toMatch(/^\$\{aws_rds_cluster_parameter_group\.\w+\.name\}$/);
    expect(only(parsed, 'aws_db_parameter_group').family).toBe('aurora-mysql8.0');
  });

  test('puts the writer and each reader in a distinct zone', () => {
    expect(instances).toHaveLength(3);
    expect(database.clusterInstances).toHaveLength(3);
    expect(instances.map((i) => i.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(instances.map((i) => i.promotion_tier)).toEqual([0, 1, 1]);
    expect(instances.map((i) => i.identifier)).toEqual(['test-db-instance-1', 'test-db-instance-2', 'test-db-instance-3']);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        cluster_identifier: `\${aws_rds_cluster.${clusterName}.id}`,
        engine: 'aurora-mysql',
        instance_class: 'db.r6g.large',
        publicly_accessible: false,
        monitoring_interval: 60,
        performance_insights_enabled: true,
        performance_insights_retention_period: 7,
        performance_insights_kms_key_id: cluster.kms_key_id,
        ca_cert_identifier: 'rds-ca-rsa2048-g1',
        auto_minor_version_upgrade: false,
      });
    }
  });

  test('reads go to the cluster reader endpoint; readers are listed', () => {
    expect(output(parsed, 'writer')).toBe(`\${aws_rds_cluster.${clusterName}.endpoint}`);
    expect(output(parsed, 'reader')).toBe(`\${aws_rds_cluster.${clusterName}.reader_endpoint}`);
    expect(output(parsed, 'readers')).toHaveLength(2);
    expect(output(parsed, 'secret')).toBe(`\${aws_rds_cluster.${clusterName}.master_user_secret[0].secret_arn}`);
    expect(output(parsed, 'arn')).toBe(`\${aws_rds_cluster.${clusterName}.arn}`);
    expect(database.cluster).toBeDefined();
    expect(database.instance).toBeUndefined();
    expect(database.replicas).toHaveLength(0);
  });

  test('defaults to one reader and wraps readers around the zones', () => {
    expect(resources(synth(aurora()).parsed, 'aws_rds_cluster_instance')).toHaveLength(2);
    const wrapped = byIdentifier(resources(synth(aurora({ readReplicas: 3 })).parsed, 'aws_rds_cluster_instance'));
    expect(wrapped.map((i) => i.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1a']);
  });

  test('runs a single instance only with multiAz: false', () => {
    expect(() => synth(aurora({ readReplicas: 0 }))).toThrow(/readReplicas \(0\) leaves an Aurora cluster in one zone/);
    expect(resources(synth(aurora({ readReplicas: 0, multiAz: false })).parsed, 'aws_rds_cluster_instance')).toHaveLength(1);
  });
});

describe('aws.Database props', () => {
  test('turns Performance Insights off by default on the classes that lack it', () => {
    for (const instanceClass of ['db.t3.micro', 'db.t4g.small']) {
      const primary = only(synth(mysql({ instanceClass })).parsed, 'aws_db_instance');
      expect(primary.performance_insights_enabled).toBe(false);
    }
    expect(only(synth(mysql({ instanceClass: 'db.t3.medium' })).parsed, 'aws_db_instance').performance_insights_enabled).toBe(true);
  });

  test('opt-outs and choices reach the instance', () => {
    const { parsed } = synth(mysql({
      multiAz: false,
      deletionProtection: false,
      backupRetentionDays: 7,
      allocatedStorageGb: 100,
      maxAllocatedStorageGb: 100,
      databaseName: 'shop',
      masterUsername: 'shop_admin',
      identifierPrefix: 'shop-prod',
      preferredBackupWindow: '01:00-01:30',
      preferredMaintenanceWindow: 'sun:03:00-sun:04:00',
      monitoringIntervalSeconds: 0,
      performanceInsights: false,
      instanceClass: 'db.t4g.medium',
    }));
    const primary = only(parsed, 'aws_db_instance');
    expect(primary).toMatchObject({
      multi_az: false,
      availability_zone: 'eu-west-1a',
      deletion_protection: false,
      backup_retention_period: 7,
      allocated_storage: 100,
      max_allocated_storage: 0,
      db_name: 'shop',
      username: 'shop_admin',
      identifier: 'shop-prod',
      final_snapshot_identifier: 'shop-prod-final-snapshot',
      backup_window: '01:00-01:30',
      maintenance_window: 'sun:03:00-sun:04:00',
      monitoring_interval: 0,
      performance_insights_enabled: false,
      instance_class: 'db.t4g.medium',
    });
    expect(primary.monitoring_role_arn).toBeUndefined();
    expect(primary.performance_insights_kms_key_id).toBeUndefined();
    expect(resources(parsed, 'aws_iam_role')).toHaveLength(0);
    expect(only(parsed, 'aws_db_subnet_group').name).toBe('shop-prod');
  });

  test('uses a given encryption key instead of creating one', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/abcd';
    const { parsed } = synth(mysql({ encryptionKey: { keyArn }, readReplicas: 1 }));
    expect(resources(parsed, 'aws_kms_key')).toHaveLength(0);
    for (const instance of resources(parsed, 'aws_db_instance')) expect(instance.kms_key_id).toBe(keyArn);
    // With read replicas the password cannot be managed by RDS (see 'read replicas need the password variable').
    expect(resources(parsed, 'aws_db_instance')[0].master_user_secret_kms_key_id).toBeUndefined();
    expect(only(synth(mysql({ encryptionKey: { keyArn } })).parsed, 'aws_db_instance').master_user_secret_kms_key_id).toBe(keyArn);
  });

  test('read replicas need the password variable: RDS replicates no instance whose password it manages', () => {
    const { parsed } = synth(mysql({ readReplicas: 1 }));
    const primary = resources(parsed, 'aws_db_instance').find((i) => !i.replicate_source_db);
    expect(primary.manage_master_user_password).toBeUndefined();
    expect(primary.password_wo).toMatch(/\$\{var\./);
    expect(Object.keys(parsed.variable)).toHaveLength(1);
    const { parsed: alone } = synth(mysql());
    expect(only(alone, 'aws_db_instance').manage_master_user_password).toBe(true);
    expect(alone.variable).toBeUndefined();
  });

  test('scales storage up to twice the allocation, at most 65536 GiB, off when no room is left', () => {
    expect(only(synth(mysql({ allocatedStorageGb: 200 })).parsed, 'aws_db_instance').max_allocated_storage).toBe(400);
    expect(only(synth(mysql({ allocatedStorageGb: 40000 })).parsed, 'aws_db_instance').max_allocated_storage).toBe(65536);
    expect(only(synth(mysql({ allocatedStorageGb: 65000 })).parsed, 'aws_db_instance').max_allocated_storage).toBe(0);
  });
});

describe('aws.Database rejects bad props', () => {
  const cases: [string, DatabaseProps, RegExp][] = [
    ['storage below 20 GiB', mysql({ allocatedStorageGb: 10 }), /allocatedStorageGb \(10\) must be an integer from 20 to 65536/],
    ['storage above 65536 GiB', mysql({ allocatedStorageGb: 70000 }), /allocatedStorageGb \(70000\)/],
    ['storage with Aurora', aurora({ allocatedStorageGb: 100 }), /allocatedStorageGb \(100\) cannot be set with aurora-mysql/],
    ['max storage with Aurora', aurora({ maxAllocatedStorageGb: 100 }), /maxAllocatedStorageGb \(100\) cannot be set with aurora-mysql/],
    ['max storage below storage', mysql({ allocatedStorageGb: 100, maxAllocatedStorageGb: 80 }), /maxAllocatedStorageGb \(80\) must equal allocatedStorageGb \(100/],
    ['max storage less than 10% above', mysql({ allocatedStorageGb: 100, maxAllocatedStorageGb: 105 }), /at least 10% above it \(≥ 110\)/],
    ['retention 0', mysql({ backupRetentionDays: 0 }), /backupRetentionDays \(0\) must be an integer from 1 to 35/],
    ['retention 36', mysql({ backupRetentionDays: 36 }), /backupRetentionDays \(36\)/],
    ['replicas -1', mysql({ readReplicas: -1 }), /readReplicas \(-1\) must be an integer from 0 to 5/],
    ['replicas 6', mysql({ readReplicas: 6 }), /readReplicas \(6\) must be an integer from 0 to 5/],
    ['replicas 1.5', mysql({ readReplicas: 1.5 }), /readReplicas \(1\.5\)/],
    ['Aurora readers 16', aurora({ readReplicas: 16 }), /readReplicas \(16\) must be an integer from 0 to 15/],
    ['instance class without db.', mysql({ instanceClass: 'r6g.large' }), /instanceClass \("r6g\.large"\) must be an RDS instance class/],
    ['serverless class', aurora({ instanceClass: 'db.serverless' }), /instanceClass/],
    ['database name with a dash', mysql({ databaseName: 'my-shop' }), /databaseName \("my-shop"\) must be a letter followed by/],
    ['database name starting with a digit', postgres({ databaseName: '1shop' }), /databaseName/],
    ['database name too long for PostgreSQL', postgres({ databaseName: 'a'.repeat(64) }), /at most 63 characters/],
    ['monitoring interval 45', mysql({ monitoringIntervalSeconds: 45 }), /monitoringIntervalSeconds \(45\) must be one of 0, 1, 5, 10, 15, 30, 60/],
    ['unknown prop', mysql({ databse: 'shop' }), /databse is not a known prop/],
    ['unknown engine', mysql({ engine: 'oracle' as DatabaseEngine }), /engine \("oracle"\) must be one of "mysql", "postgres", "aurora-mysql"/],
    ['bad engine version', mysql({ engineVersion: 'eight' }), /engineVersion \("eight"\) is not a mysql version/],
    ['Aurora version given as a major', aurora({ engineVersion: '8.0' }), /engineVersion \("8\.0"\) is not a aurora-mysql version/],
    ['admin on PostgreSQL', postgres({ masterUsername: 'admin' }), /masterUsername \("admin"\) is reserved by PostgreSQL/],
    ['rdsadmin', mysql({ masterUsername: 'rdsadmin' }), /masterUsername \("rdsadmin"\) is reserved by RDS/],
    ['MySQL user name over 16', mysql({ masterUsername: 'a'.repeat(17) }), /masterUsername .* at most 16 characters/],
    ['identifier prefix with uppercase', mysql({ identifierPrefix: 'Shop' }), /identifierPrefix \("Shop"\)/],
    ['identifier prefix with --', mysql({ identifierPrefix: 'shop--db' }), /identifierPrefix/],
    ['identifier prefix ending in -', mysql({ identifierPrefix: 'shop-' }), /identifierPrefix/],
    ['backup window of 10 minutes', mysql({ preferredBackupWindow: '01:00-01:10' }), /preferredBackupWindow \("01:00-01:10"\) must be "hh24:mi-hh24:mi"/],
    ['maintenance window malformed', mysql({ preferredMaintenanceWindow: 'sunday 3am' }), /preferredMaintenanceWindow/],
    ['overlapping windows', mysql({ preferredBackupWindow: '03:00-03:30', preferredMaintenanceWindow: 'sun:03:15-sun:04:00' }),
      /preferredBackupWindow \("03:00-03:30"\) must not overlap preferredMaintenanceWindow/],
    ['one isolated subnet', mysql({ network: { ...network, availabilityZones: ['eu-west-1a'], isolatedSubnetIds: ['subnet-a'] } }),
      /network\.isolatedSubnetIds \(1 subnets\) must hold one subnet in each of at least 2 zones/],
    ['zones not matching subnets', mysql({ network: { ...network, availabilityZones: ['eu-west-1a', 'eu-west-1b'] } }),
      /network\.availabilityZones \(2 zones\) must match/],
    ['multiAz not a boolean', mysql({ multiAz: 'yes' as unknown as boolean }), /multiAz \("yes"\) must be true or false/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('reports every problem at once, before creating anything', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    let error: Error | undefined;
    try {
      new Database(stack, 'Db', mysql({ allocatedStorageGb: 10, backupRetentionDays: 0, readReplicas: 9 }));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^Invalid aws\.Database "Db": /);
    expect(error?.message).toMatch(/allocatedStorageGb/);
    expect(error?.message).toMatch(/backupRetentionDays/);
    expect(error?.message).toMatch(/readReplicas/);
    expect(stack.node.findAll().filter((c) => c.node.path.includes('Db/'))).toHaveLength(0);
  });
});

describe('aws.Database terraform validate', () => {
});

const SOURCE_ARN = 'arn:aws:rds:eu-central-1:111122223333:db:shop-primary';
/** Every string value anywhere in a JSON value. */
function allStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, found));
  return found;
}
const CREDENTIALS = ['username', 'password', 'password_wo', 'password_wo_version', 'manage_master_user_password',
  'master_user_secret_kms_key_id', 'db_name', 'engine', 'engine_version'];

describe('aws.Database cross-region replica (MySQL/PostgreSQL)', () => {
  const { parsed, database } = synth(mysql({ crossRegionSourceArn: SOURCE_ARN, engineVersion: '8.0', allocatedStorageGb: 100 }));
  const names = resourceNames(parsed, 'aws_db_instance');
  const replica = only(parsed, 'aws_db_instance');
  const keyRef = `\${aws_kms_key.${resourceNames(parsed, 'aws_kms_key')[0]}.arn}`;

  test('replicates the source by ARN, encrypted with this region\'s key, Multi-AZ in this region\'s subnets', () => {
    expect(replica).toMatchObject({
      replicate_source_db: SOURCE_ARN,
      identifier: 'test-db',
      storage_encrypted: true,
      kms_key_id: keyRef,
      multi_az: true,
      db_subnet_group_name: `\${aws_db_subnet_group.${resourceNames(parsed, 'aws_db_subnet_group')[0]}.name}`,
      vpc_security_group_ids: [`\${aws_security_group.${resourceNames(parsed, 'aws_security_group')[0]}.id}`],
      parameter_group_name: `\${aws_db_parameter_group.${resourceNames(parsed, 'aws_db_parameter_group')[0]}.name}`,
      backup_retention_period: 35,
      storage_type: 'gp3',
      allocated_storage: 100,
      max_allocated_storage: 200,
      monitoring_interval: 60,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: keyRef,
      deletion_protection: true,
      publicly_accessible: false,
      // RDS takes no final snapshot of a read replica.
      skip_final_snapshot: true,
      delete_automated_backups: false,
    });
    expect(replica.final_snapshot_identifier).toBeUndefined();
    expect(only(parsed, 'aws_db_parameter_group').family).toBe('mysql8.0');
  });

  test('has no credentials, database name or engine version of its own', () => {
    for (const absent of CREDENTIALS) expect(replica[absent]).toBeUndefined();
    expect(parsed.variable).toBeUndefined();
    expect(database.masterUserSecretArn).toBeUndefined();
    expect(database.masterPasswordVariable).toBeUndefined();
  });

  test('exposes what it follows and its own ARN', () => {
    expect(database.isReplica).toBe(true);
    expect(database.replicationSourceArn).toBe(SOURCE_ARN);
    expect(output(parsed, 'arn')).toBe(`\${aws_db_instance.${names[0]}.arn}`);
    expect(database.globalCluster).toBeUndefined();
  });

  test('accepts a token from the primary stack and honours multiAz: false', () => {
    const app = Testing.app();
    const primaryStack = new TerraformStack(app, 'primary');
    new AwsProvider(primaryStack, 'aws', { region: 'eu-central-1' });
    const primary = new Database(primaryStack, 'Db', postgres({ crossRegionReplicas: true }));
    const standbyStack = new TerraformStack(app, 'standby');
    new AwsProvider(standbyStack, 'aws', { region: 'eu-west-1' });
    new Database(standbyStack, 'Db', postgres({ crossRegionSourceArn: primary.arn, multiAz: false }));
    app.synth();
    const standby = only(JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'standby', 'cdk.tf.json'), 'utf8')), 'aws_db_instance');
    expect(standby.replicate_source_db).toMatch(/^\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+\}$/);
    expect(standby).toMatchObject({ multi_az: false, availability_zone: 'eu-west-1a' });
  });
});

describe('aws.Database promoted replica', () => {
  const before = synth(postgres({ crossRegionSourceArn: SOURCE_ARN }));
  const after = synth(postgres({ promotedReplica: true }));
  const replica = only(before.parsed, 'aws_db_instance');
  const promoted = only(after.parsed, 'aws_db_instance');

  test('keeps the same resource address, so apply promotes in place', () => {
    expect(resourceNames(after.parsed, 'aws_db_instance')).toEqual(resourceNames(before.parsed, 'aws_db_instance'));
    expect(resourceNames(after.parsed, 'aws_kms_key')).toEqual(resourceNames(before.parsed, 'aws_kms_key'));
  });

  test('drops replicate_source_db and gains a final snapshot; nothing else changes', () => {
    expect(promoted.replicate_source_db).toBeUndefined();
    expect(promoted).toMatchObject({ skip_final_snapshot: false, final_snapshot_identifier: 'test-db-final-snapshot' });
    const { replicate_source_db: _source, skip_final_snapshot: _skip, ...replicaRest } = replica;
    const { skip_final_snapshot: _skip2, final_snapshot_identifier: _final, ...promotedRest } = promoted;
    expect(promotedRest).toEqual(replicaRest);
    for (const absent of CREDENTIALS) expect(promoted[absent]).toBeUndefined();
    expect(after.database.isReplica).toBe(false);
    expect(after.database.replicationSourceArn).toBeUndefined();
    expect(after.database.masterUserSecretArn).toBeUndefined();
  });
});

describe('aws.Database source of cross-region replicas', () => {
  const { parsed, database } = synth(mysql({ crossRegionReplicas: true, masterPasswordVersion: 3 }));
  const primary = only(parsed, 'aws_db_instance');

  test('takes its password from an ephemeral sensitive variable through the write-only argument', () => {
    expect(database.masterPasswordVariableName).toBe('test_db_master_password');
    expect(primary).toMatchObject({
      username: 'dbadmin',
      password_wo: '${var.test_db_master_password}',
      password_wo_version: 3,
      engine: 'mysql',
    });
    expect(primary.manage_master_user_password).toBeUndefined();
    expect(primary.master_user_secret_kms_key_id).toBeUndefined();
    expect(database.masterUserSecretArn).toBeUndefined();
    const variable = parsed.variable.test_db_master_password;
    expect(variable).toMatchObject({ type: 'string', sensitive: true, ephemeral: true, nullable: false });
    expect(variable.default).toBeUndefined();
    expect(variable.validation[0].condition).toContain('<= 41');
  });

  test('writes no password literal anywhere', () => {
    expect(allKeys(parsed).has('password')).toBe(false);
    expect(allKeys(parsed).has('master_password')).toBe(false);
    const passwordish = allStrings(parsed).filter((s) => /password/i.test(s) && !s.startsWith('${var.'));
    // Only descriptions and messages may mention the word.
    for (const text of passwordish) expect(text).toMatch(/ /);
  });

  test('PostgreSQL passwords may be up to 128 characters', () => {
    const variable = synth(postgres({ crossRegionReplicas: true })).parsed.variable.test_db_master_password;
    expect(variable.validation[0].condition).toContain('<= 128');
  });
});

describe('aws.Database Aurora global primary', () => {
  const { parsed, database } = synth(aurora({ auroraGlobal: { globalClusterIdentifier: 'shop-global' }, databaseName: 'shop' }));
  const cluster = only(parsed, 'aws_rds_cluster');
  const globalCluster = only(parsed, 'aws_rds_global_cluster');
  const globalName = resourceNames(parsed, 'aws_rds_global_cluster')[0];

  test('creates the encrypted, protected global cluster', () => {
    expect(globalCluster).toEqual({
      global_cluster_identifier: 'shop-global',
      engine: 'aurora-mysql',
      engine_version: '8.0.mysql_aurora.3.10.3',
      storage_encrypted: true,
      deletion_protection: true,
    });
    expect(database.globalCluster).toBeDefined();
    expect(database.globalClusterIdentifier).toBe('shop-global');
    expect(database.isReplica).toBe(false);
  });

  test('joins it as primary with a variable password (Secrets Manager does not manage global clusters)', () => {
    expect(cluster).toMatchObject({
      global_cluster_identifier: `\${aws_rds_global_cluster.${globalName}.id}`,
      master_username: 'dbadmin',
      master_password_wo: '${var.test_db_master_password}',
      master_password_wo_version: 1,
      database_name: 'shop',
      storage_encrypted: true,
    });
    expect(cluster.manage_master_user_password).toBeUndefined();
    expect(database.masterUserSecretArn).toBeUndefined();
    expect(parsed.variable.test_db_master_password).toMatchObject({ sensitive: true, ephemeral: true });
    expect(allKeys(parsed).has('master_password')).toBe(false);
  });
});

describe('aws.Database Aurora global secondary', () => {
  const { parsed, database } = synth(aurora({
    auroraGlobal: { globalClusterIdentifier: 'shop-global', secondary: true, writeForwarding: true },
    readReplicas: 2,
  }));
  const cluster = only(parsed, 'aws_rds_cluster');
  const clusterName = resourceNames(parsed, 'aws_rds_cluster')[0];

  test('joins the global cluster by identifier, with this region\'s key and write forwarding', () => {
    expect(cluster).toMatchObject({
      cluster_identifier: 'test-db',
      global_cluster_identifier: 'shop-global',
      enable_global_write_forwarding: true,
      engine: 'aurora-mysql',
      engine_version: '8.0.mysql_aurora.3.10.3',
      storage_encrypted: true,
      lifecycle: { ignore_changes: ['replication_source_identifier'] },
      enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'],
    });
    expect(cluster.kms_key_id).toMatch(/^\$\{aws_kms_key\.\w+\.arn\}$/);
    expect(cluster.db_subnet_group_name).toMatch(/^\$\{aws_db_subnet_group\.\w+\.name\}$/);
    expect(cluster.db_cluster_parameter_group_name).toMatch(/^\$\{aws_rds_cluster_parameter_group\.\w+\.name\}$/);
    expect(resources(parsed, 'aws_rds_global_cluster')).toHaveLength(0);
    expect(database.globalCluster).toBeUndefined();
    expect(database.isReplica).toBe(true);
  });

  test('has no master credentials and no variable', () => {
    for (const absent of ['master_username', 'master_password', 'master_password_wo', 'manage_master_user_password', 'database_name']) {
      expect(cluster[absent]).toBeUndefined();
    }
    expect(parsed.variable).toBeUndefined();
    expect(database.masterUserSecretArn).toBeUndefined();
  });

  test('puts the writer slot and readers in different zones', () => {
    const instances = byIdentifier(resources(parsed, 'aws_rds_cluster_instance'));
    expect(instances.map((i) => i.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    for (const instance of instances) expect(instance.cluster_identifier).toBe(`\${aws_rds_cluster.${clusterName}.id}`);
  });

  test('forwards no writes by default', () => {
    const secondary = only(synth(aurora({ auroraGlobal: { globalClusterIdentifier: 'shop-global', secondary: true } })).parsed, 'aws_rds_cluster');
    expect(secondary.enable_global_write_forwarding).toBe(false);
  });
});

describe('aws.Database rejects bad cross-region props', () => {
  const global = { globalClusterIdentifier: 'shop-global' };
  const cases: [string, DatabaseProps, RegExp][] = [
    ['replica of Aurora', aurora({ crossRegionSourceArn: SOURCE_ARN }), /crossRegionSourceArn cannot be set with aurora-mysql/],
    ['global with MySQL', mysql({ auroraGlobal: global }), /auroraGlobal cannot be set with "mysql"/],
    ['global with PostgreSQL', postgres({ auroraGlobal: global }), /auroraGlobal cannot be set with "postgres"/],
    ['source ARN of a cluster', mysql({ crossRegionSourceArn: 'arn:aws:rds:eu-central-1:111122223333:cluster:shop' }),
      /crossRegionSourceArn \("arn:aws:rds:eu-central-1:111122223333:cluster:shop"\) must be the ARN of an RDS DB instance/],
    ['source as an identifier', mysql({ crossRegionSourceArn: 'shop-primary' }), /crossRegionSourceArn \("shop-primary"\)/],
    ['source ARN with a short account', mysql({ crossRegionSourceArn: 'arn:aws:rds:eu-central-1:1111:db:shop' }), /crossRegionSourceArn/],
    ['replica and promoted', mysql({ crossRegionSourceArn: SOURCE_ARN, promotedReplica: true }), /promotedReplica \(true\) cannot be set with crossRegionSourceArn/],
    ['replica with a database name', mysql({ crossRegionSourceArn: SOURCE_ARN, databaseName: 'shop' }), /databaseName \("shop"\) cannot be set on a cross-region replica/],
    ['replica with a master user', postgres({ crossRegionSourceArn: SOURCE_ARN, masterUsername: 'owner' }), /masterUsername \("owner"\) cannot be set on a cross-region replica/],
    ['promoted with a master user', postgres({ promotedReplica: true, masterUsername: 'owner' }), /masterUsername \("owner"\) cannot be set on a promoted replica/],
    ['replica with same-region replicas', mysql({ crossRegionSourceArn: SOURCE_ARN, readReplicas: 1 }), /readReplicas \(1\) must be 0 on a cross-region replica/],
    ['replica that is also a source', mysql({ crossRegionSourceArn: SOURCE_ARN, crossRegionReplicas: true }), /crossRegionReplicas \(true\) cannot be set on a cross-region replica/],
    ['secondary with a database name', aurora({ auroraGlobal: { ...global, secondary: true }, databaseName: 'shop' }),
      /databaseName \("shop"\) cannot be set on an Aurora global secondary/],
    ['secondary with a master user', aurora({ auroraGlobal: { ...global, secondary: true }, masterUsername: 'owner' }), /masterUsername .* Aurora global secondary/],
    ['write forwarding on the primary', aurora({ auroraGlobal: { ...global, writeForwarding: true } }), /auroraGlobal\.writeForwarding \(true\) needs auroraGlobal\.secondary/],
    ['global identifier with --', aurora({ auroraGlobal: { globalClusterIdentifier: 'shop--global' } }), /auroraGlobal\.globalClusterIdentifier \("shop--global"\)/],
    ['global identifier starting with a digit', aurora({ auroraGlobal: { globalClusterIdentifier: '1shop' } }), /auroraGlobal\.globalClusterIdentifier/],
    ['global identifier too long', aurora({ auroraGlobal: { globalClusterIdentifier: 'a'.repeat(64) } }), /at most 63 characters/],
    ['misspelt global setting', aurora({ auroraGlobal: { ...global, secundary: true } as any }), /auroraGlobal\.secundary is not a known prop/],
    ['secondary not a boolean', aurora({ auroraGlobal: { ...global, secondary: 'yes' } as any }), /auroraGlobal\.secondary \("yes"\) must be true or false/],
    ['cross-region replicas with Aurora', aurora({ crossRegionReplicas: true }), /crossRegionReplicas \(true\) cannot be set with aurora-mysql/],
    ['promoted Aurora', aurora({ promotedReplica: true }), /promotedReplica cannot be set with aurora-mysql/],
    ['password version without a variable', mysql({ masterPasswordVersion: 2 }), /masterPasswordVersion \(2\) needs a password variable/],
    ['password version 0', mysql({ crossRegionReplicas: true, masterPasswordVersion: 0 }), /masterPasswordVersion \(0\) must be an integer/],
    ['promoted not a boolean', mysql({ promotedReplica: 'yes' as unknown as boolean }), /promotedReplica \("yes"\) must be true or false/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('reports replica problems together', () => {
    expect(() => synth(aurora({ crossRegionSourceArn: 'x', auroraGlobal: { globalClusterIdentifier: '-' }, promotedReplica: true })))
      .toThrow(/crossRegionSourceArn[\s\S]*promotedReplica[\s\S]*auroraGlobal\.globalClusterIdentifier/);
  });
});


// One batched terraform validate for every configuration above (one provider start instead of 8).
testWithTerraform('every configuration passes terraform validate', () => {
  expectAllValid({
    'MySQL with 2 replicas': synth(mysql({ readReplicas: 2 }), (db) => db.allowFrom(appTier)).json,
    'PostgreSQL': synth(postgres(), (db) => db.allowFrom(appTier)).json,
    'Aurora MySQL with 2 readers': synth(aurora({ readReplicas: 2 }), (db) => db.allowFrom(appTier)).json,
    'cross-region MySQL replica': synth(mysql({ crossRegionSourceArn: SOURCE_ARN }), (db) => db.allowFrom(appTier)).json,
    'promoted PostgreSQL replica': synth(postgres({ promotedReplica: true })).json,
    'PostgreSQL source of cross-region replicas (write-only password)': synth(postgres({ crossRegionReplicas: true })).json,
    'Aurora global primary': synth(aurora({ auroraGlobal: { globalClusterIdentifier: 'shop-global' } })).json,
    'Aurora global secondary with write forwarding': synth(aurora({
      auroraGlobal: { globalClusterIdentifier: 'shop-global', secondary: true, writeForwarding: true },
    }), (db) => db.allowFrom(appTier)).json,
  });
});

import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Database, DatabaseProps } from '../../lib/alicloud/database';
import { EncryptionKey } from '../../lib/alicloud/encryption-key';
import { IEncryptionKey, INetwork } from '../../lib/alicloud/interfaces';
import { Provider } from '../../lib/alicloud/provider';
import { DatabaseEngine } from '../../lib/core/enums';
import { expectSchemaConformant } from '../util/alicloud-schema';

const network: INetwork = {
  vpcId: 'vpc-main',
  vpcCidr: '10.0.0.0/16',
  zoneIds: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
  publicVswitchIds: ['vsw-pub-h', 'vsw-pub-i', 'vsw-pub-j'],
  appVswitchIds: ['vsw-app-h', 'vsw-app-i', 'vsw-app-j'],
  dataVswitchIds: ['vsw-data-h', 'vsw-data-i', 'vsw-data-j'],
  appVswitchCidrs: ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'],
};

type Extra = Partial<DatabaseProps> & { [key: string]: unknown };

function mysql(extra: Extra = {}): DatabaseProps {
  return { network, engine: DatabaseEngine.MYSQL, instanceClass: 'mysql.n2.medium.2c', ...extra } as DatabaseProps;
}
function postgres(extra: Extra = {}): DatabaseProps {
  return mysql({ engine: DatabaseEngine.POSTGRES, instanceClass: 'pg.n2.2c.2m', ...extra });
}

function synth(props: DatabaseProps, configure?: (db: Database) => void): { json: string; parsed: any; database: Database } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
  const database = new Database(stack, 'Db', props);
  configure?.(database);
  // Outputs show the Terraform expressions behind the exposed tokens.
  new TerraformOutput(stack, 'instance_id', { value: database.instanceId });
  new TerraformOutput(stack, 'connection_string', { value: database.connectionString });
  new TerraformOutput(stack, 'read_only_instance_ids', { value: database.readOnlyInstanceIds });
  new TerraformOutput(stack, 'key_id', { value: database.encryptionKey.keyId });
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json), database };
}

function all(parsed: any, type: string): any[] {
  return Object.values(parsed.resource?.[type] ?? {});
}
function only(parsed: any, type: string): any {
  const found = all(parsed, type);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('alicloud.Database', () => {
  test('High-availability Edition: primary and standby in two distinct zones, each with its data vSwitch', () => {
    const instance = only(synth(mysql()).parsed, 'alicloud_db_instance');
    expect(instance).toMatchObject({
      engine: 'MySQL',
      engine_version: '8.0',
      instance_type: 'mysql.n2.medium.2c',
      instance_storage: 50,
      db_instance_storage_type: 'cloud_essd',
      category: 'HighAvailability',
      instance_charge_type: 'Postpaid',
      zone_id: 'cn-hangzhou-h',
      zone_id_slave_a: 'cn-hangzhou-i',
      vswitch_id: 'vsw-data-h,vsw-data-i',
      vpc_id: 'vpc-main',
      monitoring_period: 60,
      instance_name: 'test-db',
    });
    expect(instance.zone_id).not.toBe(instance.zone_id_slave_a);
  });

  test('encrypted cloud disks with a new rotating KMS key by default, or the given key', () => {
    const { parsed } = synth(mysql());
    const instance = only(parsed, 'alicloud_db_instance');
    expect(instance.encryption_key).toMatch(/^\$\{alicloud_kms_key\.\w+\.id\}$/);
    expect(only(parsed, 'alicloud_kms_key')).toMatchObject({ automatic_rotation: 'Enabled', deletion_protection: 'Enabled' });
    expect(parsed.output.key_id.value).toBe(instance.encryption_key);

    const stack = new TerraformStack(Testing.app(), 'own');
    new Provider(stack, 'Alicloud', { region: 'cn-hangzhou' });
    const key = new EncryptionKey(stack, 'SharedKey', { alias: 'data' });
    new Database(stack, 'Db', mysql({ encryptionKey: key }));
    const own = JSON.parse(Testing.synth(stack));
    expect(Object.keys(own.resource.alicloud_kms_key)).toHaveLength(1);
    expect(only(own, 'alicloud_db_instance').encryption_key).toBe(`\${alicloud_kms_key.${Object.keys(own.resource.alicloud_kms_key)[0]}.id}`);
  });

  test('whitelist is the app vSwitch CIDRs, never 0.0.0.0/0, on the primary and every read-only instance', () => {
    const { json, parsed } = synth(mysql({ readReplicas: 2 }));
    const expected = network.appVswitchCidrs;
    expect(only(parsed, 'alicloud_db_instance').security_ips).toEqual(expected);
    for (const replica of all(parsed, 'alicloud_db_readonly_instance')) expect(replica.security_ips).toEqual(expected);
    expect(json).not.toContain('0.0.0.0');
  });

  test('allowedCidrs replaces the default; allowFrom and allowFromCidr add entries later', () => {
    const standby: INetwork = { ...network, appVswitchCidrs: ['10.1.16.0/20'] };
    const { parsed } = synth(mysql({ allowedCidrs: ['10.0.16.0/24'], readReplicas: 1 }), (db) => {
      db.allowFrom(standby);
      db.allowFromCidr('192.168.1.10');
      db.allowFromCidr('10.0.16.0/24'); // already there: not repeated
    });
    const expected = ['10.0.16.0/24', '10.1.16.0/20', '192.168.1.10'];
    expect(only(parsed, 'alicloud_db_instance').security_ips).toEqual(expected);
    expect(only(parsed, 'alicloud_db_readonly_instance').security_ips).toEqual(expected);
  });

  test.each(['0.0.0.0/0', '0.0.0.0/1', '10.0.0.0/7', 'not-a-cidr', '10.0.0.1/16'])('allowFromCidr refuses %s', (cidr) => {
    expect(() => synth(mysql(), (db) => db.allowFromCidr(cidr))).toThrow(/cidr \(/);
  });

  test('SSL on with the Alibaba Cloud CA, on the primary and the read-only instances', () => {
    const { parsed } = synth(postgres({ readReplicas: 1 }));
    expect(only(parsed, 'alicloud_db_instance')).toMatchObject({ ssl_action: 'Open', ca_type: 'aliyun' });
    expect(only(parsed, 'alicloud_db_readonly_instance')).toMatchObject({ ssl_enabled: 1, ca_type: 'aliyun' });
  });

  test('backup policy: 30 days of data and log backups, every day, at night in China, current attribute names', () => {
    const policy = only(synth(mysql()).parsed, 'alicloud_db_backup_policy');
    expect(policy).toEqual({
      instance_id: expect.stringMatching(/^\$\{alicloud_db_instance\.\w+\.id\}$/),
      backup_retention_period: 30,
      preferred_backup_time: '18:00Z-19:00Z',
      preferred_backup_period: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
      enable_backup_log: true,
      log_backup_retention_period: 30,
      released_keep_policy: 'Lastest',
    });
    for (const deprecated of ['backup_period', 'backup_time', 'retention_period', 'log_backup', 'log_retention_period']) {
      expect(policy[deprecated]).toBeUndefined();
    }
  });

  test('backup retention and window are configurable; PostgreSQL has no released_keep_policy', () => {
    const policy = only(synth(postgres({ backupRetentionDays: 730, preferredBackupTime: '23:00Z-00:00Z' })).parsed, 'alicloud_db_backup_policy');
    expect(policy).toMatchObject({ backup_retention_period: 730, log_backup_retention_period: 730, preferred_backup_time: '23:00Z-00:00Z' });
    expect(policy.released_keep_policy).toBeUndefined();
  });

  test('deletion protection on by default, on every instance; an explicit opt-out', () => {
    const on = synth(mysql({ readReplicas: 1 })).parsed;
    expect(only(on, 'alicloud_db_instance').deletion_protection).toBe(true);
    expect(only(on, 'alicloud_db_readonly_instance').deletion_protection).toBe(true);
    const off = synth(mysql({ deletionProtection: false })).parsed;
    expect(only(off, 'alicloud_db_instance').deletion_protection).toBe(false);
  });

  test('the privileged account password is a sensitive variable without default: no literal anywhere', () => {
    const { json, parsed, database } = synth(mysql());
    expect(database.passwordVariableName).toBe('test_db_master_password');
    const variable = parsed.variable[database.passwordVariableName];
    expect(variable).toMatchObject({ type: 'string', sensitive: true, nullable: false });
    expect(variable.default).toBeUndefined();
    expect(variable.validation[0].condition).toContain('length(var.test_db_master_password) >= 8');
    const account = only(parsed, 'alicloud_rds_account');
    expect(account).toMatchObject({
      account_name: 'dbadmin',
      account_type: 'Super',
      account_password: '${var.test_db_master_password}',
      db_instance_id: expect.stringMatching(/alicloud_db_instance/),
    });
    expect(account.password).toBeUndefined();
    expect(account.kms_encrypted_password).toBeUndefined();
    // The only values next to any password key are variable references.
    for (const match of json.matchAll(/"(\w*password\w*)": "([^"]*)"/g)) {
      expect(match[2]).toMatch(/^\$\{var\.\w+\}$/);
    }
  });

  test('read-only instances in the zones after the primary\'s, round-robin, never in zone 0', () => {
    const { parsed, database } = synth(mysql({ readReplicas: 3 }));
    const replicas = all(parsed, 'alicloud_db_readonly_instance');
    expect(replicas.map((r) => r.zone_id)).toEqual(['cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-i']);
    expect(replicas.map((r) => r.vswitch_id)).toEqual(['vsw-data-i', 'vsw-data-j', 'vsw-data-i']);
    for (const replica of replicas) {
      expect(replica).toMatchObject({
        master_db_instance_id: expect.stringMatching(/alicloud_db_instance/),
        engine_version: '8.0',
        instance_type: 'mysql.n2.medium.2c',
        instance_storage: 50,
        db_instance_storage_type: 'cloud_essd',
        instance_charge_type: 'Postpaid',
      });
      expect(replica.depends_on).toEqual([expect.stringMatching(/^alicloud_db_backup_policy\./)]);
    }
    expect(parsed.output.read_only_instance_ids.value).toEqual([1, 2, 3].map((i) => expect.stringMatching(new RegExp(`alicloud_db_readonly_instance\\.\\w*ReadOnly${i}\\w*\\.id`))));
    expect(database.readOnlyConnectionStrings).toHaveLength(3);
  });

  test('no read-only instance by default', () => {
    const { parsed, database } = synth(mysql());
    expect(parsed.resource.alicloud_db_readonly_instance).toBeUndefined();
    expect(database.readOnlyInstanceIds).toEqual([]);
  });

  test('PostgreSQL: engine name, default version 16.0, port 5432, UTF8 database', () => {
    const { parsed, database } = synth(postgres({ databaseName: 'orders' }));
    expect(only(parsed, 'alicloud_db_instance')).toMatchObject({ engine: 'PostgreSQL', engine_version: '16.0', instance_type: 'pg.n2.2c.2m' });
    expect(database.port).toBe(5432);
    expect(only(parsed, 'alicloud_db_database')).toMatchObject({ data_base_name: 'orders', character_set: 'UTF8' });
  });

  test('MySQL: port 3306, utf8mb4 database only when databaseName is given', () => {
    const { parsed, database } = synth(mysql({ databaseName: 'shop_db', engineVersion: '8.4', masterUsername: 'shop_owner' }));
    expect(database.port).toBe(3306);
    const db = only(parsed, 'alicloud_db_database');
    expect(db).toMatchObject({ data_base_name: 'shop_db', character_set: 'utf8mb4' });
    expect(db.name).toBeUndefined(); // deprecated
    expect(only(parsed, 'alicloud_db_instance').engine_version).toBe('8.4');
    expect(only(parsed, 'alicloud_rds_account').account_name).toBe('shop_owner');
    expect(synth(mysql()).parsed.resource.alicloud_db_database).toBeUndefined();
  });

  test('exposes instance id, connection string, port and the key', () => {
    const { parsed, database } = synth(mysql());
    expect(parsed.output.instance_id.value).toMatch(/^\$\{alicloud_db_instance\.\w+\.id\}$/);
    expect(parsed.output.connection_string.value).toMatch(/^\$\{alicloud_db_instance\.\w+\.connection_string\}$/);
    expect(parsed.output.read_only_instance_ids.value).toEqual([]);
    expect(database.masterUsername).toBe('dbadmin');
  });

  test('conforms to the pinned alicloud schema (MySQL with everything, PostgreSQL)', () => {
    expectSchemaConformant(synth(mysql({ readReplicas: 2, databaseName: 'app' })).parsed);
    expectSchemaConformant(synth(postgres({ readReplicas: 1, databaseName: 'app', deletionProtection: false })).parsed);
  });

  test('Aurora MySQL is rejected with a pointer to mysql/postgres', () => {
    expect(() => synth(mysql({ engine: DatabaseEngine.AURORA_MYSQL })))
      .toThrow(/engine \("aurora-mysql"\) is an AWS engine; use mysql or postgres \(PolarDB may come later\)/);
  });

  const oneZone: INetwork = { ...network, zoneIds: ['cn-hangzhou-h'], dataVswitchIds: ['vsw-data-h'], appVswitchCidrs: ['10.0.16.0/20'] };
  test.each([
    [mysql({ engine: 'oracle' as unknown as DatabaseEngine }), /engine \("oracle"\) must be "mysql" or "postgres"/],
    [mysql({ engineVersion: '5.6' }), /engineVersion \("5\.6"\) is not an RDS MySQL version/],
    [postgres({ engineVersion: '16' }), /engineVersion \("16"\) is not an RDS PostgreSQL version \(e\.g\. "16\.0"\)/],
    [mysql({ instanceClass: 'db.r6g.large' }), /instanceClass \("db\.r6g\.large"\) must be an RDS cloud-disk instance type/],
    [postgres({ instanceClass: 'mysql.n2.medium.2c' }), /instanceClass .* such as "pg\.n2\.2c\.2m"/],
    [mysql({ instanceClass: 'rds.mysql.s2.large' }), /instanceClass/],
    [mysql({ allocatedStorageGb: 10 }), /allocatedStorageGb \(10\) must be an integer from 20 to 32000/],
    [mysql({ allocatedStorageGb: 32005 }), /allocatedStorageGb/],
    [mysql({ allocatedStorageGb: 52 }), /allocatedStorageGb \(52\) must be a multiple of 5/],
    [mysql({ backupRetentionDays: 6 }), /backupRetentionDays \(6\) must be an integer from 7 to 730/],
    [mysql({ backupRetentionDays: 731 }), /backupRetentionDays/],
    [mysql({ preferredBackupTime: '02:00Z-04:00Z' }), /preferredBackupTime .* one-hour window/],
    [mysql({ preferredBackupTime: '2am' }), /preferredBackupTime/],
    [mysql({ databaseName: 'Shop' }), /databaseName \("Shop"\)/],
    [mysql({ databaseName: 'x' }), /databaseName/],
    [mysql({ masterUsername: 'root' }), /masterUsername \("root"\) is reserved/],
    [mysql({ masterUsername: 'pgadmin' }), /masterUsername .* is reserved/],
    [mysql({ masterUsername: '1admin' }), /masterUsername \("1admin"\) must be 2–32/],
    [mysql({ readReplicas: 11 }), /readReplicas \(11\) must be an integer from 0 to 10/],
    [mysql({ readReplicas: -1 }), /readReplicas/],
    [mysql({ deletionProtection: 'no' as unknown as boolean }), /deletionProtection \("no"\) must be true or false/],
    [mysql({ encryptionKey: { arn: 'x' } as unknown as IEncryptionKey }), /encryptionKey must be an IEncryptionKey/],
    [mysql({ allowedCidrs: ['0.0.0.0/0'] }), /allowedCidrs\[0\] \("0\.0\.0\.0\/0"\) is too wide/],
    [mysql({ allowedCidrs: ['10.0.0.0/16', 'everywhere'] }), /allowedCidrs\[1\] \("everywhere"\) must be an IPv4 address or CIDR block/],
    [mysql({ allowedCidrs: [] }), /allowedCidrs \(\[\]\) must be a non-empty list/],
    [mysql({ network: oneZone }), /network\.zoneIds \(1 zones\) must hold at least 2 zones/],
    [mysql({ network: { ...network, dataVswitchIds: ['vsw-data-h'] } }), /network\.dataVswitchIds \(1 vSwitches\) must hold one data vSwitch per zone \(3\)/],
    [mysql({ network: { ...network, appVswitchCidrs: ['0.0.0.0/0'] } }), /network\.appVswitchCidrs\[0\] .* too wide/],
    [mysql({ network: { ...network, appVswitchCidrs: [] } }), /network\.appVswitchCidrs is empty/],
    [mysql({ network: undefined }), /network \(undefined\) is required/],
    [mysql({ multiAz: false }), /multiAz is not a known prop/],
  ])('rejects bad input %#', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('reports every problem at once, before any resource exists', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new Database(stack, 'Db', mysql({ allocatedStorageGb: 1, backupRetentionDays: 1, readReplicas: 99 })))
      .toThrow(/allocatedStorageGb .*; backupRetentionDays .*; readReplicas/);
    expect(stack.node.findAll().filter((c) => c.node.id === 'Instance')).toHaveLength(0);
  });
});

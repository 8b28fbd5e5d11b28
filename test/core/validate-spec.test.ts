import { Cloud, DatabaseEngine, DrStrategy } from '../../lib/core/enums';
import { HighAvailabilityStackProps } from '../../lib/core/spec';
import { validateSpec } from '../../lib/core/validate-spec';
import { ValidationError } from '../../lib/core/validation';

const valid: HighAvailabilityStackProps = {
  cloud: Cloud.AWS,
  regions: ['eu-west-1'],
  dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
  app: { instanceType: 't3.small' },
  database: { engine: DatabaseEngine.MYSQL, instanceClass: 'db.t3.medium' },
};

/** The spec `valid` with `patch` applied (undefined values delete the key). */
function withPatch(patch: Record<string, unknown>): HighAvailabilityStackProps {
  const spec: Record<string, unknown> = { ...valid, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete spec[key];
  return spec as unknown as HighAvailabilityStackProps;
}

function errorOf(spec: HighAvailabilityStackProps): ValidationError {
  try {
    validateSpec('shop', spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const app = valid.app;
const db = valid.database!;

// [what, patch, expected prop path, expected words in the message]
const badInputs: [string, Record<string, unknown>, string, RegExp][] = [
  ['no cloud', { cloud: undefined }, 'cloud', /is required/],
  ['unknown cloud', { cloud: 'gcp' }, 'cloud', /must be one of "aws", "alicloud"/],
  ['no regions', { regions: [] }, 'regions', /at least one region/],
  ['regions not an array', { regions: 'eu-west-1' }, 'regions', /must be an array/],
  ['unknown AWS region', { regions: ['us-east-9'] }, 'regions[0]', /not an AWS region \(known: us-east-1/],
  ['alicloud region on AWS', { regions: ['cn-hangzhou'] }, 'regions[0]', /not an AWS region/],
  ['duplicate regions', { regions: ['eu-west-1', 'eu-west-1'] }, 'regions[1]', /listed twice/],
  ['six regions', { regions: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'us-east-1'] }, 'regions', /at most 5/],
  ['unknown strategy', { drStrategy: 'hot' }, 'drStrategy', /must be one of/],
  ['strategy needs two regions', { drStrategy: DrStrategy.WARM_STANDBY }, 'drStrategy', /needs 2 or more regions/],
  ['negative RTO', { recoveryObjectives: { rtoSeconds: -5 } }, 'recoveryObjectives.rtoSeconds', /positive/],
  ['zero RPO', { recoveryObjectives: { rpoSeconds: 0 } }, 'recoveryObjectives.rpoSeconds', /positive/],
  ['misspelt objective', { recoveryObjectives: { rto: 5 } }, 'recoveryObjectives.rto', /not a known prop/],
  ['zoneCount 1', { network: { zoneCount: 1 } }, 'network.zoneCount', /integer from 2 to 6/],
  ['zoneCount 7', { network: { zoneCount: 7 } }, 'network.zoneCount', /integer from 2 to 6/],
  ['zoneCount 2.5', { network: { zoneCount: 2.5 } }, 'network.zoneCount', /integer/],
  ['more zones than the region has', { regions: ['us-west-1'], network: { zoneCount: 3 } }, 'network.zoneCount', /offers 2 availability zones/],
  ['default zones above the region', { regions: ['us-west-1'] }, 'regions[0]', /set network.zoneCount to 2/],
  ['bad CIDR syntax', { network: { cidrs: ['10.0.0/16'] } }, 'network.cidrs[0]', /IPv4 CIDR block/],
  ['CIDR with host bits', { network: { cidrs: ['10.0.0.1/16'] } }, 'network.cidrs[0]', /no host bits/],
  ['CIDR /8', { network: { cidrs: ['10.0.0.0/8'] } }, 'network.cidrs[0]', /prefix length from \/16 to \/24/],
  ['CIDR /25', { network: { cidrs: ['10.0.0.0/25'] } }, 'network.cidrs[0]', /prefix length from \/16 to \/24/],
  ['CIDR too small for zones', { network: { cidrs: ['10.0.0.0/24'] } }, 'network.cidrs[0]', /too small for 3 tiers × 3 zones of subnets.*use \/23 or larger/],
  ['CIDR count mismatch', { network: { cidrs: ['10.0.0.0/16', '10.1.0.0/16'] } }, 'network.cidrs', /one CIDR per region/],
  ['natGatewayPerZone not boolean', { network: { natGatewayPerZone: 'yes' } }, 'network.natGatewayPerZone', /true or false/],
  ['interval 4', { loadBalancer: { healthCheckIntervalSeconds: 4 } }, 'loadBalancer.healthCheckIntervalSeconds', /5 to 300/],
  ['healthy threshold 1', { loadBalancer: { healthyThreshold: 1 } }, 'loadBalancer.healthyThreshold', /2 to 10/],
  ['unhealthy threshold 11', { loadBalancer: { unhealthyThreshold: 11 } }, 'loadBalancer.unhealthyThreshold', /2 to 10/],
  ['unknown algorithm', { loadBalancer: { algorithm: 'random' } }, 'loadBalancer.algorithm', /must be one of/],
  ['certificate not an ACM ARN', { loadBalancer: { certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' } }, 'loadBalancer.certificateArn', /ACM certificate ARN/],
  ['certificate in another region', { loadBalancer: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-111122223333' } }, 'loadBalancer.certificateArn', /is in us-east-1 but must be in eu-west-1/],
  ['bad WAF ARN', { loadBalancer: { wafAclArn: 'acl-1' } }, 'loadBalancer.wafAclArn', /WAFv2 web ACL ARN/],
  ['no certificate and no dns', { dns: undefined }, 'loadBalancer.certificateArn', /HTTPS is not optional/],
  ['no app', { app: undefined }, 'app', /is required/],
  ['no instance type', { app: { port: 80 } }, 'app.instanceType', /is required/],
  ['bad instance type', { app: { instanceType: 'large' } }, 'app.instanceType', /EC2 instance type/],
  ['misspelt app prop', { app: { ...app, minCapacty: 2 } }, 'app.minCapacty', /not a known prop/],
  ['port 0', { app: { ...app, port: 0 } }, 'app.port', /1 to 65535/],
  ['port 70000', { app: { ...app, port: 70000 } }, 'app.port', /1 to 65535/],
  ['port 80.5', { app: { ...app, port: 80.5 } }, 'app.port', /integer/],
  ['health path without slash', { app: { ...app, healthCheckPath: 'health' } }, 'app.healthCheckPath', /start with "\/"/],
  ['min > max', { app: { ...app, minCapacity: 8, maxCapacity: 6 } }, 'app.minCapacity', /\(8\) must be ≤ app.maxCapacity \(6\)/],
  ['max 0', { app: { ...app, minCapacity: 0, maxCapacity: 0 } }, 'app.maxCapacity', /1 to 1000/],
  ['min negative', { app: { ...app, minCapacity: -1 } }, 'app.minCapacity', /0 to 1000/],
  ['min fractional', { app: { ...app, minCapacity: 1.5 } }, 'app.minCapacity', /integer/],
  ['cpu 0', { app: { ...app, targetCpuUtilization: 0 } }, 'app.targetCpuUtilization', /1 to 100/],
  ['cpu 101', { app: { ...app, targetCpuUtilization: 101 } }, 'app.targetCpuUtilization', /1 to 100/],
  ['bad image id', { app: { ...app, imageId: 'ubuntu' } }, 'app.imageId', /AMI id/],
  ['user data too large', { app: { ...app, userData: 'x'.repeat(17000) } }, 'app.userData', /16384 bytes/],
  ['misspelt database', { databse: db }, 'databse', /not a known prop/],
  ['no engine', { database: { instanceClass: 'db.t3.medium' } }, 'database.engine', /is required/],
  ['unknown engine', { database: { ...db, engine: 'oracle' } }, 'database.engine', /must be one of/],
  ['bad instance class', { database: { ...db, instanceClass: 't3.medium' } }, 'database.instanceClass', /RDS instance class/],
  ['storage 10', { database: { ...db, allocatedStorageGb: 10 } }, 'database.allocatedStorageGb', /20 to 65536/],
  ['storage 70000', { database: { ...db, allocatedStorageGb: 70000 } }, 'database.allocatedStorageGb', /20 to 65536/],
  ['storage with Aurora', { database: { ...db, engine: DatabaseEngine.AURORA_MYSQL, allocatedStorageGb: 100 } }, 'database.allocatedStorageGb', /not used by aurora-mysql/],
  ['db retention 0', { database: { ...db, backupRetentionDays: 0 } }, 'database.backupRetentionDays', /1 to 35/],
  ['db retention 36', { database: { ...db, backupRetentionDays: 36 } }, 'database.backupRetentionDays', /1 to 35/],
  ['replicas 6', { database: { ...db, readReplicas: 6 } }, 'database.readReplicas', /0 to 5/],
  ['bad database name', { database: { ...db, databaseName: '1shop' } }, 'database.databaseName', /start with a letter/],
  ['backup retention 0', { backup: { retentionDays: 0 } }, 'backup.retentionDays', /1 to 36500/],
  ['cron with 4 fields', { backup: { scheduleCron: '0 3 * *' } }, 'backup.scheduleCron', /5 fields|fields/],
  ['cron hour 25', { backup: { scheduleCron: '0 25 * * *' } }, 'backup.scheduleCron', /hour/],
  ['object lock above retention', { backup: { retentionDays: 30, objectLockDays: 40 } }, 'backup.objectLockDays', /≤ backup.retentionDays \(30\)/],
  ['cold storage without 90 days', { backup: { retentionDays: 100, coldStorageAfterDays: 30 } }, 'backup.coldStorageAfterDays', /must be ≥ 120/],
  ['record outside zone', { dns: { zoneName: 'example.com', recordName: 'shop.example.org' } }, 'dns.recordName', /inside dns.zoneName/],
  ['bad zone name', { dns: { zoneName: 'Example..com', recordName: 'shop.example.com' } }, 'dns.zoneName', /domain name/],
  ['ttl 0', { dns: { ...valid.dns, ttlSeconds: 0 } }, 'dns.ttlSeconds', /1 to 86400/],
  ['ttl 86401', { dns: { ...valid.dns, ttlSeconds: 86401 } }, 'dns.ttlSeconds', /1 to 86400/],
  ['reserved tag key', { tags: { 'aws:owner': 'me' } }, 'tags["aws:owner"]', /reserved/],
  ['tag value too long', { tags: { team: 'x'.repeat(257) } }, 'tags["team"]', /at most 256/],
  ['tag with bad characters', { tags: { team: 'a;b' } }, 'tags["team"]', /only letters/],
  ['tag key with a space', { tags: { 'cost center': 'x' } }, 'tags["cost center"]', /no space or \//],
  ['tag key _index', { tags: { _index: 'x' } }, 'tags["_index"]', /must not be/],
  ['Aurora without a reader', { database: { ...db, engine: DatabaseEngine.AURORA_MYSQL, readReplicas: 0 } }, 'database.readReplicas', /1 to 15/],
  ['MySQL version "8"', { database: { ...db, engineVersion: '8' } }, 'database.engineVersion', /not a mysql version/],
  ['Aurora version "8.0"', { database: { ...db, engine: DatabaseEngine.AURORA_MYSQL, engineVersion: '8.0' } }, 'database.engineVersion', /not a aurora-mysql version/],
  ['instance type with unknown size', { app: { instanceType: 't3.foo' } }, 'app.instanceType', /EC2 instance type/],
  ['AMI id of 10 digits', { app: { ...app, imageId: 'ami-0123456789' } }, 'app.imageId', /AMI id/],
  ['backups every 30 minutes', { backup: { scheduleCron: '*/30 * * * *' } }, 'backup.scheduleCron', /less than 60 minutes apart/],
  ['cron restricting both day fields', { backup: { scheduleCron: '0 3 1 * 1' } }, 'backup.scheduleCron', /day/],
  ['tag value not a string', { tags: { team: 5 } }, 'tags["team"]', /must be a string/],
  ['perRegion for another region', { perRegion: { 'us-east-1': { imageId: 'ami-0123456789abcdef0' } } }, 'perRegion["us-east-1"]', /not one of regions/],
  ['promoted primary', { promotedRegion: 'eu-west-1' }, 'promotedRegion', /is the primary region/],
  ['bad state bucket prefix', { stateBackend: { bucketPrefix: 'My_State' } }, 'stateBackend.bucketPrefix', /lowercase/],
  ['suppression without reason', { policies: { suppressions: [{ id: 'HA1', reason: '' }] } }, 'policies.suppressions[0].reason', /say why/],
  ['unknown failOn', { policies: { failOn: 'always' } }, 'policies.failOn', /must be one of/],
  ['suppression of an unknown rule', { policies: { suppressions: [{ id: 'HA-DB-MULTIAZ', reason: 'staging, one zone on purpose' }] } }, 'policies.suppressions[0].id', /not a rule id; the rules are HA-DB-MULTI-AZ, /],
  ['suppression with an empty stack', { policies: { suppressions: [{ id: 'HA-DB-MULTI-AZ', reason: 'staging, one zone on purpose', stack: '' }] } }, 'policies.suppressions[0].stack', /non-empty/],
  ['suppression with a misspelt key', { policies: { suppressions: [{ id: 'HA-DB-MULTI-AZ', reason: 'staging, one zone on purpose', resorce: 'x' }] } }, 'policies.suppressions[0].resorce', /not a known prop \(known: id, reason, resource, stack\)/],
  ['two regions without dns', { regions: ['eu-west-1', 'eu-west-2'], dns: undefined }, 'dns', /required with 2 or more regions/],
  ['regional ARN at top level with two regions', { regions: ['eu-west-1', 'eu-west-2'], loadBalancer: { wafAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/b' } }, 'loadBalancer.wafAclArn', /only with one region/],
  ['long health path with two regions', { regions: ['eu-west-1', 'eu-west-2'], app: { ...app, healthCheckPath: `/${'h'.repeat(300)}` } }, 'app.healthCheckPath', /255 characters/],
  ['promoted region not in regions', { regions: ['eu-west-1', 'eu-west-2'], promotedRegion: 'us-east-1' }, 'promotedRegion', /must be one of regions/],
  ['unreachable RPO', { regions: ['eu-west-1', 'eu-west-2'], drStrategy: DrStrategy.BACKUP_RESTORE, recoveryObjectives: { rpoSeconds: 60 } }, 'recoveryObjectives.rpoSeconds', /cannot be met: backup-restore gives 300 s.*pilot-light or better/],
  ['GTM TTL on Alibaba Cloud', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou', 'cn-shanghai'], database: undefined, app: { instanceType: 'ecs.g7.large' }, dns: { zoneName: 'example.com', recordName: 'shop.example.com', ttlSeconds: 30 } }, 'dns.ttlSeconds', /must be one of 60, 120, 300, 600/],
  ['EC2 type on Alibaba Cloud', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou'], database: undefined }, 'app.instanceType', /ECS instance type/],
  ['RDS class of AWS on Alibaba Cloud', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou'], app: { instanceType: 'ecs.g7.large' } }, 'database.instanceClass', /RDS cloud-disk instance type such as "mysql.n2.medium.2c"/],
  ['Aurora on Alibaba Cloud', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou'], app: { instanceType: 'ecs.g7.large' }, database: { engine: DatabaseEngine.AURORA_MYSQL, instanceClass: 'x' } }, 'database.engine', /AWS engine/],
  ['storage not in steps of 5 on Alibaba Cloud', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou'], app: { instanceType: 'ecs.g7.large' }, database: { engine: DatabaseEngine.MYSQL, instanceClass: 'mysql.n2.medium.2c', allocatedStorageGb: 52 } }, 'database.allocatedStorageGb', /multiple of 5/],
  ['uneven backup schedule for HBR', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou'], app: { instanceType: 'ecs.g7.large' }, database: undefined, backup: { scheduleCron: '0 3 * * 1-5' } }, 'backup.scheduleCron', /fixed interval/],
  ['reserved tag on Alibaba Cloud', { cloud: Cloud.ALICLOUD, regions: ['cn-hangzhou'], app: { instanceType: 'ecs.g7.large' }, database: undefined, tags: { 'aliyun-x': 'y' } }, 'tags["aliyun-x"]', /reserved/],
];

describe('validateSpec', () => {
  test('accepts the valid spec, and what the constructs accept', () => {
    expect(() => validateSpec('shop', valid)).not.toThrow();
    expect(() => validateSpec('shop', withPatch({ app: { instanceType: 'c6i.metal-32xl', imageId: 'ami-0123abcd' } }))).not.toThrow();
  });

  test.each(badInputs)('rejects %s', (_what, patch, path, message) => {
    const error = errorOf(withPatch(patch));
    const problem = error.problems.find((p) => p.path === path);
    expect(problem).toBeDefined();
    expect(`${problem!.path} ${problem!.message}`).toMatch(message);
    expect(error.message).toContain(`Invalid HighAvailabilityStack "shop": `);
  });

  test('reports every problem at once', () => {
    const error = errorOf(withPatch({
      regions: ['us-east-9'],
      app: { instanceType: 't3.small', minCapacity: 8, maxCapacity: 6, port: 0 },
      dns: { zoneName: 'example.com', recordName: 'shop.example.org' },
    }));
    expect(error.problems.map((p) => p.path)).toEqual(['regions[0]', 'app.port', 'app.minCapacity', 'dns.recordName']);
    expect(error.message).toMatch(/regions\[0\].*app\.port.*app\.minCapacity.*dns\.recordName/);
  });

  test('the overlap check compares every pair of regions', () => {
    const error = errorOf(withPatch({
      regions: ['eu-west-1', 'eu-west-2'],
      network: { cidrs: ['10.0.0.0/16', '10.0.128.0/17'] },
    }));
    expect(error.problems.find((p) => p.path === 'network.cidrs[1]')?.message).toMatch(/overlaps network.cidrs\[0\]/);
  });
});

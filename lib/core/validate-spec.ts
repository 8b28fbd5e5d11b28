// Every rule of the spec (API.md, "Rules the table leaves open"), checked before any resource exists.
import { ALL_RULES } from '../analysis/rules';
import { AMI_ID, DEFAULT_ENGINE_VERSION, EC2_INSTANCE_TYPE, ENGINE_VERSION_PATTERN, instanceTagKeyProblem, RDS_INSTANCE_CLASS } from './aws-rules';
import {
  ALICLOUD_ENGINE_VERSION_PATTERN, ALICLOUD_DEFAULT_ENGINE_VERSION, ALICLOUD_MAX_TAG_KEY, ALICLOUD_MAX_TAG_VALUE, ALICLOUD_MAX_TAGS,
  ALICLOUD_RESERVED_TAG_PREFIX, ECS_IMAGE_ID, ECS_INSTANCE_TYPE, RDS_CLASS_PATTERN,
} from './alicloud-rules';
import { cidrsOverlap, parseCidr, vpcCidrProblem } from './cidr';
import { minIntervalSeconds, toHbrSchedule, validateCron } from './cron';
import { DOMAIN_NAME } from './names';
import { defaultCidr, resolveSpec, SPEC_DEFAULTS } from './defaults';
import { objectiveProblems } from './dr-model';
import { Cloud, DatabaseEngine, DrStrategy, LoadBalancingAlgorithm, PolicyFailOn } from './enums';
import { regionsOf, zonesIn } from './regions';
import { HighAvailabilityStackProps } from './spec';
import { ProblemCollector, show } from './problems';

const MAX_REGIONS = 5;
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// S3 and OSS bucket names: lowercase letters, digits and hyphens; the prefix leaves room for "-<region>-tfstate".
const BUCKET_PREFIX = /^[a-z0-9][a-z0-9-]{1,34}$/;
// AWS tag rules (Tagging AWS resources, "Tag naming limits and requirements").
const AWS_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_USER_TAGS = 45; // AWS allows 50 per resource; the library adds its own few.
/** EC2 accepts at most 16 KB of user data before base64 encoding. */
const MAX_USER_DATA_BYTES = 16 * 1024;

const KNOWN = {
  top: ['cloud', 'regions', 'drStrategy', 'recoveryObjectives', 'network', 'loadBalancer', 'app', 'database', 'backup',
    'dns', 'tags', 'perRegion', 'promotedRegion', 'stateBackend', 'policies'],
  recoveryObjectives: ['rtoSeconds', 'rpoSeconds'],
  network: ['cidrs', 'zoneCount', 'natGatewayPerZone'],
  loadBalancer: ['certificateArn', 'healthCheckIntervalSeconds', 'healthyThreshold', 'unhealthyThreshold', 'wafAclArn', 'algorithm'],
  app: ['instanceType', 'imageId', 'userData', 'port', 'healthCheckPath', 'minCapacity', 'maxCapacity', 'targetCpuUtilization'],
  database: ['engine', 'engineVersion', 'instanceClass', 'allocatedStorageGb', 'backupRetentionDays', 'databaseName', 'readReplicas'],
  backup: ['retentionDays', 'scheduleCron', 'objectLockDays', 'coldStorageAfterDays'],
  dns: ['zoneName', 'recordName', 'ttlSeconds'],
  regionSettings: ['certificateArn', 'imageId', 'wafAclArn'],
  stateBackend: ['bucketPrefix', 'lockTable'],
  policies: ['suppressions', 'failOn'],
  suppression: ['id', 'reason', 'resource', 'stack'],
};

/** Limits that differ between the clouds. */
const CLOUD_LIMITS = {
  [Cloud.AWS]: {
    healthCheckInterval: [5, 300], // ELB target groups
    storage: [20, 65536], // RDS MySQL/PostgreSQL gp3
    databaseRetention: [1, 35], // RDS automated backups
  },
  [Cloud.ALICLOUD]: {
    healthCheckInterval: [1, 50], // ALB server groups
    storage: [20, 32000], // RDS cloud ESSD
    databaseRetention: [7, 730], // RDS backup policy
  },
} as const;

/**
 * Checks a spec and throws one {@link ValidationError} naming every problem; returns normally when valid.
 */
export function validateSpec(id: string, props: HighAvailabilityStackProps): void {
  const problems = new ProblemCollector(`HighAvailabilityStack "${id}"`);
  if (props === null || typeof props !== 'object') {
    problems.add('props', `(${show(props)}) must be an object`);
    problems.throwIfAny();
  }
  problems.knownKeys('', props, KNOWN.top);
  const cloudOk = problems.check(props.cloud !== undefined, 'cloud', 'is required (Cloud.AWS or Cloud.ALICLOUD)')
    && problems.oneOf('cloud', props.cloud, Object.values(Cloud));
  const cloud = cloudOk ? props.cloud : Cloud.AWS;
  const regions = checkRegions(problems, props, cloudOk);
  const single = regions.length <= 1;

  problems.oneOf('drStrategy', props.drStrategy, Object.values(DrStrategy));
  if (single && props.drStrategy !== undefined && props.drStrategy !== DrStrategy.BACKUP_RESTORE) {
    problems.add('drStrategy', `(${show(props.drStrategy)}) needs 2 or more regions; one region allows only "backup-restore"`);
  }
  checkObjectives(problems, props);
  const zoneCount = checkNetwork(problems, props, cloud, regions);
  checkLoadBalancer(problems, props, cloud, single);
  checkApp(problems, props, cloud, single);
  if (!single && typeof props.app?.healthCheckPath === 'string') {
    // Route 53 health checks take a path of at most 255 characters (Route 53 API, HealthCheckConfig.ResourcePath).
    problems.check(props.app.healthCheckPath.length <= 255, 'app.healthCheckPath', 'must be at most 255 characters with 2 or more regions (Route 53 health checks)');
  }
  checkDatabase(problems, props, cloud);
  checkBackup(problems, props);
  checkDns(problems, props, single);
  checkCertificates(problems, props, cloud, regions);
  checkTags(problems, props, cloud);
  checkPerRegion(problems, props, cloud, regions);
  checkPromotion(problems, props, regions);
  checkStateBackend(problems, props);
  checkPolicies(problems, props);
  void zoneCount;

  // What this version builds; the checks above still run so every other problem is reported too.
  if (cloudOk && cloud === Cloud.ALICLOUD) checkAlicloud(problems, props, regions);
  problems.throwIfAny();
  // The recovery objectives are checked against a spec that is otherwise valid.
  for (const problem of objectiveProblems(resolveSpec(id, props))) problems.add(problem.path, problem.message);
  problems.throwIfAny();
}

function checkRegions(problems: ProblemCollector, props: HighAvailabilityStackProps, cloudOk: boolean): string[] {
  const regions = props.regions;
  if (!Array.isArray(regions)) {
    problems.add('regions', `(${show(regions)}) must be an array of 1 to ${MAX_REGIONS} region names`);
    return [];
  }
  problems.check(regions.length >= 1, 'regions', `must name at least one region`);
  problems.check(regions.length <= MAX_REGIONS, 'regions', `(${regions.length} given) must name at most ${MAX_REGIONS} regions`);
  const known = cloudOk ? regionsOf(props.cloud) : [];
  regions.forEach((region, i) => {
    if (typeof region !== 'string') {
      problems.add(`regions[${i}]`, `(${show(region)}) must be a region name`);
    } else if (cloudOk && !known.includes(region)) {
      problems.add(`regions[${i}]`, `(${show(region)}) is not ${props.cloud === Cloud.AWS ? 'an AWS' : 'an Alibaba Cloud'} region (known: ${known.join(', ')})`);
    } else if (regions.indexOf(region) !== i) {
      problems.add(`regions[${i}]`, `(${show(region)}) is listed twice; regions must be distinct`);
    }
  });
  return regions.filter((r) => typeof r === 'string');
}

function checkObjectives(problems: ProblemCollector, props: HighAvailabilityStackProps): void {
  const objectives = props.recoveryObjectives;
  if (objectives === undefined) return;
  problems.knownKeys('recoveryObjectives', objectives, KNOWN.recoveryObjectives);
  for (const key of ['rtoSeconds', 'rpoSeconds'] as const) {
    const value = objectives[key];
    if (value !== undefined) {
      problems.check(typeof value === 'number' && Number.isFinite(value) && value > 0,
        `recoveryObjectives.${key}`, `(${show(value)}) must be a positive number of seconds`);
    }
  }
}

function checkNetwork(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud, regions: string[]): number {
  const network = props.network ?? {};
  problems.knownKeys('network', network, KNOWN.network);
  const zoneCountOk = problems.integerInRange('network.zoneCount', network.zoneCount, 2, 6);
  const zoneCount = zoneCountOk ? network.zoneCount ?? SPEC_DEFAULTS.zoneCount : SPEC_DEFAULTS.zoneCount;
  if (zoneCountOk) {
    regions.forEach((region, i) => {
      const available = zonesIn(cloud, region);
      if (available !== undefined && zoneCount > available) {
        problems.add(network.zoneCount === undefined ? `regions[${i}]` : 'network.zoneCount',
          `(${zoneCount} zones) ${region} offers ${available} availability zones to every account: set network.zoneCount to ${available} or fewer`);
      }
    });
  }
  if (network.natGatewayPerZone !== undefined) {
    problems.check(typeof network.natGatewayPerZone === 'boolean', 'network.natGatewayPerZone',
      `(${show(network.natGatewayPerZone)}) must be true or false`);
  }
  if (network.cidrs !== undefined && !Array.isArray(network.cidrs)) {
    problems.add('network.cidrs', `(${show(network.cidrs)}) must be an array of CIDR blocks, one per region`);
    return zoneCount;
  }
  if (network.cidrs !== undefined && network.cidrs.length !== regions.length) {
    problems.add('network.cidrs', `(${network.cidrs.length} given) must have one CIDR per region, in the order of regions (${regions.length})`);
  }
  const cidrs = network.cidrs ?? regions.map((_, i) => defaultCidr(i));
  const parsed = cidrs.map((cidr, i) => {
    const problem = vpcCidrProblem(cidr, zoneCount);
    if (problem) problems.add(`network.cidrs[${i}]`, `(${show(cidr)}) ${problem}`);
    // Overlap is still checked for blocks that are only too small.
    return parseCidr(cidr);
  });

  parsed.forEach((a, i) => parsed.forEach((b, j) => {
    if (a && b && i < j && cidrsOverlap(a, b)) {
      problems.add(`network.cidrs[${j}]`, `(${show(cidrs[j])}) overlaps network.cidrs[${i}] (${show(cidrs[i])}); regions must not share addresses`);
    }
  }));
  return zoneCount;
}

function checkLoadBalancer(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud, single: boolean): void {
  const lb = props.loadBalancer;
  if (lb === undefined) return;
  problems.knownKeys('loadBalancer', lb, KNOWN.loadBalancer);
  const [minInterval, maxInterval] = CLOUD_LIMITS[cloud].healthCheckInterval;
  problems.integerInRange('loadBalancer.healthCheckIntervalSeconds', lb.healthCheckIntervalSeconds, minInterval, maxInterval);
  problems.integerInRange('loadBalancer.healthyThreshold', lb.healthyThreshold, 2, 10);
  problems.integerInRange('loadBalancer.unhealthyThreshold', lb.unhealthyThreshold, 2, 10);
  problems.oneOf('loadBalancer.algorithm', lb.algorithm, Object.values(LoadBalancingAlgorithm));
  for (const key of ['certificateArn', 'wafAclArn'] as const) {
    if (lb[key] === undefined) continue;
    if (!single) {
      problems.add(`loadBalancer.${key}`, `is allowed only with one region (an ARN belongs to one region): use perRegion[<region>].${key}`);
    } else {
      checkArn(problems, `loadBalancer.${key}`, lb[key], cloud, key, props.regions[0]);
    }
  }
}

/** ARN kinds the spec accepts, with the service part and resource part they must have. */
const ARN_KINDS = {
  certificateArn: { service: 'acm', resource: /^certificate\/[0-9a-f-]+$/, what: 'an ACM certificate ARN' },
  wafAclArn: { service: 'wafv2', resource: /^regional\/webacl\/.+\/.+$/, what: 'a regional WAFv2 web ACL ARN' },
};

function checkArn(problems: ProblemCollector, path: string, value: unknown, cloud: Cloud,
  kind: keyof typeof ARN_KINDS, region: string | undefined): void {
  if (!problems.nonEmptyString(path, value as string)) return;
  if (cloud !== Cloud.AWS) return; // Alibaba Cloud certificates are ids, not ARNs
  const expected = ARN_KINDS[kind];
  const parts = (value as string).split(':');
  const ok = parts.length >= 6 && parts[0] === 'arn' && /^aws(-[a-z]+)*$/.test(parts[1])
    && parts[2] === expected.service && /^\d{12}$/.test(parts[4]) && expected.resource.test(parts.slice(5).join(':'));
  if (!ok) {
    problems.add(path, `(${show(value)}) must be ${expected.what}`);
  } else if (region && parts[3] !== region) {
    problems.add(path, `(${show(value)}) is in ${parts[3]} but must be in ${region}, the region of its load balancer`);
  }
}

function checkApp(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud, single: boolean): void {
  const app = props.app;
  if (app === undefined || app === null || typeof app !== 'object') {
    problems.add('app', `is required: at least { instanceType }`);
    return;
  }
  problems.knownKeys('app', app, KNOWN.app);
  if (problems.check(typeof app.instanceType === 'string' && app.instanceType.length > 0, 'app.instanceType',
    `(${show(app.instanceType)}) is required, e.g. "t3.small"`) && cloud === Cloud.AWS) {
    problems.check(EC2_INSTANCE_TYPE.test(app.instanceType), 'app.instanceType',
      `(${show(app.instanceType)}) must be an EC2 instance type such as "t3.small" or "m7g.large"`);
  }
  if (app.imageId !== undefined) {
    if (!single) {
      problems.add('app.imageId', 'is allowed only with one region (an image id belongs to one region): use perRegion[<region>].imageId');
    } else {
      checkImageId(problems, 'app.imageId', app.imageId, cloud);
    }
  }
  if (app.userData !== undefined) {
    problems.check(typeof app.userData === 'string' && Buffer.byteLength(app.userData) <= MAX_USER_DATA_BYTES, 'app.userData',
      `must be a string of at most ${MAX_USER_DATA_BYTES} bytes (the EC2 limit before base64)`);
  }
  problems.integerInRange('app.port', app.port, 1, 65535);
  if (app.healthCheckPath !== undefined) {
    problems.check(typeof app.healthCheckPath === 'string' && /^\/[\x21-\x7e]{0,1023}$/.test(app.healthCheckPath), 'app.healthCheckPath',
      `(${show(app.healthCheckPath)}) must start with "/" and be at most 1024 printable characters without spaces`);
  }
  const minOk = problems.integerInRange('app.minCapacity', app.minCapacity, 0, 1000);
  const maxOk = problems.integerInRange('app.maxCapacity', app.maxCapacity, 1, 1000);
  const min = app.minCapacity ?? SPEC_DEFAULTS.minCapacity;
  const max = app.maxCapacity ?? SPEC_DEFAULTS.maxCapacity;
  if (minOk && maxOk && min > max) {
    problems.add('app.minCapacity', `(${min}) must be ≤ app.maxCapacity (${max})`);
  }
  problems.numberInRange('app.targetCpuUtilization', app.targetCpuUtilization, 1, 100);
}

function checkImageId(problems: ProblemCollector, path: string, value: unknown, cloud: Cloud): void {
  if (!problems.nonEmptyString(path, value as string)) return;
  if (cloud === Cloud.AWS) {
    problems.check(AMI_ID.test(value as string), path, `(${show(value)}) must be an AMI id such as "ami-0abcdef1234567890"`);
  }
}

function checkDatabase(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud): void {
  const db = props.database;
  if (db === undefined) return;
  if (db === null || typeof db !== 'object') {
    problems.add('database', `(${show(db)}) must be an object, or be left out for a stateless application`);
    return;
  }
  problems.knownKeys('database', db, KNOWN.database);
  const engineOk = problems.check(db.engine !== undefined, 'database.engine', 'is required (mysql, postgres or aurora-mysql)')
    && problems.oneOf('database.engine', db.engine, Object.values(DatabaseEngine));
  const aurora = db.engine === DatabaseEngine.AURORA_MYSQL;
  if (engineOk && aurora && cloud === Cloud.ALICLOUD) {
    problems.add('database.engine', '("aurora-mysql") is an AWS engine; on Alibaba Cloud use mysql or postgres');
  }
  if (problems.nonEmptyString('database.engineVersion', db.engineVersion) && engineOk && cloud === Cloud.AWS
    && db.engineVersion !== undefined) {
    problems.check(ENGINE_VERSION_PATTERN[db.engine].test(db.engineVersion), 'database.engineVersion',
      `(${show(db.engineVersion)}) is not a ${db.engine} version (e.g. ${show(DEFAULT_ENGINE_VERSION[db.engine])})`);
  }
  if (problems.check(typeof db.instanceClass === 'string' && db.instanceClass.length > 0, 'database.instanceClass',
    `(${show(db.instanceClass)}) is required, e.g. "db.t3.medium"`) && cloud === Cloud.AWS) {
    problems.check(RDS_INSTANCE_CLASS.test(db.instanceClass), 'database.instanceClass',
      `(${show(db.instanceClass)}) must be an RDS instance class such as "db.t3.medium" or "db.r7g.large"`);
  }
  const limits = CLOUD_LIMITS[cloud];
  if (aurora && db.allocatedStorageGb !== undefined) {
    problems.add('database.allocatedStorageGb', `(${show(db.allocatedStorageGb)}) is not used by aurora-mysql, whose storage grows by itself: leave it out`);
  } else {
    problems.integerInRange('database.allocatedStorageGb', db.allocatedStorageGb, limits.storage[0], limits.storage[1]);
  }
  problems.integerInRange('database.backupRetentionDays', db.backupRetentionDays, limits.databaseRetention[0], limits.databaseRetention[1]);
  // Aurora needs a reader to fail over to within a minute; without one it must build a new writer (about 10 minutes).
  problems.integerInRange('database.readReplicas', db.readReplicas, aurora ? 1 : 0, aurora ? 15 : 5);
  if (db.databaseName !== undefined) {
    const maxLength = db.engine === DatabaseEngine.POSTGRES ? 63 : 64;
    problems.check(typeof db.databaseName === 'string' && DATABASE_NAME.test(db.databaseName) && db.databaseName.length <= maxLength,
      'database.databaseName', `(${show(db.databaseName)}) must start with a letter and hold only letters, digits and _ (at most ${maxLength})`);
  }
}

function checkBackup(problems: ProblemCollector, props: HighAvailabilityStackProps): void {
  const backup = props.backup;
  if (backup === undefined) return;
  problems.knownKeys('backup', backup, KNOWN.backup);
  const retentionOk = problems.integerInRange('backup.retentionDays', backup.retentionDays, 1, 36500);
  const retention = backup.retentionDays ?? SPEC_DEFAULTS.backupRetentionDays;
  if (backup.scheduleCron !== undefined) {
    const reason = typeof backup.scheduleCron === 'string' ? validateCron(backup.scheduleCron) : 'must be a string';
    if (reason) {
      problems.add('backup.scheduleCron', `(${show(backup.scheduleCron)}) ${reason}`);
    } else if (minIntervalSeconds(backup.scheduleCron) < 3600) {
      // AWS Backup: "The interval between backup jobs shouldn't be less than 60 minutes".
      problems.add('backup.scheduleCron', `(${show(backup.scheduleCron)}) runs less than 60 minutes apart; backup jobs need at least an hour between them`);
    }
  }
  if (problems.integerInRange('backup.objectLockDays', backup.objectLockDays, 1, 36500) && retentionOk
    && backup.objectLockDays !== undefined && backup.objectLockDays > retention) {
    problems.add('backup.objectLockDays', `(${backup.objectLockDays}) must be ≤ backup.retentionDays (${retention}): locked objects cannot expire earlier`);
  }
  if (problems.integerInRange('backup.coldStorageAfterDays', backup.coldStorageAfterDays, 1, 36500) && retentionOk
    && backup.coldStorageAfterDays !== undefined && retention < backup.coldStorageAfterDays + 90) {
    problems.add('backup.coldStorageAfterDays', `(${backup.coldStorageAfterDays}) must leave the 90 days AWS Backup keeps cold backups: backup.retentionDays (${retention}) must be ≥ ${backup.coldStorageAfterDays + 90}`);
  }
}

function checkDns(problems: ProblemCollector, props: HighAvailabilityStackProps, single: boolean): void {
  const dns = props.dns;
  if (dns === undefined) {
    if (!single) problems.add('dns', 'is required with 2 or more regions: DNS failover needs { zoneName, recordName }');
    return;
  }
  problems.knownKeys('dns', dns, KNOWN.dns);
  const zoneOk = problems.check(typeof dns.zoneName === 'string' && DOMAIN_NAME.test(dns.zoneName), 'dns.zoneName',
    `(${show(dns.zoneName)}) must be a lowercase domain name such as "example.com" (no trailing dot)`);
  const recordOk = problems.check(typeof dns.recordName === 'string' && DOMAIN_NAME.test(dns.recordName), 'dns.recordName',
    `(${show(dns.recordName)}) must be a lowercase domain name such as "shop.example.com" (no trailing dot)`);
  if (zoneOk && recordOk) {
    problems.check(dns.recordName === dns.zoneName || dns.recordName.endsWith(`.${dns.zoneName}`), 'dns.recordName',
      `(${show(dns.recordName)}) must be inside dns.zoneName (${show(dns.zoneName)})`);
  }
  problems.integerInRange('dns.ttlSeconds', dns.ttlSeconds, 1, 86400);
  if (recordOk && (props.regions?.length ?? 0) >= 3) {
    // With 2+ standbys the failover's secondary is the latency set `standby.<recordName>`.
    problems.check(dns.recordName.length <= 245, 'dns.recordName', 'must be at most 245 characters with 3 or more regions (room for "standby.")');
  }
}

function checkCertificates(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud, regions: string[]): void {
  // HTTPS is not optional. Alibaba Cloud has no resource that issues a public certificate, so `dns`
  // alone is accepted there (the listener then takes a certificate id from a Terraform variable).
  if (props.dns !== undefined) return;
  const single = regions.length <= 1;
  const missing = regions.filter((region) =>
    !props.perRegion?.[region]?.certificateArn && !(single && props.loadBalancer?.certificateArn));
  if (missing.length > 0) {
    problems.add(single ? 'loadBalancer.certificateArn' : 'perRegion',
      `HTTPS is not optional: give ${single ? 'loadBalancer.certificateArn' : `perRegion[<region>].certificateArn for ${missing.join(', ')}`}`
      + ` or dns (${cloud === Cloud.AWS ? 'an ACM certificate is then issued and DNS-validated' : 'the certificate id then comes from a variable'})`);
  }
}

function checkTags(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud): void {
  const tags = props.tags;
  if (tags === undefined) return;
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
    problems.add('tags', `(${show(tags)}) must be an object of string keys and values`);
    return;
  }
  const entries = Object.entries(tags);
  // Alibaba Cloud: ECS takes 20 tags, one of which is the library's deployment tag.
  const maxTags = cloud === Cloud.AWS ? MAX_USER_TAGS : ALICLOUD_MAX_TAGS - 1;
  problems.check(entries.length <= maxTags, 'tags', `(${entries.length} given) must hold at most ${maxTags} tags`);
  const maxValue = cloud === Cloud.AWS ? 256 : ALICLOUD_MAX_TAG_VALUE;
  for (const [key, value] of entries) {
    const path = `tags[${show(key)}]`;
    if (cloud !== Cloud.AWS) {
      problems.check(key.length >= 1 && key.length <= ALICLOUD_MAX_TAG_KEY, path, `key must be 1 to ${ALICLOUD_MAX_TAG_KEY} characters`);
      problems.check(!ALICLOUD_RESERVED_TAG_PREFIX.test(key), path, 'key must not start with "aliyun", "acs:", "http://" or "https://" (reserved)');
    }
    const instanceKeyProblem = cloud === Cloud.AWS ? instanceTagKeyProblem(key) : undefined;
    if (instanceKeyProblem) problems.add(path, instanceKeyProblem);
    if (!problems.check(typeof value === 'string', path, `(${show(value)}) must be a string`)) continue;
    problems.check(value.length <= maxValue, path, `value must be at most ${maxValue} characters`);
    if (cloud !== Cloud.AWS) problems.check(!ALICLOUD_RESERVED_TAG_PREFIX.test(value), path, 'value must not start with "aliyun", "acs:", "http://" or "https://" (reserved)');
    if (cloud === Cloud.AWS) {
      problems.check(AWS_TAG_CHARACTERS.test(key) && AWS_TAG_CHARACTERS.test(value), path,
        'may hold only letters, digits, spaces and _ . : / = + - @');
    }
  }
}

function checkPerRegion(problems: ProblemCollector, props: HighAvailabilityStackProps, cloud: Cloud, regions: string[]): void {
  const perRegion = props.perRegion;
  if (perRegion === undefined) return;
  for (const [region, settings] of Object.entries(perRegion)) {
    const path = `perRegion[${show(region)}]`;
    if (!regions.includes(region)) {
      problems.add(path, `is not one of regions (${regions.join(', ')})`);
      continue;
    }
    problems.knownKeys(path, settings, KNOWN.regionSettings);
    if (settings.certificateArn !== undefined) checkArn(problems, `${path}.certificateArn`, settings.certificateArn, cloud, 'certificateArn', region);
    if (settings.wafAclArn !== undefined) checkArn(problems, `${path}.wafAclArn`, settings.wafAclArn, cloud, 'wafAclArn', region);
    if (settings.imageId !== undefined) checkImageId(problems, `${path}.imageId`, settings.imageId, cloud);
  }
}

function checkPromotion(problems: ProblemCollector, props: HighAvailabilityStackProps, regions: string[]): void {
  const promoted = props.promotedRegion;
  if (promoted === undefined) return;
  if (!regions.includes(promoted)) {
    problems.add('promotedRegion', `(${show(promoted)}) must be one of regions (${regions.join(', ')})`);
  } else if (promoted === regions[0]) {
    problems.add('promotedRegion', `(${show(promoted)}) is the primary region; name the standby region that took over`);
  }
}

function checkStateBackend(problems: ProblemCollector, props: HighAvailabilityStackProps): void {
  const backend = props.stateBackend;
  if (backend === undefined) return;
  problems.knownKeys('stateBackend', backend, KNOWN.stateBackend);
  problems.check(typeof backend.bucketPrefix === 'string' && BUCKET_PREFIX.test(backend.bucketPrefix), 'stateBackend.bucketPrefix',
    `(${show(backend.bucketPrefix)}) must be 2 to 35 lowercase letters, digits or "-", starting with a letter or digit (the start of a bucket name)`);
  problems.nonEmptyString('stateBackend.lockTable', backend.lockTable);
}

function checkPolicies(problems: ProblemCollector, props: HighAvailabilityStackProps): void {
  const policies = props.policies;
  if (policies === undefined) return;
  problems.knownKeys('policies', policies, KNOWN.policies);
  problems.oneOf('policies.failOn', policies.failOn, Object.values(PolicyFailOn));
  if (policies.suppressions === undefined) return;
  if (!Array.isArray(policies.suppressions)) {
    problems.add('policies.suppressions', `(${show(policies.suppressions)}) must be an array of { id, reason, resource? }`);
    return;
  }
  policies.suppressions.forEach((suppression, i) => {
    const path = `policies.suppressions[${i}]`;
    problems.knownKeys(path, suppression, KNOWN.suppression);
    problems.check(typeof suppression?.id === 'string' && suppression.id.length > 0, `${path}.id`, 'is required: the rule id');
    if (typeof suppression?.id === 'string' && suppression.id.length > 0) {
      problems.check(RULE_IDS.includes(suppression.id), `${path}.id`,
        `(${show(suppression.id)}) is not a rule id; the rules are ${RULE_IDS.join(', ')} (docs/policies.md)`);
    }
    problems.check(typeof suppression?.reason === 'string' && suppression.reason.trim().length >= 10, `${path}.reason`,
      'is required: say why the finding is accepted (at least 10 characters)');
    problems.nonEmptyString(`${path}.resource`, suppression?.resource);
    problems.nonEmptyString(`${path}.stack`, suppression?.stack);
  });
}

/** The ids of the policy rules a suppression may name. */
const RULE_IDS = ALL_RULES.map((rule) => rule.id);

/** Rules that only Alibaba Cloud has, so the constructs never reject a spec that passed. */
function checkAlicloud(problems: ProblemCollector, props: HighAvailabilityStackProps, regions: string[]): void {
  const ttl = props.dns?.ttlSeconds;
  if (regions.length > 1 && typeof ttl === 'number') {
    // GTM 2.0 answers with a TTL of 60, 120, 300 or 600 seconds (alicloud_alidns_gtm_instance, ttl).
    problems.oneOf('dns.ttlSeconds', ttl, [60, 120, 300, 600]);
  }
  const app = props.app;
  if (typeof app?.instanceType === 'string' && app.instanceType.length > 0) {
    problems.check(ECS_INSTANCE_TYPE.test(app.instanceType), 'app.instanceType',
      `(${show(app.instanceType)}) must be an ECS instance type such as "ecs.g7.large"`);
  }
  for (const [path, imageId] of [['app.imageId', app?.imageId], ...Object.entries(props.perRegion ?? {})
    .map(([region, settings]) => [`perRegion[${show(region)}].imageId`, settings?.imageId])] as [string, string | undefined][]) {
    if (typeof imageId === 'string') problems.check(ECS_IMAGE_ID.test(imageId), path, `(${show(imageId)}) must be an ECS image id ("m-...") or a public image name ("....vhd")`);
  }
  if (typeof app?.healthCheckPath === 'string') {
    // ALB health-check paths: at most 80 characters (ALB API, CreateServerGroup HealthCheckPath).
    problems.check(app.healthCheckPath.length <= 80, 'app.healthCheckPath', 'must be at most 80 characters on Alibaba Cloud (ALB)');
  }
  const db = props.database;
  const engine = db?.engine;
  const liveStandby = regions.length > 1 && props.drStrategy !== DrStrategy.BACKUP_RESTORE;
  if (db && liveStandby && db.databaseName === undefined) {
    // The standby's RDS instance is kept in sync by DTS, which copies named databases.
    problems.add('database.databaseName', `is required on Alibaba Cloud with ${props.drStrategy ?? DrStrategy.WARM_STANDBY} across regions: DTS synchronizes named databases`);
  }
  if (db && (engine === DatabaseEngine.MYSQL || engine === DatabaseEngine.POSTGRES)) {
    if (typeof db.instanceClass === 'string') {
      problems.check(RDS_CLASS_PATTERN[engine].test(db.instanceClass), 'database.instanceClass',
        `(${show(db.instanceClass)}) must be an RDS cloud-disk instance type such as ${engine === DatabaseEngine.MYSQL ? '"mysql.n2.medium.2c"' : '"pg.n2.2c.2m"'}`);
    }
    if (typeof db.engineVersion === 'string') {
      problems.check(ALICLOUD_ENGINE_VERSION_PATTERN[engine].test(db.engineVersion), 'database.engineVersion',
        `(${show(db.engineVersion)}) is not an RDS ${engine} version on Alibaba Cloud (e.g. ${show(ALICLOUD_DEFAULT_ENGINE_VERSION[engine])})`);
    }
    if (typeof db.allocatedStorageGb === 'number') {
      problems.check(db.allocatedStorageGb % 5 === 0, 'database.allocatedStorageGb', `(${db.allocatedStorageGb}) must be a multiple of 5 (RDS storage steps)`);
    }
  }
  const cron = props.backup?.scheduleCron;
  if (typeof cron === 'string' && validateCron(cron) === undefined) {
    try {
      toHbrSchedule(cron);
    } catch (error) {
      problems.add('backup.scheduleCron', `(${show(cron)}) ${(error as Error).message}`);
    }
  }
  const cold = props.backup?.coldStorageAfterDays;
  if (typeof cold === 'number') problems.check(cold >= 30, 'backup.coldStorageAfterDays', `(${cold}) must be at least 30 on Alibaba Cloud (HBR archive tier)`);
}

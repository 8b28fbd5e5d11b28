// Every default of the spec, in one place. docs/ names each of them.
import { Cloud, DatabaseEngine, DrStrategy, LoadBalancingAlgorithm, PolicyFailOn } from './enums';
import { HighAvailabilityStackProps, PolicySuppression } from './spec';

/** Default values of the spec (API.md). */
export const SPEC_DEFAULTS = {
  zoneCount: 3,
  natGatewayPerZone: true,
  healthCheckIntervalSeconds: 10,
  healthyThreshold: 3,
  unhealthyThreshold: 2,
  algorithm: LoadBalancingAlgorithm.LEAST_OUTSTANDING_REQUESTS,
  appPort: 80,
  healthCheckPath: '/health',
  minCapacity: 2,
  maxCapacity: 6,
  targetCpuUtilization: 50,
  allocatedStorageGb: 50,
  databaseBackupRetentionDays: 35,
  rdsReadReplicas: 0,
  auroraReaders: 1,
  backupRetentionDays: 35,
  backupScheduleCron: '0 3 * * *',
  dnsTtlSeconds: 60,
  failOn: PolicyFailOn.ERROR,
} as const;

/** `10.<i>.0.0/16` for region index i: distinct second octets never overlap. */
export function defaultCidr(regionIndex: number): string {
  return `10.${regionIndex}.0.0/16`;
}

/** One region of a resolved spec. */
export interface ResolvedRegion {
  readonly name: string;
  readonly index: number;
  readonly primary: boolean;
  readonly cidr: string;
  readonly certificateArn?: string;
  readonly imageId?: string;
  readonly wafAclArn?: string;
}

/** A spec with every default applied. Internal: validated before it is made. */
export interface ResolvedSpec {
  readonly id: string;
  readonly cloud: Cloud;
  readonly regions: ResolvedRegion[];
  readonly drStrategy: DrStrategy;
  readonly rtoSeconds?: number;
  readonly rpoSeconds?: number;
  readonly zoneCount: number;
  readonly natGatewayPerZone: boolean;
  readonly loadBalancer: {
    readonly healthCheckIntervalSeconds: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
    readonly algorithm: LoadBalancingAlgorithm;
  };
  readonly app: {
    readonly instanceType: string;
    readonly userData?: string;
    readonly port: number;
    readonly healthCheckPath: string;
    readonly minCapacity: number;
    readonly maxCapacity: number;
    readonly targetCpuUtilization: number;
  };
  readonly database?: {
    readonly engine: DatabaseEngine;
    readonly engineVersion?: string;
    readonly instanceClass: string;
    readonly allocatedStorageGb?: number;
    readonly backupRetentionDays: number;
    readonly databaseName?: string;
    readonly readReplicas: number;
  };
  readonly backup: {
    readonly retentionDays: number;
    readonly scheduleCron: string;
    readonly objectLockDays?: number;
    readonly coldStorageAfterDays?: number;
  };
  readonly dns?: { readonly zoneName: string; readonly recordName: string; readonly ttlSeconds: number };
  readonly tags: { readonly [key: string]: string };
  readonly promotedRegion?: string;
  readonly stateBackend?: { readonly bucketPrefix: string; readonly lockTable?: string };
  readonly policies: { readonly suppressions: PolicySuppression[]; readonly failOn: PolicyFailOn };
}

/** Applies every default to a spec that has passed validation. */
export function resolveSpec(id: string, props: HighAvailabilityStackProps): ResolvedSpec {
  const d = SPEC_DEFAULTS;
  const single = props.regions.length === 1;
  const database = props.database;
  return {
    id,
    cloud: props.cloud,
    regions: props.regions.map((name, index) => {
      const regional = props.perRegion?.[name];
      return {
        name,
        index,
        primary: index === 0,
        cidr: props.network?.cidrs?.[index] ?? defaultCidr(index),
        // Top-level ARNs and image ids are allowed with one region only (validation), so they belong to it.
        certificateArn: regional?.certificateArn ?? (single ? props.loadBalancer?.certificateArn : undefined),
        imageId: regional?.imageId ?? (single ? props.app.imageId : undefined),
        wafAclArn: regional?.wafAclArn ?? (single ? props.loadBalancer?.wafAclArn : undefined),
      };
    }),
    drStrategy: props.drStrategy ?? (single ? DrStrategy.BACKUP_RESTORE : DrStrategy.WARM_STANDBY),
    rtoSeconds: props.recoveryObjectives?.rtoSeconds,
    rpoSeconds: props.recoveryObjectives?.rpoSeconds,
    zoneCount: props.network?.zoneCount ?? d.zoneCount,
    natGatewayPerZone: props.network?.natGatewayPerZone ?? d.natGatewayPerZone,
    loadBalancer: {
      healthCheckIntervalSeconds: props.loadBalancer?.healthCheckIntervalSeconds ?? d.healthCheckIntervalSeconds,
      healthyThreshold: props.loadBalancer?.healthyThreshold ?? d.healthyThreshold,
      unhealthyThreshold: props.loadBalancer?.unhealthyThreshold ?? d.unhealthyThreshold,
      algorithm: props.loadBalancer?.algorithm ?? d.algorithm,
    },
    app: {
      instanceType: props.app.instanceType,
      userData: props.app.userData,
      port: props.app.port ?? d.appPort,
      healthCheckPath: props.app.healthCheckPath ?? d.healthCheckPath,
      minCapacity: props.app.minCapacity ?? d.minCapacity,
      maxCapacity: props.app.maxCapacity ?? d.maxCapacity,
      targetCpuUtilization: props.app.targetCpuUtilization ?? d.targetCpuUtilization,
    },
    database: database && {
      engine: database.engine,
      engineVersion: database.engineVersion,
      instanceClass: database.instanceClass,
      allocatedStorageGb: database.engine === DatabaseEngine.AURORA_MYSQL
        ? undefined
        : database.allocatedStorageGb ?? d.allocatedStorageGb,
      backupRetentionDays: database.backupRetentionDays ?? d.databaseBackupRetentionDays,
      databaseName: database.databaseName,
      readReplicas: database.readReplicas
        ?? (database.engine === DatabaseEngine.AURORA_MYSQL ? d.auroraReaders : d.rdsReadReplicas),
    },
    backup: {
      retentionDays: props.backup?.retentionDays ?? d.backupRetentionDays,
      scheduleCron: props.backup?.scheduleCron ?? d.backupScheduleCron,
      objectLockDays: props.backup?.objectLockDays,
      coldStorageAfterDays: props.backup?.coldStorageAfterDays,
    },
    dns: props.dns && {
      zoneName: props.dns.zoneName,
      recordName: props.dns.recordName,
      ttlSeconds: props.dns.ttlSeconds ?? d.dnsTtlSeconds,
    },
    tags: { ...(props.tags ?? {}) },
    promotedRegion: props.promotedRegion,
    stateBackend: props.stateBackend && { ...props.stateBackend },
    policies: {
      suppressions: [...(props.policies?.suppressions ?? [])],
      failOn: props.policies?.failOn ?? d.failOn,
    },
  };
}

import { TerraformResource, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseEngine } from '../core/enums';
import { namePrefixFromPath } from '../core/names';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';
import { DtsSynchronizationInstance } from './gen/providers/alicloud/dts-synchronization-instance';
import { DtsSynchronizationJob } from './gen/providers/alicloud/dts-synchronization-job';
import { AlicloudProvider } from './gen/providers/alicloud/provider';

/** Properties of {@link DtsReplication}. */
export interface DtsReplicationProps {
  /** Id of the source RDS instance in the primary region (`Database.instanceId` of the primary stack). */
  readonly sourceInstanceId: string;
  /** Region of the source instance, e.g. `cn-hangzhou`: a literal Alibaba Cloud region. */
  readonly sourceRegion: string;
  /** Id of the destination RDS instance in the standby region (`Database.instanceId` of this stack). */
  readonly destinationInstanceId: string;
  /**
   * Region of the destination instance, e.g. `cn-shanghai`: a literal Alibaba Cloud region, other than
   * `sourceRegion`, and this stack's region when its provider's region is a literal.
   */
  readonly destinationRegion: string;
  /** Engine of both instances: MySQL or PostgreSQL (Aurora MySQL is AWS only). */
  readonly engine: DatabaseEngine;
  /**
   * Name of the account that DTS logs in with, on both instances (e.g. the `Database.masterUsername` of
   * each side, created with the same name). DTS needs read and replication rights on the source and
   * write rights on the destination (DTS docs, "Prepare database accounts for data synchronization").
   */
  readonly accountName: string;
  /**
   * Name of the sensitive Terraform variable (no default) that this construct creates in this stack for
   * the password of `accountName`. The primary's stack has its own variable for the same password
   * (`Database.passwordVariableName` there): CI passes the same secret to both stacks, here as
   * `TF_VAR_<passwordVariableName>`. A Terraform identifier: a letter or `_` first, then letters, digits,
   * `_` or `-`.
   */
  readonly passwordVariableName: string;
  /**
   * Databases to copy, each whole (tables, views, ...) and under the same name in the destination.
   * DTS's object list (`db_list`) names each database: it has no documented "whole instance" form, so
   * the list is required. MySQL: 1 or more; PostgreSQL: exactly 1, because a DTS PostgreSQL task
   * connects to one database (provider docs: `source_endpoint_database_name` and
   * `destination_endpoint_database_name` must be passed for PostgreSQL).
   */
  readonly databases: string[];
  /**
   * DTS synchronization instance class: `micro`, `small`, `medium`, `large`, `xlarge` or `xxlarge`
   * (provider docs, `alicloud_dts_synchronization_job.instance_class`); larger classes replay more
   * changes per second. It can be raised later, not lowered (a lower class needs a support ticket).
   * @default 'small'
   */
  readonly instanceClass?: string;
  /**
   * Copy the existing schema and data before streaming changes (structure and full-data
   * initialization). Turn it off only when the destination already holds an identical copy (e.g. restored
   * from a cross-region backup); otherwise the standby misses every row written before the job started.
   * @default true
   */
  readonly synchronizeExisting?: boolean;
}

/**
 * A live one-way copy of an RDS database in the primary region into an RDS instance in a standby region,
 * by Data Transmission Service (DTS): schema and existing data first, then every change, typically
 * seconds behind (the recovery point). An RDS read-only instance must live in its primary's region, so a
 * cross-region live copy needs DTS.
 *
 * Like a cross-region read replica on AWS, it belongs to the standby region's stack (the destination),
 * which deploys after the primary's: the primary never depends on the standby. To promote the standby,
 * remove this construct (the job stops, the destination keeps its data) and point the application at it.
 *
 * The destination is writable: DTS does not stop the application from writing to it, and a write there
 * can break the copy. Keep the application's writes on the primary.
 */
export class DtsReplication extends Construct {
  /** The `alicloud_dts_synchronization_instance` (escape hatch). */
  public readonly instance: TerraformResource;
  /** The `alicloud_dts_synchronization_job` (escape hatch). */
  public readonly job: TerraformResource;
  /** Id of the DTS synchronization instance. */
  public readonly instanceId: string;
  /** Id of the DTS synchronization job. */
  public readonly jobId: string;
  /**
   * Name of the sensitive Terraform variable that holds the password of the account on both instances;
   * CI passes it as `TF_VAR_<name>`, with the same value as the primary stack's password variable.
   */
  public readonly passwordVariableName: string;

  constructor(scope: Construct, id: string, props: DtsReplicationProps) {
    super(scope, id);
    validate(this, id, props);
    const instanceClass = props.instanceClass ?? 'small';
    const synchronizeExisting = props.synchronizeExisting ?? true;
    const engineName = ENGINE_NAME[props.engine];
    const postgres = props.engine === DatabaseEngine.POSTGRES;

    this.passwordVariableName = props.passwordVariableName;
    const password = new TerraformVariable(this, 'Password', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Password of the RDS account "${props.accountName}" on both instances of the DTS copy ${props.sourceRegion} → ${props.destinationRegion}; the same secret as the primary stack's password variable`,
    });
    password.overrideLogicalId(props.passwordVariableName);

    const instance = new DtsSynchronizationInstance(this, 'Instance', {
      paymentType: 'PayAsYouGo',
      sourceEndpointEngineName: engineName,
      sourceEndpointRegion: props.sourceRegion,
      destinationEndpointEngineName: engineName,
      destinationEndpointRegion: props.destinationRegion,
      instanceClass,
      syncArchitecture: 'oneway',
    });

    // Provider docs (alicloud_dts_synchronization_job): a PostgreSQL endpoint needs the database DTS
    // connects to; MySQL endpoints take none.
    const connectDatabase = postgres ? props.databases[0] : undefined;
    const job = new DtsSynchronizationJob(this, 'Job', {
      dtsInstanceId: instance.id,
      dtsJobName: namePrefixFromPath(this.node.path, 65).replace(/-$/, ''),
      // Provider docs: when raising the class, the job's instance_class must be changed with the
      // instance's; writing it here keeps the two in step.
      instanceClass,
      sourceEndpointInstanceType: 'RDS',
      sourceEndpointInstanceId: props.sourceInstanceId,
      sourceEndpointEngineName: engineName,
      sourceEndpointRegion: props.sourceRegion,
      sourceEndpointDatabaseName: connectDatabase,
      sourceEndpointUserName: props.accountName,
      sourceEndpointPassword: password.stringValue,
      destinationEndpointInstanceType: 'RDS',
      destinationEndpointInstanceId: props.destinationInstanceId,
      destinationEndpointEngineName: engineName,
      destinationEndpointRegion: props.destinationRegion,
      destinationEndpointDatabaseName: connectDatabase,
      destinationEndpointUserName: props.accountName,
      destinationEndpointPassword: password.stringValue,
      dbList: dbList(props.databases),
      structureInitialization: synchronizeExisting,
      dataInitialization: synchronizeExisting,
      dataSynchronization: true,
      status: 'Synchronizing',
    });

    this.instance = instance;
    this.job = job;
    this.instanceId = instance.id;
    this.jobId = job.id;
  }
}

const ENGINE_NAME: Record<string, string> = {
  [DatabaseEngine.MYSQL]: 'MySQL',
  [DatabaseEngine.POSTGRES]: 'PostgreSQL',
};

/** Provider docs (alicloud_dts_synchronization_job.instance_class); DTS classes are not case-folded. */
const INSTANCE_CLASSES = ['micro', 'small', 'medium', 'large', 'xlarge', 'xxlarge'];
/**
 * The database names `Database` creates (lowercase letters, digits and `_`, a letter first, 2–64 characters);
 * DTS also refuses `-` in a PostgreSQL database name (DTS docs, "Notes and limits for a PostgreSQL source").
 */
const DATABASE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}[a-z0-9]$/;
/** RDS account names (CreateAccount): lowercase letters, digits and `_`, a letter first, a letter or digit last. */
const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,30}[a-z0-9]$/;
/** A Terraform identifier (Terraform docs, "Identifiers"). */
const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KNOWN_PROPS = [
  'sourceInstanceId', 'sourceRegion', 'destinationInstanceId', 'destinationRegion', 'engine', 'accountName',
  'passwordVariableName', 'databases', 'instanceClass', 'synchronizeExisting',
];

/**
 * The DTS object list: each database whole (`all: true`) under the same name in the destination.
 * Format: DTS docs, "Migration, synchronization, and subscription objects" (the `DbList` parameter).
 */
function dbList(databases: string[]): string {
  const objects: Record<string, { name: string; all: boolean }> = {};
  for (const database of databases) objects[database] = { name: database, all: true };
  return JSON.stringify(objects);
}

function validate(scope: Construct, id: string, props: DtsReplicationProps): void {
  const problems = new ProblemCollector(`alicloud.DtsReplication "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', `(${show(props)}) must be an object with sourceInstanceId, sourceRegion, destinationInstanceId, destinationRegion, engine, accountName, passwordVariableName and databases`);
    problems.throwIfAny();
  }
  problems.knownKeys('', props, KNOWN_PROPS);

  for (const key of ['sourceInstanceId', 'destinationInstanceId'] as const) {
    problems.check(typeof props[key] === 'string' && props[key].trim().length > 0, key,
      `(${show(props[key])}) must be the id of an RDS instance, e.g. Database.instanceId`);
  }
  if (!Token.isUnresolved(props.sourceInstanceId) && !Token.isUnresolved(props.destinationInstanceId)) {
    problems.check(props.sourceInstanceId !== props.destinationInstanceId, 'destinationInstanceId',
      `(${show(props.destinationInstanceId)}) is the source instance: DTS copies into another instance`);
  }

  // Literals: DTS prices and places the instance by region pair, and the checks below need them.
  let regionsOk = true;
  for (const key of ['sourceRegion', 'destinationRegion'] as const) {
    regionsOk = problems.check(typeof props[key] === 'string' && !Token.isUnresolved(props[key]) && ALICLOUD_REGIONS.includes(props[key]),
      key, `(${show(props[key])}) must be a literal Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`) && regionsOk;
  }
  if (regionsOk) {
    problems.check(props.sourceRegion !== props.destinationRegion, 'destinationRegion',
      `(${show(props.destinationRegion)}) is the source region: DTS replication here is for a standby region (a read-only instance copies within a region)`);
    // The construct belongs to the destination's stack: its unaliased provider, when literal, is that region.
    const provider = TerraformStack.of(scope).node.findAll()
      .find((c): c is AlicloudProvider => c instanceof AlicloudProvider && c.alias === undefined);
    const stackRegion = provider?.region;
    if (stackRegion !== undefined && !Token.isUnresolved(stackRegion)) {
      problems.check(props.destinationRegion === stackRegion, 'destinationRegion',
        `(${show(props.destinationRegion)}) is not this stack's region (${show(stackRegion)}, provider ${provider!.node.path}): put DtsReplication in the standby (destination) region's stack`);
    }
  }

  let postgres = false;
  if (props.engine === DatabaseEngine.AURORA_MYSQL) {
    problems.add('engine', '("aurora-mysql") is an AWS engine; use mysql or postgres');
  } else if (problems.check(props.engine === DatabaseEngine.MYSQL || props.engine === DatabaseEngine.POSTGRES, 'engine',
    `(${show(props.engine)}) must be "mysql" or "postgres"`)) {
    postgres = props.engine === DatabaseEngine.POSTGRES;
  }

  if (!(typeof props.accountName === 'string' && Token.isUnresolved(props.accountName))) {
    problems.check(typeof props.accountName === 'string' && ACCOUNT_NAME_PATTERN.test(props.accountName), 'accountName',
      `(${show(props.accountName)}) must be an RDS account name: 2–32 lowercase letters, digits or "_", starting with a letter and ending with a letter or digit`);
  }
  problems.check(typeof props.passwordVariableName === 'string' && VARIABLE_NAME_PATTERN.test(props.passwordVariableName),
    'passwordVariableName', `(${show(props.passwordVariableName)}) must be a Terraform variable name: a letter or "_" first, then letters, digits, "_" or "-"`);

  if (problems.check(Array.isArray(props.databases) && props.databases.length > 0, 'databases',
    `(${show(props.databases)}) must list the databases to copy: DTS has no documented "whole instance" object list`)) {
    if (postgres) {
      problems.check(props.databases.length === 1, 'databases',
        `(${show(props.databases)}) must hold exactly one database for PostgreSQL: a DTS PostgreSQL task connects to one database; use one DtsReplication per database`);
    }
    const seen = new Set<string>();
    props.databases.forEach((database, i) => {
      if (problems.check(typeof database === 'string' && !Token.isUnresolved(database) && DATABASE_NAME_PATTERN.test(database), `databases[${i}]`,
        `(${show(database)}) must be a literal RDS database name: 2–64 lowercase letters, digits or "_", starting with a letter and ending with a letter or digit`)) {
        problems.check(!seen.has(database), `databases[${i}]`, `(${show(database)}) is listed twice`);
        seen.add(database);
      }
    });
  }

  problems.oneOf('instanceClass', props.instanceClass, INSTANCE_CLASSES);
  problems.check(props.synchronizeExisting === undefined || typeof props.synchronizeExisting === 'boolean', 'synchronizeExisting',
    `(${show(props.synchronizeExisting)}) must be true or false`);
  problems.throwIfAny();
}

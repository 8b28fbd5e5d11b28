import { Fn, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';
import { ALICLOUD_REGIONS } from '../core/regions';
import { AlicloudProvider } from './gen/providers/alicloud/provider';
import { DataAlicloudRdsCrossRegions } from './gen/providers/alicloud/data-alicloud-rds-cross-regions';
import { RdsInstanceCrossBackupPolicy } from './gen/providers/alicloud/rds-instance-cross-backup-policy';

/** Properties of {@link DbCrossRegionBackup}. */
export interface DbCrossRegionBackupProps {
  /** Id of the RDS instance whose backups are copied (`Database.instanceId` of this stack). */
  readonly instanceId: string;
  /**
   * Region that receives the copies of the data and log backups: the standby region, e.g.
   * `cn-shanghai`. It must differ from this stack's region and be one that RDS offers for the
   * source region (the `alicloud_rds_cross_regions` data source lists them; this construct checks
   * it at plan time).
   */
  readonly destinationRegion: string;
  /**
   * Days the copies are kept in the destination region: an integer from 7 to 1825 (provider docs,
   * `alicloud_rds_instance_cross_backup_policy.retention`).
   * @default 7
   */
  readonly retentionDays?: number;
  /**
   * Copy the log backups as well, so the instance can be restored in the destination region to
   * any point in time within the retention, not only to a data backup. Turning it off leaves a
   * recovery point as old as the last data backup.
   * @default true
   */
  readonly logBackup?: boolean;
}

/** Provider docs (alicloud_rds_instance_cross_backup_policy): retention 7 to 1825 days. */
const MIN_RETENTION_DAYS = 7;
const MAX_RETENTION_DAYS = 1825;
const KNOWN_PROPS = ['instanceId', 'destinationRegion', 'retentionDays', 'logBackup'];

/**
 * RDS cross-region backup: RDS copies every data backup (and, by default, every log backup) of
 * one instance to another region, where a new instance can be restored from them after the loss
 * of this region (ModifyInstanceCrossBackupPolicy; MySQL, PostgreSQL and SQL Server, engine and
 * storage limits in the RDS docs).
 *
 * The policy is a setting of the source instance, made through the source region's API, so this
 * construct belongs to the primary region's stack and only names the standby region: nothing in
 * the standby region's stack depends on it. A plan-time precondition reads the
 * `alicloud_rds_cross_regions` data source (DescribeAvailableCrossRegion for the provider's
 * region) and stops the plan when `destinationRegion` is not one of the regions RDS offers for
 * cross-region backups from this region.
 */
export class DbCrossRegionBackup extends Construct {
  /** The `alicloud_rds_instance_cross_backup_policy` (escape hatch). */
  public readonly policy: TerraformResource;
  /** The region that receives the copies. */
  public readonly destinationRegion: string;
  /** Days the copies are kept. */
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: DbCrossRegionBackupProps) {
    super(scope, id);
    validate(this, id, props);
    const retentionDays = props.retentionDays ?? MIN_RETENTION_DAYS;
    const logBackup = props.logBackup ?? true;

    const offered = new DataAlicloudRdsCrossRegions(this, 'OfferedRegions', {});
    this.policy = new RdsInstanceCrossBackupPolicy(this, 'Policy', {
      instanceId: props.instanceId,
      crossBackupRegion: props.destinationRegion,
      retention: retentionDays,
      // The provider's two values are "Enable" and "Disabled" (sic).
      logBackupEnabled: logBackup ? 'Enable' : 'Disabled',
      lifecycle: {
        precondition: [{
          condition: Fn.contains(offered.ids, props.destinationRegion),
          errorMessage: `RDS does not offer cross-region backups from this region to ${props.destinationRegion} (see data.alicloud_rds_cross_regions).`,
        }],
      },
    });
    this.destinationRegion = props.destinationRegion;
    this.retentionDays = retentionDays;
  }
}

function validate(scope: Construct, id: string, props: DbCrossRegionBackupProps): void {
  const problems = new ProblemCollector(`alicloud.DbCrossRegionBackup "${id}"`);
  if (props === undefined || props === null || typeof props !== 'object') {
    problems.add('props', `(${show(props)}) must be an object with instanceId and destinationRegion`);
    problems.throwIfAny();
  }
  problems.knownKeys('', props, KNOWN_PROPS);
  problems.check(typeof props.instanceId === 'string' && props.instanceId.trim().length > 0, 'instanceId',
    `(${show(props.instanceId)}) must be the id of an RDS instance, e.g. Database.instanceId`);
  // A literal: the precondition's message and the region check need it; a standby region is known at synth time.
  problems.check(typeof props.destinationRegion === 'string' && !Token.isUnresolved(props.destinationRegion)
    && ALICLOUD_REGIONS.includes(props.destinationRegion), 'destinationRegion',
  `(${show(props.destinationRegion)}) must be a literal Alibaba Cloud region (known: ${ALICLOUD_REGIONS.join(', ')})`);
  // The stack's own region (its unaliased provider's), when literal, cannot be the destination.
  const provider = TerraformStack.of(scope).node.findAll()
    .find((c): c is AlicloudProvider => c instanceof AlicloudProvider && c.alias === undefined);
  const sourceRegion = provider?.region;
  if (sourceRegion !== undefined && !Token.isUnresolved(sourceRegion)) {
    problems.check(props.destinationRegion !== sourceRegion, 'destinationRegion',
      `(${show(props.destinationRegion)}) is this stack's region (provider ${provider!.node.path}): a cross-region backup goes to another region`);
  }
  problems.integerInRange('retentionDays', props.retentionDays, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
  problems.check(props.logBackup === undefined || typeof props.logBackup === 'boolean', 'logBackup',
    `(${show(props.logBackup)}) must be true or false`);
  problems.throwIfAny();
}

import { asList, isOn, PolicyContext, PolicyLevel, PolicyRule, PolicySubject, refersTo } from '../policy-rule';

/** The HBR resources that store backups into a vault (`vault_id`, or `rules[].vault_id` of a policy). */
const HBR_PLAN_TYPES = [
  'alicloud_hbr_policy', 'alicloud_hbr_ecs_backup_plan', 'alicloud_hbr_oss_backup_plan', 'alicloud_hbr_nas_backup_plan',
  'alicloud_hbr_ots_backup_plan', 'alicloud_hbr_hana_backup_plan',
];

/** A backup plan backs something up, and a backup vault receives backups. */
export const HA_BACKUP_SELECTION: PolicyRule = {
  id: 'HA-BACKUP-SELECTION',
  level: PolicyLevel.ERROR,
  description: 'A backup plan backs something up and a backup vault receives backups: an aws_backup_plan has an '
    + 'aws_backup_selection with resources, selection_tag or condition; an alicloud_hbr_policy has an enabled '
    + 'alicloud_hbr_policy_binding; an alicloud_hbr_vault is the vault of an HBR policy or backup plan of the stack',
  why: 'A plan that selects nothing runs without error and backs up nothing: the loss is found at restore time.',
  fix: 'add an aws_backup_selection with plan_id and resources or tags; bind the alicloud_hbr_policy to a data source '
    + '(alicloud_hbr_policy_binding); point an HBR policy rule or backup plan (vault_id) at the vault, or remove it',
  resourceTypes: ['aws_backup_plan', 'alicloud_hbr_policy', 'alicloud_hbr_vault'],
  check: (s, context) => {
    if (s.type === 'aws_backup_plan') return planProblem(s, context);
    if (s.type === 'alicloud_hbr_policy') {
      const bindings = context.resourcesOfType('alicloud_hbr_policy_binding').filter((b) => refersTo(b.config.policy_id, s.address));
      if (bindings.length === 0) return 'no alicloud_hbr_policy_binding refers to it';
      return bindings.some((b) => !isOn(b.config.disabled)) ? undefined : 'every alicloud_hbr_policy_binding of it is disabled';
    }
    const stores = HBR_PLAN_TYPES.some((type) => context.resourcesOfType(type)
      .some((plan) => refersTo(plan.config.vault_id, s.address) || refersTo(plan.config.rules, s.address)));
    return stores ? undefined : 'no HBR policy or backup plan of the stack stores backups in it (vault_id)';
  },
};

function planProblem(plan: PolicySubject, context: PolicyContext): string | undefined {
  const selections = context.resourcesOfType('aws_backup_selection').filter((sel) => refersTo(sel.config.plan_id, plan.address));
  if (selections.length === 0) return 'no aws_backup_selection refers to it (plan_id)';
  return selections.some((sel) => selectsSomething(sel.config)) ? undefined : 'its aws_backup_selection selects no resources, tags or conditions';
}

function selectsSomething(selection: { readonly [key: string]: any }): boolean {
  const conditions = asList(selection.condition).flatMap((c) => Object.values(c ?? {}).flatMap((entries) => asList(entries)));
  return asList(selection.resources).length > 0 || asList(selection.selection_tag).length > 0 || conditions.length > 0;
}

/** Actions the server writes to the audit log, in the order the filter lists them. */
export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'member.read_exact',
  'case.create',
  'case.close',
  'dispatch.start',
  'dispatch.add_member',
  'dispatch.recall_member',
  'dispatch.close',
  'dispatch.read_member_link',
  'plan.create',
  'plan.edit.split',
  'plan.edit.merge',
  'plan.edit.paint',
  'plan.edit.move_vertex',
  'plan.edit.redraw',
  'plan.edit.rename',
  'plan.undo',
  'plan.redo',
  'plan.import',
  'plan.submit',
  'plan.approve',
  'plan.reject',
  'plan.publish',
  'governance.import',
  'governance.remove',
  'user.create',
  'user.disable',
  'user.enable',
  'wall_token.create',
  'wall_token.revoke',
  'org.create',
  'org.update',
  'org.move',
  'org.merge',
  'org.close',
  'place.create',
  'place.update',
  'place.close',
  'place.households',
  'place.read_households',
  'member.create',
  'member.update',
  'member.transfer',
  'member.register',
  'member.register_end',
  'member.mobile',
  'member.mobile_end',
  'member.leave',
  'member.points',
  'member.star_review',
  'registry.rules',
  'registry.import',
  'registry.export',
  'belt.create',
  'belt.update',
  'belt.sites',
  'belt.delete',
] as const;
export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(action: string): action is AuditAction {
  return (auditActions as readonly string[]).includes(action);
}

/** Reads of personal data (PIPL): marked in the table. */
export const sensitiveActions: ReadonlySet<string> = new Set<AuditAction>(['member.read_exact', 'dispatch.read_member_link', 'place.read_households']);

export const targetKinds = ['member', 'user', 'wall_token', 'case', 'dispatch', 'plan', 'area', 'org', 'place', 'belt'] as const;
export type TargetKind = (typeof targetKinds)[number];

export function isTargetKind(kind: string): kind is TargetKind {
  return (targetKinds as readonly string[]).includes(kind);
}

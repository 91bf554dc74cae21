import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import type { MemberLinkView } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { linkKey, linkTtlSeconds, memberLinkFor } from '../member-link/member-link.ts';
import { selectAlertedAt, selectDispatch } from './queries.ts';

/**
 * One alerted member's link, for an exercise (演练) with no SMS gateway: the dispatcher shows it as
 * a QR code. The link is the member's credential, so every read is audited in the read's own
 * transaction. It counts from the alert, so it reads the same every time it is shown.
 */
export function readMemberLink(
  db: pg.Pool,
  actor: Actor,
  dispatchId: number,
  memberId: number,
  scope: Scope,
  publicUrl: string | undefined,
): Promise<MemberLinkView> {
  return withTransaction(db, async (tx) => {
    const d = await selectDispatch(tx, dispatchId, scope);
    if (!d) throw new DomainError('not_found', ErrorCode.notFound, `No dispatch ${dispatchId} in your scope.`);
    const alertedAt = await selectAlertedAt(tx, dispatchId, memberId);
    if (!alertedAt) throw new DomainError('not_found', ErrorCode.notFound, `Member ${memberId} was not alerted in this dispatch.`);
    const path = memberLinkFor(await linkKey(tx), dispatchId, memberId, alertedAt.getTime());
    await audit(tx, actor, {
      action: 'dispatch.read_member_link',
      targetKind: 'member',
      targetIds: [memberId],
      scope: d.community_code,
      detail: { dispatch_id: dispatchId },
    });
    return {
      member_id: memberId,
      path,
      url: publicUrl ? `${publicUrl}${path}` : null,
      expires_at: new Date(Math.floor(alertedAt.getTime() / 1000) * 1000 + linkTtlSeconds * 1000).toISOString(),
    };
  });
}

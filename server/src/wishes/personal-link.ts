import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { personalLinkDays, type PersonalLinkView } from '../contract/wishes.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { linkKey, personalLinkFor } from '../member-link/member-link.ts';
import { selectMemberInScope } from './queries.ts';

/**
 * A member's personal link (no alert): their page of wishes nearby and their points, for 30 days.
 * The link is the member's credential, so issuing one is audited in the same transaction; it is
 * answered once and kept nowhere.
 */
export function issuePersonalLink(db: pg.Pool, actor: Actor, memberId: number, scope: Scope, publicUrl: string | undefined): Promise<PersonalLinkView> {
  return withTransaction(db, async (tx) => {
    const member = await selectMemberInScope(tx, memberId, scope);
    if (!member) throw new DomainError('not_found', ErrorCode.notFound, `No member ${memberId} in your scope.`);
    if (member.left_on !== null) {
      throw new DomainError('conflict', ErrorCode.memberLeft, `Member ${memberId} left on ${member.left_on}; a member who left gets no link.`);
    }
    const now = Date.now();
    const ttlSeconds = personalLinkDays * 24 * 3600;
    const path = personalLinkFor(await linkKey(tx), memberId, ttlSeconds, now);
    const expiresAt = new Date((Math.floor(now / 1000) + ttlSeconds) * 1000).toISOString();
    await audit(tx, actor, {
      action: 'member.issue_link',
      targetKind: 'member',
      targetIds: [memberId],
      scope: member.org_area_code,
      detail: { expires_at: expiresAt },
    });
    return { member_id: memberId, path, url: publicUrl ? `${publicUrl}${path}` : null, expires_at: expiresAt };
  });
}

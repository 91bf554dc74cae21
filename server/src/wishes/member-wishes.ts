import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { ErrorCode } from '../contract/error.ts';
import { nearbyWishRadiusM, type MemberWishesView } from '../contract/wishes.ts';
import { withTransaction, type Queryable, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import type { LinkClaims } from '../member-link/member-link.ts';
import { presentMemberWish } from './present.ts';
import {
  claimWish,
  creditWishPoints,
  fulfilWish,
  lockWishForMember,
  selectLinkMember,
  selectNearbyWishes,
  selectOwnWishes,
  selectWishPoints,
  type LinkMemberRow,
  type MemberLockedWishRow,
} from './queries.ts';

/** At most this many open wishes nearby, and of the member's own, on the page. */
const listLimit = 50;

const deadLink = () => new DomainError('not_found', ErrorCode.notFound, 'This link is not valid.');

/** The member's wishes page: their points, the open wishes near their home, their own. */
export async function readMemberWishes(db: Queryable, link: LinkClaims): Promise<MemberWishesView> {
  const member = await selectLinkMember(db, link.memberId);
  if (!member) throw deadLink();
  // one after another: inside a write's transaction these share its connection
  const nearby = member.left_on === null ? await selectNearbyWishes(db, member.id, nearbyWishRadiusM, listLimit) : [];
  const mine = await selectOwnWishes(db, member.id, listLimit);
  const perWish = await selectWishPoints(db);
  return {
    member: { name: member.name, points: member.points },
    alert: link.dispatchId !== null,
    radius_m: nearbyWishRadiusM,
    points_per_wish: perWish ?? 0,
    expires_at: new Date(link.expiresAt).toISOString(),
    nearby: nearby.map(presentMemberWish),
    mine: mine.map(presentMemberWish),
  };
}

async function currentMember(tx: Tx, link: LinkClaims): Promise<LinkMemberRow> {
  const member = await selectLinkMember(tx, link.memberId, true);
  if (!member) throw deadLink();
  if (member.left_on !== null) {
    throw new DomainError('conflict', ErrorCode.memberLeft, `You left on ${member.left_on}; a member who left claims and fulfils no wishes.`);
  }
  return member;
}

/**
 * The wish locked for the member: one they claimed, or one within the radius of their home. Any
 * other (far away, or no such wish) is not theirs to see: 404.
 */
async function wishFor(tx: Tx, wishId: number, memberId: number): Promise<MemberLockedWishRow> {
  const wish = await lockWishForMember(tx, wishId, memberId);
  if (!wish || (wish.claimed_by !== memberId && wish.distance_m > nearbyWishRadiusM)) {
    throw new DomainError('not_found', ErrorCode.notFound, `No wish ${wishId} near you.`);
  }
  return wish;
}

/** The audit record of a member's own write: no user (members have no accounts), the member in the detail. */
function auditAsMember(tx: Tx, actor: Actor, action: string, wish: MemberLockedWishRow, memberId: number, detail: Record<string, unknown> = {}) {
  return audit(
    tx,
    { ...actor, userId: null },
    {
      action,
      targetKind: 'wish',
      targetIds: [wish.id],
      scope: wish.area_code,
      detail: { member_id: memberId, via: 'member_link', ...detail },
    },
  );
}

/**
 * 认领: an open wish near the member becomes theirs. Claiming one's own claimed wish again changes
 * nothing (a second tap); one another member claimed first answers 409 wish_taken.
 */
export function claimAsMember(db: pg.Pool, actor: Actor, link: LinkClaims, wishId: number): Promise<MemberWishesView> {
  return withTransaction(db, async (tx) => {
    const member = await currentMember(tx, link);
    const wish = await wishFor(tx, wishId, member.id);
    if (wish.status === 'open') {
      await claimWish(tx, wish.id, member.id);
      await auditAsMember(tx, actor, 'wish.claim', wish, member.id);
    } else if (wish.status === 'claimed' && wish.claimed_by !== member.id) {
      throw new DomainError('conflict', ErrorCode.wishTaken, `Another member claimed wish ${wishId} first.`);
    } else if (wish.status !== 'claimed') {
      throw new DomainError('conflict', ErrorCode.wishNotOpen, `Wish ${wishId} is ${wish.status}; it can no longer be claimed.`);
    }
    return readMemberWishes(tx, link);
  });
}

/** The ledger note of a wish's points: its title, within the ledger's 200 characters. */
function ledgerNote(wish: MemberLockedWishRow): string {
  return Array.from(`微心愿：${wish.title}`).slice(0, 200).join('');
}

/**
 * 完成: the member's claimed wish is fulfilled with their note, and the rule's points for a wish are
 * credited through the ledger (credit_points, reason 'wish') in the same transaction. The status
 * moves from claimed once, under the row's lock, so the points are credited exactly once; the
 * ledger row is kept on the wish (points_entry, unique).
 */
export function fulfilAsMember(db: pg.Pool, actor: Actor, link: LinkClaims, wishId: number, note: string): Promise<MemberWishesView> {
  return withTransaction(db, async (tx) => {
    const member = await currentMember(tx, link);
    const wish = await wishFor(tx, wishId, member.id);
    if (wish.status === 'fulfilled' || wish.status === 'withdrawn') {
      throw new DomainError('conflict', ErrorCode.wishNotOpen, `Wish ${wishId} is ${wish.status}; it can no longer be fulfilled.`);
    }
    if (wish.status !== 'claimed' || wish.claimed_by !== member.id) {
      throw new DomainError('conflict', ErrorCode.wishNotClaimed, `You have not claimed wish ${wishId}; claim it first.`);
    }
    const points = await selectWishPoints(tx);
    const entry = points !== null ? await creditWishPoints(tx, member.id, points, ledgerNote(wish)) : null;
    await fulfilWish(tx, wish.id, note, entry);
    await auditAsMember(tx, actor, 'wish.fulfil', wish, member.id, { points: points ?? 0, entry });
    return readMemberWishes(tx, link);
  });
}

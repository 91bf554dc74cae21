import type pg from 'pg';
import { insertCaseEvent, updateCaseStatus } from '../case-timeline/queries.ts';
import type { AlertState } from '../contract/dispatch.ts';
import { selectNearby } from '../members/nearby.queries.ts';
import { insertLiveEvent } from '../outbox/live-events.queries.ts';
import { countAlerts, insertAlerts, insertMemberNotices, moveAlerts, timeOutOverdue, updateDispatch, type DispatchRow } from './queries.ts';

export type DispatchPolicy = {
  /** alerts a member may get in 24 hours */
  dailyCap: number;
  /** how far the radius grows each time it holds no one else */
  widenStep: number;
  /** the command center's duty phone, which alerted members may call; null: none is given */
  dutyPhone: string | null;
};

export const defaultPolicy: DispatchPolicy = { dailyCap: 5, widenStep: 500, dutyPhone: null };

type Tx = pg.PoolClient;

async function note(tx: Tx, d: DispatchRow, actorId: number | null, text: string, data: Record<string, unknown> = {}) {
  await insertCaseEvent(tx, { caseId: d.case_id, actorId, note: text, data: { dispatch_id: d.id, ...data } });
}

async function announce(tx: Tx, d: DispatchRow) {
  await insertLiveEvent(tx, { type: 'dispatch.updated', case_id: d.case_id, dispatch_id: d.id }, d.id);
}

/**
 * Brings a dispatch up to date, inside the caller's transaction with the dispatch row locked:
 * once `target` members accepted, the rest are told they are no longer needed; while accepted +
 * pending alerts fall short of `target`, the next wave goes out to the nearest eligible members,
 * widening the radius step by step up to the maximum when it holds no one else.
 */
export async function advance(tx: Tx, d: DispatchRow, policy: DispatchPolicy, actorId: number | null): Promise<void> {
  if (d.status !== 'active') return;
  const { accepted, pending } = await countAlerts(tx, d.id);
  if (accepted >= d.target) {
    const cancelled = await moveAlerts(tx, d.id, ['alerted'], 'cancelled');
    await insertMemberNotices(tx, 'member_cancel', d.id, cancelled);
    await updateDispatch(tx, d.id, { status: 'fulfilled' });
    await note(tx, d, actorId, `已有 ${accepted} 人接受，达到目标人数 ${d.target}；其余 ${cancelled.length} 人已通知无需前往`, { accepted, cancelled });
    return;
  }
  if (accepted + pending >= d.target || d.exhausted) return;

  let radius = d.radius_m;
  for (;;) {
    const wave = await selectNearby(tx, {
      lng: d.lng,
      lat: d.lat,
      radius,
      limit: d.wave_size,
      available: true,
      skills: d.skills,
      scope: { lo: d.scope_lo, hi: d.scope_hi },
      excludeDispatch: { id: d.id, dailyCap: policy.dailyCap },
    });
    if (wave.length) {
      const number = d.waves + 1;
      await insertAlerts(tx, d.id, number, wave);
      await insertMemberNotices(
        tx,
        'member_alert',
        d.id,
        wave.map((m) => m.id),
      );
      await updateDispatch(tx, d.id, { waves: number, radius });
      await note(tx, d, actorId, `第 ${number} 批：通知 ${radius} 米内最近的 ${wave.length} 名党员`, {
        wave: number,
        radius_m: radius,
        members: wave.map((m) => m.id),
      });
      return;
    }
    if (radius >= d.max_radius_m) {
      await updateDispatch(tx, d.id, { exhausted: true, radius });
      await note(tx, d, actorId, `${radius} 米内已没有其他可调度的党员`, { radius_m: radius });
      return;
    }
    const wider = Math.min(d.max_radius_m, radius + policy.widenStep);
    await note(tx, d, actorId, `${radius} 米内已无其他可调度的党员，半径扩大到 ${wider} 米`, { from_m: radius, to_m: wider });
    radius = wider;
  }
}

/** Times out alerts left unanswered past the dispatch's timeout, then advances it. */
export async function timeOut(tx: Tx, d: DispatchRow, policy: DispatchPolicy): Promise<number[]> {
  const members = await timeOutOverdue(tx, d.id);
  if (members.length) {
    await note(tx, d, null, `${members.length} 人超时未响应`, { members });
    await advance(tx, d, policy, null);
    await announce(tx, d);
  }
  return members;
}

const answerMoves: Record<'accept' | 'decline' | 'arrived', { from: AlertState[]; to: AlertState; text: string }> = {
  accept: { from: ['alerted'], to: 'accepted', text: '接受' },
  decline: { from: ['alerted', 'accepted'], to: 'declined', text: '拒绝' },
  arrived: { from: ['accepted'], to: 'arrived', text: '已到达' },
};

/** A member's answer; false when their alert is not in a state that allows it. */
export async function answer(tx: Tx, d: DispatchRow, memberId: number, what: keyof typeof answerMoves, policy: DispatchPolicy): Promise<boolean> {
  const move = answerMoves[what];
  if (d.status === 'closed' || (what === 'accept' && d.status !== 'active')) return false;
  const moved = await moveAlerts(tx, d.id, move.from, move.to, memberId);
  if (!moved.length) return false;
  await note(tx, d, null, `党员 #${memberId} ${move.text}`, { member_id: memberId, state: move.to });
  if (what !== 'arrived') await advance(tx, d, policy, null);
  await announce(tx, d);
  return true;
}

/** The dispatcher alerts one more member by hand (outside the waves). */
export async function addByHand(tx: Tx, d: DispatchRow, memberId: number, distance: number, actorId: number | null): Promise<void> {
  await insertAlerts(tx, d.id, Math.max(d.waves, 1), [{ id: memberId, distance_m: distance }]);
  await insertMemberNotices(tx, 'member_alert', d.id, [memberId]);
  await note(tx, d, actorId, `调度员加派党员 #${memberId}`, { member_id: memberId });
  await announce(tx, d);
}

/** The dispatcher recalls a member; the next wave covers for them if needed. */
export async function recall(tx: Tx, d: DispatchRow, memberId: number, actorId: number | null, policy: DispatchPolicy): Promise<boolean> {
  const moved = await moveAlerts(tx, d.id, ['alerted', 'accepted'], 'recalled', memberId);
  if (!moved.length) return false;
  await insertMemberNotices(tx, 'member_cancel', d.id, moved);
  await note(tx, d, actorId, `调度员召回党员 #${memberId}`, { member_id: memberId });
  await advance(tx, d, policy, actorId);
  await announce(tx, d);
  return true;
}

export async function close(tx: Tx, d: DispatchRow, actorId: number | null): Promise<void> {
  const cancelled = await moveAlerts(tx, d.id, ['alerted'], 'cancelled');
  await insertMemberNotices(tx, 'member_cancel', d.id, cancelled);
  await updateDispatch(tx, d.id, { status: 'closed' });
  await note(tx, d, actorId, '调度结束', { cancelled });
  await announce(tx, d);
}

/** Opens the dispatch's first wave and marks the case dispatched. */
export async function begin(tx: Tx, d: DispatchRow, policy: DispatchPolicy, actorId: number | null): Promise<void> {
  const previous = await updateCaseStatus(tx, d.case_id, 'dispatched');
  await insertCaseEvent(tx, {
    caseId: d.case_id,
    actorId,
    from: previous ?? null,
    to: 'dispatched',
    note: `发起调度：半径 ${d.radius_m} 米，每批 ${d.wave_size} 人，目标 ${d.target} 人`,
    data: { dispatch_id: d.id },
  });
  await advance(tx, d, policy, actorId);
  await announce(tx, d);
}

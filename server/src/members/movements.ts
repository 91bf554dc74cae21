import type pg from 'pg';
import { audit } from '../audit/record.ts';
import { ErrorCode } from '../contract/error.ts';
import type { LeaveBody, MobileBody, MobileEndBody, RegistrationBody, RegistrationEndBody, TransferBody } from '../contract/members.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { insertHistory } from '../registry-history/queries.ts';
import type { MemberRecord } from './member-record.ts';
import { selectArea, selectOpenOrg, updateLeft, updateMemberOrg, updateMobile, updateRegistration, type MemberState } from './registry.queries.ts';
import { lockCurrentMember, recordAfterWrite, type Writer } from './writer.ts';

/**
 * The movements that matter (转接, 双报到, 流动党员, leaving): each changes the member, keeps a row
 * of history with its day and reason, and writes its audit record, in one transaction; the answer
 * is the member's record as it is now.
 */

/** 转接: to another open organization in the writer's scope (any other: 404, nothing written). */
export function transferMember(db: pg.Pool, w: Writer, id: number, body: TransferBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    const to = await selectOpenOrg(tx, body.org_id, w.scope);
    if (!to) throw new DomainError('not_found', ErrorCode.notFound, `No open organization ${body.org_id} in your scope.`);
    if (to.id === member.org_id) throw new DomainError('conflict', ErrorCode.conflict, `Member ${id} already belongs to ${to.name}.`);
    await updateMemberOrg(tx, id, to.id);
    const detail = { from: { id: member.org_id, name: member.org_name }, to: { id: to.id, name: to.name } };
    await insertHistory(tx, {
      subjectKind: 'member',
      subjectId: id,
      action: 'transferred',
      effectiveOn: body.effective_on,
      reason: body.reason,
      detail,
      actorId: w.actor.userId,
    });
    await audit(tx, w.actor, {
      action: 'member.transfer',
      targetKind: 'member',
      targetIds: [id],
      scope: to.area_code,
      detail: { from_org_id: member.org_id, to_org_id: to.id, from_area: member.org_area_code },
    });
    return recordAfterWrite(tx, w, id);
  });
}

/** 双报到: registered with a community or village of the territory (a new one replaces the old). */
export function registerMember(db: pg.Pool, w: Writer, id: number, body: RegistrationBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    const community = await selectArea(tx, body.community_code);
    if (!community || (community.level !== 'community' && community.level !== 'village')) {
      throw new DomainError('not_found', ErrorCode.notFound, `No community or village ${body.community_code}.`);
    }
    if (member.registration_community === community.code) {
      throw new DomainError('conflict', ErrorCode.conflict, `Member ${id} is already registered with ${community.name}.`);
    }
    await updateRegistration(tx, id, community.code, body.effective_on ?? null);
    const previous = member.registration_community ? { code: member.registration_community, name: member.registration_name } : null;
    const detail = { community: { code: community.code, name: community.name }, previous };
    await insertHistory(tx, { subjectKind: 'member', subjectId: id, action: 'registered', effectiveOn: body.effective_on, detail, actorId: w.actor.userId });
    await audit(tx, w.actor, {
      action: 'member.register',
      targetKind: 'member',
      targetIds: [id],
      scope: member.org_area_code,
      detail: { community: community.code },
    });
    return recordAfterWrite(tx, w, id);
  });
}

export function endRegistration(db: pg.Pool, w: Writer, id: number, body: RegistrationEndBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    if (member.registration_community === null) {
      throw new DomainError('conflict', ErrorCode.notRegistered, `Member ${id} is not registered with a community.`);
    }
    await updateRegistration(tx, id, null, null);
    const detail = { community: { code: member.registration_community, name: member.registration_name }, since: member.registered_on };
    await insertHistory(tx, {
      subjectKind: 'member',
      subjectId: id,
      action: 'registration_ended',
      effectiveOn: body.effective_on,
      reason: body.reason,
      detail,
      actorId: w.actor.userId,
    });
    await audit(tx, w.actor, {
      action: 'member.register_end',
      targetKind: 'member',
      targetIds: [id],
      scope: member.org_area_code,
      detail: { community: member.registration_community },
    });
    return recordAfterWrite(tx, w, id);
  });
}

/** Where a mobile member is recorded to be, as their history names it. */
function mobileArea(m: MemberState): { code: string; name: string | null } | null {
  return m.mobile_area_code ? { code: m.mobile_area_code, name: m.mobile_area_name } : null;
}

/** 流动党员: where the member now is (an area of the territory, or words), since when; again to say they moved on. */
export function markMobile(db: pg.Pool, w: Writer, id: number, body: MobileBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    const area = body.area_code === undefined ? undefined : await selectArea(tx, body.area_code);
    if (body.area_code !== undefined && !area) throw new DomainError('not_found', ErrorCode.notFound, `No area ${body.area_code}.`);
    await updateMobile(tx, id, { areaCode: area?.code ?? null, whereabouts: body.whereabouts ?? null, since: body.since ?? null });
    const previous = member.mobile ? { area: mobileArea(member), whereabouts: member.mobile_whereabouts } : null;
    const detail = { area: area ? { code: area.code, name: area.name } : null, whereabouts: body.whereabouts ?? null, previous };
    await insertHistory(tx, { subjectKind: 'member', subjectId: id, action: 'mobile', effectiveOn: body.since, detail, actorId: w.actor.userId });
    await audit(tx, w.actor, {
      action: 'member.mobile',
      targetKind: 'member',
      targetIds: [id],
      scope: member.org_area_code,
      detail: { area: area?.code ?? null },
    });
    return recordAfterWrite(tx, w, id);
  });
}

export function endMobile(db: pg.Pool, w: Writer, id: number, body: MobileEndBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    if (!member.mobile) throw new DomainError('conflict', ErrorCode.notMobile, `Member ${id} is not a mobile member.`);
    await updateMobile(tx, id, null);
    const detail = {
      area: mobileArea(member),
      whereabouts: member.mobile_whereabouts,
      since: member.mobile_since,
    };
    await insertHistory(tx, { subjectKind: 'member', subjectId: id, action: 'mobile_ended', effectiveOn: body.effective_on, detail, actorId: w.actor.userId });
    await audit(tx, w.actor, { action: 'member.mobile_end', targetKind: 'member', targetIds: [id], scope: member.org_area_code });
    return recordAfterWrite(tx, w, id);
  });
}

/**
 * Leaving: the day and reason kept, no longer available. The member stays in the history and
 * drops out of the list's default, dispatch (nearest_members) and the density pyramid (sql/000024).
 */
export function leaveMember(db: pg.Pool, w: Writer, id: number, body: LeaveBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    await updateLeft(tx, id, body.effective_on ?? null, body.reason);
    const detail = { org: { id: member.org_id, name: member.org_name } };
    await insertHistory(tx, {
      subjectKind: 'member',
      subjectId: id,
      action: 'left',
      effectiveOn: body.effective_on,
      reason: body.reason,
      detail,
      actorId: w.actor.userId,
    });
    await audit(tx, w.actor, { action: 'member.leave', targetKind: 'member', targetIds: [id], scope: member.org_area_code });
    return recordAfterWrite(tx, w, id);
  });
}

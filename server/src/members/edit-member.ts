import type pg from 'pg';
import { audit } from '../audit/record.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CreateMemberBody, UpdateMemberBody } from '../contract/members.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { insertHistory } from '../registry-history/queries.ts';
import type { MemberRecord } from './member-record.ts';
import { inCounty, insertMember, selectOpenOrg, updateMemberFields, type MemberState } from './registry.queries.ts';
import { lockCurrentMember, recordAfterWrite, type Writer } from './writer.ts';

async function assertHomeInCounty(tx: Tx, position: [number, number], orgAreaCode: string): Promise<void> {
  if (!(await inCounty(tx, position[0], position[1], orgAreaCode))) {
    throw new DomainError('unprocessable', ErrorCode.outsideTerritory, `The home ${position.join(',')} lies outside the county of the organization.`);
  }
}

/** A new member of an open organization in scope, with their home in its county; history 'created'. */
export function createMember(db: pg.Pool, w: Writer, body: CreateMemberBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const org = await selectOpenOrg(tx, body.org_id, w.scope);
    if (!org) throw new DomainError('not_found', ErrorCode.notFound, `No open organization ${body.org_id} in your scope.`);
    await assertHomeInCounty(tx, body.position, org.area_code);
    const id = await insertMember(tx, body, org.area_code);
    await insertHistory(tx, {
      subjectKind: 'member',
      subjectId: id,
      action: 'created',
      detail: { org: { id: org.id, name: org.name } },
      actorId: w.actor.userId,
    });
    await audit(tx, w.actor, { action: 'member.create', targetKind: 'member', targetIds: [id], scope: org.area_code, detail: { org_id: org.id } });
    return recordAfterWrite(tx, w, id);
  });
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));

/** The fields of `body` whose value differs from the member's now. */
function changedFields(m: MemberState, body: UpdateMemberBody): Array<keyof UpdateMemberBody> {
  const differs: { [K in keyof Required<UpdateMemberBody>]: (v: NonNullable<UpdateMemberBody[K]> | null) => boolean } = {
    name: (v) => v !== m.name,
    gender: (v) => v !== m.gender,
    birth_year: (v) => v !== m.birth_year,
    position: (v) => v === null || v[0] !== m.lng || v[1] !== m.lat,
    phone: (v) => v !== m.phone,
    skills: (v) => v === null || !sameSet(v, m.skills),
    in_service: (v) => v !== m.in_service,
    available: (v) => v !== m.available,
    joined_on: (v) => v !== m.joined_on,
  };
  return (Object.keys(body) as Array<keyof UpdateMemberBody>).filter((k) => body[k] !== undefined && (differs[k] as (v: unknown) => boolean)(body[k]));
}

/**
 * Changes what the body names; only fields that differ are written, kept as history 'edited' with
 * their names (never their values: a phone or a home stays out of the history). Nothing differs:
 * nothing is written.
 */
export function updateMember(db: pg.Pool, w: Writer, id: number, body: UpdateMemberBody): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    const changed = changedFields(member, body);
    if (changed.length > 0) {
      if (body.position) await assertHomeInCounty(tx, body.position, member.org_area_code);
      await updateMemberFields(tx, id, Object.fromEntries(changed.map((k) => [k, body[k]])) as UpdateMemberBody);
      await insertHistory(tx, { subjectKind: 'member', subjectId: id, action: 'edited', detail: { changed }, actorId: w.actor.userId });
      await audit(tx, w.actor, { action: 'member.update', targetKind: 'member', targetIds: [id], scope: member.org_area_code, detail: { changed } });
    }
    return recordAfterWrite(tx, w, id);
  });
}

import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CoverNewOrgBody, CreateNewOrgBody, NewOrgRule, TargetBody, TownTarget, UncoverNewOrgBody, UpdateNewOrgBody } from '../contract/new-orgs.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { insertHistory } from '../registry-history/queries.ts';
import {
  clearCoverage,
  closeTracking,
  deleteTarget,
  insertNewOrg,
  lockNewOrg,
  lockRule,
  openTracking,
  selectAreaHolding,
  selectCoveringOrg,
  selectTown,
  setCoverage,
  updateNewOrgFields,
  updateRule,
  upsertTarget,
  type LockedNewOrgRow,
  type NewOrgFields,
} from './edit.queries.ts';

/** Writes in the caller's registry.edit scope; a covering organization is one they may read (org.read). */
export type WriteScopes = { edit: Scope; orgs: Scope };

/** Today in China Standard Time, the day the papers give. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function notToCome(field: string, on: string): void {
  if (on > today())
    throw new DomainError('invalid', ErrorCode.invalidBody, `Invalid request body: ${field}: ${on} is a day to come; give the day it happened.`);
}

const notFound = (id: number) => new DomainError('not_found', ErrorCode.notFound, `No new-type organization ${id} in your scope.`);

async function locked(tx: Tx, id: number, scope: Scope): Promise<LockedNewOrgRow> {
  const row = await lockNewOrg(tx, id, scope);
  if (!row) throw notFound(id);
  return row;
}

function assertCounts(staff: number, members: number): void {
  if (members > staff) {
    throw new DomainError('invalid', ErrorCode.invalidBody, `Invalid request body: member_count: ${members} Party members exceed the ${staff} staff.`);
  }
}

/** Creates an uncovered new-type organization in a community or village in scope; it is registered for tracking (挂号) at once. */
export function createNewOrg(db: pg.Pool, actor: Actor, body: CreateNewOrgBody, scopes: WriteScopes): Promise<number> {
  return withTransaction(db, async (tx) => {
    const area = await selectAreaHolding(tx, body.area_code, body.position, scopes.edit);
    if (!area) throw new DomainError('not_found', ErrorCode.notFound, `No area ${body.area_code} in your scope.`);
    if (area.level !== 'community' && area.level !== 'village') {
      throw new DomainError(
        'invalid',
        ErrorCode.invalidBody,
        `Invalid request body: area_code: ${area.name} is a ${area.level}; give the community or village it lies in.`,
      );
    }
    if (!area.inside) {
      throw new DomainError(
        'unprocessable',
        ErrorCode.outsideArea,
        `The position [${body.position.join(', ')}] lies outside ${area.name} (${body.area_code}).`,
      );
    }
    const id = await insertNewOrg(tx, body.kind, body.area_code, {
      name: body.name,
      creditCode: body.credit_code ?? null,
      staffCount: body.staff_count,
      memberCount: body.member_count,
      position: body.position,
      registeredOn: body.registered_on ?? null,
    });
    await insertHistory(tx, {
      subjectKind: 'new_org',
      subjectId: id,
      action: 'created',
      detail: { kind: body.kind, name: body.name, area_code: body.area_code, staff_count: body.staff_count, member_count: body.member_count },
      actorId: actor.userId,
    });
    await audit(tx, actor, {
      action: 'new_org.create',
      targetKind: 'new_org',
      targetIds: [id],
      scope: body.area_code,
      detail: { kind: body.kind, name: body.name },
    });
    return id;
  });
}

type Editable = Omit<NewOrgFields, 'position'> & { position: readonly [number, number] };
const fieldOf = {
  name: 'name',
  credit_code: 'creditCode',
  staff_count: 'staffCount',
  member_count: 'memberCount',
  position: 'position',
  registered_on: 'registeredOn',
} as const satisfies Record<keyof UpdateNewOrgBody, keyof Editable>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Edits a new-type organization in scope (names, counts, position): its status follows from the
 * new counts under the rule. Party members never exceed the staff; a position stays inside its
 * area. Nothing changed writes nothing.
 */
export function updateNewOrg(db: pg.Pool, actor: Actor, id: number, body: UpdateNewOrgBody, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const row = await locked(tx, id, scopes.edit);
    const before: Editable = {
      name: row.name,
      creditCode: row.credit_code,
      staffCount: row.staff_count,
      memberCount: row.member_count,
      position: [row.lng, row.lat],
      registeredOn: row.registered_on,
    };
    const after: Editable = { ...before };
    for (const [field, key] of Object.entries(fieldOf) as Array<[keyof UpdateNewOrgBody, keyof Editable]>) {
      if (body[field] !== undefined) Object.assign(after, { [key]: body[field] });
    }
    const changed = (Object.keys(fieldOf) as Array<keyof UpdateNewOrgBody>).filter((f) => !same(before[fieldOf[f]], after[fieldOf[f]]));
    if (changed.length === 0) return;
    assertCounts(after.staffCount, after.memberCount);
    if (changed.includes('position')) {
      const area = await selectAreaHolding(tx, row.area_code, after.position, scopes.edit);
      if (!area?.inside) {
        throw new DomainError(
          'unprocessable',
          ErrorCode.outsideArea,
          `The position [${after.position.join(', ')}] lies outside area ${row.area_code}; place it inside its area.`,
        );
      }
    }
    await updateNewOrgFields(tx, id, after);
    const pick = (e: Editable) => Object.fromEntries(changed.map((f) => [f, e[fieldOf[f]]]));
    await insertHistory(tx, {
      subjectKind: 'new_org',
      subjectId: id,
      action: 'edited',
      detail: { changed, before: pick(before), after: pick(after) },
      actorId: actor.userId,
    });
    await audit(tx, actor, { action: 'new_org.update', targetKind: 'new_org', targetIds: [id], scope: row.area_code, detail: { changed } });
  });
}

/**
 * Covers a new-type organization (销号): own or joint branch by an open organization the caller
 * may read, or an instructor. An uncovered one's open tracking entry closes on the day, naming
 * who closed it; a covered one changes its mode. The same coverage again writes nothing.
 */
export function coverNewOrg(db: pg.Pool, actor: Actor, id: number, body: CoverNewOrgBody, scopes: WriteScopes): Promise<void> {
  const on = body.covered_on ?? today();
  notToCome('covered_on', on);
  return withTransaction(db, async (tx) => {
    const row = await locked(tx, id, scopes.edit);
    const orgId = body.covering_org_id ?? null;
    if (orgId !== null) {
      const org = await selectCoveringOrg(tx, orgId, scopes.orgs);
      if (!org) throw new DomainError('not_found', ErrorCode.notFound, `No organization ${orgId} in your scope.`);
      if (org.closed_on !== null)
        throw new DomainError('conflict', ErrorCode.orgClosed, `${org.name} was closed on ${org.closed_on}; name an open organization.`);
    }
    const instructor = body.instructor_name ?? null;
    const coverage = { mode: body.mode, orgId, instructor, on };
    const unchanged = row.coverage_mode === body.mode && row.covering_org_id === orgId && row.instructor_name === instructor;
    if (unchanged) return;
    const closed = row.coverage_mode === null ? await closeTracking(tx, id, on, body.mode, actor.userId) : undefined;
    await setCoverage(tx, id, row.coverage_mode === null ? coverage : { ...coverage, on: body.covered_on ?? row.covered_on ?? on });
    const detail = {
      mode: body.mode,
      covering_org_id: orgId,
      instructor_name: instructor,
      ...(row.coverage_mode === null
        ? { tracking_id: closed ?? null }
        : { from: { mode: row.coverage_mode, covering_org_id: row.covering_org_id, instructor_name: row.instructor_name } }),
    };
    await insertHistory(tx, {
      subjectKind: 'new_org',
      subjectId: id,
      action: row.coverage_mode === null ? 'covered' : 'coverage_changed',
      effectiveOn: on,
      detail,
      actorId: actor.userId,
    });
    await audit(tx, actor, { action: 'new_org.cover', targetKind: 'new_org', targetIds: [id], scope: row.area_code, detail });
  });
}

/** A covered organization lost its coverage on a day, for a reason: uncovered, and registered for tracking again (挂号). */
export function uncoverNewOrg(db: pg.Pool, actor: Actor, id: number, body: UncoverNewOrgBody, scopes: WriteScopes): Promise<void> {
  const on = body.effective_on ?? today();
  notToCome('effective_on', on);
  return withTransaction(db, async (tx) => {
    const row = await locked(tx, id, scopes.edit);
    if (row.coverage_mode === null) throw new DomainError('conflict', ErrorCode.conflict, `${row.name} is not covered; it is tracked already.`);
    if (row.covered_on !== null && on < row.covered_on) {
      throw new DomainError(
        'invalid',
        ErrorCode.invalidBody,
        `Invalid request body: effective_on: ${on} is before the day it was covered (${row.covered_on}).`,
      );
    }
    const tracking = await openTracking(tx, id, on);
    await clearCoverage(tx, id);
    const detail = { from: { mode: row.coverage_mode, covering_org_id: row.covering_org_id, instructor_name: row.instructor_name }, tracking_id: tracking };
    await insertHistory(tx, {
      subjectKind: 'new_org',
      subjectId: id,
      action: 'uncovered',
      effectiveOn: on,
      reason: body.reason,
      detail,
      actorId: actor.userId,
    });
    await audit(tx, actor, {
      action: 'new_org.uncover',
      targetKind: 'new_org',
      targetIds: [id],
      scope: row.area_code,
      detail: { ...detail, reason: body.reason },
    });
  });
}

/** Sets (or, with null, clears) the day a town in scope means to have its uncovered organizations covered. */
export function setTownTarget(db: pg.Pool, actor: Actor, town: string, body: TargetBody, scope: Scope): Promise<TownTarget> {
  return withTransaction(db, async (tx) => {
    const row = await selectTown(tx, town, scope);
    if (!row) throw new DomainError('not_found', ErrorCode.notFound, `No town ${town} in your scope.`);
    const answer: TownTarget = { town_code: town, town_name: row.name, target_on: body.target_on };
    if (row.target_on === body.target_on) return answer;
    if (body.target_on === null) await deleteTarget(tx, town);
    else await upsertTarget(tx, town, body.target_on, actor.userId);
    await audit(tx, actor, { action: 'new_org.target', scope: town, detail: { town_code: town, before: row.target_on, after: body.target_on } });
    return answer;
  });
}

/** Replaces the coverage rule; every organization's status follows at once (new_org_coverage is a view). */
export function replaceRule(db: pg.Pool, actor: Actor, auditScope: string | null, rule: NewOrgRule): Promise<void> {
  return withTransaction(db, async (tx) => {
    const before = await lockRule(tx);
    await updateRule(tx, rule.own_branch_min_members, actor.userId);
    await audit(tx, actor, { action: 'new_org.rule', scope: auditScope, detail: { before, after: rule } });
  });
}

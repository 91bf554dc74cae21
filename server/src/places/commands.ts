import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { tieredKinds, type ClosePlaceBody, type CreatePlaceBody, type HouseholdsBody, type UpdatePlaceBody } from '../contract/places.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import {
  buildingsOutside,
  closePlace as closePlaceRow,
  deleteHouseholds,
  insertHouseholds,
  insertPlace,
  lockPlace,
  positionsOutside,
  selectAreaHolding,
  selectHouseholdMember,
  setLinkedHouseholds,
  updatePlace as updatePlaceRow,
  type LockedPlaceRow,
  type PlaceFields,
} from './edit.queries.ts';
import { insertHistory } from '../registry-history/queries.ts';
import { readPlaceIn, type PlaceView } from './read-place.ts';

/** Writes in the caller's registry.edit scope; the answer is read with their member.read_exact scope too. */
export type WriteScopes = { edit: Scope; exact: Scope };

/** Today in China Standard Time, the day the papers give. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

const notFound = (id: number) => new DomainError('not_found', ErrorCode.notFound, `No service position ${id} in your scope.`);

async function lockOpen(tx: Tx, id: number, scope: Scope): Promise<LockedPlaceRow> {
  const row = await lockPlace(tx, id, scope);
  if (!row) throw notFound(id);
  if (row.closed_on !== null) {
    throw new DomainError(
      'conflict',
      ErrorCode.placeClosed,
      `Service position ${id} closed on ${row.closed_on}; a closed position keeps its record but takes no changes.`,
    );
  }
  return row;
}

async function assertInsideArea(tx: Tx, areaCode: string, position: readonly [number, number]) {
  if ((await positionsOutside(tx, areaCode, [position])).length > 0) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.outsideArea,
      `The position [${position.join(', ')}] lies outside area ${areaCode}; place it inside its area.`,
    );
  }
}

/** Creates a service position in an area in scope; a center household is a current member's home. */
export function createPlace(db: pg.Pool, actor: Actor, body: CreatePlaceBody, scopes: WriteScopes): Promise<PlaceView> {
  return withTransaction(db, async (tx) => {
    const area = await selectAreaHolding(tx, body.area_code, body.position, scopes.edit);
    if (!area) throw new DomainError('not_found', ErrorCode.notFound, `No area ${body.area_code} in your scope.`);
    if (!area.inside) {
      throw new DomainError(
        'unprocessable',
        ErrorCode.outsideArea,
        `The position [${body.position.join(', ')}] lies outside ${area.name} (${body.area_code}).`,
      );
    }
    if (body.member_id !== undefined) {
      const member = await selectHouseholdMember(tx, body.member_id, scopes.edit);
      if (!member) throw new DomainError('not_found', ErrorCode.notFound, `No member ${body.member_id} in your scope.`);
      if (member.left_on !== null) {
        throw new DomainError(
          'conflict',
          ErrorCode.conflict,
          `Member ${body.member_id} left on ${member.left_on}; a center household is a current member's home.`,
        );
      }
      if (member.keeps_place_id !== null) {
        throw new DomainError(
          'conflict',
          ErrorCode.conflict,
          `Member ${body.member_id} keeps center household ${member.keeps_place_id} already; close it first.`,
        );
      }
    }
    const id = await insertPlace(tx, {
      kind: body.kind,
      name: body.name,
      tier: body.tier ?? null,
      areaCode: body.area_code,
      address: body.address ?? null,
      position: body.position,
      openingHours: body.opening_hours ?? null,
      services: body.services ?? [],
      contactName: body.contact_name ?? null,
      contactPhone: body.contact_phone ?? null,
      memberId: body.member_id ?? null,
    });
    await insertHistory(tx, {
      subjectKind: 'place',
      subjectId: id,
      action: 'created',
      detail: { kind: body.kind, name: body.name, area_code: body.area_code },
      actorId: actor.userId,
    });
    await audit(tx, actor, {
      action: 'place.create',
      targetKind: 'place',
      targetIds: [id],
      scope: body.area_code,
      detail: { kind: body.kind, name: body.name },
    });
    return readPlaceIn(tx, actor, id, { scope: scopes.edit, exact: scopes.exact });
  });
}

type Field = 'name' | 'tier' | 'address' | 'opening_hours' | 'services' | 'contact_name' | 'contact_phone';

/** The fields other than the position that `body` changes, with their values before and after. */
function changedFields(row: LockedPlaceRow, body: UpdatePlaceBody): { changed: Field[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const fields: Field[] = ['name', 'tier', 'address', 'opening_hours', 'services', 'contact_name', 'contact_phone'];
  const changed = fields.filter((f) => body[f] !== undefined && JSON.stringify(body[f]) !== JSON.stringify(row[f]));
  return {
    changed,
    before: Object.fromEntries(changed.map((f) => [f, row[f]])),
    after: Object.fromEntries(changed.map((f) => [f, body[f]])),
  };
}

/**
 * Edits a place in scope. A new position is a move on the map (history 'moved'); the other fields
 * changed are one 'edited' entry naming them. Nothing changed writes nothing.
 */
export function updatePlace(db: pg.Pool, actor: Actor, id: number, body: UpdatePlaceBody, scopes: WriteScopes): Promise<PlaceView> {
  return withTransaction(db, async (tx) => {
    const row = await lockOpen(tx, id, scopes.edit);
    if (body.tier !== undefined && !tieredKinds.includes(row.kind)) {
      throw new DomainError('invalid', ErrorCode.invalidBody, `Invalid request body: tier: is only for service centers and stations, not a ${row.kind}.`);
    }
    const position = body.position ?? [row.lng, row.lat];
    const moved = position[0] !== row.lng || position[1] !== row.lat;
    if (moved) await assertInsideArea(tx, row.area_code, position);
    const edit = changedFields(row, body);
    if (moved || edit.changed.length > 0) {
      const fields: PlaceFields = {
        name: body.name ?? row.name,
        tier: body.tier ?? row.tier,
        address: body.address !== undefined ? body.address : row.address,
        position,
        openingHours: body.opening_hours !== undefined ? body.opening_hours : row.opening_hours,
        services: body.services ?? row.services,
        contactName: body.contact_name !== undefined ? body.contact_name : row.contact_name,
        contactPhone: body.contact_phone !== undefined ? body.contact_phone : row.contact_phone,
      };
      await updatePlaceRow(tx, id, fields);
      if (moved) {
        await insertHistory(tx, {
          subjectKind: 'place',
          subjectId: id,
          action: 'moved',
          detail: { from: [row.lng, row.lat], to: position },
          actorId: actor.userId,
        });
      }
      if (edit.changed.length > 0) await insertHistory(tx, { subjectKind: 'place', subjectId: id, action: 'edited', detail: edit, actorId: actor.userId });
      await audit(tx, actor, {
        action: 'place.update',
        targetKind: 'place',
        targetIds: [id],
        scope: row.area_code,
        detail: { changed: [...(moved ? ['position'] : []), ...edit.changed] },
      });
    }
    return readPlaceIn(tx, actor, id, { scope: scopes.edit, exact: scopes.exact });
  });
}

/** Closes a place in scope on a day (today when not given, never one to come): off the map, kept in history. */
export function closePlace(db: pg.Pool, actor: Actor, id: number, body: ClosePlaceBody, scopes: WriteScopes): Promise<PlaceView> {
  const on = body.effective_on ?? today();
  if (on > today())
    throw new DomainError(
      'invalid',
      ErrorCode.invalidBody,
      `Invalid request body: effective_on: ${on} is a day to come; close a position on the day it closed.`,
    );
  return withTransaction(db, async (tx) => {
    const row = await lockOpen(tx, id, scopes.edit);
    await closePlaceRow(tx, id, on, body.reason);
    await insertHistory(tx, { subjectKind: 'place', subjectId: id, action: 'closed', effectiveOn: on, reason: body.reason, detail: {}, actorId: actor.userId });
    await audit(tx, actor, {
      action: 'place.close',
      targetKind: 'place',
      targetIds: [id],
      scope: row.area_code,
      detail: { effective_on: on, reason: body.reason },
    });
    return readPlaceIn(tx, actor, id, { scope: scopes.edit, exact: scopes.exact });
  });
}

/**
 * Replaces the households a center household links with (党员中心户联系户). Each is at a position
 * inside the place's area, or at a building of its area subtree; `linked_households` becomes their
 * number.
 */
export function replaceHouseholds(db: pg.Pool, actor: Actor, id: number, body: HouseholdsBody, scopes: WriteScopes): Promise<PlaceView> {
  return withTransaction(db, async (tx) => {
    const row = await lockOpen(tx, id, scopes.edit);
    if (row.kind !== 'center_household') {
      throw new DomainError('unprocessable', ErrorCode.notCenterHousehold, `Service position ${id} is a ${row.kind}; only center households link households.`);
    }
    const buildingIds = body.flatMap((h) => (h.building_id !== undefined ? [h.building_id] : []));
    const strayBuildings = buildingIds.length > 0 ? await buildingsOutside(tx, buildingIds, Scope.of([row.area_code])) : [];
    if (strayBuildings.length > 0) {
      throw new DomainError(
        'unprocessable',
        ErrorCode.outsideArea,
        `No building ${strayBuildings.join(', ')} in area ${row.area_code}; link households of the place's own area.`,
      );
    }
    const positioned = body.flatMap((h, i) => (h.position !== undefined ? [{ i, position: h.position }] : []));
    const stray =
      positioned.length > 0
        ? await positionsOutside(
            tx,
            row.area_code,
            positioned.map((p) => p.position),
          )
        : [];
    if (stray.length > 0) {
      const which = stray.map((n) => `households[${positioned[n - 1]!.i}]`).join(', ');
      throw new DomainError('unprocessable', ErrorCode.outsideArea, `${which} lie outside area ${row.area_code}; link households of the place's own area.`);
    }
    const before = await deleteHouseholds(tx, id);
    await insertHouseholds(
      tx,
      id,
      body.map((h) => ({ label: h.label, buildingId: h.building_id ?? null, position: h.position ?? null })),
    );
    await setLinkedHouseholds(tx, id, body.length);
    await insertHistory(tx, {
      subjectKind: 'place',
      subjectId: id,
      action: 'households_replaced',
      detail: { before, after: body.length },
      actorId: actor.userId,
    });
    await audit(tx, actor, { action: 'place.households', targetKind: 'place', targetIds: [id], scope: row.area_code, detail: { before, after: body.length } });
    return readPlaceIn(tx, actor, id, { scope: scopes.edit, exact: scopes.exact });
  });
}

import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CreateWishBody, UpdateWishBody, WithdrawWishBody } from '../contract/wishes.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import {
  insertWish,
  lockWish,
  selectAreaHolding,
  selectCommunityAt,
  selectWish,
  selectWishPlace,
  updateWishText,
  withdrawWish,
  type LockedWishRow,
  type WishReaders,
  type WishRow,
} from './queries.ts';

/** Writes in the caller's wish.manage scope; the answer is read as the caller may read wishes. */
export type WishWriter = { actor: Actor; manage: Scope; readers: WishReaders };

const notFound = (id: number) => new DomainError('not_found', ErrorCode.notFound, `No wish ${id} in your scope.`);

async function answer(tx: Tx, w: WishWriter, id: number): Promise<WishRow> {
  const row = await selectWish(tx, id, { ...w.readers, scope: w.manage });
  if (!row) throw notFound(id);
  return row;
}

/** Where a new wish is: a service position's point and area, or a point and the area holding it. */
async function placeOf(tx: Tx, body: CreateWishBody, scope: Scope): Promise<{ areaCode: string; position: [number, number]; placeId: number | null }> {
  if (body.place_id !== undefined) {
    const place = await selectWishPlace(tx, body.place_id, scope);
    if (!place) throw new DomainError('not_found', ErrorCode.notFound, `No service position ${body.place_id} in your scope.`);
    if (place.closed_on !== null) {
      throw new DomainError('conflict', ErrorCode.placeClosed, `Service position ${place.id} closed on ${place.closed_on}; post the wish at an open one.`);
    }
    if (place.kind === 'center_household') {
      throw new DomainError(
        'unprocessable',
        ErrorCode.placeIsAHome,
        `Service position ${place.id} is a center household, a member's home: post the wish at a point nearby instead, so no map shows the home.`,
      );
    }
    return { areaCode: place.area_code, position: [place.lng, place.lat], placeId: place.id };
  }
  const position = body.position!;
  if (body.area_code !== undefined) {
    const area = await selectAreaHolding(tx, body.area_code, position, scope);
    if (!area) throw new DomainError('not_found', ErrorCode.notFound, `No area ${body.area_code} in your scope.`);
    if (!area.inside) {
      throw new DomainError('unprocessable', ErrorCode.outsideArea, `The position [${position.join(', ')}] lies outside area ${body.area_code}.`);
    }
    return { areaCode: body.area_code, position: [position[0], position[1]], placeId: null };
  }
  const community = await selectCommunityAt(tx, position, scope);
  if (!community) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.outsideTerritory,
      `The position [${position.join(', ')}] lies in no community or village of the territory.`,
    );
  }
  if (!community.in_scope) throw new DomainError('not_found', ErrorCode.notFound, `The position [${position.join(', ')}] lies in no area of your scope.`);
  return { areaCode: community.code, position: [position[0], position[1]], placeId: null };
}

/** Posts a wish (微心愿) for a resident in an area in scope. */
export function postWish(db: pg.Pool, w: WishWriter, body: CreateWishBody): Promise<WishRow> {
  return withTransaction(db, async (tx) => {
    const at = await placeOf(tx, body, w.manage);
    const id = await insertWish(tx, {
      title: body.title,
      detail: body.detail ?? null,
      residentName: body.resident_name ?? null,
      areaCode: at.areaCode,
      placeId: at.placeId,
      position: at.position,
      postedBy: w.actor.userId,
    });
    await audit(tx, w.actor, {
      action: 'wish.post',
      targetKind: 'wish',
      targetIds: [id],
      scope: at.areaCode,
      detail: { title: body.title, place_id: at.placeId },
    });
    return answer(tx, w, id);
  });
}

async function lockOpen(tx: Tx, id: number, scope: Scope, what: string): Promise<LockedWishRow> {
  const row = await lockWish(tx, id, scope);
  if (!row) throw notFound(id);
  if (row.status !== 'open') throw new DomainError('conflict', ErrorCode.wishNotOpen, `Wish ${id} is ${row.status}; only an open wish can be ${what}.`);
  return row;
}

/** Edits an open wish's words; nothing changed writes nothing. */
export function updateWish(db: pg.Pool, w: WishWriter, id: number, body: UpdateWishBody): Promise<WishRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockOpen(tx, id, w.manage, 'edited');
    const next = {
      title: body.title ?? row.title,
      detail: body.detail !== undefined ? body.detail : row.detail,
      residentName: body.resident_name !== undefined ? body.resident_name : row.resident_name,
    };
    const changed = (
      [
        ['title', row.title, next.title],
        ['detail', row.detail, next.detail],
        ['resident_name', row.resident_name, next.residentName],
      ] as const
    )
      .filter(([, before, after]) => before !== after)
      .map(([field]) => field);
    if (changed.length > 0) {
      await updateWishText(tx, id, next);
      await audit(tx, w.actor, { action: 'wish.update', targetKind: 'wish', targetIds: [id], scope: row.area_code, detail: { changed } });
    }
    return answer(tx, w, id);
  });
}

/** Withdraws an open or claimed wish (撤回): off the members' pages and the map, kept in the list. */
export function withdraw(db: pg.Pool, w: WishWriter, id: number, body: WithdrawWishBody): Promise<WishRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockWish(tx, id, w.manage);
    if (!row) throw notFound(id);
    if (row.status !== 'open' && row.status !== 'claimed') {
      throw new DomainError('conflict', ErrorCode.wishNotOpen, `Wish ${id} is ${row.status}; only an open or claimed wish can be withdrawn.`);
    }
    await withdrawWish(tx, id, body.reason ?? null);
    await audit(tx, w.actor, {
      action: 'wish.withdraw',
      targetKind: 'wish',
      targetIds: [id],
      scope: row.area_code,
      detail: { was: row.status, claimed_by: row.claimed_by, reason: body.reason ?? null },
    });
    return answer(tx, w, id);
  });
}

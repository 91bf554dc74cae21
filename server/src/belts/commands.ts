import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { Scope } from '../auth/scope.ts';
import type { BeltRoute, BeltSitesBody, CreateBeltBody, PreviewBeltBody, UpdateBeltBody } from '../contract/belts.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction, type Queryable } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { presentCounts, presentSite } from './present.ts';
import {
  areaInScope,
  deleteBelt as deleteBeltRow,
  insertBelt,
  lockBelt,
  replaceSitesAndLegs,
  selectLineCounts,
  selectShape,
  selectSites,
  setBeltLine,
  updateBelt as updateBeltRow,
  type LockedBeltRow,
  type SiteRow,
} from './queries.ts';
import { withoutRepeats, type Leg, type LngLat } from './road-graph.ts';
import { joinLegs, routeSites } from './routing.ts';

/** A belt's sites checked and its legs routed, before anything is written. */
type Planned = { sites: SiteRow[]; legs: Leg[]; line: LngLat[] };

const beltNotFound = (id: number) => new DomainError('not_found', ErrorCode.notFound, `No model belt ${id} in your scope.`);

/**
 * Checks the sites of a belt of `areaCode` and routes it: the area in scope, every site a model
 * site in scope, open, in the area's subtree, no two consecutive ones at one position.
 */
async function plan(db: Queryable, areaCode: string, siteIds: readonly number[], scope: Scope): Promise<Planned> {
  if (!(await areaInScope(db, areaCode, scope))) throw new DomainError('not_found', ErrorCode.notFound, `No area ${areaCode} in your scope.`);
  const sites = await selectSites(db, siteIds, scope);
  const found = new Set(sites.map((s) => s.id));
  const missing = siteIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new DomainError('not_found', ErrorCode.notFound, `No model site ${missing.join(', ')} in your scope.`);
  const other = sites.find((s) => s.kind !== 'model_site');
  if (other) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.notModelSite,
      `Place ${other.id} (${other.name}) is a ${other.kind}, not a model site (示范点); a belt chains model sites.`,
    );
  }
  const closed = sites.find((s) => s.closed_on !== null);
  if (closed) {
    throw new DomainError('conflict', ErrorCode.placeClosed, `Model site ${closed.id} (${closed.name}) closed on ${closed.closed_on}; choose open sites.`);
  }
  const area = Scope.of([areaCode]);
  const stray = sites.find((s) => !area.holds(s.area_code));
  if (stray) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.outsideArea,
      `Model site ${stray.id} (${stray.name}) lies in area ${stray.area_code}, outside the belt's area ${areaCode}; give the area that holds every site.`,
    );
  }
  const legs = await routeSites(
    db,
    sites.map((s) => [s.lng, s.lat]),
  );
  const flat = legs.findIndex((leg) => withoutRepeats(leg.line).length < 2);
  if (flat >= 0) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.beltSitesCoincide,
      `Model sites ${sites[flat]!.id} and ${sites[flat + 1]!.id} stand at one position; no line joins them. Drop one of them.`,
    );
  }
  return { sites, legs, line: joinLegs(legs) };
}

/** A belt's route and corridor for sites and a width, with what the corridor holds; nothing is written. */
export async function previewBelt(db: pg.Pool, body: PreviewBeltBody, scope: Scope): Promise<BeltRoute> {
  const { sites, legs, line } = await plan(db, body.area_code, body.site_ids, scope);
  const shape = await selectShape(
    db,
    line,
    body.width_m,
    legs.map((l) => l.line),
  );
  const counts = await selectLineCounts(db, line, body.width_m, Scope.of([body.area_code]));
  return {
    area_code: body.area_code,
    width_m: body.width_m,
    length_m: shape.length_m,
    sites: sites.map((s, i) => presentSite({ ...s, seq: i + 1 })),
    legs: legs.map((leg, i) => ({
      seq: i + 1,
      from_site_id: sites[i]!.id,
      to_site_id: sites[i + 1]!.id,
      routed: leg.routed,
      length_m: shape.leg_lengths[i] ?? 0,
      line: { type: 'LineString', coordinates: leg.line.map(([x, y]) => [x, y]) },
    })),
    line: { type: 'LineString', coordinates: line.map(([x, y]) => [x, y]) },
    corridor: shape.corridor,
    bbox: shape.bbox,
    counts: presentCounts(counts),
  };
}

/** Creates a belt of model sites in scope, routed along the roads, with its audit record: its id. */
export function createBelt(db: pg.Pool, actor: Actor, body: CreateBeltBody, scope: Scope): Promise<number> {
  return withTransaction(db, async (tx) => {
    const { sites, legs, line } = await plan(tx, body.area_code, body.site_ids, scope);
    const id = await insertBelt(tx, { name: body.name, areaCode: body.area_code, widthM: body.width_m, description: body.description ?? null, line });
    await replaceSitesAndLegs(
      tx,
      id,
      sites.map((s) => s.id),
      legs,
    );
    await audit(tx, actor, {
      action: 'belt.create',
      targetKind: 'belt',
      targetIds: [id],
      scope: body.area_code,
      detail: { name: body.name, site_ids: body.site_ids, width_m: body.width_m, routed_legs: legs.filter((l) => l.routed).length, legs: legs.length },
    });
    return id;
  });
}

async function locked(tx: Queryable, id: number, scope: Scope): Promise<LockedBeltRow> {
  const row = await lockBelt(tx, id, scope);
  if (!row) throw beltNotFound(id);
  return row;
}

/** Replaces a belt's sites (reordered, added, removed) and routes it again; the same sites route it again too. */
export function replaceBeltSites(db: pg.Pool, actor: Actor, id: number, body: BeltSitesBody, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const belt = await locked(tx, id, scope);
    const { sites, legs, line } = await plan(tx, belt.area_code, body.site_ids, scope);
    await replaceSitesAndLegs(
      tx,
      id,
      sites.map((s) => s.id),
      legs,
    );
    await setBeltLine(tx, id, line);
    await audit(tx, actor, {
      action: 'belt.sites',
      targetKind: 'belt',
      targetIds: [id],
      scope: belt.area_code,
      detail: { before: belt.site_ids, after: body.site_ids, routed_legs: legs.filter((l) => l.routed).length, legs: legs.length },
    });
  });
}

/** Edits a belt's name, width (its corridor follows) or description; nothing changed writes nothing. */
export function updateBelt(db: pg.Pool, actor: Actor, id: number, body: UpdateBeltBody, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const belt = await locked(tx, id, scope);
    const before = { name: belt.name, width_m: belt.width_m, description: belt.description };
    const after = {
      name: body.name ?? belt.name,
      width_m: body.width_m ?? belt.width_m,
      description: body.description !== undefined ? body.description : belt.description,
    };
    const changed = (['name', 'width_m', 'description'] as const).filter((f) => before[f] !== after[f]);
    if (changed.length === 0) return;
    await updateBeltRow(tx, id, { name: after.name, widthM: after.width_m, description: after.description });
    const pick = (v: typeof before) => Object.fromEntries(changed.map((f) => [f, v[f]]));
    await audit(tx, actor, {
      action: 'belt.update',
      targetKind: 'belt',
      targetIds: [id],
      scope: belt.area_code,
      detail: { changed, before: pick(before), after: pick(after) },
    });
  });
}

/** Deletes a belt with its sites and legs (the model sites themselves stay). */
export function deleteBelt(db: pg.Pool, actor: Actor, id: number, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const belt = await locked(tx, id, scope);
    await deleteBeltRow(tx, id);
    await audit(tx, actor, {
      action: 'belt.delete',
      targetKind: 'belt',
      targetIds: [id],
      scope: belt.area_code,
      detail: { name: belt.name, site_ids: belt.site_ids },
    });
  });
}

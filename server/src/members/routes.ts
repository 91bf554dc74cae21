import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { numericId } from '../contract/ids.ts';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { actorId, can, scopeFor } from '../auth/principal.ts';
import { NearbyQuery, type NearbyResult } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import { DensityQuery, MembersQuery, type DensityCells } from '../contract/members.ts';
import { clientAddress } from '../http/client-address.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams, parseQuery } from '../http/parse.ts';
import { cellRange, groundCellMeters } from './lattice.ts';
import { densityMinimum, memberPrecision, rawDensityScope } from './precision.ts';
import { selectNearby } from './nearby.queries.ts';
import { foldMemberDensity } from '../versions/queries.ts';
import { readMember } from './read-member.ts';
import { presentMember, presentMemberDetail, presentNearby } from './present.ts';
import { selectDensity, selectMembers } from './queries.ts';

const MemberParams = z.object({ id: numericId('a member id') });
/** A county at level 12, a town at level 14; larger views use the density tiles. */
const maxCells = 10_000;

export function membersRoutes(db: pg.Pool): Router {
  const router = Router();

  router.get('/api/v1/members/density', requirePermission('member.aggregate'), async (req, res) => {
    const { bbox, level } = parseQuery(DensityQuery, req);
    const cells = cellRange(level, bbox);
    if (cells.count > maxCells) {
      const meters = Math.round(groundCellMeters(level, (bbox.minLat + bbox.maxLat) / 2));
      throw new HttpError(
        400,
        ErrorCode.bboxTooLarge,
        `That bbox touches ${cells.count} cells of level ${level} (≈ ${meters} m); at most ${maxCells}: zoom in or use a coarser level (a smaller number, down to 6).`,
      );
    }
    const principal = principalOf(req);
    await foldMemberDensity(db); // the commits before this request are in the pyramid
    const rows = await selectDensity(db, level, cells, scopeFor(principal, 'member.aggregate'), rawDensityScope(principal));
    const result: DensityCells = {
      level,
      suppressed_below: densityMinimum(principal),
      cells: rows.map((r) => ({
        level,
        cx: r.cx,
        cy: r.cy,
        bounds: [r.west, r.south, r.east, r.north],
        center: [r.lng, r.lat],
        members: r.members,
        available: r.available,
      })),
    };
    res.json(result);
  });

  router.get('/api/v1/members/nearby', requirePermission('member.nearby'), async (req, res) => {
    const q = parseQuery(NearbyQuery, req);
    const principal = principalOf(req);
    const exact = can(principal, 'dispatch.manage');
    const filter = { ...q, skills: q.skills ?? [], scope: scopeFor(principal, 'member.nearby') };
    const read = { userId: actorId(principal), ip: clientAddress(req), detail: { purpose: 'nearby', center: [q.lng, q.lat] } };
    const rows = await selectNearby(db, filter, exact ? read : undefined);
    const result: NearbyResult = {
      center: [q.lng, q.lat],
      radius: q.radius,
      members: rows.map((r) => presentNearby(r, exact)),
    };
    res.json(result);
  });

  router.get('/api/v1/members', requirePermission('member.list'), async (req, res) => {
    const query = parseQuery(MembersQuery, req);
    const rows = await selectMembers(db, query, scopeFor(principalOf(req), 'member.list'));
    const page = rows.slice(0, query.limit);
    res.json({ members: page.map(presentMember), next_after: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null });
  });

  router.get('/api/v1/members/:id', requirePermission('member.list'), async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const principal = principalOf(req);
    const precision = memberPrecision(principal);
    const scope = scopeFor(principal, precision === 'exact' ? 'member.read_exact' : 'member.list');
    res.json(presentMemberDetail(await readMember(db, actorOf(req), id, scope, precision)));
  });
  return router;
}

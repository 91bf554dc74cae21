import { randomUUID } from 'node:crypto';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NearbyResult } from '../../server/src/contract/dispatch.ts';
import type { DensityCells, MemberDetail } from '../../server/src/contract/members.ts';
import type { StatsSummary } from '../../server/src/contract/stats.ts';
import { signInAs, wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { cellOf } from '../support/density.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * The wall follows the registry: right after a member's transfer to an organization in another
 * town, and after a member leaves, the wall's key figures, its density (REST and tiles) and the
 * raw density of the towns' admins reflect the change. No background fold runs here: every read
 * folds the commits before it, so "within 2 s" holds at once. Published density counts are 0 or
 * ≥ 5 per cell and area, so the members moved are taken from cells where their area keeps ≥ 5.
 */
const database = usePrivateDatabase('registry_wall');
const county = '510703000000';
let server: TestServer;
let wall: ApiClient;

type Current = { id: number; lng: number; lat: number; area: string; town: string; available: boolean };
let members: Current[] = [];
/** the member the transfer test moved: the leaving test takes another, in another cell */
let transferred: Current | undefined;
/** current members per level-14 cell and organization area */
const perCellArea = new Map<string, number>();
const keyOf = (m: { lng: number; lat: number }, area: string) => {
  const { cx, cy } = cellOf(14, m.lng, m.lat);
  return `${cx}/${cy}/${area}`;
};

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  wall = await wallClient(server.baseUrl, server.db, county);
  const { rows } = await server.db.query<Current>(
    `select m.id, st_x(m.home) as lng, st_y(m.home) as lat, m.org_area_code as area, left(m.org_area_code, 9) || '000' as town, m.available
     from member m where m.left_on is null order by m.id`,
  );
  members = rows;
  for (const m of members) perCellArea.set(keyOf(m, m.area), (perCellArea.get(keyOf(m, m.area)) ?? 0) + 1);
});
afterAll(async () => {
  await server.close();
});

const tinyBbox = (m: { lng: number; lat: number }) => `${m.lng - 1e-6},${m.lat - 1e-6},${m.lng + 1e-6},${m.lat + 1e-6}`;

/** The members counted in the level-14 cell of a home, as `client` may see them (raw or published). */
async function cellCount(client: ApiClient, m: { lng: number; lat: number }): Promise<number> {
  const answer = await client.getJson<DensityCells>(`/api/v1/members/density?bbox=${tinyBbox(m)}&level=14`);
  expect(answer.status).toBe(200);
  return answer.body.cells.reduce((sum, c) => sum + c.members, 0);
}

/** The members in the wall's zoom-13 density tile of a home (its level-14 cells, published counts). */
async function tileTotal(m: { lng: number; lat: number }): Promise<number> {
  const [z, x, y] = tileAt(m.lng, m.lat, 13);
  const res = await wall.get(`/tiles/density/${z}/${x}/${y}.mvt`);
  expect(res.status).toBe(200);
  return decodeLayer(await res.arrayBuffer(), 'density').reduce((sum, f) => sum + Number(f.properties.total), 0);
}

/** The wall's key figures: members of each town. */
async function townMembers(): Promise<Map<string, number>> {
  const answer = await wall.getJson<StatsSummary>('/api/v1/stats/summary');
  expect(answer.status).toBe(200);
  return new Map(answer.body.children.map((c) => [c.code, c.members.total]));
}

describe("the wall after a member's transfer or leaving", () => {
  it('moves the transferred member from one town to the other in figures and density, at once', async () => {
    // a member whose area keeps ≥ 5 in their cell, and an open organization in another town with no member there
    const { rows: orgs } = await server.db.query<{ id: number; area_code: string }>('select id, area_code from org where closed_on is null order by id');
    let pick: { m: Current; org: { id: number; area_code: string } } | undefined;
    for (const m of members) {
      if ((perCellArea.get(keyOf(m, m.area)) ?? 0) < 6) continue;
      const org = orgs.find((o) => o.area_code.slice(0, 9) !== m.area.slice(0, 9) && !perCellArea.has(keyOf(m, o.area_code)));
      if (org) {
        pick = { m, org };
        break;
      }
    }
    expect(pick).toBeDefined();
    const { m, org } = pick!;
    transferred = m;
    const fromTown = m.town;
    const toTown = `${org.area_code.slice(0, 9)}000`;
    const adminFrom = await signInAs(server.baseUrl, server.db, 'admin', fromTown);
    const adminTo = await signInAs(server.baseUrl, server.db, 'admin', toTown);

    const before = {
      figures: await townMembers(),
      wallCell: await cellCount(wall, m),
      tile: await tileTotal(m),
      rawFrom: await cellCount(adminFrom, m),
      rawTo: await cellCount(adminTo, m),
    };
    const moved = await server.admin.send<MemberDetail>('POST', `/api/v1/members/${m.id}/transfer`, { org_id: org.id, reason: '跨镇转接' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    const figures = await townMembers();
    expect(figures.get(fromTown)).toBe(before.figures.get(fromTown)! - 1);
    expect(figures.get(toTown)).toBe(before.figures.get(toTown)! + 1);
    // published: the old area's row loses one (it keeps ≥ 5), the new area's single member is not shown
    expect(await cellCount(wall, m)).toBe(before.wallCell - 1);
    expect(await tileTotal(m)).toBe(before.tile - 1);
    // raw, for the admins of each town
    expect(await cellCount(adminFrom, m)).toBe(before.rawFrom - 1);
    expect(await cellCount(adminTo, m)).toBe(before.rawTo + 1);
  });

  it('takes a member who leaves out of the figures, density and nearby members, at once', async () => {
    const moved = transferred ? keyOf(transferred, transferred.area) : '';
    const leaver = members.find((m) => m.available && (perCellArea.get(keyOf(m, m.area)) ?? 0) >= 6 && keyOf(m, m.area) !== moved);
    expect(leaver).toBeDefined();
    const m = leaver!;
    const nearby = async () =>
      (await server.admin.getJson<NearbyResult>(`/api/v1/members/nearby?lng=${m.lng}&lat=${m.lat}&radius=50&limit=500&available=false`)).body.members.map(
        (n) => n.id,
      );
    const before = { figures: await townMembers(), wallCell: await cellCount(wall, m), tile: await tileTotal(m), raw: await cellCount(server.admin, m) };
    expect(await nearby()).toContain(m.id);

    const left = await server.admin.send<MemberDetail>('POST', `/api/v1/members/${m.id}/leave`, { reason: '去世' });
    expect(left.status, JSON.stringify(left.body)).toBe(200);

    expect((await townMembers()).get(m.town)).toBe(before.figures.get(m.town)! - 1);
    expect(await cellCount(wall, m)).toBe(before.wallCell - 1);
    expect(await tileTotal(m)).toBe(before.tile - 1);
    expect(await cellCount(server.admin, m)).toBe(before.raw - 1);
    expect(await nearby()).not.toContain(m.id);

    // nor can a dispatcher alert her by hand
    const created = await server.admin.send<{ id: number }>(
      'POST',
      '/api/v1/cases',
      { kind: 'test', title: '离开的党员', lng: m.lng, lat: m.lat },
      { 'idempotency-key': randomUUID() },
    );
    const dispatch = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, { radius: 500, waveSize: 1, target: 1 });
    expect(dispatch.status, JSON.stringify(dispatch.body)).toBe(201);
    const byHand = await server.admin.send<ErrorBody>('POST', `/api/v1/dispatches/${dispatch.body.id}/members`, { member_id: m.id });
    expect(byHand.status).toBe(404);
    expect(byHand.body.error.code).toBe('not_found');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DensityCells } from '../../server/src/contract/members.ts';
import { signInAs, wallClient, type ApiClient } from '../support/api-client.ts';
import { bruteForcePyramid, cellBounds, cellKey, cellOf, cellSize, loadMembers, publishedCells, type Member, type PyramidRow } from '../support/density.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * The differencing attack of issue 9, re-run: a caller who may not list members moves a bbox
 * edge by less than a cell, many times, and compares the answers; and subtracts a cell's
 * children from it across levels. Every answer must be made of whole lattice cells of ≥ 5
 * members, the same cell always with the same count, and no difference may isolate 1–4 members.
 */
let server: TestServer;
let members: Member[];
let pyramid: Map<string, PyramidRow>;
let home: Member;
let town: string;
const callers: Array<{ name: string; client: () => ApiClient; patterns: string[] }> = [];

beforeAll(async () => {
  server = await startTestServer();
  members = await loadMembers(server.db);
  pyramid = bruteForcePyramid(members);
  // a member alone in her finest cell (the wall must never see her cell), in a town whose
  // published level-12 cells around her are not empty (there is something to difference)
  const rawFine = new Map<string, number>();
  const publishedCoarse = new Map<string, number>();
  for (const r of pyramid.values()) {
    if (r.level === 14) rawFine.set(cellKey(14, r.cx, r.cy), (rawFine.get(cellKey(14, r.cx, r.cy)) ?? 0) + r.raw.total);
    if (r.level === 11) publishedCoarse.set(cellKey(11, r.cx, r.cy), (publishedCoarse.get(cellKey(11, r.cx, r.cy)) ?? 0) + r.pub.total);
  }
  home = members
    .filter((m) => {
      const fine = cellOf(14, m.lng, m.lat);
      const coarse = cellOf(11, m.lng, m.lat);
      return (
        !m.area_code.endsWith('000') && rawFine.get(cellKey(14, fine.cx, fine.cy)) === 1 && (publishedCoarse.get(cellKey(11, coarse.cx, coarse.cy)) ?? 0) > 0
      );
    })
    .sort((a, b) => a.lng - b.lng || a.lat - b.lat)[0]!;
  expect(home).toBeDefined();
  town = `${home.area_code.slice(0, 9)}000`;
  const wall = await wallClient(server.baseUrl, server.db, demoCounty);
  const planner = await signInAs(server.baseUrl, server.db, 'planner', town);
  callers.push(
    { name: 'the wall', client: () => wall, patterns: [`${demoCounty.slice(0, 6)}%`] },
    { name: 'a town planner', client: () => planner, patterns: [`${town.slice(0, 9)}%`] },
  );
});
afterAll(async () => {
  await server.close();
});

type Cell = DensityCells['cells'][number];

async function density(client: ApiClient, bbox: number[], level: number): Promise<Cell[]> {
  const { status, body } = await client.getJson<DensityCells>(`/api/v1/members/density?bbox=${bbox.join(',')}&level=${level}`);
  expect(status).toBe(200);
  expect(body.suppressed_below).toBe(5);
  return body.cells;
}

const total = (cells: Cell[]) => cells.reduce((s, c) => s + c.members, 0);

describe('the density endpoint, differenced by a suppressed caller', () => {
  it.each([14, 12])(
    'answers only whole level-%i cells of ≥ 5, each always the same, while a bbox edge moves by less than a cell in 60 steps',
    async (level) => {
      const size = cellSize(level);
      const degreesPerMeter = 360 / (2 * Math.PI * 6378137);
      const step = (size * degreesPerMeter) / 7;
      for (const caller of callers) {
        const expected = publishedCells(pyramid, level, caller.patterns);
        const seen = new Map<string, Cell>();
        let previous: number | undefined;
        for (let i = 0; i < 60; i++) {
          // the west edge sweeps across the member's home, then the north edge does
          const west = home.lng - 4 * size * degreesPerMeter + Math.min(i, 30) * step;
          const north = home.lat + 3 * size * degreesPerMeter - Math.max(0, i - 30) * step;
          const bbox = [west, home.lat - 3 * size * degreesPerMeter, home.lng + 4 * size * degreesPerMeter, north];
          const cells = await density(caller.client(), bbox, level);
          for (const c of cells) {
            const key = cellKey(c.level, c.cx, c.cy);
            expect(c.level).toBe(level);
            expect(c.members, `${caller.name}: a cell of fewer than 5`).toBeGreaterThanOrEqual(5);
            expect(c.members, `${caller.name}: ${key} is not the whole published cell`).toBe(expected.get(key)?.total);
            expect(seen.get(key) ?? c, `${caller.name}: ${key} changed with the bbox`).toEqual(c);
            seen.set(key, c);
          }
          const sum = total(cells);
          // the bbox only shrinks, step by step: a step can only drop whole cells
          if (previous !== undefined) {
            const difference = Math.abs(sum - previous);
            expect(difference === 0 || difference >= 5, `${caller.name}: step ${i} differs by ${difference}`).toBe(true);
          }
          previous = sum;
        }
        expect(seen.size).toBeGreaterThan(0);
        const fine = cellOf(level, home.lng, home.lat);
        if (level === 14) expect(seen.has(cellKey(14, fine.cx, fine.cy)), "the lone member's cell is shown").toBe(false);
      }
    },
  );

  it('answers cells whose bounds are the lattice cell, whatever the bbox', async () => {
    const level = 13;
    const fine = cellOf(level, home.lng, home.lat);
    const [w, s, e, n] = cellBounds(level, fine.cx, fine.cy);
    const cells = await density(callers[0]!.client(), [w - 0.02, s - 0.02, e + 0.02, n + 0.02], level);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      const bounds = cellBounds(level, c.cx, c.cy);
      c.bounds.forEach((v, i) => expect(v).toBeCloseTo(bounds[i]!, 6));
      expect(c.center[0]).toBeCloseTo((bounds[0] + bounds[2]) / 2, 6);
    }
  });

  it('a published cell minus its published children is 0 or at least 5, at every level from 6 to 13', async () => {
    const around = (level: number) => {
      const { cx, cy } = cellOf(level, home.lng, home.lat);
      const [w, s, e, n] = cellBounds(level, cx, cy);
      return [w + 1e-7, s + 1e-7, e - 1e-7, n - 1e-7];
    };
    // levels 6–8 inside the member's level-6 cell, levels 8–14 inside her level-8 cell
    const regions = [
      { bbox: around(6), levels: [6, 7, 8] },
      { bbox: around(8), levels: [8, 9, 10, 11, 12, 13, 14] },
    ];
    for (const caller of callers) {
      let differences = 0;
      for (const { bbox, levels } of regions) {
        const answers = new Map<number, Cell[]>();
        for (const level of levels) answers.set(level, await density(caller.client(), bbox, level));
        for (const level of levels.slice(0, -1)) {
          const parents = new Map(answers.get(level)!.map((c) => [`${c.cx}/${c.cy}`, c.members]));
          const children = new Map<string, number>();
          for (const c of answers.get(level + 1)!) {
            const key = `${c.cx >> 1}/${c.cy >> 1}`;
            children.set(key, (children.get(key) ?? 0) + c.members);
          }
          for (const key of new Set([...parents.keys(), ...children.keys()])) {
            const difference = (parents.get(key) ?? 0) - (children.get(key) ?? 0);
            expect(difference === 0 || difference >= 5, `${caller.name}: level ${level} cell ${key} minus its children is ${difference}`).toBe(true);
            if (difference > 0) differences += 1;
          }
        }
      }
      expect(differences, `${caller.name}: some parent publishes more than its children`).toBeGreaterThan(0);
    }
    // on raw counts shown from 5 up (the old rule) the same region holds a parent that isolates 1–4
    const raw = (level: number) => {
      const cells = new Map<string, number>();
      for (const r of pyramid.values()) if (r.level === level) cells.set(`${r.cx}/${r.cy}`, (cells.get(`${r.cx}/${r.cy}`) ?? 0) + r.raw.total);
      return cells;
    };
    let isolating = 0;
    for (let level = 6; level < 14; level++) {
      const children = raw(level + 1);
      for (const [key, n] of raw(level)) {
        if (n < 5) continue;
        const [cx, cy] = key.split('/').map(Number) as [number, number];
        const visible = [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ]
          .map(([dx, dy]) => children.get(`${2 * cx + dx!}/${2 * cy + dy!}`) ?? 0)
          .filter((v) => v >= 5);
        const d = n - visible.reduce((s, v) => s + v, 0);
        if (d >= 1 && d <= 4) isolating += 1;
      }
    }
    expect(isolating).toBeGreaterThan(0);
  });

  it('the density tiles draw the same published cells as the endpoint, for every caller', async () => {
    for (const z of [11, 12, 13]) {
      const [, x, y] = tileAt(home.lng, home.lat, z);
      const level = z + 1;
      const n = 2 ** z;
      const lng = (tx: number) => (tx / n) * 360 - 180;
      const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
      const bbox = [lng(x) + 1e-7, lat(y + 1) + 1e-7, lng(x + 1) - 1e-7, lat(y) - 1e-7];
      for (const caller of callers) {
        const rest = await density(caller.client(), bbox, level);
        const res = await caller.client().get(`/tiles/density/${z}/${x}/${y}.mvt`);
        const tile = decodeLayer(await res.arrayBuffer(), 'density')
          .map((f) => Number(f.properties.total))
          .sort((a, b) => a - b);
        expect(tile).toEqual(rest.map((c) => c.members).sort((a, b) => a - b));
      }
    }
  });
});

describe("the density endpoint's parameters", () => {
  it('refuses the old cell size in meters with 400 naming level', async () => {
    const { status, body } = await callers[0]!
      .client()
      .getJson<{ error: { code: string; message: string } }>(
        `/api/v1/members/density?bbox=${home.lng - 0.01},${home.lat - 0.01},${home.lng + 0.01},${home.lat + 0.01}&cell=5000`,
      );
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toMatch(/cell.*level=6\.\.14/);
  });

  it('refuses a bbox of more than 10,000 cells with 400 bbox_too_large, saying how to fix it', async () => {
    const { status, body } = await callers[0]!
      .client()
      .getJson<{ error: { code: string; message: string } }>(
        `/api/v1/members/density?bbox=${home.lng - 0.5},${home.lat - 0.5},${home.lng + 0.5},${home.lat + 0.5}&level=14`,
      );
    expect(status).toBe(400);
    expect(body.error.code).toBe('bbox_too_large');
    expect(body.error.message).toMatch(/coarser level/);
    expect(
      (await callers[0]!.client().getJson(`/api/v1/members/density?bbox=${home.lng - 0.5},${home.lat - 0.5},${home.lng + 0.5},${home.lat + 0.5}&level=11`))
        .status,
    ).toBe(200);
  });

  it('gives a secretary raw counts for her own areas: she may list those members anyway', async () => {
    const secretary = await signInAs(server.baseUrl, server.db, 'secretary', town);
    const { body } = await secretary.getJson<DensityCells>(
      `/api/v1/members/density?bbox=${home.lng - 0.03},${home.lat - 0.03},${home.lng + 0.03},${home.lat + 0.03}&level=14`,
    );
    expect(body.suppressed_below).toBe(1);
    const fine = cellOf(14, home.lng, home.lat);
    expect(body.cells.find((c) => c.cx === fine.cx && c.cy === fine.cy)?.members).toBeGreaterThanOrEqual(1);
  });
});

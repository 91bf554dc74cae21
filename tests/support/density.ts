import type pg from 'pg';

/**
 * The density pyramid recomputed from the members in JavaScript, independently of the SQL:
 * Web-Mercator cells 16 across a tile of zoom `level`, numbered from the west and the north,
 * raw counts per (cell, organization area) and the published counts by the rule of
 * sql/000009 (level 14: raw if ≥ 5, else 0; above: raw if raw minus the children's published
 * total is ≥ 5, else the children's published sums).
 */
const R = 6378137;
const half = Math.PI * R;

export type Counts = { total: number; available: number; skilled: number };
export type PyramidRow = { level: number; cx: number; cy: number; area_code: string; raw: Counts; pub: Counts };
export type Member = { lng: number; lat: number; area_code: string; available: boolean; skilled: boolean };

export const cellSize = (level: number) => (2 * half) / (16 * 2 ** level);
const mercatorX = (lng: number) => ((lng * Math.PI) / 180) * R;
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 180 / 2)) * R;
const toLng = (mx: number) => (mx / R) * (180 / Math.PI);
const toLat = (my: number) => (2 * Math.atan(Math.exp(my / R)) - Math.PI / 2) * (180 / Math.PI);

/** The cell of `level` holding a point. */
export function cellOf(level: number, lng: number, lat: number): { cx: number; cy: number } {
  return { cx: Math.floor((mercatorX(lng) + half) / cellSize(level)), cy: Math.floor((half - mercatorY(lat)) / cellSize(level)) };
}

/** A cell's [west, south, east, north] in degrees. */
export function cellBounds(level: number, cx: number, cy: number): [number, number, number, number] {
  const s = cellSize(level);
  return [toLng(-half + cx * s), toLat(half - (cy + 1) * s), toLng(-half + (cx + 1) * s), toLat(half - cy * s)];
}

export const cellKey = (level: number, cx: number, cy: number) => `${level}/${cx}/${cy}`;
const rowKey = (level: number, cx: number, cy: number, area: string) => `${level}/${cx}/${cy}/${area}`;
const zero = (): Counts => ({ total: 0, available: 0, skilled: 0 });

export async function loadMembers(db: pg.Pool): Promise<Member[]> {
  const { rows } = await db.query<Member>(
    `select st_x(m.home) as lng, st_y(m.home) as lat, o.area_code, m.available, cardinality(m.skills) > 0 as skilled
     from member m join org o on o.id = m.org_id`,
  );
  return rows;
}

/** Every pyramid row (levels 6–14) with its raw and published counts, by `level/cx/cy/area`. */
export function bruteForcePyramid(members: Member[]): Map<string, PyramidRow> {
  const rows = new Map<string, PyramidRow>();
  for (const m of members) {
    const fine = cellOf(14, m.lng, m.lat);
    for (let level = 14; level >= 6; level--) {
      const shift = 14 - level;
      const cx = fine.cx >> shift;
      const cy = fine.cy >> shift;
      const key = rowKey(level, cx, cy, m.area_code);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { level, cx, cy, area_code: m.area_code, raw: zero(), pub: zero() }));
      row.raw.total += 1;
      row.raw.available += Number(m.available);
      row.raw.skilled += Number(m.skilled);
    }
  }
  for (let level = 14; level >= 6; level--) {
    for (const row of rows.values()) {
      if (row.level !== level) continue;
      const children = zero();
      if (level < 14) {
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ] as const) {
          const child = rows.get(rowKey(level + 1, 2 * row.cx + dx, 2 * row.cy + dy, row.area_code));
          if (!child) continue;
          children.total += child.pub.total;
          children.available += child.pub.available;
          children.skilled += child.pub.skilled;
        }
      }
      row.pub = row.raw.total - children.total >= 5 ? { ...row.raw } : children;
    }
  }
  return rows;
}

/** Published cells of `level` summed over the areas matching `patterns` (LIKE 'prefix%'), empty ones left out. */
export function publishedCells(pyramid: Map<string, PyramidRow>, level: number, patterns: string[]): Map<string, Counts> {
  const prefixes = patterns.map((p) => p.replace(/%$/, ''));
  const cells = new Map<string, Counts>();
  for (const row of pyramid.values()) {
    if (row.level !== level || row.pub.total === 0 || !prefixes.some((p) => row.area_code.startsWith(p))) continue;
    const key = cellKey(level, row.cx, row.cy);
    const c = cells.get(key) ?? zero();
    c.total += row.pub.total;
    c.available += row.pub.available;
    c.skilled += row.pub.skilled;
    cells.set(key, c);
  }
  return cells;
}

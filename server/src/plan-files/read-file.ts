import gcoord from 'gcoord';
import * as shapefile from 'shapefile';
import { z } from 'zod';
import { planFileMaxFeatures, planFileMaxVertices, type PlanFileProblem, type PlanFileProblemCode } from '../contract/plan-files.ts';
import { text } from '../contract/text.ts';
import { readZip, UnreadableZip } from './unzip.ts';

/** A ring as [longitude, latitude] pairs, closed. */
export type Ring = Array<[number, number]>;

/** One grid of an imported file, before the database has looked at it. */
export type FileGrid = {
  /** 1-based, in file order */
  feature: number;
  code: string | null;
  name: string | null;
  /** MultiPolygon coordinates, WGS-84 */
  polygons: Ring[][];
};

export type ReadFile = {
  format: 'geojson' | 'shapefile';
  /** what the file said its coordinates are (or that it said nothing) */
  crs: string;
  grids: FileGrid[];
  problems: PlanFileProblem[];
};

const problem = (code: PlanFileProblemCode, message: string, feature: number | null = null, grid: string | null = null): PlanFileProblem => ({
  code,
  feature,
  grid,
  message,
  geometry: null,
});

/** A grid's name as every name is taken (trimmed, no control characters, at most 100 characters). */
const GridName = text({ max: 100 });

/** The attribute names a grid's code and name go by: English, or as Chinese GIS departments name them. */
const codeFields = ['code', '网格编码', '网格代码', 'grid_code'];
const nameFields = ['name', '网格名称', '网格名', 'grid_name'];

/** The value of the first of `names` a feature's properties hold (case-insensitive), as text or null. */
function attribute(properties: Record<string, unknown>, names: string[]): unknown {
  const keys = Object.keys(properties);
  for (const name of names) {
    // a dBASE field name has 10 bytes: a Chinese name in UTF-8 is cut inside its fourth character
    const key = keys.find((k) => k.toLowerCase() === name || (/^[\u4e00-\u9fff]{4}$/.test(name) && k.startsWith(name.slice(0, 3))));
    if (key !== undefined && properties[key] !== null && properties[key] !== undefined) return properties[key];
  }
  return null;
}

/**
 * What a file holds: a plan's grids, whose codes are the community's grid codes (or a plan's
 * new-<n>), or a governance grid layer (综治网格), whose codes are that department's own text.
 */
export type FileLayer = 'plan' | 'governance';

/** A governance grid's code as its department writes it. */
const GovernanceCode = text({ max: 40 });

/**
 * The grid's code and name from its properties, with the problems they have. A code is text (or a
 * whole number, as a dBASE numeric field gives it); an empty one means a new grid.
 */
function codeAndName(
  properties: Record<string, unknown>,
  feature: number,
  problems: PlanFileProblem[],
  layer: FileLayer,
): { code: string | null; name: string | null } {
  const rawCode = attribute(properties, codeFields);
  let code: string | null = null;
  if (typeof rawCode === 'number' && Number.isSafeInteger(rawCode)) code = String(rawCode);
  else if (typeof rawCode === 'string') code = rawCode.trim() || null;
  else if (rawCode !== null)
    problems.push(problem('unknown_code', `feature ${feature}: code must be text, not ${JSON.stringify(rawCode).slice(0, 40)}`, feature));
  if (code !== null && layer === 'governance') {
    const parsed = GovernanceCode.safeParse(code);
    if (!parsed.success) problems.push(problem('invalid_name', `feature ${feature}: code ${parsed.error.issues[0]?.message ?? 'is not valid'}`, feature));
    code = parsed.success ? parsed.data : null;
  }
  // a grid's code, or a plan's new-<n> as an export writes it; anything else goes no further than this report
  if (code !== null && layer === 'plan' && !/^([0-9]{15}|new-[0-9]{1,6})$/.test(code)) {
    problems.push(
      problem(
        'unknown_code',
        `feature ${feature}: ${JSON.stringify(code).slice(0, 40)} is not a 15-digit grid code (leave code empty for a new grid)`,
        feature,
      ),
    );
    code = null;
  }
  const rawName = attribute(properties, nameFields);
  let name: string | null = null;
  if (rawName !== null && !(typeof rawName === 'string' && rawName.trim() === '')) {
    const parsed = GridName.safeParse(rawName);
    if (parsed.success) name = parsed.data;
    else problems.push(problem('invalid_name', `feature ${feature}: name ${parsed.error.issues[0]?.message ?? 'is not valid'}`, feature, code));
  }
  return { code, name };
}

const Position = z.array(z.number()).min(2).max(4);
const PolygonCoordinates = z.array(z.array(Position));
const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates) }),
]);
type Geometry = z.infer<typeof Geometry>;

/**
 * The polygons of a geometry as closed 2-D rings in longitude/latitude, or the problems that keep
 * them from being polygons (PostGIS judges the rest: self-intersections, crossing rings).
 */
function ringsOf(geometry: Geometry, feature: number, code: string | null, problems: PlanFileProblem[]): Ring[][] | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const before = problems.length;
  if (polygons.length === 0) problems.push(problem('invalid_feature', `feature ${feature}: the geometry is empty`, feature, code));
  const out = polygons.map((polygon, p) => {
    if (polygon.length === 0) problems.push(problem('invalid_ring', `feature ${feature}, polygon ${p + 1}: no rings`, feature, code));
    return polygon.map((ring, r) => {
      const where = `feature ${feature}, polygon ${p + 1}, ring ${r + 1}`;
      const points = ring.map(([x, y]) => [x, y] as [number, number]);
      if (points.some(([x, y]) => !(x! >= -180 && x! <= 180 && y! >= -90 && y! <= 90))) {
        problems.push(problem('invalid_ring', `${where}: coordinates outside longitude/latitude (a projected coordinate system?)`, feature, code));
      } else if (points.length < 4) {
        problems.push(problem('invalid_ring', `${where}: a ring needs at least 4 points, it has ${points.length}`, feature, code));
      } else {
        const [first, last] = [points[0]!, points.at(-1)!];
        if (first[0] !== last[0] || first[1] !== last[1]) problems.push(problem('invalid_ring', `${where}: the ring is not closed`, feature, code));
      }
      return points;
    });
  });
  return problems.length === before ? out : undefined;
}

/** Counts vertices as features come in, and says once when the file has too many. */
function vertexBudget(problems: PlanFileProblem[]) {
  let used = 0;
  let told = false;
  return (geometry: Geometry): boolean => {
    used += JSON.stringify(geometry.coordinates).split('],[').length;
    if (used <= planFileMaxVertices) return true;
    if (!told) problems.push(problem('invalid_feature', `the file has more than ${planFileMaxVertices.toLocaleString('en')} vertices`));
    told = true;
    return false;
  };
}

/** The CRS a GeoJSON names (the 2008 `crs` member): only WGS-84 and CGCS2000 are taken. */
function geojsonCrs(crs: unknown, problems: PlanFileProblem[]): string {
  if (crs === undefined || crs === null) return 'WGS 84';
  const name = String((crs as { properties?: { name?: unknown } }).properties?.name ?? '');
  if (/(EPSG:+4326|CRS84)$/i.test(name)) return 'WGS 84';
  if (/EPSG:+4490$/i.test(name)) return 'CGCS2000';
  problems.push(problem('unknown_crs', `the file's crs ${JSON.stringify(crs).slice(0, 120)} is neither WGS-84 nor CGCS2000 (EPSG:4490)`));
  return 'unknown';
}

/** Reads a GeoJSON FeatureCollection of Polygon and MultiPolygon features. */
export function readGeoJson(body: Buffer, layer: FileLayer = 'plan'): ReadFile {
  const problems: PlanFileProblem[] = [];
  const grids: FileGrid[] = [];
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    problems.push(problem('unreadable_file', `the file is not JSON in UTF-8 (${(error as Error).message.slice(0, 200)})`));
    return { format: 'geojson', crs: 'unknown', grids, problems };
  }
  const collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()), crs: z.unknown().optional() }).safeParse(document);
  if (!collection.success) {
    problems.push(problem('invalid_feature', 'the file must be a GeoJSON FeatureCollection with a features array'));
    return { format: 'geojson', crs: 'unknown', grids, problems };
  }
  const crs = geojsonCrs(collection.data.crs, problems);
  const { features } = collection.data;
  if (features.length === 0) problems.push(problem('invalid_feature', 'the file has no features'));
  if (features.length > planFileMaxFeatures) {
    problems.push(problem('invalid_feature', `the file has ${features.length} features; a community has at most ${planFileMaxFeatures} grids`));
    return { format: 'geojson', crs, grids, problems };
  }
  const budget = vertexBudget(problems);
  features.forEach((raw, i) => {
    const feature = i + 1;
    const parsed = z
      .object({ type: z.literal('Feature'), geometry: z.unknown(), properties: z.record(z.string(), z.unknown()).nullable().optional() })
      .safeParse(raw);
    if (!parsed.success) {
      problems.push(problem('invalid_feature', `feature ${feature} is not a GeoJSON Feature with properties`, feature));
      return;
    }
    const { code, name } = codeAndName(parsed.data.properties ?? {}, feature, problems, layer);
    const geometry = Geometry.safeParse(parsed.data.geometry);
    if (!geometry.success) {
      problems.push(problem('invalid_feature', `feature ${feature}: the geometry must be a Polygon or MultiPolygon of number pairs`, feature, code));
      return;
    }
    if (!budget(geometry.data)) return;
    const polygons = ringsOf(geometry.data, feature, code, problems);
    if (polygons) grids.push({ feature, code, name, polygons });
  });
  return { format: 'geojson', crs, grids, problems };
}

/** The TextDecoder label for a .cpg's code page, or undefined for one we do not read. */
function cpgEncoding(cpg: string): 'utf-8' | 'gbk' | undefined {
  const page = cpg
    .trim()
    .toLowerCase()
    .replace(/^(cp|ms|windows-)/, '');
  if (['utf-8', 'utf8', '65001'].includes(page)) return 'utf-8';
  if (['gbk', '936', 'gb2312', 'gb18030', 'euc-cn'].includes(page)) return 'gbk';
  return undefined;
}

/** UTF-8 when the .dbf's records decode as UTF-8, else GBK (a .dbf without .cpg, as Chinese software writes it). */
function guessEncoding(dbf: Buffer): 'utf-8' | 'gbk' {
  const headerLength = dbf.length >= 10 ? dbf.readUInt16LE(8) : 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(Math.min(headerLength, dbf.length)));
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/** WGS-84 or CGCS2000 (geographic, in degrees) from a .prj's WKT; anything projected or else is refused. */
function prjCrs(prj: string): string | undefined {
  const wkt = prj.trim();
  if (!/^(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt)) return undefined;
  if (/WGS[ _]?(19)?84/i.test(wkt)) return 'WGS 84';
  if (/CGCS[ _]?2000|China[ _]Geodetic[ _]Coordinate[ _]System[ _]2000|China[ _]2000/i.test(wkt)) return 'CGCS2000';
  return undefined;
}

/** The part of a Shapefile with extension `ext`, next to its .shp in the zip. */
function part(files: Map<string, Buffer>, base: string, ext: string): Buffer | undefined {
  for (const [name, content] of files) if (name.toLowerCase() === `${base.toLowerCase()}.${ext}`) return content;
  return undefined;
}

/**
 * Reads a zipped Shapefile: one .shp with its .shx and .dbf, optional .cpg (the .dbf's encoding:
 * UTF-8 or GBK; without one, UTF-8 if the records decode as UTF-8, else GBK) and .prj (WGS-84 or
 * CGCS2000, which is taken as WGS-84; without one, WGS-84).
 */
export async function readShapefileZip(body: Buffer, layer: FileLayer = 'plan'): Promise<ReadFile> {
  const problems: PlanFileProblem[] = [];
  const grids: FileGrid[] = [];
  const result = (crs: string): ReadFile => ({ format: 'shapefile', crs, grids, problems });
  let files: Map<string, Buffer>;
  try {
    files = await readZip(body, { maxEntries: 64, maxTotalBytes: 100 * 1024 * 1024 });
  } catch (error) {
    if (!(error instanceof UnreadableZip)) throw error;
    problems.push(problem('unreadable_file', error.message));
    return result('unknown');
  }
  const layers = [...files.keys()].filter((name) => /\.shp$/i.test(name) && !/(^|\/)(__MACOSX\/|\.)/.test(name));
  if (layers.length === 0) {
    problems.push(problem('missing_part', 'the zip holds no .shp file'));
    return result('unknown');
  }
  if (layers.length > 1) {
    problems.push(problem('several_layers', `the zip holds ${layers.length} Shapefiles (${layers.join(', ')}); send one`));
    return result('unknown');
  }
  const base = layers[0]!.slice(0, -4);
  const shp = files.get(layers[0]!)!;
  const [shx, dbf, cpg, prj] = ['shx', 'dbf', 'cpg', 'prj'].map((ext) => part(files, base, ext));
  if (!shx) problems.push(problem('missing_part', `${base}.shx is missing: a Shapefile is .shp, .shx and .dbf together`));
  if (!dbf) problems.push(problem('missing_part', `${base}.dbf is missing: without it the grids have no codes or names`));

  let crs = 'WGS 84';
  if (prj) {
    const named = prjCrs(prj.toString('utf8'));
    if (named) crs = named;
    else {
      crs = 'unknown';
      problems.push(problem('unknown_crs', `${base}.prj is neither WGS-84 nor CGCS2000 (EPSG:4490): ${prj.toString('utf8').slice(0, 120)}`));
    }
  }
  let encoding: 'utf-8' | 'gbk' | undefined;
  if (cpg) {
    encoding = cpgEncoding(cpg.toString('latin1'));
    if (!encoding) problems.push(problem('unknown_encoding', `${base}.cpg names ${cpg.toString('latin1').trim().slice(0, 40)}; send UTF-8 or GBK`));
  }
  encoding ??= dbf ? guessEncoding(dbf) : 'utf-8';

  const budget = vertexBudget(problems);
  try {
    const source = dbf ? await shapefile.open(shp, dbf, { encoding }) : await shapefile.open(shp);
    for (let feature = 1; ; feature += 1) {
      const next = await source.read();
      if (next.done) break;
      if (feature > planFileMaxFeatures) {
        problems.push(
          problem('invalid_feature', `the file has more than ${planFileMaxFeatures} features; a community has at most ${planFileMaxFeatures} grids`),
        );
        break;
      }
      const { code, name } = codeAndName((next.value.properties ?? {}) as Record<string, unknown>, feature, problems, layer);
      const geometry = Geometry.safeParse(next.value.geometry);
      if (!geometry.success) {
        problems.push(problem('invalid_feature', `feature ${feature}: the shape is ${next.value.geometry?.type ?? 'empty'}, not a polygon`, feature, code));
        continue;
      }
      if (!budget(geometry.data)) break;
      const polygons = ringsOf(geometry.data, feature, code, problems);
      if (polygons) grids.push({ feature, code, name, polygons });
    }
  } catch (error) {
    problems.push(problem('unreadable_file', `${base}.shp cannot be read as a Shapefile (${(error as Error).message.slice(0, 200)})`));
  }
  if (grids.length === 0 && !problems.some((p) => p.code === 'unreadable_file' || p.code === 'invalid_feature')) {
    problems.push(problem('invalid_feature', 'the file has no polygons'));
  }
  return result(crs);
}

/**
 * A GCJ-02 (高德, 腾讯) position to WGS-84: gcoord's inverse, refined by running its forward
 * transform until it lands on the given position (a few steps reach 1e-9°, 0.1 mm), so that a
 * boundary drawn on a GCJ-02 map comes back onto the community's WGS-84 boundary.
 */
export function gcj02ToWgs84([x, y]: [number, number]): [number, number] {
  let [wx, wy] = gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  for (let step = 0; step < 10; step += 1) {
    const [gx, gy] = gcoord.transform([wx, wy], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const [dx, dy] = [x - gx, y - gy];
    wx += dx;
    wy += dy;
    if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) break;
  }
  return [wx, wy];
}

/** GCJ-02 coordinates of a file's grids to WGS-84, vertex by vertex. */
export function fromGcj02(grids: FileGrid[]): FileGrid[] {
  return grids.map((g) => ({
    ...g,
    polygons: g.polygons.map((polygon) =>
      polygon.map((ring) => {
        const out = ring.map(gcj02ToWgs84);
        // the first and last vertices are the same point: keep the ring closed exactly
        out[out.length - 1] = out[0]!;
        return out;
      }),
    ),
  }));
}

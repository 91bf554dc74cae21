import express, { type Request, type Response } from 'express';
import { planFileMaxBytes, planFileMediaTypes, PlanImportQuery, type PlanFileRefusal } from '../contract/plan-files.ts';
import { HttpError } from '../http/http-error.ts';
import { parseQuery } from '../http/parse.ts';
import { PlanFileRefused } from './import-plan-file.ts';
import { fromGcj02, readGeoJson, readShapefileZip, type FileLayer, type ReadFile } from './read-file.ts';

const zipTypes = [planFileMediaTypes.zip, 'application/x-zip-compressed'];

/** The file is the body: its own parser, with room for a community's grids (express.json takes 100 kB). */
export const rawFile = express.raw({ type: [planFileMediaTypes.geojson, ...zipTypes], limit: planFileMaxBytes });

/** The file's kind by its Content-Type, or 415. */
function kindOf(req: Request): 'geojson' | 'zip' {
  if (Buffer.isBuffer(req.body) || req.body === undefined) {
    if (req.is(planFileMediaTypes.geojson)) return 'geojson';
    if (req.is(zipTypes)) return 'zip';
  }
  throw new HttpError(
    415,
    'unsupported_media_type',
    `Send the file itself as the body, with Content-Type ${planFileMediaTypes.geojson} (GeoJSON) or ${planFileMediaTypes.zip} (a zipped Shapefile).`,
  );
}

/** The uploaded file as read (WGS-84, converted from GCJ-02 when the query says so), with what it found wrong. */
export async function readUpload(req: Request, layer: FileLayer): Promise<{ file: ReadFile; gcj02: boolean }> {
  const { gcj02 } = parseQuery(PlanImportQuery, req);
  const kind = kindOf(req);
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const file = kind === 'geojson' ? readGeoJson(body, layer) : await readShapefileZip(body, layer);
  if (gcj02) file.grids = fromGcj02(file.grids);
  return { file, gcj02 };
}

/** Runs an import; a refused file is answered 422 with every problem. False when it was refused. */
export async function answeringRefusal(res: Response, work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (!(error instanceof PlanFileRefused)) throw error;
    const refusal: PlanFileRefusal = { error: { code: error.code, message: error.message }, problems: error.problems };
    res.status(422).json(refusal);
    return false;
  }
}

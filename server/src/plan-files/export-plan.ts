import type { Scope } from '../auth/scope.ts';
import type { PlanExportQuery } from '../contract/plan-files.ts';
import type { PlanView } from '../contract/plans.ts';
import type { Queryable } from '../db/transaction.ts';
import { selectPlan, selectPlanGrids } from '../plans/queries.ts';
import { textWidth, zippedShapefile, type ShapeRecord } from './write-shapefile.ts';

export type PlanFile = { body: Buffer; contentType: string; filename: string };

/**
 * A plan's grids as they stand, as a file: GeoJSON (WGS-84, RFC 7946) or a zipped Shapefile, each
 * grid with its key as `code` (a 15-digit code, or new-<n> for a grid the plan creates), `name`
 * and `households`. Undefined when no such plan is in scope.
 */
export async function exportPlan(db: Queryable, id: number, scope: Scope, format: PlanExportQuery['format']): Promise<PlanFile | undefined> {
  const plan = await selectPlan(db, id, scope);
  if (!plan) return undefined;
  const grids = JSON.parse(await selectPlanGrids(db, id, plan.state_seq, plan.community_code)) as PlanView['grids'];
  const base = `plan-${id}-${plan.community_code}`;
  if (format === 'geojson') {
    const collection = {
      type: 'FeatureCollection',
      features: grids.features.map((f) => ({
        type: 'Feature',
        id: f.properties.key,
        geometry: f.geometry,
        properties: { code: f.properties.key, name: f.properties.name, households: f.properties.households },
      })),
    };
    return { body: Buffer.from(JSON.stringify(collection)), contentType: 'application/geo+json', filename: `${base}.geojson` };
  }
  const records: ShapeRecord[] = grids.features.map((f) => ({
    polygons: f.geometry.coordinates,
    attributes: { code: f.properties.key, name: f.properties.name, households: f.properties.households },
  }));
  const zip = await zippedShapefile(
    base,
    [
      { name: 'code', type: 'C', length: 20 },
      { name: 'name', type: 'C', length: textWidth(records, 'name') },
      { name: 'households', type: 'N', length: 9 },
    ],
    records,
  );
  return { body: zip, contentType: 'application/zip', filename: `${base}.zip` };
}

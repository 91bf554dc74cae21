import { z } from 'zod';
import { featureCollection } from './geo.ts';

/**
 * Grid plan files: a draft's grids imported from, or exported to, GeoJSON or a zipped Shapefile.
 * The file itself is the request body (import) or the answer (export); these are the query strings
 * and the report a refused file gets.
 */

/** The media types an import takes: GeoJSON, or a zip holding one Shapefile (.shp, .shx, .dbf, .cpg, .prj). */
export const planFileMediaTypes = { geojson: 'application/geo+json', zip: 'application/zip' } as const;

/** At most this many bytes of file (the zip as sent, or the GeoJSON text). */
export const planFileMaxBytes = 20 * 1024 * 1024;
/** A community has at most 999 grids (a 3-digit sequence). */
export const planFileMaxFeatures = 999;
/** Vertices in all of a file's grids together. */
export const planFileMaxVertices = 500_000;

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export const PlanImportQuery = z.strictObject({
  /** the file's coordinates are GCJ-02 (高德/腾讯 maps): convert them to WGS-84 */
  gcj02: flag.optional().default(false),
});
export type PlanImportQuery = z.infer<typeof PlanImportQuery>;

export const planExportFormats = ['geojson', 'shapefile'] as const;
export const PlanExportQuery = z.strictObject({
  format: z.enum(planExportFormats, { error: 'must be geojson or shapefile' }).optional().default('geojson'),
});
export type PlanExportQuery = z.infer<typeof PlanExportQuery>;

export const planFileProblemCodes = [
  /** the zip lacks .shp, .shx or .dbf, or holds more than one Shapefile */
  'missing_part',
  'several_layers',
  /** not a zip, not JSON, not a Shapefile, or larger than allowed inside */
  'unreadable_file',
  /** .prj (or a GeoJSON crs) other than WGS-84 or CGCS2000 */
  'unknown_crs',
  /** a .cpg naming an encoding other than UTF-8 or GBK */
  'unknown_encoding',
  /** not a FeatureCollection of Polygon or MultiPolygon features, or too many of them */
  'invalid_feature',
  /** a ring not closed, with fewer than 4 points, or coordinates outside longitude/latitude */
  'invalid_ring',
  /** PostGIS says the polygon is not valid (self-intersection, ring crossing): ST_IsValidReason */
  'invalid_geometry',
  'outside_community',
  'overlap',
  'gap',
  /** a code that is no grid of the community */
  'unknown_code',
  'duplicate_code',
  'invalid_name',
] as const;
export const PlanFileProblemCode = z.enum(planFileProblemCodes);
export type PlanFileProblemCode = z.infer<typeof PlanFileProblemCode>;

export const PlanFileProblem = z.object({
  code: PlanFileProblemCode,
  /** the feature (1-based, in file order) the problem is in; null for the file as a whole */
  feature: z.number().nullable(),
  /** the grid code the feature carries, when it carries one */
  grid: z.string().nullable(),
  message: z.string(),
  /** where the problem is (GeoJSON, WGS-84), when it has a place */
  geometry: z.unknown().nullable(),
});
export type PlanFileProblem = z.infer<typeof PlanFileProblem>;

/** A refused file (422 plan_file_refused): every problem found, and nothing changed. */
export const PlanFileRefusal = z.object({
  error: z.object({ code: z.literal('plan_file_refused'), message: z.string() }),
  problems: z.array(PlanFileProblem),
});
export type PlanFileRefusal = z.infer<typeof PlanFileRefusal>;

/** The properties an exported grid carries (and an imported one may). */
export const PlanFileGridProperties = z.object({
  /** a 15-digit grid code, or new-<n> for a grid the plan creates */
  code: z.string(),
  name: z.string(),
  households: z.number(),
});

/** The exported GeoJSON: the plan's grids as they stand. */
export const PlanFileCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))) }),
      properties: PlanFileGridProperties,
    }),
  ),
});

/** A community whose governance grid layer (综治网格) is read, loaded or removed. */
export const GovernanceParams = z.object({ code: z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit community or village code') });

/** A community's governance grid layer: where it came from, and its grids (clipped to the community). */
export const GovernanceLayer = z.object({
  community_code: z.string(),
  /** null while none is loaded */
  loaded: z
    .object({
      at: z.string(),
      by: z.string().nullable(),
      format: z.enum(['geojson', 'shapefile']),
      crs: z.string(),
      gcj02: z.boolean(),
    })
    .nullable(),
  grids: featureCollection(z.object({ feature: z.number(), code: z.string().nullable(), name: z.string().nullable() })),
});
export type GovernanceLayer = z.infer<typeof GovernanceLayer>;

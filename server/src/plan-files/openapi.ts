import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { GovernanceLayer, planExportFormats, PlanFileCollection, PlanFileRefusal, planFileMediaTypes } from '../contract/plan-files.ts';
import { PlanView } from '../contract/plans.ts';
import { denied, errorResponse, idParam, json, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'plan files',
  description:
    'Grid plan files: a draft’s grids replaced by a GeoJSON or a zipped Shapefile (GBK or UTF-8 .dbf, WGS-84 or CGCS2000 .prj, GCJ-02 converted on request), every problem of a refused file reported; a plan’s grids exported as GeoJSON or a zipped Shapefile; a community’s governance grid layer (综治网格), which plans are validated against, loaded from the same files.',
};

const binary = z.string().meta({ format: 'binary' });
const geoJsonFile = PlanFileCollection.meta({
  description: 'A FeatureCollection of Polygon or MultiPolygon features with properties code (a grid code of the community, empty for a new grid) and name',
});

const communityParam = z.object({ code: z.string().meta({ description: 'a 12-digit community or village code', example: '330102001001' }) });
const gcj02Query = z.object({
  gcj02: z.enum(['true', 'false']).optional().meta({ description: 'the coordinates are GCJ-02 (高德, 腾讯): convert them to WGS-84' }),
});
const fileBody = { content: { [planFileMediaTypes.geojson]: { schema: geoJsonFile }, [planFileMediaTypes.zip]: { schema: binary } } };

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  const governancePath = '/api/v1/communities/{code}/governance-grids';
  const layer = named(GovernanceLayer, 'GovernanceLayer');
  operation({
    method: 'get',
    path: governancePath,
    operationId: 'getGovernanceLayer',
    security: security.session,
    summary: "A community's governance grid layer (综治网格) as loaded, or none (planner, admin)",
    request: { params: communityParam },
    responses: {
      200: json(layer, 'Where the layer came from (null while none is loaded) and its grids, cut to the community'),
      400: errorResponse('invalid_path'),
      404: errorResponse('not_found: no such community or village in your scope'),
      ...denied,
    },
  });
  operation({
    method: 'put',
    path: governancePath,
    operationId: 'loadGovernanceLayer',
    security: security.write,
    summary: "Load a community's governance grid layer from a file, in place of the one it had (planner, admin)",
    description:
      'The body is the file, as for a plan import (GeoJSON or a zipped Shapefile; attributes code/name or 网格编码/网格名称, codes as the ' +
      'department writes them). Each grid is cut to the community; a file with an invalid ring or polygon, grids overlapping by more than ' +
      '1 m², a grid wholly outside the community or repeated codes is refused whole with every problem listed. Every plan of the community ' +
      'is then validated against the layer: each grid should share at least 95 % of its area, and of the governance grid’s, with one governance grid.',
    request: { params: communityParam, query: gcj02Query, body: fileBody },
    responses: {
      200: json(layer, 'The layer as loaded'),
      400: errorResponse('invalid_path, invalid_query'),
      404: errorResponse('not_found: no such community or village in your scope'),
      413: errorResponse('payload_too_large: more than 20 MB'),
      415: errorResponse('unsupported_media_type: not application/geo+json or application/zip'),
      422: json(named(PlanFileRefusal, 'PlanFileRefusal'), 'plan_file_refused: every problem of the file; nothing was changed'),
      ...denied,
    },
  });
  operation({
    method: 'delete',
    path: governancePath,
    operationId: 'removeGovernanceLayer',
    security: security.write,
    summary: "Remove a community's governance grid layer; its plans are no longer matched against one (planner, admin)",
    request: { params: communityParam },
    responses: {
      204: { description: 'Removed' },
      400: errorResponse('invalid_path'),
      404: errorResponse('not_found: no such community in your scope, or it has no layer loaded'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/plans/{id}/import',
    operationId: 'importPlanFile',
    security: security.write,
    summary: "Replace a draft's grids with a file, as one edit (planner, admin); answers the plan like an edit",
    description:
      'The body is the file: GeoJSON, or a zip of one Shapefile (.shp, .shx, .dbf, optional .cpg and .prj; attributes code/name or 网格编码/网格名称; ' +
      'the .dbf in GBK or UTF-8 as the .cpg says, else UTF-8 when it decodes, else GBK; .prj WGS-84 or CGCS2000). Grids with a code of the ' +
      'community keep it; the others become new-<n>. A file with any problem (a missing part, an unknown CRS, an invalid ring, a grid outside ' +
      'the community, overlaps or gaps over 1 m², unknown or repeated codes) is refused whole with every problem listed, and nothing changes.',
    request: {
      params: idParam,
      headers: z.object({ 'If-Match': z.string().meta({ description: "the plan's ETag from its last answer", example: '"plan-1-r3"' }) }),
      query: gcj02Query,
      body: fileBody,
    },
    responses: {
      200: json(named(PlanView, 'PlanView'), 'The plan with the file’s grids, with its new ETag'),
      400: errorResponse('invalid_path, invalid_query'),
      404: errorResponse('not_found: no such plan in your scope'),
      409: errorResponse('revision_mismatch: the plan changed since your ETag; plan_not_editable: not a draft'),
      413: errorResponse('payload_too_large: more than 20 MB'),
      415: errorResponse('unsupported_media_type: not application/geo+json or application/zip'),
      422: json(named(PlanFileRefusal, 'PlanFileRefusal'), 'plan_file_refused: every problem of the file; nothing was changed'),
      428: errorResponse('precondition_required: If-Match is missing'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/plans/{id}/export',
    operationId: 'exportPlanFile',
    security: security.session,
    summary: "A plan's grids as they stand, as a file: GeoJSON or a zipped Shapefile (planner, admin)",
    description:
      'Each grid with code (its 15-digit code, or new-<n>), name and households. The Shapefile zip holds .shp, .shx, .dbf (UTF-8), .cpg and .prj (WGS-84).',
    request: {
      params: idParam,
      query: z.object({ format: z.enum(planExportFormats).optional().meta({ description: 'geojson (the default) or shapefile' }) }),
    },
    responses: {
      200: {
        description: 'The file, as an attachment',
        content: { [planFileMediaTypes.geojson]: { schema: named(PlanFileCollection, 'PlanFileCollection') }, [planFileMediaTypes.zip]: { schema: binary } },
      },
      400: errorResponse('invalid_path, invalid_query'),
      404: errorResponse('not_found: no such plan in your scope'),
      ...denied,
    },
  });
}

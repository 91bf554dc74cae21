import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { BeltList, BeltRecord, BeltRoute, BeltSitesBody, BeltsQuery, CreateBeltBody, PreviewBeltBody, UpdateBeltBody } from '../contract/belts.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'belts',
  description:
    'Model belts (示范带, "连点成线、连线成片"): an ordered chain of model sites drawn as a line along the roads that join them ' +
    '(straight where no road does) and a corridor of a width on either side, with what the corridor holds: service positions by kind, ' +
    'organizations, members (a count) and new-type organizations.',
};

const beltRecord = named(BeltRecord, 'BeltRecord');

const notFound = errorResponse('not_found: no such belt in your scope');
const siteRefusals = {
  404: errorResponse('not_found: the area or a site is not in your scope'),
  409: errorResponse('place_closed: a site is closed'),
  422: errorResponse(
    "not_a_model_site: a site is another kind of place; outside_area: a site lies outside the belt's area; belt_sites_coincide: two consecutive sites stand at one position",
  ),
};
const bodyRefusal = errorResponse('invalid_body: e.g. fewer than 2 or more than 50 sites, a site named twice, a width outside 50–5000 meters');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/belts',
    operationId: 'listBelts',
    security: security.session,
    summary: 'Model belts whose area lies in scope, with their site count, length and box (admin, planner, dispatcher, secretary)',
    request: { query: queryText(BeltsQuery.shape) },
    responses: { 200: json(named(BeltList, 'BeltList'), 'A page of belts'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/belts/{id}',
    operationId: 'getBelt',
    security: security.session,
    summary:
      "One belt: its sites in order, its legs (routed along the roads or straight), line and corridor as GeoJSON, and the counts inside the corridor in the belt's area",
    request: { params: idParam },
    responses: { 200: json(beltRecord, 'The belt'), 400: errorResponse('invalid_path'), 404: notFound, ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/belts/preview',
    operationId: 'previewBelt',
    security: security.write,
    summary: 'The route, corridor and counts of a belt of these sites and this width, without saving anything: for drawing a belt (admin, secretary)',
    request: { body: jsonBody(named(PreviewBeltBody, 'PreviewBeltBody')) },
    responses: { 200: json(named(BeltRoute, 'BeltRoute'), 'The route'), 400: bodyRefusal, ...siteRefusals, ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/belts',
    operationId: 'createBelt',
    security: security.write,
    summary: "Create a belt of model sites in scope, in order, routed along the roads; every site lies in the belt's area (admin, secretary)",
    request: { body: jsonBody(named(CreateBeltBody, 'CreateBeltBody')) },
    responses: { 201: json(beltRecord, 'Created'), 400: bodyRefusal, ...siteRefusals, ...denied },
  });
  operation({
    method: 'patch',
    path: '/api/v1/belts/{id}',
    operationId: 'updateBelt',
    security: security.write,
    summary: "Rename a belt, change its corridor's width (the corridor and its counts follow) or its description (admin, secretary)",
    request: { params: idParam, body: jsonBody(named(UpdateBeltBody, 'UpdateBeltBody')) },
    responses: {
      200: json(beltRecord, 'The belt as it is now'),
      400: errorResponse('invalid_path, invalid_body (nothing to change, a width outside 50–5000 meters)'),
      404: notFound,
      ...denied,
    },
  });
  operation({
    method: 'put',
    path: '/api/v1/belts/{id}/sites',
    operationId: 'replaceBeltSites',
    security: security.write,
    summary: "Replace a belt's sites — reordered, added or removed — and route it again; the same sites route it again along today's roads (admin, secretary)",
    request: { params: idParam, body: jsonBody(named(BeltSitesBody, 'BeltSitesBody')) },
    responses: {
      200: json(beltRecord, 'The belt routed anew'),
      400: errorResponse('invalid_path, invalid_body'),
      ...siteRefusals,
      404: errorResponse('not_found: no such belt, or a site not in your scope'),
      ...denied,
    },
  });
  operation({
    method: 'delete',
    path: '/api/v1/belts/{id}',
    operationId: 'deleteBelt',
    security: security.write,
    summary: 'Delete a belt with its sites and legs; the model sites themselves stay (admin, secretary)',
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, 400: errorResponse('invalid_path'), 404: notFound, ...denied },
  });
}

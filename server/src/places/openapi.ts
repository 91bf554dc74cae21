import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ClosePlaceBody, CreatePlaceBody, HouseholdsBody, PlaceList, PlaceRecord, PlacesQuery, UpdatePlaceBody } from '../contract/places.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'places',
  description:
    'Service positions (阵地): service centers and stations with tier, opening hours, services and contact; center households (党员中心户) ' +
    'with the households they link; education and model sites. Created, edited, moved and closed by the registry keepers, every change in history.',
};

const placeList = named(PlaceList, 'PlaceList');
const placeRecord = named(PlaceRecord, 'PlaceRecord');

const notFound = errorResponse('not_found: no such service position in your scope');
const closed = errorResponse('place_closed: the position is closed and takes no changes');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/places',
    operationId: 'listPlaces',
    security: security.session,
    summary:
      'Service positions in scope, open ones unless status says otherwise; center households at a ~100 m cell centre without their address ' +
      'unless you may read members exactly (admin, planner, dispatcher, secretary)',
    request: { query: queryText(PlacesQuery.shape) },
    responses: { 200: json(placeList, 'A page of service positions'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/places/{id}',
    operationId: 'getPlace',
    security: security.session,
    summary: "One service position with its history; a center household's linked households only with member.read_exact, audited",
    request: { params: idParam },
    responses: { 200: json(placeRecord, 'The service position'), 400: errorResponse('invalid_path'), 404: notFound, ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/places',
    operationId: 'createPlace',
    security: security.write,
    summary: 'Create a service position in an area in scope; a center household names its member (admin, secretary)',
    request: { body: jsonBody(named(CreatePlaceBody, 'CreatePlaceBody')) },
    responses: {
      201: json(placeRecord, 'Created'),
      400: errorResponse('invalid_body: e.g. a tier missing for a center or station, or given for another kind; member_id missing for a center household'),
      404: errorResponse('not_found: the area or the member is not in your scope'),
      409: errorResponse('conflict: the member left, or keeps an open center household already'),
      422: errorResponse('outside_area: the position lies outside the area'),
      ...denied,
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/places/{id}',
    operationId: 'updatePlace',
    security: security.write,
    summary: "Edit a service position; a new position moves it on the map (history 'moved'), other fields are 'edited' (admin, secretary)",
    request: { params: idParam, body: jsonBody(named(UpdatePlaceBody, 'UpdatePlaceBody')) },
    responses: {
      200: json(placeRecord, 'The service position as it is now'),
      400: errorResponse('invalid_path, invalid_body (a tier for a kind without one)'),
      404: notFound,
      409: closed,
      422: errorResponse('outside_area: the new position lies outside its area'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/places/{id}/close',
    operationId: 'closePlace',
    security: security.write,
    summary: 'Close a service position on a day with a reason: off the map and out of the figures, kept with its history (admin, secretary)',
    request: { params: idParam, body: jsonBody(named(ClosePlaceBody, 'ClosePlaceBody')) },
    responses: {
      200: json(placeRecord, 'Closed'),
      400: errorResponse('invalid_path, invalid_body (no reason, a day to come)'),
      404: notFound,
      409: closed,
      ...denied,
    },
  });
  operation({
    method: 'put',
    path: '/api/v1/places/{id}/households',
    operationId: 'replacePlaceHouseholds',
    security: security.write,
    summary:
      "Replace a center household's linked households (at most 100), each at a position or a building of its area; linked_households becomes their number (admin, secretary)",
    request: { params: idParam, body: jsonBody(named(HouseholdsBody, 'HouseholdsBody')) },
    responses: {
      200: json(placeRecord, 'The center household with its households'),
      400: errorResponse('invalid_path, invalid_body (more than 100, neither or both of position and building_id)'),
      404: notFound,
      409: closed,
      422: errorResponse('not_a_center_household; outside_area: a position or building outside the area'),
      ...denied,
    },
  });
}

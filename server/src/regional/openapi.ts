import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AddGroupMemberBody,
  CreateFollowUpBody,
  CreateGroupBody,
  CreateListItemBody,
  CreateMeetingBody,
  CreatePairingBody,
  EndPairingBody,
  GroupList,
  GroupOutlines,
  GroupRecord,
  GroupsQuery,
  ListItem,
  ListItems,
  ListItemsQuery,
  Meeting,
  MeetingList,
  PairingArcs,
  PairingArcsQuery,
  PairingList,
  PairingRecord,
  PairingsQuery,
  SetLeadBody,
  UpdateFollowUpBody,
  UpdateGroupBody,
  UpdateListItemBody,
  UpdateMeetingBody,
  UpdatePairingBody,
} from '../contract/regional.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'regional',
  description:
    'Regional Party building (区域化党建): pairings (结对共建) of an organization with a village or community, a new-type organization or ' +
    'another organization, drawn as arcs; regional groups (党建组团) of organizations with a lead, drawn as outlines of their members, and ' +
    'their joint meetings (联席会议) with resolutions and follow-ups; the needs, resources and projects lists (需求清单, 资源清单, 项目清单) of ' +
    'either, each item with its status (open → in_progress → done, or cancelled; done and cancelled reopen to open). A pairing is read where ' +
    'either side lies in scope and changed where its organization does; a group is read where its area or a member organization lies in ' +
    'scope and changed where its area does; the lists are kept from either side. Area codes outside the caller’s scope are answered as null.',
};

const pairingList = named(PairingList, 'PairingList');
const pairingRecord = named(PairingRecord, 'PairingRecord');
const pairingArcs = named(PairingArcs, 'PairingArcs');
const groupList = named(GroupList, 'RegionalGroupList');
const groupRecord = named(GroupRecord, 'RegionalGroupRecord');
const groupOutlines = named(GroupOutlines, 'RegionalGroupOutlines');
const listItems = named(ListItems, 'RegionalListItems');
const meetingList = named(MeetingList, 'RegionalMeetingList');

const groupParam = z.object({ id: z.number().int().min(1).meta({ description: 'a regional group id' }) });
const meetingParams = groupParam.extend({ meeting_id: z.number().int().min(1) });
const followUpParams = meetingParams.extend({ follow_up_id: z.number().int().min(1) });
const memberParams = groupParam.extend({ org_id: z.number().int().min(1) });

const notModified = { 304: { description: 'Not modified: the ETag (data versions, day, scope and filters) is the one sent in If-None-Match' } };

const writeErrors = (what: string, more: Record<number, ReturnType<typeof errorResponse>> = {}) => ({
  400: errorResponse('invalid_body, invalid_path'),
  404: errorResponse(`not_found: no such ${what} in your scope`),
  ...more,
  ...denied,
});

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);

  // pairings
  operation({
    method: 'get',
    path: '/api/v1/pairings',
    operationId: 'listPairings',
    security: security.session,
    summary: 'Pairings either side of which is in scope, keyset-paged by id: org (either side), partner_kind, area (either side), status, active_on',
    request: { query: queryText(PairingsQuery.shape) },
    responses: { 200: json(pairingList, 'A page of pairings'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/pairings/arcs',
    operationId: 'getPairingArcs',
    security: security.sessionOrWall,
    summary: 'Pairings as lines from the organization’s point to the partner’s (GeoJSON, for arcs on the map; the wall reads them too)',
    description:
      'The filters of the list, without pages. An organization or a partner area without a point stands at a point inside its area. ' +
      'Pairings of closed organizations are left out. ETag and Cache-Control: private, no-cache, as tiles.',
    request: { query: queryText(PairingArcsQuery.shape) },
    responses: {
      200: json(pairingArcs, 'A FeatureCollection of LineStrings; properties id, kind pairing, names, partner_kind, active'),
      ...notModified,
      400: errorResponse('invalid_query'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/pairings/{id}',
    operationId: 'getPairing',
    security: security.session,
    summary: 'One pairing with its needs, resources and projects lists',
    request: { params: idParam },
    responses: { 200: json(pairingRecord, 'The pairing'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/pairings',
    operationId: 'createPairing',
    security: security.write,
    summary: 'Pair an open organization in scope with a village or community, a new-type organization or another open organization you may read',
    request: { body: jsonBody(named(CreatePairingBody, 'CreatePairingBody')) },
    responses: {
      201: json(pairingRecord, 'Created'),
      ...writeErrors('organization (or partner)', {
        409: errorResponse('org_closed: either organization is closed; conflict: the two pair already'),
        422: errorResponse('partner_refused: the area is not a village or community'),
      }),
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/pairings/{id}',
    operationId: 'updatePairing',
    security: security.write,
    summary: 'Edit a running pairing’s start and content (its organization in scope)',
    request: { params: idParam, body: jsonBody(named(UpdatePairingBody, 'UpdatePairingBody')) },
    responses: { 200: json(pairingRecord, 'The pairing as edited'), ...writeErrors('pairing', { 409: errorResponse('pairing_ended') }) },
  });
  operation({
    method: 'post',
    path: '/api/v1/pairings/{id}/end',
    operationId: 'endPairing',
    security: security.write,
    summary: 'End a running pairing on a day (today when not given; not a day to come, not before it started)',
    request: { params: idParam, body: jsonBody(named(EndPairingBody, 'EndPairingBody')) },
    responses: { 200: json(pairingRecord, 'The ended pairing'), ...writeErrors('pairing', { 409: errorResponse('pairing_ended: ended already') }) },
  });
  operation({
    method: 'delete',
    path: '/api/v1/pairings/{id}',
    operationId: 'deletePairing',
    security: security.write,
    summary: 'Delete a pairing recorded by mistake, with its lists (the audit log keeps what it was)',
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });

  // the lists
  for (const [owner, path, what] of [
    ['Pairing', '/api/v1/pairings/{id}/items', 'pairing'],
    ['RegionalGroup', '/api/v1/regional-groups/{id}/items', 'regional group'],
  ] as const) {
    operation({
      method: 'get',
      path,
      operationId: `list${owner}Items`,
      security: security.session,
      summary: `The items of a ${what}’s needs, resources and projects lists (list: one of them)`,
      request: { params: idParam, query: queryText(ListItemsQuery.shape) },
      responses: {
        200: json(listItems, 'The items, by list and then as added'),
        400: errorResponse('invalid_path, invalid_query'),
        404: errorResponse('not_found'),
        ...denied,
      },
    });
    operation({
      method: 'post',
      path,
      operationId: `add${owner}Item`,
      security: security.write,
      summary: `Add an item to one of a ${what}’s lists (either side of it in scope)`,
      request: { params: idParam, body: jsonBody(named(CreateListItemBody, 'CreateListItemBody')) },
      responses: {
        201: json(named(ListItem, 'RegionalListItem'), 'The item'),
        ...writeErrors(what, what === 'pairing' ? { 409: errorResponse('pairing_ended: its lists are kept as they were') } : {}),
      },
    });
  }
  operation({
    method: 'patch',
    path: '/api/v1/list-items/{id}',
    operationId: 'updateListItem',
    security: security.write,
    summary: 'Edit a list item: list, title, detail, due day, status (open → in_progress → done, or cancelled; done and cancelled reopen to open)',
    request: { params: idParam, body: jsonBody(named(UpdateListItemBody, 'UpdateListItemBody')) },
    responses: {
      200: json(named(ListItem, 'RegionalListItem'), 'The item as edited'),
      ...writeErrors('list item', { 409: errorResponse('status_refused: the flow does not allow the change; pairing_ended') }),
    },
  });
  operation({
    method: 'delete',
    path: '/api/v1/list-items/{id}',
    operationId: 'deleteListItem',
    security: security.write,
    summary: 'Delete a list item added by mistake',
    request: { params: idParam },
    responses: {
      204: { description: 'Deleted' },
      400: errorResponse('invalid_path'),
      404: errorResponse('not_found'),
      409: errorResponse('pairing_ended'),
      ...denied,
    },
  });

  // regional groups
  operation({
    method: 'get',
    path: '/api/v1/regional-groups',
    operationId: 'listRegionalGroups',
    security: security.session,
    summary: 'Regional groups whose area or a member organization is in scope, by name: area (subtree), org (a member), q (name)',
    request: { query: queryText(GroupsQuery.shape) },
    responses: { 200: json(groupList, 'The groups'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/regional-groups/outlines',
    operationId: 'getRegionalGroupOutlines',
    security: security.sessionOrWall,
    summary: 'Each group as the convex hull of its open member organizations’ points buffered by 300 m (GeoJSON; the wall reads them too)',
    description: 'The filters of the list. ETag and Cache-Control: private, no-cache, as tiles.',
    request: { query: queryText(GroupsQuery.shape) },
    responses: {
      200: json(groupOutlines, 'A FeatureCollection of Polygons; properties id, kind regional_group, name, member_count'),
      ...notModified,
      400: errorResponse('invalid_query'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/regional-groups/{id}',
    operationId: 'getRegionalGroup',
    security: security.session,
    summary: 'One group with its members (the lead first), meetings (newest first) with their follow-ups, and lists',
    request: { params: groupParam },
    responses: { 200: json(groupRecord, 'The group'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/regional-groups',
    operationId: 'createRegionalGroup',
    security: security.write,
    summary: 'Create a group in an area in scope, with its lead and member organizations (open ones you may read)',
    request: { body: jsonBody(named(CreateGroupBody, 'CreateRegionalGroupBody')) },
    responses: { 201: json(groupRecord, 'Created'), ...writeErrors('area or organization', { 409: errorResponse('org_closed') }) },
  });
  operation({
    method: 'patch',
    path: '/api/v1/regional-groups/{id}',
    operationId: 'updateRegionalGroup',
    security: security.write,
    summary: 'Rename a group or move it to another area in scope',
    request: { params: groupParam, body: jsonBody(named(UpdateGroupBody, 'UpdateRegionalGroupBody')) },
    responses: { 200: json(groupRecord, 'The group as edited'), ...writeErrors('regional group (or area)') },
  });
  operation({
    method: 'post',
    path: '/api/v1/regional-groups/{id}/members',
    operationId: 'addRegionalGroupMember',
    security: security.write,
    summary: 'Add an open organization you may read to a group, as its lead when is_lead (the former lead stays a member)',
    request: { params: groupParam, body: jsonBody(named(AddGroupMemberBody, 'AddRegionalGroupMemberBody')) },
    responses: {
      201: json(groupRecord, 'The group with its new member'),
      ...writeErrors('regional group (or organization)', { 409: errorResponse('org_closed; conflict: a member already') }),
    },
  });
  operation({
    method: 'delete',
    path: '/api/v1/regional-groups/{id}/members/{org_id}',
    operationId: 'removeRegionalGroupMember',
    security: security.write,
    summary: 'Remove a member organization (a lead removed leaves the group without one; meetings keep who attended)',
    request: { params: memberParams },
    responses: { 200: json(groupRecord, 'The group without the member'), ...writeErrors('regional group (or member)') },
  });
  operation({
    method: 'put',
    path: '/api/v1/regional-groups/{id}/lead',
    operationId: 'setRegionalGroupLead',
    security: security.write,
    summary: 'Make a member the group’s lead (牵头单位); a group has one lead at most',
    request: { params: groupParam, body: jsonBody(named(SetLeadBody, 'SetRegionalGroupLeadBody')) },
    responses: {
      200: json(groupRecord, 'The group with its lead'),
      ...writeErrors('regional group', { 422: errorResponse('not_a_group_member: the organization is not a member') }),
    },
  });

  // meetings and follow-ups
  const meeting = named(Meeting, 'RegionalMeeting');
  const memberErrors = { 422: errorResponse('not_a_group_member: an attending or responsible organization is not a member') };
  operation({
    method: 'get',
    path: '/api/v1/regional-groups/{id}/meetings',
    operationId: 'listRegionalGroupMeetings',
    security: security.session,
    summary: 'A group’s joint meetings, newest first, with who attended, resolutions and follow-ups',
    request: { params: groupParam },
    responses: { 200: json(meetingList, 'The meetings'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/regional-groups/{id}/meetings',
    operationId: 'createRegionalGroupMeeting',
    security: security.write,
    summary: 'Record a joint meeting (联席会议): day, place (a service position or words), topic, attendance, resolutions, follow-ups',
    request: { params: groupParam, body: jsonBody(named(CreateMeetingBody, 'CreateRegionalMeetingBody')) },
    responses: { 201: json(meeting, 'The meeting'), ...writeErrors('regional group (or place)', memberErrors) },
  });
  operation({
    method: 'patch',
    path: '/api/v1/regional-groups/{id}/meetings/{meeting_id}',
    operationId: 'updateRegionalGroupMeeting',
    security: security.write,
    summary: 'Edit a meeting’s record (a place given one way replaces the other; attending_org_ids replaces the attendance)',
    request: { params: meetingParams, body: jsonBody(named(UpdateMeetingBody, 'UpdateRegionalMeetingBody')) },
    responses: { 200: json(meeting, 'The meeting as edited'), ...writeErrors('regional group or meeting (or place)', memberErrors) },
  });
  operation({
    method: 'post',
    path: '/api/v1/regional-groups/{id}/meetings/{meeting_id}/follow-ups',
    operationId: 'addRegionalMeetingFollowUp',
    security: security.write,
    summary: 'Add a follow-up to a meeting, with a member organization responsible',
    request: { params: meetingParams, body: jsonBody(named(CreateFollowUpBody, 'CreateRegionalFollowUpBody')) },
    responses: { 201: json(meeting, 'The meeting with the follow-up'), ...writeErrors('regional group or meeting', memberErrors) },
  });
  operation({
    method: 'patch',
    path: '/api/v1/regional-groups/{id}/meetings/{meeting_id}/follow-ups/{follow_up_id}',
    operationId: 'updateRegionalMeetingFollowUp',
    security: security.write,
    summary: 'Edit a follow-up: status (the list items’ flow), title, responsible member, due day',
    request: { params: followUpParams, body: jsonBody(named(UpdateFollowUpBody, 'UpdateRegionalFollowUpBody')) },
    responses: {
      200: json(meeting, 'The meeting with the follow-up as edited'),
      ...writeErrors('regional group, meeting or follow-up', { ...memberErrors, 409: errorResponse('status_refused: the flow does not allow the change') }),
    },
  });
}

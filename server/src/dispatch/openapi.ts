import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AddMemberBody, DispatchView, MemberAlertView, MemberLinkView } from '../contract/dispatch.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'dispatch',
  description:
    "Dispatches: waves of alerts to the nearest members, by hand additions and recalls; the member's own signed link to accept, decline or report arrival.",
};

const memberLink =
  'No session: the signed token in the path is the credential (see the memberLink security scheme); ' + 'an invalid token answers 404, an expired one 410.';
const token = z.string().meta({ description: 'the signed link token sent to the member' });

const dispatchView = named(DispatchView, 'DispatchView');
const addMemberBody = named(AddMemberBody, 'AddMemberBody');
const memberAlertView = named(MemberAlertView, 'MemberAlertView');
const memberLinkView = named(MemberLinkView, 'MemberLinkView');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/dispatches/{id}',
    operationId: 'getDispatch',
    security: security.session,
    summary: "A dispatch: waves and each member's state (exact positions, audited)",
    request: { params: idParam },
    responses: { 200: json(dispatchView, 'The dispatch'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/dispatches/{id}/members',
    operationId: 'alertDispatchMember',
    security: security.write,
    summary: 'Alert a member by hand',
    request: { params: idParam, body: jsonBody(addMemberBody) },
    responses: {
      201: json(dispatchView, 'Updated'),
      400: errorResponse('invalid_body'),
      404: errorResponse('not_found'),
      409: errorResponse('conflict'),
      ...denied,
    },
  });
  operation({
    method: 'delete',
    path: '/api/v1/dispatches/{id}/members/{memberId}',
    operationId: 'recallDispatchMember',
    security: security.write,
    summary: 'Recall a member',
    request: { params: idParam.extend({ memberId: z.number().int() }) },
    responses: { 200: json(dispatchView, 'Updated'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/dispatches/{id}/members/{memberId}/link',
    operationId: 'getDispatchMemberLink',
    security: security.session,
    summary: "An alerted member's signed link, for an exercise (演练) with no SMS gateway (audited)",
    description:
      "The link is the member's credential: the console shows it as a QR code when no SMS gateway is configured. " +
      'Every read is audited (dispatch.read_member_link); the answer is not stored (Cache-Control: no-store).',
    request: { params: idParam.extend({ memberId: z.number().int() }) },
    responses: {
      200: json(memberLinkView, 'The link'),
      404: errorResponse('not_found: no such dispatch in scope, or the member was not alerted in it'),
      409: errorResponse('links_sent_by_sms: an SMS gateway is configured'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/dispatches/{id}/close',
    operationId: 'closeDispatch',
    security: security.write,
    summary: 'Close a dispatch; open alerts are cancelled',
    request: { params: idParam },
    responses: { 200: json(dispatchView, 'Closed'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/m/{token}',
    operationId: 'getMemberAlert',
    security: security.none,
    summary: "The member's alert, by the signed link sent to them (no session)",
    description: memberLink,
    request: { params: z.object({ token }) },
    responses: {
      200: json(memberAlertView, 'The alert'),
      404: errorResponse("not_found: not a valid link; no_alert: a member's personal link, which opens their wishes only"),
      410: errorResponse('link_expired'),
    },
  });
  operation({
    method: 'post',
    path: '/api/m/{token}/{answer}',
    operationId: 'answerMemberAlert',
    security: security.none,
    summary: "The member accepts, declines (also after accepting: I can't come after all) or reports arrival",
    description: memberLink,
    request: { params: z.object({ token, answer: z.enum(['accept', 'decline', 'arrived']) }) },
    responses: {
      200: json(memberAlertView, 'Updated'),
      404: errorResponse('not_found'),
      409: errorResponse('answer_not_allowed'),
      410: errorResponse('link_expired'),
    },
  });
}

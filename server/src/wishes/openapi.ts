import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  CreateWishBody,
  FulfilWishBody,
  MemberWishesView,
  PersonalLinkView,
  UpdateWishBody,
  WishesQuery,
  WishList,
  WishRecord,
  WithdrawWishBody,
} from '../contract/wishes.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'wishes',
  description:
    "Micro-wishes (微心愿): community workers post a resident's small wish at a service position or a point; members see the open ones " +
    'within 3 km of their home on their own page, claim them and fulfil them with a note, and the points rule for a wish is credited through the ledger.',
};

const wishList = named(WishList, 'WishList');
const wishRecord = named(WishRecord, 'WishRecord');
const memberWishes = named(MemberWishesView, 'MemberWishesView');

const notFound = errorResponse('not_found: no such wish in your scope');
const notOpen = errorResponse('wish_not_open: the wish is not open (claimed, fulfilled or withdrawn)');

const memberLink =
  "No session: the signed token in the path is the credential, a member's personal link or an alert's (see the memberLink security scheme); " +
  'an invalid token answers 404, an expired one 410. The resident is named by the first character only (张**).';
const token = z.string().meta({ description: 'the signed link token of the member' });
const tokenWish = z.object({ token, id: z.number().int().min(1) });

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/wishes',
    operationId: 'listWishes',
    security: security.session,
    summary:
      "Wishes in scope, paged by id; the resident's name only with wish.manage or member.read_exact over its area, the member who claimed it only with member.list " +
      '(admin, planner, dispatcher, secretary)',
    request: { query: queryText(WishesQuery.shape) },
    responses: { 200: json(wishList, 'A page of wishes'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/wishes/{id}',
    operationId: 'getWish',
    security: security.session,
    summary: 'One wish with its detail, who posted it, the fulfilment note and the points it credited (admin, planner, dispatcher, secretary)',
    request: { params: idParam },
    responses: { 200: json(wishRecord, 'The wish'), 400: errorResponse('invalid_path'), 404: notFound, ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/wishes',
    operationId: 'postWish',
    security: security.write,
    summary:
      'Post a wish at a service position (place_id) or a point (position; its area is the community or village there unless area_code names one holding it) (admin, secretary)',
    request: { body: jsonBody(named(CreateWishBody, 'CreateWishBody')) },
    responses: {
      201: json(wishRecord, 'Posted'),
      400: errorResponse('invalid_body: neither or both of position and place_id; area_code with place_id'),
      404: errorResponse('not_found: the place, the area or the point is not in your scope'),
      409: errorResponse('place_closed: the service position is closed'),
      422: errorResponse(
        "outside_area: the point lies outside area_code; outside_territory: in no community; place_is_a_home: a center household (a member's home)",
      ),
      ...denied,
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/wishes/{id}',
    operationId: 'updateWish',
    security: security.write,
    summary: "Edit an open wish's title, detail or resident (admin, secretary)",
    request: { params: idParam, body: jsonBody(named(UpdateWishBody, 'UpdateWishBody')) },
    responses: { 200: json(wishRecord, 'The wish as it is now'), 400: errorResponse('invalid_path, invalid_body'), 404: notFound, 409: notOpen, ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/wishes/{id}/withdraw',
    operationId: 'withdrawWish',
    security: security.write,
    summary: "Withdraw an open or claimed wish: off the members' pages and the map, kept in the list (admin, secretary)",
    request: { params: idParam, body: jsonBody(named(WithdrawWishBody, 'WithdrawWishBody')) },
    responses: {
      200: json(wishRecord, 'Withdrawn'),
      400: errorResponse('invalid_path, invalid_body'),
      404: notFound,
      409: errorResponse('wish_not_open: the wish is fulfilled or withdrawn already'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/members/{id}/link',
    operationId: 'issueMemberLink',
    security: security.write,
    summary: "Issue a member's personal link (30 days): their page of wishes nearby and their points; audited as member.issue_link (admin, secretary)",
    request: { params: idParam },
    responses: {
      201: json(named(PersonalLinkView, 'PersonalLinkView'), 'The link; url is absolute when PUBLIC_URL is set'),
      400: errorResponse('invalid_path'),
      404: errorResponse('not_found: no such member in your scope'),
      409: errorResponse('member_left: the member left'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/m/{token}/wishes',
    operationId: 'getMemberWishes',
    security: security.none,
    summary: "The member's points, the open wishes within 3 km of their home (nearest first, with the distance) and their own claimed and fulfilled ones",
    description: memberLink,
    request: { params: z.object({ token }) },
    responses: {
      200: json(memberWishes, 'The member and their wishes'),
      404: errorResponse('not_found: not a valid link'),
      410: errorResponse('link_expired'),
    },
  });
  operation({
    method: 'post',
    path: '/api/m/{token}/wishes/{id}/claim',
    operationId: 'claimWish',
    security: security.none,
    summary: 'The member claims an open wish near their home (again: no change)',
    description: memberLink,
    request: { params: tokenWish },
    responses: {
      200: json(memberWishes, 'Claimed: the page as it is now'),
      400: errorResponse('invalid_path'),
      404: errorResponse('not_found: not a valid link, or no such wish near the member'),
      409: errorResponse('wish_taken: another member claimed it first; wish_not_open: fulfilled or withdrawn; member_left'),
      410: errorResponse('link_expired'),
    },
  });
  operation({
    method: 'post',
    path: '/api/m/{token}/wishes/{id}/fulfil',
    operationId: 'fulfilWish',
    security: security.none,
    summary: 'The member fulfils a wish they claimed, with a note: the points rule for a wish is credited through the ledger, once',
    description: memberLink,
    request: { params: tokenWish, body: jsonBody(named(FulfilWishBody, 'FulfilWishBody')) },
    responses: {
      200: json(memberWishes, 'Fulfilled: the page as it is now, with the new balance'),
      400: errorResponse('invalid_path, invalid_body: no note'),
      404: errorResponse('not_found: not a valid link, or no such wish near the member'),
      409: errorResponse('wish_not_claimed: not claimed by this member; wish_not_open: fulfilled or withdrawn already; member_left'),
      410: errorResponse('link_expired'),
    },
  });
}

import { Router, type Request } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission, scopeOf } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { ErrorCode } from '../contract/error.ts';
import {
  AddGroupMemberBody,
  CreateFollowUpBody,
  CreateGroupBody,
  CreateListItemBody,
  CreateMeetingBody,
  CreatePairingBody,
  EndPairingBody,
  FollowUpParams,
  GroupMemberParams,
  GroupParams,
  GroupsQuery,
  ListItemParams,
  ListItemsQuery,
  MeetingParams,
  PairingArcsQuery,
  PairingParams,
  PairingsQuery,
  SetLeadBody,
  UpdateFollowUpBody,
  UpdateGroupBody,
  UpdateListItemBody,
  UpdateMeetingBody,
  UpdatePairingBody,
  type GroupList,
  type ListItems,
  type MeetingList,
  type PairingList,
} from '../contract/regional.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { addMember, createGroup, removeMember, setLead, updateGroup } from './group-commands.ts';
import { selectGroup, selectGroupOutlines, selectGroups } from './groups.queries.ts';
import { addItem, deleteItem, updateItem } from './item-commands.ts';
import { selectItems, type ItemOwner } from './items.queries.ts';
import { answerMapLayer } from './map-answer.ts';
import { addFollowUp, createMeeting, updateFollowUp, updateMeeting } from './meeting-commands.ts';
import { createPairing, deletePairing, endPairing, updatePairing } from './pairing-commands.ts';
import { selectPairing, selectPairingArcs, selectPairings } from './pairings.queries.ts';
import { presentArcs, presentGroup, presentItem, presentOutlines, presentPairing } from './present.ts';
import { readGroup, readMeetings, readPairing } from './read.ts';
import type { WriteScopes } from './scopes.ts';

/** How far an outline reaches beyond its outermost member organizations, in meters. */
const outlineBufferM = 300;

function writeScopes(req: Request): WriteScopes {
  const principal = principalOf(req);
  return { edit: scopeFor(principal, 'registry.edit'), read: scopeFor(principal, 'org.read'), places: scopeFor(principal, 'place.read') };
}

/**
 * 区域化党建: pairings (结对共建) and regional groups (党建组团), their lists, meetings and
 * follow-ups, and the map's arcs and outlines. Read with org.read (the map layers with
 * territory.read, which the wall holds), written with registry.edit, each in the caller's scope.
 */
export function regionalRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('org.read');
  const edit = requirePermission('registry.edit');
  const map = requirePermission('territory.read');

  const pairing = async (req: Request, id: number) => {
    const record = await readPairing(db, id, scopeOf(req, 'org.read'));
    if (!record) throw new HttpError(404, ErrorCode.notFound, `No pairing ${id} in your scope.`);
    return record;
  };
  const group = async (req: Request, id: number) => {
    const record = await readGroup(db, id, scopeOf(req, 'org.read'));
    if (!record) throw new HttpError(404, ErrorCode.notFound, `No regional group ${id} in your scope.`);
    return record;
  };
  const meeting = async (groupId: number, meetingId: number) => {
    const [found] = await readMeetings(db, groupId, meetingId);
    if (!found) throw new HttpError(404, ErrorCode.notFound, `No meeting ${meetingId} of regional group ${groupId} in your scope.`);
    return found;
  };
  /** A list's owner in the caller's read scope (its items are read where it is). */
  const ownerInScope = async (req: Request, owner: ItemOwner) => {
    const scope = scopeOf(req, 'org.read');
    const found = owner.kind === 'pairing' ? await selectPairing(db, owner.id, scope) : await selectGroup(db, owner.id, scope);
    if (!found) throw new HttpError(404, ErrorCode.notFound, `No ${owner.kind === 'pairing' ? 'pairing' : 'regional group'} ${owner.id} in your scope.`);
  };

  // ─── pairings ─────────────────────────────────────────────────────────────────────────────────

  router.get('/api/v1/pairings', read, async (req, res) => {
    const query = parseQuery(PairingsQuery, req);
    const scope = scopeOf(req, 'org.read');
    const rows = await selectPairings(db, query, scope);
    const page = rows.slice(0, query.limit);
    const answer: PairingList = {
      pairings: page.map((r) => presentPairing(r, scope)),
      next_after: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    };
    res.json(answer);
  });

  router.get('/api/v1/pairings/arcs', map, async (req, res) => {
    const query = parseQuery(PairingArcsQuery, req);
    const scope = scopeOf(req, 'territory.read');
    await answerMapLayer(db, 'pairing-arcs', { req, res }, scope, query, async () => presentArcs(await selectPairingArcs(db, query, scope)));
  });

  router.get('/api/v1/pairings/:id', read, async (req, res) => {
    const { id } = parseParams(PairingParams, req);
    res.json(await pairing(req, id));
  });

  router.post('/api/v1/pairings', edit, async (req, res) => {
    const body = parseBody(CreatePairingBody, req);
    const id = await createPairing(db, actorOf(req), body, writeScopes(req));
    res
      .status(201)
      .location(`/api/v1/pairings/${id}`)
      .json(await pairing(req, id));
  });

  router.patch('/api/v1/pairings/:id', edit, async (req, res) => {
    const { id } = parseParams(PairingParams, req);
    const body = parseBody(UpdatePairingBody, req);
    await updatePairing(db, actorOf(req), id, body, writeScopes(req));
    res.json(await pairing(req, id));
  });

  router.post('/api/v1/pairings/:id/end', edit, async (req, res) => {
    const { id } = parseParams(PairingParams, req);
    const body = parseBody(EndPairingBody, req);
    await endPairing(db, actorOf(req), id, body, writeScopes(req));
    res.json(await pairing(req, id));
  });

  router.delete('/api/v1/pairings/:id', edit, async (req, res) => {
    const { id } = parseParams(PairingParams, req);
    await deletePairing(db, actorOf(req), id, writeScopes(req));
    res.status(204).end();
  });

  // ─── the three lists ──────────────────────────────────────────────────────────────────────────

  const listRoutes = (path: string, kind: ItemOwner['kind'], Params: typeof PairingParams | typeof GroupParams) => {
    router.get(path, read, async (req, res) => {
      const { id } = parseParams(Params, req);
      const { list } = parseQuery(ListItemsQuery, req);
      await ownerInScope(req, { kind, id });
      const answer: ListItems = { items: (await selectItems(db, { kind, id }, list ?? null)).map(presentItem) };
      res.json(answer);
    });
    router.post(path, edit, async (req, res) => {
      const { id } = parseParams(Params, req);
      const body = parseBody(CreateListItemBody, req);
      res.status(201).json(presentItem(await addItem(db, actorOf(req), { kind, id }, body, scopeOf(req, 'registry.edit'))));
    });
  };
  listRoutes('/api/v1/pairings/:id/items', 'pairing', PairingParams);
  listRoutes('/api/v1/regional-groups/:id/items', 'regional_group', GroupParams);

  router.patch('/api/v1/list-items/:id', edit, async (req, res) => {
    const { id } = parseParams(ListItemParams, req);
    const body = parseBody(UpdateListItemBody, req);
    res.json(presentItem(await updateItem(db, actorOf(req), id, body, scopeOf(req, 'registry.edit'))));
  });

  router.delete('/api/v1/list-items/:id', edit, async (req, res) => {
    const { id } = parseParams(ListItemParams, req);
    await deleteItem(db, actorOf(req), id, scopeOf(req, 'registry.edit'));
    res.status(204).end();
  });

  // ─── regional groups ──────────────────────────────────────────────────────────────────────────

  router.get('/api/v1/regional-groups', read, async (req, res) => {
    const query = parseQuery(GroupsQuery, req);
    const scope = scopeOf(req, 'org.read');
    const answer: GroupList = { groups: (await selectGroups(db, query, scope)).map((r) => presentGroup(r, scope)) };
    res.json(answer);
  });

  router.get('/api/v1/regional-groups/outlines', map, async (req, res) => {
    const query = parseQuery(GroupsQuery, req);
    const scope = scopeOf(req, 'territory.read');
    await answerMapLayer(db, 'group-outlines', { req, res }, scope, query, async () =>
      presentOutlines(await selectGroupOutlines(db, query, scope, outlineBufferM)),
    );
  });

  router.get('/api/v1/regional-groups/:id', read, async (req, res) => {
    const { id } = parseParams(GroupParams, req);
    res.json(await group(req, id));
  });

  router.post('/api/v1/regional-groups', edit, async (req, res) => {
    const body = parseBody(CreateGroupBody, req);
    const id = await createGroup(db, actorOf(req), body, writeScopes(req));
    res
      .status(201)
      .location(`/api/v1/regional-groups/${id}`)
      .json(await group(req, id));
  });

  router.patch('/api/v1/regional-groups/:id', edit, async (req, res) => {
    const { id } = parseParams(GroupParams, req);
    const body = parseBody(UpdateGroupBody, req);
    await updateGroup(db, actorOf(req), id, body, writeScopes(req));
    res.json(await group(req, id));
  });

  router.post('/api/v1/regional-groups/:id/members', edit, async (req, res) => {
    const { id } = parseParams(GroupParams, req);
    const body = parseBody(AddGroupMemberBody, req);
    await addMember(db, actorOf(req), id, body, writeScopes(req));
    res.status(201).json(await group(req, id));
  });

  router.delete('/api/v1/regional-groups/:id/members/:org_id', edit, async (req, res) => {
    const { id, org_id } = parseParams(GroupMemberParams, req);
    await removeMember(db, actorOf(req), id, org_id, writeScopes(req));
    res.json(await group(req, id));
  });

  router.put('/api/v1/regional-groups/:id/lead', edit, async (req, res) => {
    const { id } = parseParams(GroupParams, req);
    const body = parseBody(SetLeadBody, req);
    await setLead(db, actorOf(req), id, body, writeScopes(req));
    res.json(await group(req, id));
  });

  // ─── joint meetings and follow-ups ────────────────────────────────────────────────────────────

  router.get('/api/v1/regional-groups/:id/meetings', read, async (req, res) => {
    const { id } = parseParams(GroupParams, req);
    await ownerInScope(req, { kind: 'regional_group', id });
    const answer: MeetingList = { meetings: await readMeetings(db, id) };
    res.json(answer);
  });

  router.post('/api/v1/regional-groups/:id/meetings', edit, async (req, res) => {
    const { id } = parseParams(GroupParams, req);
    const body = parseBody(CreateMeetingBody, req);
    const meetingId = await createMeeting(db, actorOf(req), id, body, writeScopes(req));
    res.status(201).json(await meeting(id, meetingId));
  });

  router.patch('/api/v1/regional-groups/:id/meetings/:meeting_id', edit, async (req, res) => {
    const { id, meeting_id } = parseParams(MeetingParams, req);
    const body = parseBody(UpdateMeetingBody, req);
    await updateMeeting(db, actorOf(req), id, meeting_id, body, writeScopes(req));
    res.json(await meeting(id, meeting_id));
  });

  router.post('/api/v1/regional-groups/:id/meetings/:meeting_id/follow-ups', edit, async (req, res) => {
    const { id, meeting_id } = parseParams(MeetingParams, req);
    const body = parseBody(CreateFollowUpBody, req);
    await addFollowUp(db, actorOf(req), id, meeting_id, body, writeScopes(req));
    res.status(201).json(await meeting(id, meeting_id));
  });

  router.patch('/api/v1/regional-groups/:id/meetings/:meeting_id/follow-ups/:follow_up_id', edit, async (req, res) => {
    const { id, meeting_id, follow_up_id } = parseParams(FollowUpParams, req);
    const body = parseBody(UpdateFollowUpBody, req);
    await updateFollowUp(db, actorOf(req), { groupId: id, meetingId: meeting_id, followUpId: follow_up_id }, body, writeScopes(req));
    res.json(await meeting(id, meeting_id));
  });
  return router;
}

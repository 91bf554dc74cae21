import { Router, type Request } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { numericId } from '../contract/ids.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { actorOf } from '../auth/actor.ts';
import { AddMemberBody, MemberAnswer, type MemberAlertView } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams } from '../http/parse.ts';
import { memberClaims } from '../member-link/member-link.ts';
import type { DispatchPolicy } from './engine.ts';
import { selectMemberAlert } from './queries.ts';
import { addMember, answerAlert, closeDispatch, recallMember } from './service.ts';
import { readMemberLink } from './member-link-view.ts';
import { readDispatch } from './view.ts';

const DispatchParams = z.object({ id: numericId('a dispatch id') });
const MemberParams = DispatchParams.extend({ memberId: numericId('a member id') });
const TokenParams = z.object({ token: z.string().max(500) });
const AnswerParams = TokenParams.extend({ answer: MemberAnswer });

export type LinkOptions = {
  /** an SMS gateway sends members their links; without one the console shows them (an exercise, 演练) */
  smsGateway: boolean;
  /** PUBLIC_URL: makes the links shown absolute */
  publicUrl: string | undefined;
};

export function dispatchRoutes(db: pg.Pool, policy: DispatchPolicy, links: LinkOptions): Router {
  const router = Router();
  const manage = requirePermission('dispatch.manage');

  const view = (req: Request, id: number) => readDispatch(db, actorOf(req), id, scopeOf(req, 'dispatch.manage'));

  router.get('/api/v1/dispatches/:id', manage, async (req, res) => {
    const { id } = parseParams(DispatchParams, req);
    res.json(await view(req, id));
  });

  router.post('/api/v1/dispatches/:id/members', manage, async (req, res) => {
    const { id } = parseParams(DispatchParams, req);
    const { member_id } = parseBody(AddMemberBody, req);
    await addMember(db, id, member_id, scopeOf(req, 'dispatch.manage'), actorOf(req));
    res.status(201).json(await view(req, id));
  });

  router.delete('/api/v1/dispatches/:id/members/:memberId', manage, async (req, res) => {
    const { id, memberId } = parseParams(MemberParams, req);
    await recallMember(db, id, memberId, scopeOf(req, 'dispatch.manage'), actorOf(req), policy);
    res.json(await view(req, id));
  });

  router.get('/api/v1/dispatches/:id/members/:memberId/link', manage, async (req, res) => {
    const { id, memberId } = parseParams(MemberParams, req);
    if (links.smsGateway) throw new HttpError(409, ErrorCode.linksSentBySms, 'An SMS gateway sends members their links; they are not shown.');
    res.json(await readMemberLink(db, actorOf(req), id, memberId, scopeOf(req, 'dispatch.manage'), links.publicUrl));
  });

  router.post('/api/v1/dispatches/:id/close', manage, async (req, res) => {
    const { id } = parseParams(DispatchParams, req);
    await closeDispatch(db, id, scopeOf(req, 'dispatch.manage'), actorOf(req));
    res.json(await view(req, id));
  });

  // The member's own page: authenticated by the signed link, not by a session.
  const claimsOf = async (token: string) => {
    const claims = await memberClaims(db, token);
    if (claims === 'invalid') throw new HttpError(404, ErrorCode.notFound, 'This link is not valid.');
    if (claims === 'expired') throw new HttpError(410, ErrorCode.linkExpired, 'This link has expired.');
    const { dispatchId } = claims;
    if (dispatchId === null) throw new HttpError(404, ErrorCode.noAlert, "This link carries no alert: it is the member's own link to their wishes.");
    return { ...claims, dispatchId };
  };
  const memberView = async (dispatchId: number, memberId: number, expiresAt: number): Promise<MemberAlertView> => {
    const r = await selectMemberAlert(db, dispatchId, memberId);
    if (!r) throw new HttpError(404, ErrorCode.notFound, 'This link is not valid.');
    return {
      case: { kind: r.kind, title: r.title, description: r.description, position: [r.lng, r.lat] },
      member: { name: r.name },
      contact: {
        dispatcher: r.dispatcher,
        duty_phone: policy.dutyPhone,
        grid_leader: r.grid_leader === null ? null : { name: r.grid_leader, phone: r.grid_leader_phone },
      },
      state: r.state,
      distance_m: Math.round(r.distance_m),
      expires_at: new Date(expiresAt).toISOString(),
    };
  };

  router.get('/api/m/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req);
    const c = await claimsOf(token);
    res.json(await memberView(c.dispatchId, c.memberId, c.expiresAt));
  });

  router.post('/api/m/:token/:answer', async (req, res) => {
    const { token, answer } = parseParams(AnswerParams, req);
    const c = await claimsOf(token);
    if (!(await answerAlert(db, c.dispatchId, c.memberId, answer, policy))) {
      const current = await memberView(c.dispatchId, c.memberId, c.expiresAt);
      throw new HttpError(409, ErrorCode.answerNotAllowed, `This alert is ${current.state}; "${answer}" is not possible now.`);
    }
    res.json(await memberView(c.dispatchId, c.memberId, c.expiresAt));
  });
  return router;
}

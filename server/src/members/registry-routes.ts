import { Router, type Request } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { grantsFor, scopeFor } from '../auth/principal.ts';
import { numericId } from '../contract/ids.ts';
import {
  CreateMemberBody,
  CreditPointsBody,
  LeaveBody,
  MobileBody,
  MobileEndBody,
  RegistrationBody,
  RegistrationEndBody,
  RegistryRules,
  StarReviewBody,
  TransferBody,
  UpdateMemberBody,
} from '../contract/members.ts';
import { parseBody, parseParams } from '../http/parse.ts';
import { createMember, updateMember } from './edit-member.ts';
import { endMobile, endRegistration, leaveMember, markMobile, registerMember, transferMember } from './movements.ts';
import { addPoints, readLedger } from './points.ts';
import { memberPrecision } from './precision.ts';
import { presentMemberDetail } from './present.ts';
import { readRules, replaceRules } from './rules.ts';
import { reviewStars } from './star-review.ts';
import type { Writer } from './writer.ts';

const MemberParams = z.object({ id: numericId('a member id') });

/** The writer of the registry: 'registry.edit' scope; exact answers for those who may read them (audited). */
function writerOf(req: Request): Writer {
  const principal = principalOf(req);
  return { actor: actorOf(req), scope: scopeFor(principal, 'registry.edit'), precision: memberPrecision(principal) };
}

/** The area an audit record of a scope-wide write names: the caller's first grant for the permission. */
function auditScopeOf(req: Request, permission: 'registry.edit' | 'registry.rules'): string | null {
  return grantsFor(principalOf(req), permission)[0]?.scope ?? null;
}

/** The registry kept current: members created, edited and moved, points, the star review, the rules. */
export function memberRegistryRoutes(db: pg.Pool): Router {
  const router = Router();
  const edit = requirePermission('registry.edit');

  router.post('/api/v1/members', edit, async (req, res) => {
    const body = parseBody(CreateMemberBody, req);
    res.status(201).json(presentMemberDetail(await createMember(db, writerOf(req), body)));
  });

  router.post('/api/v1/members/star-review', edit, async (req, res) => {
    const body = parseBody(StarReviewBody, req);
    res.json(await reviewStars(db, actorOf(req), scopeFor(principalOf(req), 'registry.edit'), auditScopeOf(req, 'registry.edit'), body));
  });

  router.patch('/api/v1/members/:id', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(UpdateMemberBody, req);
    res.json(presentMemberDetail(await updateMember(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/transfer', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(TransferBody, req);
    res.json(presentMemberDetail(await transferMember(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/registration', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(RegistrationBody, req);
    res.json(presentMemberDetail(await registerMember(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/registration/end', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(RegistrationEndBody, req);
    res.json(presentMemberDetail(await endRegistration(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/mobile', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(MobileBody, req);
    res.json(presentMemberDetail(await markMobile(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/mobile/end', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(MobileEndBody, req);
    res.json(presentMemberDetail(await endMobile(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/leave', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(LeaveBody, req);
    res.json(presentMemberDetail(await leaveMember(db, writerOf(req), id, body)));
  });

  router.get('/api/v1/members/:id/points', requirePermission('member.list'), async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    res.json(await readLedger(db, id, scopeFor(principalOf(req), 'member.list')));
  });

  router.post('/api/v1/members/:id/points', edit, async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    const body = parseBody(CreditPointsBody, req);
    res.status(201).json(await addPoints(db, writerOf(req), id, body));
  });

  router.get('/api/v1/registry/rules', edit, async (_req, res) => {
    res.json(await readRules(db));
  });

  router.put('/api/v1/registry/rules', requirePermission('registry.rules'), async (req, res) => {
    const rules = parseBody(RegistryRules, req);
    res.json(await replaceRules(db, actorOf(req), auditScopeOf(req, 'registry.rules'), rules));
  });
  return router;
}

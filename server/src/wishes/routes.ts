import { Router, type Request } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { grantsFor, scopeFor } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { numericId } from '../contract/ids.ts';
import { CreateWishBody, FulfilWishBody, UpdateWishBody, WishesQuery, WithdrawWishBody, type WishList } from '../contract/wishes.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { memberClaims, type LinkClaims } from '../member-link/member-link.ts';
import { postWish, updateWish, withdraw, type WishWriter } from './commands.ts';
import { claimAsMember, fulfilAsMember, readMemberWishes } from './member-wishes.ts';
import { issuePersonalLink } from './personal-link.ts';
import { presentWishRecord, presentWishSummary } from './present.ts';
import { selectWish, selectWishes, type WishReaders } from './queries.ts';

const WishParams = z.object({ id: numericId('a wish id') });
const MemberParams = z.object({ id: numericId('a member id') });
const TokenParams = z.object({ token: z.string().max(500) });
const TokenWishParams = TokenParams.extend({ id: numericId('a wish id') });

/**
 * What the caller may read of wishes: the list (org.read), residents' names (wish.manage or
 * member.read_exact), the names of the members who claimed them (member.list).
 */
function readersOf(req: Request): WishReaders {
  const principal = principalOf(req);
  const personal = [...grantsFor(principal, 'wish.manage'), ...grantsFor(principal, 'member.read_exact')].map((g) => g.scope);
  return { scope: scopeFor(principal, 'org.read'), personal: Scope.of(personal), members: scopeFor(principal, 'member.list') };
}

function writerOf(req: Request): WishWriter {
  return { actor: actorOf(req), manage: scopeFor(principalOf(req), 'wish.manage'), readers: readersOf(req) };
}

export type WishRouteOptions = {
  /** PUBLIC_URL: makes the personal links issued absolute */
  publicUrl: string | undefined;
};

/**
 * 微心愿: staff list, read, post, edit and withdraw wishes in scope (/api/v1/wishes); a member's own
 * link (/api/m/{token}/wishes, a personal link or an alert's) lists open wishes near their home and
 * claims and fulfils them; registry keepers issue personal links (/api/v1/members/{id}/link).
 */
export function wishesRoutes(db: pg.Pool, options: WishRouteOptions): Router {
  const router = Router();
  const read = requirePermission('org.read');
  const manage = requirePermission('wish.manage');

  router.get('/api/v1/wishes', read, async (req, res) => {
    const query = parseQuery(WishesQuery, req);
    const rows = await selectWishes(db, query, readersOf(req));
    const page = rows.slice(0, query.limit);
    const result: WishList = { wishes: page.map(presentWishSummary), next_after: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    res.json(result);
  });

  router.get('/api/v1/wishes/:id', read, async (req, res) => {
    const { id } = parseParams(WishParams, req);
    const row = await selectWish(db, id, readersOf(req));
    if (!row) throw new HttpError(404, ErrorCode.notFound, `No wish ${id} in your scope.`);
    res.json(presentWishRecord(row));
  });

  router.post('/api/v1/wishes', manage, async (req, res) => {
    const body = parseBody(CreateWishBody, req);
    res.status(201).json(presentWishRecord(await postWish(db, writerOf(req), body)));
  });

  router.patch('/api/v1/wishes/:id', manage, async (req, res) => {
    const { id } = parseParams(WishParams, req);
    const body = parseBody(UpdateWishBody, req);
    res.json(presentWishRecord(await updateWish(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/wishes/:id/withdraw', manage, async (req, res) => {
    const { id } = parseParams(WishParams, req);
    const body = parseBody(WithdrawWishBody, req);
    res.json(presentWishRecord(await withdraw(db, writerOf(req), id, body)));
  });

  router.post('/api/v1/members/:id/link', requirePermission('registry.edit'), async (req, res) => {
    const { id } = parseParams(MemberParams, req);
    res.status(201).json(await issuePersonalLink(db, actorOf(req), id, scopeFor(principalOf(req), 'registry.edit'), options.publicUrl));
  });

  // The member's own page: authenticated by the signed link (personal or an alert's), not by a session.
  const claimsOf = async (token: string): Promise<LinkClaims> => {
    const claims = await memberClaims(db, token);
    if (claims === 'invalid') throw new HttpError(404, ErrorCode.notFound, 'This link is not valid.');
    if (claims === 'expired') throw new HttpError(410, ErrorCode.linkExpired, 'This link has expired.');
    return claims;
  };

  router.get('/api/m/:token/wishes', async (req, res) => {
    const { token } = parseParams(TokenParams, req);
    res.json(await readMemberWishes(db, await claimsOf(token)));
  });

  router.post('/api/m/:token/wishes/:id/claim', async (req, res) => {
    const { token, id } = parseParams(TokenWishParams, req);
    res.json(await claimAsMember(db, actorOf(req), await claimsOf(token), id));
  });

  router.post('/api/m/:token/wishes/:id/fulfil', async (req, res) => {
    const { token, id } = parseParams(TokenWishParams, req);
    const { note } = parseBody(FulfilWishBody, req);
    res.json(await fulfilAsMember(db, actorOf(req), await claimsOf(token), id, note));
  });
  return router;
}

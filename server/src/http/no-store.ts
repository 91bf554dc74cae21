import type { RequestHandler } from 'express';

/**
 * Paths whose answers carry personal data (members, positions, cases with their timelines,
 * dispatches, the audit log, accounts, wall tokens, sessions, member links): neither the browser
 * nor a proxy may keep a copy (PIPL art. 28). Tiles, figures and the basemap set their own caching.
 */
export const personalDataPaths = [
  '/api/v1/members',
  '/api/v1/orgs',
  '/api/v1/places',
  '/api/v1/registry',
  '/api/v1/cases',
  '/api/v1/dispatches',
  '/api/v1/audit',
  '/api/v1/users',
  '/api/v1/wall-tokens',
  '/api/v1/auth',
  '/api/m',
  '/api/v1/new-orgs',
  // pairings, regional groups and their lists: free text (contents, resolutions) may name residents;
  // the map's arcs and outlines set their own caching (names of organizations and areas only)
  '/api/v1/pairings',
  '/api/v1/regional-groups',
  '/api/v1/list-items',
  '/api/v1/wishes',
];

/**
 * Paths whose ETag is a revision for `If-Match`, not a validator of the answer: a plan's view also
 * follows data outside the plan (the governance grid layer, grid leaders, households), so a browser
 * revalidating its copy against the revision would be told 304 and show stale validation.
 */
export const revisionTaggedPaths = ['/api/v1/plans'];

/** Express routes ignore case (/API/V1/MEMBERS/1 is a member), so the match does too. */
const under = (paths: string[], path: string) => {
  const lower = path.toLowerCase();
  return paths.some((p) => lower === p || lower.startsWith(`${p}/`));
};

/** `Cache-Control: no-store` on every answer under personalDataPaths and revisionTaggedPaths, errors included. */
export function noStore(): RequestHandler {
  return (req, res, next) => {
    if (under(personalDataPaths, req.path) || under(revisionTaggedPaths, req.path)) res.set('Cache-Control', 'no-store');
    next();
  };
}

import type { Request } from 'express';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';

/** A plan's ETag: its id and revision, bumped by every change. */
export const planEtag = (id: number, revision: number) => `"plan-${id}-r${revision}"`;

/**
 * The revision named by If-Match: every write to a plan names the revision it was made on, so
 * that a second planner's write on a stale copy is refused (409) rather than lost; none is 428.
 */
export function ifMatchRevision(req: Request, id: number): number {
  const header = req.get('if-match');
  if (!header) throw new HttpError(428, ErrorCode.preconditionRequired, `Send If-Match with plan ${id}'s ETag (from its GET) so that no one's edit is lost.`);
  const match = /^"plan-(\d+)-r(\d+)"$/.exec(header.trim());
  if (!match || Number(match[1]) !== id) {
    throw new HttpError(409, ErrorCode.revisionMismatch, `If-Match ${header} is not an ETag of plan ${id}: reload the plan and make your change again.`);
  }
  return Number(match[2]);
}

import { ErrorCode } from '../contract/error.ts';
import { statusMoves, type RegionalStatus } from '../contract/regional.ts';
import { DomainError } from '../domain-error.ts';

/** Refuses (409 status_refused) a status change that `statusMoves` does not allow; the same status is no change. */
export function assertStatusMove(what: string, from: RegionalStatus, to: RegionalStatus): void {
  if (from === to || statusMoves[from].includes(to)) return;
  throw new DomainError('conflict', ErrorCode.statusRefused, `${what} is ${from}: it may become ${statusMoves[from].join(' or ')}, not ${to}.`);
}

import type { Request } from 'express';
import type { Actor } from '../audit/record.ts';
import { clientAddress } from '../http/client-address.ts';
import { actorId } from './principal.ts';

/** The caller of a request as the audit log records it. */
export function actorOf(req: Request): Actor {
  return { userId: actorId(req.principal), ip: clientAddress(req) };
}

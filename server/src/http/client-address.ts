import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * The caller's address as the audit log, sessions and the sign-in limit record it: `req.ip` when
 * it is an IP address, else null. Behind a proxy it comes from X-Forwarded-For, which a client
 * can fill with anything; PostgreSQL's inet would refuse such a value with a 500.
 */
export function clientAddress(req: Request): string | null {
  const ip = req.ip;
  return ip !== undefined && isIP(ip) !== 0 ? ip : null;
}

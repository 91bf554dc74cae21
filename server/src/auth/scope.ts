import type { Request } from 'express';
import type { Permission } from './permissions.ts';
import { scopeAncestors, scopePatterns } from './principal.ts';
import { principalOf } from './middleware.ts';

/** The caller's scope for a permission, as the query files take it. */
export type Scope = { patterns: string[]; ancestors: string[] };

export function scopeOf(req: Request, permission: Permission): Scope {
  const principal = principalOf(req);
  return { patterns: scopePatterns(principal, permission), ancestors: scopeAncestors(principal, permission) };
}

import { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { OrgKind } from '../contract/orgs.ts';
import type { Queryable } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { currentGridInScope, lockOrg, type OrgStateRow } from './queries.ts';

const rank: Record<OrgKind, number> = { committee: 0, general_branch: 1, branch: 2, group: 3 };

/** 党委 > 党总支 > 党支部 > 党小组: a parent ranks above its child; a committee may stand under a committee (a town's above a community's). */
export function mayParent(parent: OrgKind, child: OrgKind): boolean {
  return rank[parent] < rank[child] || (parent === 'committee' && child === 'committee');
}

export function assertMayParent(parent: { name: string; kind: OrgKind }, child: OrgKind): void {
  if (!mayParent(parent.kind, child)) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.orgHierarchy,
      `A ${child.replace('_', ' ')} cannot stand under ${parent.name}, a ${parent.kind.replace('_', ' ')}.`,
    );
  }
}

export function assertOpen(org: OrgStateRow, what = org.name): void {
  if (org.closed_on !== null) throw new DomainError('conflict', ErrorCode.orgClosed, `${what} was closed on ${org.closed_on}.`);
}

/** The organization in scope, locked for the transaction; 404 when there is none in scope. */
export async function lockedOrg(tx: Queryable, id: number, scope: Scope): Promise<OrgStateRow> {
  const org = await lockOrg(tx, id, scope);
  if (!org) throw new DomainError('not_found', ErrorCode.notFound, `No organization ${id} in your scope.`);
  return org;
}

/** A branch's grid: a current grid in scope (else 404) inside the subtree of the organization's area (else 422). */
export async function assertGridFits(tx: Queryable, grid: string, kind: OrgKind, areaCode: string, scope: Scope): Promise<void> {
  if (kind !== 'branch') throw new DomainError('unprocessable', ErrorCode.orgGridRefused, `Only a branch serves a grid; this is a ${kind.replace('_', ' ')}.`);
  if (!(await currentGridInScope(tx, grid, scope))) throw new DomainError('not_found', ErrorCode.notFound, `No current grid ${grid} in your scope.`);
  if (!Scope.of([areaCode]).holds(grid)) {
    throw new DomainError('unprocessable', ErrorCode.orgGridRefused, `The grid ${grid} lies outside the organization's area ${areaCode}.`);
  }
}

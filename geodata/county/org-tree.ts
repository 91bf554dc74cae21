/**
 * The Party organization tree under construction: organizations get ids in the order they are
 * added (parents before children), a member share and the buildings their members live in.
 */
import type { XY } from './geometry.ts';
import type { OrgKind, OrgSector } from './types.ts';

export interface OrgPlan {
  id: number;
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  parentId: number | null;
  areaCode: string;
  gridCode: string | null;
  /** Office location, meters. */
  at: XY;
  foundedOn: string;
  /** Relative share of the county's members that belong directly to this organization. */
  weight: number;
  /** Building indices where its members live. */
  homes: number[];
  /** Members are in-service (在职党员) of a work unit, registered with their home community. */
  inService: boolean;
  /** A retirees' branch (离退休党支部): older members, none in service. */
  retirees: boolean;
  /** Secretary's name; by default the organization's first member. */
  secretary: string | null;
}

export type NewOrgPlan = Omit<OrgPlan, 'id' | 'secretary' | 'retirees' | 'inService' | 'gridCode'> &
  Partial<Pick<OrgPlan, 'secretary' | 'retirees' | 'inService' | 'gridCode'>>;

export class OrgTree {
  readonly orgs: OrgPlan[] = [];

  add(plan: NewOrgPlan): OrgPlan {
    const org: OrgPlan = {
      gridCode: null,
      secretary: null,
      retirees: false,
      inService: false,
      ...plan,
      id: this.orgs.length + 1,
    };
    if (org.parentId !== null && org.parentId >= org.id) throw new Error(`${org.name}: parent must come first`);
    this.orgs.push(org);
    return org;
  }

  count(kind: OrgKind): number {
    return this.orgs.filter((o) => o.kind === kind).length;
  }

  byId(id: number): OrgPlan {
    const org = this.orgs[id - 1];
    if (!org) throw new Error(`no org ${id}`);
    return org;
  }
}

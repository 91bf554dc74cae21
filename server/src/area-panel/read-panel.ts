import { Scope } from '../auth/scope.ts';
import type { AreaPanel, NewOrgRates } from '../contract/area-panel.ts';
import { orgKinds } from '../contract/orgs.ts';
import type { Queryable } from '../db/transaction.ts';
import {
  selectAreaFigures,
  selectAreaHead,
  selectAreaOrgs,
  selectAreaPlaces,
  selectGridFigures,
  selectGridHead,
  selectGridOrgs,
  selectGridPlaces,
  type PanelFiguresRow,
  type PanelHeadRow,
  type PanelOrgRow,
  type PanelPlaceRow,
} from './queries.ts';

function rates(rows: PanelFiguresRow['new_orgs'], kind: 'enterprise' | 'social_org'): NewOrgRates {
  const r = rows.find((x) => x.kind === kind) ?? { total: 0, formed: 0, covered: 0 };
  return {
    total: r.total,
    formed: r.formed,
    covered: r.covered,
    formation_rate: r.total === 0 ? null : r.formed / r.total,
    coverage_rate: r.total === 0 ? null : r.covered / r.total,
  };
}

function panelOf(kind: AreaPanel['kind'], head: PanelHeadRow, f: PanelFiguresRow, orgs: PanelOrgRow[], places: PanelPlaceRow[]): AreaPanel {
  const byKind = Object.fromEntries(orgKinds.map((k) => [k, f.orgs_by_kind[k] ?? 0])) as AreaPanel['orgs']['by_kind'];
  return {
    kind,
    code: head.code,
    name: head.name,
    level: head.level,
    parent: head.parent_code === null || head.parent_name === null ? null : { code: head.parent_code, name: head.parent_name },
    bbox: head.bbox,
    orgs: {
      total: Object.values(byKind).reduce((a, b) => a + b, 0),
      by_kind: byKind,
      items: orgs.map((o) => ({ ...o, kind: o.kind as AreaPanel['orgs']['items'][number]['kind'] })),
    },
    members: { total: f.members, available: f.available, in_service: f.in_service, mobile: f.mobile },
    places: { total: Object.values(f.places_by_kind).reduce((a, b) => a + b, 0), by_kind: f.places_by_kind, items: places },
    grids: {
      total: f.grids,
      with_branch: f.with_branch,
      with_leader: f.with_leader,
      with_position: f.with_position,
      leader: f.leader === null ? null : { name: f.leader },
      workers: f.workers,
    },
    new_orgs: { enterprise: rates(f.new_orgs, 'enterprise'), social_org: rates(f.new_orgs, 'social_org') },
    wishes: { open: f.wishes_by_status['open'] ?? 0, claimed: f.wishes_by_status['claimed'] ?? 0, fulfilled: f.wishes_by_status['fulfilled'] ?? 0 },
    cases: { open: f.open_cases },
  };
}

/** An area's panel, when the area lies in `scope`; its figures cover the area's whole subtree. */
export async function readAreaPanel(db: Queryable, code: string, scope: Scope): Promise<AreaPanel | undefined> {
  const head = await selectAreaHead(db, code, scope);
  if (!head) return undefined;
  const area = Scope.of([code]);
  const [figures, orgs, places] = await Promise.all([selectAreaFigures(db, area), selectAreaOrgs(db, area), selectAreaPlaces(db, area)]);
  return panelOf('area', head, figures, orgs, places);
}

/** A current grid's panel, when its community lies in `scope`. */
export async function readGridPanel(db: Queryable, code: string, scope: Scope): Promise<AreaPanel | undefined> {
  const head = await selectGridHead(db, code, scope);
  if (!head) return undefined;
  const [figures, orgs, places] = await Promise.all([selectGridFigures(db, code), selectGridOrgs(db, code), selectGridPlaces(db, code)]);
  return panelOf('grid', head, figures, orgs, places);
}

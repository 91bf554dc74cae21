import type { OrgRecord, OrgSummary } from '../contract/orgs.ts';
import { presentHistory } from '../registry-history/present.ts';
import type { HistoryRow } from '../registry-history/queries.ts';
import type { OrgRecordRow, OrgRow, PairingRow } from './queries.ts';

export function presentOrg(r: OrgRow): OrgSummary {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    sector: r.sector,
    area_code: r.area_code,
    area_name: r.area_name,
    parent_id: r.parent_id,
    secretary_name: r.secretary_name,
    member_count: r.member_count,
    children_count: r.children_count,
    position: r.lng === null || r.lat === null ? null : [r.lng, r.lat],
    grid_code: r.grid_code,
    closed_on: r.closed_on,
  };
}

export type OrgParts = {
  grids: Array<{ code: string; name: string }>;
  regionalGroups: Array<{ id: number; name: string; is_lead: boolean }>;
  pairings: PairingRow[];
  history: HistoryRow[];
};

export function presentOrgRecord(r: OrgRecordRow, parts: OrgParts): OrgRecord {
  return {
    ...presentOrg(r),
    founded_on: r.founded_on,
    parent: r.parent_id === null ? null : { id: r.parent_id, name: r.parent_name ?? '' },
    grids: parts.grids,
    regional_groups: parts.regionalGroups,
    pairings: parts.pairings,
    close_reason: r.close_reason,
    merged_into: r.merged_into === null ? null : { id: r.merged_into, name: r.merged_into_name ?? '' },
    history: parts.history.map(presentHistory),
  };
}

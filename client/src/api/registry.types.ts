/**
 * Provisional shapes of the registry API (docs: /tmp/w/api13.md) until the server's contract
 * modules land; then these become re-exports from contract.ts.
 */
export type LngLat = [number, number];

export interface HistoryEntry {
  id: number;
  action: string;
  effective_on: string;
  reason: string | null;
  detail: Record<string, unknown>;
  actor: string | null;
  recorded_at: string;
}

export type OrgKind = 'committee' | 'general_branch' | 'branch' | 'group';

export interface OrgSummary {
  id: number;
  name: string;
  kind: OrgKind;
  sector: string;
  area_code: string;
  area_name: string;
  parent_id: number | null;
  secretary_name: string | null;
  member_count: number;
  children_count: number;
  position: LngLat | null;
  grid_code: string | null;
  closed_on: string | null;
}

export interface OrgRecord extends OrgSummary {
  founded_on: string | null;
  parent: { id: number; name: string } | null;
  grids: { code: string; name: string }[];
  regional_groups: { id: number; name: string; is_lead: boolean }[];
  pairings: { id: number; partner_kind: string; partner_name: string; started_on: string; ended_on: string | null }[];
  close_reason: string | null;
  merged_into: { id: number; name: string } | null;
  history: HistoryEntry[];
}

export interface OrgList {
  orgs: OrgSummary[];
  next_after: number | null;
}

export interface MemberSummary {
  id: number;
  name: string;
  org: { id: number; name: string };
  stars: number;
  skills: string[];
  available: boolean;
  mobile: boolean;
  in_service: boolean;
  approx_position: LngLat;
  left_on: string | null;
  registration_community: string | null;
  mobile_whereabouts: string | null;
}

export interface MemberList {
  members: MemberSummary[];
  next_after: number | null;
}

export interface MemberDetail extends MemberSummary {
  gender: 'male' | 'female';
  birth_year: number | null;
  points: number;
  joined_on: string | null;
  precision: 'exact' | 'generalized';
  position: LngLat | null;
  phone: string | null;
  registration: { community_code: string; community_name: string; since: string } | null;
  mobile_place: { area_code: string | null; area_name: string | null; whereabouts: string | null; since: string } | null;
  left: { on: string; reason: string } | null;
  history: HistoryEntry[];
}

export interface PointsEntry {
  id: number;
  kind: string;
  points: number;
  earned_on: string;
  note: string | null;
  dispatch_id: number | null;
  recorded_at: string;
}

export interface PointsLedger {
  balance: number;
  entries: PointsEntry[];
}

export type PlaceKind = 'service_center' | 'service_station' | 'center_household' | 'education_site' | 'model_site';

export interface PlaceSummary {
  id: number;
  kind: PlaceKind;
  name: string;
  tier: string | null;
  area_code: string;
  area_name: string;
  address: string | null;
  position: LngLat;
  linked_households: number | null;
  closed_on: string | null;
}

export interface PlaceRecord extends PlaceSummary {
  opening_hours: string | null;
  services: string[];
  contact_name: string | null;
  contact_phone: string | null;
  member: { id: number; name: string } | null;
  close_reason: string | null;
  households: { id: number; label: string; building_id: number | null; position: LngLat }[] | null;
  history: HistoryEntry[];
}

export interface PlaceList {
  places: PlaceSummary[];
  next_after: number | null;
}

export type ImportEntity = 'members' | 'orgs' | 'places';
export type ImportMode = 'dry_run' | 'all' | 'good_rows';
export type ImportCrs = 'wgs84' | 'gcj02' | 'bd09';

export interface ImportReport {
  entity: ImportEntity;
  rows: number;
  good: number;
  bad: { line: number; column: string | null; code: string; message: string }[];
}

export interface ImportJob {
  id: number;
  entity: ImportEntity;
  mode: ImportMode;
  status: 'running' | 'done' | 'failed';
  rows: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  report: ImportReport | null;
}

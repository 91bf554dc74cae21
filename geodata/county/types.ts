/**
 * Row objects of the demo county, one interface per table. Keys are the table's column names, so
 * the loader can copy them as they are; geometry is GeoJSON in WGS-84 (SRID 4326).
 */
import type { LineString, MultiLineString, MultiPolygon, Point } from 'geojson';

export type AreaLevel = 'county' | 'town' | 'community' | 'village';

export interface AreaRow {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  is_urban: boolean;
  households: number;
  geom: MultiPolygon;
}

export interface GridRow {
  id: number;
  code: string;
  name: string;
  community_code: string;
  kind: 'basic' | 'dedicated';
  households: number;
  geom: MultiPolygon;
  valid_from: string;
}

export interface GridStaffRow {
  id: number;
  grid_code: string;
  role: 'grid_leader' | 'grid_worker';
  name: string;
  phone: string | null;
  member_id: number | null;
}

export interface CompoundRow {
  id: number;
  name: string;
  community_code: string;
  geom: MultiPolygon;
}

export interface BuildingRow {
  id: number;
  name: string;
  compound_id: number | null;
  community_code: string;
  floors: number;
  households: number;
  geom: MultiPolygon;
}

export type RoadClass = 'primary' | 'secondary' | 'tertiary' | 'residential';

export interface RoadRow {
  id: number;
  name: string | null;
  class: RoadClass;
  geom: MultiLineString;
}

export type OrgKind = 'committee' | 'general_branch' | 'branch' | 'group';
export type OrgSector = 'village' | 'community' | 'enterprise' | 'social_org' | 'agency' | 'school' | 'hospital' | 'industrial_park' | 'joint';

export interface OrgRow {
  id: number;
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  parent_id: number | null;
  area_code: string;
  grid_code: string | null;
  secretary_name: string | null;
  founded_on: string | null;
  geom: Point | null;
}

export interface MemberRow {
  id: number;
  county_code: string;
  name: string;
  gender: 'male' | 'female';
  birth_year: number;
  org_id: number;
  /** The organization's area code, as member.org_area_code keeps it (sql/000011). */
  org_area_code: string;
  home: Point;
  registration_community: string | null;
  in_service: boolean;
  mobile: boolean;
  available: boolean;
  skills: string[];
  stars: number;
  points: number;
  phone: string | null;
  joined_on: string;
}

export type PlaceKind = 'service_center' | 'service_station' | 'center_household' | 'education_site' | 'model_site';

export interface PlaceRow {
  id: number;
  kind: PlaceKind;
  name: string;
  tier: AreaLevel | null;
  area_code: string;
  address: string | null;
  linked_households: number | null;
  member_id: number | null;
  geom: Point;
}

export interface BeltRow {
  id: number;
  name: string;
  area_code: string;
  geom: LineString;
}

export interface BeltSiteRow {
  belt_id: number;
  seq: number;
  place_id: number;
}

export type CoverageMode = 'own_branch' | 'joint_branch' | 'instructor';

export interface NewOrgRow {
  id: number;
  kind: 'enterprise' | 'social_org';
  name: string;
  credit_code: string;
  area_code: string;
  staff_count: number;
  member_count: number;
  coverage_mode: CoverageMode | null;
  covering_org_id: number | null;
  instructor_name: string | null;
  registered_on: string;
  covered_on: string | null;
  geom: Point;
}

export interface PairingRow {
  id: number;
  org_id: number;
  partner_kind: 'area' | 'new_org' | 'org';
  partner_area_code: string | null;
  partner_new_org_id: number | null;
  partner_org_id: number | null;
  started_on: string;
  ended_on: string | null;
  content: string | null;
}

export interface RegionalGroupRow {
  id: number;
  name: string;
  area_code: string;
}

export interface RegionalGroupOrgRow {
  group_id: number;
  org_id: number;
  is_lead: boolean;
}

export interface WishRow {
  id: number;
  title: string;
  detail: string | null;
  resident_name: string | null;
  area_code: string;
  status: 'open' | 'claimed' | 'fulfilled' | 'withdrawn';
  claimed_by: number | null;
  posted_at: string;
  claimed_at: string | null;
  fulfilled_at: string | null;
  geom: Point;
}

/** Members are streamed: a 1M-member county never holds all rows in memory. */
export interface MemberSource {
  /** Exactly how many rows `rows()` yields. */
  count: number;
  /** A fresh iterator over the rows, ordered by id; the same rows on every call. */
  rows(): IterableIterator<MemberRow>;
}

/** The whole synthetic county, in the order the tables must be loaded. */
export interface County {
  seed: string;
  areas: AreaRow[];
  grids: GridRow[];
  compounds: CompoundRow[];
  buildings: BuildingRow[];
  roads: RoadRow[];
  orgs: OrgRow[];
  members: MemberSource;
  gridStaff: GridStaffRow[];
  places: PlaceRow[];
  belts: BeltRow[];
  beltSites: BeltSiteRow[];
  newOrgs: NewOrgRow[];
  pairings: PairingRow[];
  regionalGroups: RegionalGroupRow[];
  regionalGroupOrgs: RegionalGroupOrgRow[];
  wishes: WishRow[];
}

/**
 * The tables a county fills, in foreign-key order, with the columns copied from each row
 * object (their keys are the column names).
 */
import type { County } from '../county/types.ts';
import { copyValue, type CopyValue } from './copy-text.ts';

export interface Table {
  name: string;
  columns: readonly string[];
  /** Whether `id` is an identity column whose sequence must follow the loaded ids. */
  identity: boolean;
  count(county: County): number;
  /** The rows as COPY text lines, each ending in a newline. */
  lines(county: County): Iterable<string>;
}

type CopyRow<R> = { [K in keyof R]: CopyValue };

function table<R extends CopyRow<R>>(
  name: string,
  columns: readonly (keyof R & string)[],
  rows: (c: County) => Iterable<R>,
  count: (c: County) => number,
): Table {
  return {
    name,
    columns,
    identity: columns.includes('id' as keyof R & string),
    count,
    *lines(county) {
      const last = columns.length - 1;
      for (const row of rows(county)) {
        let line = '';
        for (let i = 0; i < last; i++) line += copyValue(row[columns[i] as keyof R & string]) + '\t';
        yield line + copyValue(row[columns[last] as keyof R & string]) + '\n';
      }
    },
  };
}

export const TABLES: readonly Table[] = [
  table(
    'area',
    ['code', 'name', 'level', 'parent_code', 'is_urban', 'households', 'geom'],
    (c) => c.areas,
    (c) => c.areas.length,
  ),
  table(
    'grid',
    ['code', 'community_code', 'kind', 'created_at'],
    (c) => c.grids.map((g) => ({ code: g.code, community_code: g.community_code, kind: g.kind, created_at: g.valid_from })),
    (c) => c.grids.length,
  ),
  table(
    'grid_version',
    ['id', 'grid_code', 'name', 'households', 'geom', 'valid_from'],
    (c) => c.grids.map((g) => ({ id: g.id, grid_code: g.code, name: g.name, households: g.households, geom: g.geom, valid_from: g.valid_from })),
    (c) => c.grids.length,
  ),
  table(
    'compound',
    ['id', 'name', 'community_code', 'geom'],
    (c) => c.compounds,
    (c) => c.compounds.length,
  ),
  table(
    'building',
    ['id', 'name', 'compound_id', 'community_code', 'floors', 'households', 'geom'],
    (c) => c.buildings,
    (c) => c.buildings.length,
  ),
  table(
    'road',
    ['id', 'name', 'class', 'geom'],
    (c) => c.roads,
    (c) => c.roads.length,
  ),
  table(
    'org',
    ['id', 'name', 'kind', 'sector', 'parent_id', 'area_code', 'grid_code', 'secretary_name', 'founded_on', 'geom'],
    (c) => c.orgs,
    (c) => c.orgs.length,
  ),
  table(
    'member',
    [
      'id',
      'county_code',
      'name',
      'gender',
      'birth_year',
      'org_id',
      'org_area_code',
      'home',
      'registration_community',
      'in_service',
      'mobile',
      'available',
      'skills',
      'stars',
      'points',
      'phone',
      'joined_on',
    ],
    (c) => c.members.rows(),
    (c) => c.members.count,
  ),
  table(
    'grid_staff',
    ['id', 'grid_code', 'role', 'name', 'phone', 'member_id'],
    (c) => c.gridStaff,
    (c) => c.gridStaff.length,
  ),
  table(
    'place',
    ['id', 'kind', 'name', 'tier', 'area_code', 'address', 'linked_households', 'member_id', 'geom'],
    (c) => c.places,
    (c) => c.places.length,
  ),
  table(
    'belt',
    ['id', 'name', 'area_code', 'geom'],
    (c) => c.belts,
    (c) => c.belts.length,
  ),
  table(
    'belt_site',
    ['belt_id', 'seq', 'place_id'],
    (c) => c.beltSites,
    (c) => c.beltSites.length,
  ),
  table(
    'new_org',
    [
      'id',
      'kind',
      'name',
      'credit_code',
      'area_code',
      'staff_count',
      'member_count',
      'coverage_mode',
      'covering_org_id',
      'instructor_name',
      'registered_on',
      'covered_on',
      'geom',
    ],
    (c) => c.newOrgs,
    (c) => c.newOrgs.length,
  ),
  table(
    'pairing',
    ['id', 'org_id', 'partner_kind', 'partner_area_code', 'partner_new_org_id', 'partner_org_id', 'started_on', 'ended_on', 'content'],
    (c) => c.pairings,
    (c) => c.pairings.length,
  ),
  table(
    'regional_group',
    ['id', 'name', 'area_code'],
    (c) => c.regionalGroups,
    (c) => c.regionalGroups.length,
  ),
  table(
    'regional_group_org',
    ['group_id', 'org_id', 'is_lead'],
    (c) => c.regionalGroupOrgs,
    (c) => c.regionalGroupOrgs.length,
  ),
  table(
    'wish',
    ['id', 'title', 'detail', 'resident_name', 'area_code', 'status', 'claimed_by', 'posted_at', 'claimed_at', 'fulfilled_at', 'geom'],
    (c) => c.wishes,
    (c) => c.wishes.length,
  ),
];

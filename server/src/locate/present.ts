import type { LocateResult } from '../contract/locate.ts';
import type { LocateRow } from './queries.ts';

export function presentLocation(point: [number, number], row: LocateRow): LocateResult {
  return {
    point,
    county: { code: row.county_code, name: row.county_name },
    town: { code: row.town_code, name: row.town_name },
    community: { code: row.community_code, name: row.community_name, level: row.community_level },
    grid:
      row.grid_code === null
        ? null
        : {
            code: row.grid_code,
            name: row.grid_name ?? '',
            branch: row.branch_id === null ? null : { id: row.branch_id, name: row.branch_name ?? '' },
            leader: row.leader_name === null ? null : { name: row.leader_name },
          },
    nearest_service_center:
      row.center_id === null || row.center_kind === null
        ? null
        : {
            id: row.center_id,
            name: row.center_name ?? '',
            kind: row.center_kind,
            distance_m: Math.round((row.center_distance_m ?? 0) * 10) / 10,
          },
  };
}

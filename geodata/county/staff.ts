/**
 * Grid staff: one grid leader (网格长) per grid — the grid branch's secretary, a member — and one
 * to three grid workers (网格员).
 */
import type { GridPlan } from './grids.ts';
import { memberAt, type MemberContext, type MemberPlan } from './members.ts';
import { personName, phoneNumber } from './names.ts';
import type { OrgPlan } from './org-tree.ts';
import type { Rng } from './random.ts';
import type { TerritorialOrgs } from './territorial-orgs.ts';
import type { GridStaffRow } from './types.ts';

export function buildGridStaff(grids: readonly GridPlan[], territorial: TerritorialOrgs, members: MemberContext, plan: MemberPlan, rng: Rng): GridStaffRow[] {
  const rows: GridStaffRow[] = [];
  for (const grid of grids) {
    const branch = territorial.grids.get(grid.code) as OrgPlan;
    // the grid branch's secretary leads the grid (in a one-grid village, the village secretary)
    const leader = memberAt(members, plan, branch, 0);
    rows.push({
      id: rows.length + 1,
      grid_code: grid.code,
      role: 'grid_leader',
      name: leader?.name ?? personName(rng, rng.chance(0.6) ? 'male' : 'female'),
      phone: leader?.phone ?? phoneNumber(rng),
      member_id: leader?.id ?? null,
    });
    const workers = rng.weighted([1, 2, 3], [35, 45, 20]);
    for (let i = 0; i < workers; i++) {
      rows.push({
        id: rows.length + 1,
        grid_code: grid.code,
        role: 'grid_worker',
        name: personName(rng, rng.chance(0.45) ? 'male' : 'female'),
        phone: phoneNumber(rng),
        member_id: null,
      });
    }
  }
  return rows;
}

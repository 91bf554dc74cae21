import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { MemberExportQuery, OrgExportQuery, PlaceExportQuery } from '../../server/src/contract/registry-files.ts';
import { selectMembersForExport } from '../../server/src/registry-files/member.queries.ts';
import { selectOrgsForExport } from '../../server/src/registry-files/org.queries.ts';
import { selectPlacesForExport } from '../../server/src/registry-files/place.queries.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { withPlans } from '../support/query-plans.ts';

/**
 * The exports' scoped listings take the scope as an index condition on the area code (the plans
 * of the functions the routes call, through auto_explain), so a secretary's export reads their
 * community's rows, not the county's.
 */
const ctx = usePrivateDatabase('registry_export_plans');

let community = '';

beforeAll(async () => {
  const { rows } = await ctx.db.query<{ code: string }>(
    'select o.area_code as code from member m join org o on o.id = m.org_id group by 1 order by count(*) desc, 1 limit 1',
  );
  community = rows[0]!.code;
  await ctx.db.query('analyze member; analyze org; analyze place');
});

describe('a secretary’s export reads their community by index', () => {
  it('members: by member_area_id_idx (or the current members’ index) on org_area_code', async () => {
    const scope = Scope.of([community]);
    const { result, plan } = await withPlans(ctx.db, (c) => selectMembersForExport(c, MemberExportQuery.parse({}), scope, null));
    expect(result.length).toBeGreaterThan(0);
    expect(plan).toMatch(/(Index Scan|Bitmap Index Scan|Index Only Scan) (using|on) member_(area_id|current_area)_idx/);
    expect(plan).not.toMatch(/Seq Scan on member\b/);
  });

  it('organizations: by an index on area_code', async () => {
    const { result, plan } = await withPlans(ctx.db, (c) => selectOrgsForExport(c, OrgExportQuery.parse({}), Scope.of([community]), null));
    expect(result.length).toBeGreaterThan(0);
    expect(plan).toMatch(/(Index Scan|Bitmap Index Scan|Index Only Scan) (using|on) org_(open_area|area)_idx/);
  });

  it('service positions: by place_area_idx', async () => {
    const { plan } = await withPlans(ctx.db, (c) => selectPlacesForExport(c, PlaceExportQuery.parse({ status: 'all' }), Scope.of([community]), null));
    expect(plan).toMatch(/(Index Scan|Bitmap Index Scan|Index Only Scan) (using|on) place_area_idx/);
  });
});

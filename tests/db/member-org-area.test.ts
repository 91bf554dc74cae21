import { describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { selectMembers } from '../../server/src/members/queries.ts';
import { usePrivateDatabase } from '../support/database.ts';

const ctx = usePrivateDatabase('member_org_area');

/** Members whose kept organization area differs from their organization's. */
async function strays(): Promise<number> {
  const {
    rows: [r],
  } = await ctx.db.query<{ n: number }>(
    'select count(*)::int as n from member m join org o on o.id = m.org_id where m.org_area_code is distinct from o.area_code',
  );
  return r!.n;
}

describe("member.org_area_code follows the member's organization (sql/000011)", () => {
  it('is filled for every loaded member', async () => {
    expect(await strays()).toBe(0);
  });

  it('moves with an organization that moves, and the member list of its new community shows its members', async () => {
    const {
      rows: [o],
    } = await ctx.db.query<{ id: number; area_code: string }>(
      'select o.id, o.area_code from org o where exists (select 1 from member m where m.org_id = o.id) order by o.id limit 1',
    );
    const {
      rows: [to],
    } = await ctx.db.query<{ code: string }>("select code from area where level = 'community' and code <> $1 order by code desc limit 1", [o!.area_code]);
    await ctx.db.query('update org set area_code = $2 where id = $1', [o!.id, to!.code]);
    expect(await strays()).toBe(0);
    const listed = await selectMembers(ctx.db, { limit: 1000, org: o!.id }, Scope.of([to!.code]));
    expect(listed.length).toBeGreaterThan(0);
    expect(await selectMembers(ctx.db, { limit: 10, org: o!.id }, Scope.of([o!.area_code]))).toEqual([]);
  });

  it('follows a member moved to another organization, and cannot be set by hand', async () => {
    const {
      rows: [m],
    } = await ctx.db.query<{ id: number }>('select id from member order by id limit 1');
    const {
      rows: [o],
    } = await ctx.db.query<{ id: number }>('select id from org order by id desc limit 1');
    await ctx.db.query('update member set org_id = $2 where id = $1', [m!.id, o!.id]);
    await ctx.db.query("update member set org_area_code = '110101001001' where id = $1", [m!.id]);
    expect(await strays()).toBe(0);
  });
});

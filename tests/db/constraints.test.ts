import { describe, expect, it } from 'vitest';
import { usePrivateDatabase } from '../support/database.ts';

const ctx = usePrivateDatabase('constraints');

const square = "st_multi(st_geomfromtext('POLYGON((104.7 31.4, 104.71 31.4, 104.71 31.41, 104.7 31.41, 104.7 31.4))', 4326))";
const bowtie = "st_multi(st_geomfromtext('POLYGON((104.7 31.4, 104.71 31.41, 104.71 31.4, 104.7 31.41, 104.7 31.4))', 4326))";

describe('the schema refuses malformed territory data', () => {
  it.each([
    ['an 11-digit area code', `insert into area (code, name, level, parent_code, geom) values ('51070300100', '测试', 'town', '510703000000', ${square})`],
    [
      'a town code with a village part',
      `insert into area (code, name, level, parent_code, geom) values ('510703001001', '测试', 'town', '510703000000', ${square})`,
    ],
    ['a county with a parent', `insert into area (code, name, level, parent_code, geom) values ('510704000000', '测试', 'county', '510703000000', ${square})`],
    [
      'an invalid (self-intersecting) polygon',
      `insert into area (code, name, level, parent_code, geom) values ('510703099000', '测试', 'town', '510703000000', ${bowtie})`,
    ],
    [
      'a polygon in another SRID',
      `insert into area (code, name, level, parent_code, geom) values ('510703099000', '测试', 'town', '510703000000', st_setsrid(${square}, 3857))`,
    ],
    [
      'a grid code outside its community',
      `insert into grid (code, community_code, kind, created_at) select '510703001002001', code, 'basic', now() from area where level = 'community' and code <> '510703001002' limit 1`,
    ],
    [
      'a second current version of a grid code',
      `insert into grid_version (grid_code, name, geom) select grid_code, name, geom from grid_version where valid_to is null limit 1`,
    ],
    [
      'a second version of a grid overlapping one in time',
      `insert into grid_version (grid_code, name, geom, valid_from, valid_to)
       select grid_code, name, geom, valid_from - interval '1 day', valid_from + interval '1 day' from grid_version where valid_to is null limit 1`,
    ],
    [
      'an organization in a grid that does not exist',
      `update org set grid_code = '510703001001999' where id = (select min(id) from org where grid_code is not null)`,
    ],
    ['grid staff of a grid that does not exist', `update grid_staff set grid_code = '510703001001999' where id = (select min(id) from grid_staff)`],
    ['a grid code given twice', `insert into grid (code, community_code, kind, created_at) select code, community_code, kind, now() from grid limit 1`],
    ['stars above 5', `update member set stars = 6 where id = (select min(id) from member)`],
    ['a malformed phone number', `update member set phone = '12345' where id = (select min(id) from member)`],
  ])('refuses %s', async (_what, sql) => {
    await expect(ctx.db.query(sql)).rejects.toThrow();
  });

  it('keeps the audit log append-only', async () => {
    await ctx.db.query("insert into audit_log (action) values ('test.read')");
    await expect(ctx.db.query("update audit_log set action = 'changed'")).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});

describe("member's county-code and phone checks (string tests since sql/000036)", () => {
  const counties = [
    '510703000000',
    '510703000001',
    '51070300000',
    '5107030000000',
    '51070a000000',
    '５10703000000',
    '510703000000\n',
    ' 51070300000',
    '٣10703000000',
  ];
  const phones = [
    '13800138000',
    '19999999999',
    '12800138000',
    '10800138000',
    '1380013800',
    '138001380000',
    '1380013800a',
    '23800138000',
    '13800138000\n',
    '１3800138000',
    '1９800138000',
    'é3800138000',
  ];

  it.each([...counties.map((value) => ['county_code', value] as const), ...phones.map((value) => ['phone', value] as const)])(
    'decides %s %j as its former regular expression did',
    async (column, value) => {
      const pattern = column === 'county_code' ? '^[0-9]{6}000000$' : '^1[3-9][0-9]{9}$';
      const { rows } = await ctx.db.query<{ matches: boolean }>('select $1::text ~ $2 as matches', [value, pattern]);
      const client = await ctx.db.connect();
      try {
        await client.query('begin');
        const update = client.query(`update member set ${column} = $1 where id = (select min(id) from member)`, [value]);
        if (rows[0]?.matches) await expect(update).resolves.toBeDefined();
        else await expect(update).rejects.toThrow(`member_${column}_check`);
      } finally {
        await client.query('rollback');
        client.release();
      }
    },
  );
});

describe("member's home check (coordinates since sql/000036)", () => {
  const points = [
    'st_makepoint(104.7, 31.4)',
    'st_makepoint(1e308, -1e308)',
    "st_makepoint('NaN', 31.4)",
    "st_makepoint(104.7, 'NaN')",
    "st_makepoint('NaN', 'NaN')",
    "st_makepoint('Infinity', 31.4)",
    "st_makepoint(104.7, '-Infinity')",
    "st_makepoint('NaN', 'Infinity')",
    "'POINT EMPTY'::geometry",
    "st_geomfromewkb(st_asewkb(st_makepoint('NaN', 'NaN')))",
  ];

  it.each(points)('decides %s as st_isvalid did', async (point) => {
    const home = `st_setsrid(${point}, 4326)`;
    const { rows } = await ctx.db.query<{ valid: boolean }>(`select st_isvalid(${home}) as valid`);
    const client = await ctx.db.connect();
    try {
      await client.query('begin');
      const update = client.query(`update member set home = ${home} where id = (select min(id) from member)`);
      if (rows[0]?.valid) await expect(update).resolves.toBeDefined();
      else await expect(update).rejects.toThrow('member_home_check');
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});

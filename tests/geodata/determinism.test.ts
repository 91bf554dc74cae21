import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCounty, type County } from '../../geodata/county/index.ts';
import { demoCounty } from './fixture.ts';

function hashCounty(county: County): string {
  const hash = createHash('sha256');
  const { members, ...tables } = county;
  hash.update(JSON.stringify(tables));
  for (const m of members.rows()) hash.update(JSON.stringify(m));
  return hash.digest('hex');
}

describe('generateCounty', () => {
  it('gives byte-identical rows for the same seed', () => {
    expect(hashCounty(generateCounty({ seed: 1 }))).toBe(hashCounty(demoCounty()));
  });

  it('gives a different county for a different seed', () => {
    const other = generateCounty({ seed: 2, members: 1000 });
    expect(JSON.stringify(other.areas[0]?.geom)).not.toBe(JSON.stringify(demoCounty().areas[0]?.geom));
  });

  it('streams the same members on every iteration', () => {
    const county = demoCounty();
    const first = [...county.members.rows()].slice(0, 50);
    const again = [...county.members.rows()].slice(0, 50);
    expect(again).toEqual(first);
  });

  it('keeps the territory and organizations whatever the member count', () => {
    const small = generateCounty({ seed: 1, members: 5000 });
    const county = demoCounty();
    expect(small.areas).toEqual(county.areas);
    expect(small.grids).toEqual(county.grids);
    expect(small.buildings).toEqual(county.buildings);
    expect(small.orgs.map((o) => [o.id, o.name, o.parent_id])).toEqual(county.orgs.map((o) => [o.id, o.name, o.parent_id]));
    expect(small.members.count).toBe(5000);
  });

  it('accepts numeric and string seeds alike', () => {
    const a = generateCounty({ seed: 3, members: 0 });
    const b = generateCounty({ seed: '3', members: 0 });
    expect(a.grids.map((g) => g.geom)).toEqual(b.grids.map((g) => g.geom));
  });
});

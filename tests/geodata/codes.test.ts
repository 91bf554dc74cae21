import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../geodata/county/credit-code.ts';
import { demoCounty } from './fixture.ts';

const county = demoCounty();
const PHONE = /^1[3-9][0-9]{9}$/;

describe('codes follow the national formats and the schema checks', () => {
  it('codes the county 510703000000 and labels it synthetic', () => {
    const c = county.areas.find((a) => a.level === 'county');
    expect(c?.code).toBe('510703000000');
    expect(c?.name).toContain('合成');
  });

  it('codes towns 510703001000… and their communities and villages from 001, never 000', () => {
    const towns = county.areas.filter((a) => a.level === 'town').map((a) => a.code);
    expect(towns).toEqual(towns.map((_, i) => `510703${String(i + 1).padStart(3, '0')}000`));
    for (const a of county.areas.filter((x) => x.level === 'community' || x.level === 'village')) {
      expect(a.code).toMatch(/^[0-9]{12}$/);
      expect(a.code.slice(0, 9)).toBe(a.parent_code?.slice(0, 9));
      expect(a.code).not.toMatch(/000$/);
    }
    const byTown = new Map<string, string[]>();
    for (const a of county.areas.filter((x) => x.parent_code && x.level !== 'town'))
      byTown.set(a.parent_code as string, [...(byTown.get(a.parent_code as string) ?? []), a.code.slice(9)]);
    for (const seqs of byTown.values()) expect(seqs).toEqual(seqs.map((_, i) => String(i + 1).padStart(3, '0')));
  });

  it('codes grids as community code + 001… without gaps and names them 第n网格', () => {
    const byCommunity = new Map<string, string[]>();
    for (const g of county.grids) {
      expect(g.code).toMatch(/^[0-9]{15}$/);
      expect(g.code.slice(0, 12)).toBe(g.community_code);
      expect(g.name.startsWith(`第${Number(g.code.slice(12))}网格`)).toBe(true);
      byCommunity.set(g.community_code, [...(byCommunity.get(g.community_code) ?? []), g.code.slice(12)]);
    }
    for (const seqs of byCommunity.values()) expect(seqs).toEqual(seqs.map((_, i) => String(i + 1).padStart(3, '0')));
    expect(new Set(county.grids.map((g) => g.code)).size).toBe(county.grids.length);
  });

  it('gives valid unified social credit codes (both check characters)', () => {
    for (const n of county.newOrgs) {
      expect(n.credit_code).toMatch(/^[0-9A-Z]{18}$/);
      expect(isValidCreditCode(n.credit_code), n.credit_code).toBe(true);
      expect(n.credit_code.slice(2, 8)).toBe('510703');
    }
  });

  it('gives valid mobile numbers to members and grid staff', () => {
    for (const s of county.gridStaff) if (s.phone !== null) expect(s.phone).toMatch(PHONE);
    let n = 0;
    for (const m of county.members.rows()) {
      if (m.phone !== null) expect(m.phone).toMatch(PHONE);
      if (++n > 5000) break;
    }
  });

  it('links organizations into a tree whose references all exist', () => {
    const ids = new Set(county.orgs.map((o) => o.id));
    const grids = new Set(county.grids.map((g) => g.code));
    const areas = new Set(county.areas.map((a) => a.code));
    for (const o of county.orgs) {
      if (o.parent_id !== null) {
        expect(ids.has(o.parent_id)).toBe(true);
        expect(o.parent_id).toBeLessThan(o.id);
      }
      expect(areas.has(o.area_code)).toBe(true);
      if (o.grid_code !== null) expect(grids.has(o.grid_code)).toBe(true);
      expect(o.name.length).toBeLessThanOrEqual(100);
    }
    const branchGrids = county.orgs.filter((o) => o.kind === 'branch' && o.grid_code !== null).map((o) => o.grid_code);
    expect(new Set(branchGrids).size).toBe(county.grids.length);
  });

  it('keeps names within the schema limits', () => {
    for (const rows of [county.areas, county.grids, county.compounds, county.buildings, county.places, county.newOrgs, county.belts]) {
      for (const r of rows) {
        expect(r.name.length).toBeGreaterThan(0);
        expect(r.name.length).toBeLessThanOrEqual(100);
      }
    }
  });
});

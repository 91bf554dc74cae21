import { describe, expect, it } from 'vitest';
import { demoCounty } from './fixture.ts';

const county = demoCounty();
const count = <T>(rows: readonly T[], pick: (r: T) => boolean): number => rows.filter(pick).length;

describe('the demo county holds the figures of the source documents', () => {
  it('has 13 towns and streets, 46 communities and 132 villages', () => {
    expect(count(county.areas, (a) => a.level === 'county')).toBe(1);
    expect(count(county.areas, (a) => a.level === 'town')).toBe(13);
    expect(count(county.areas, (a) => a.level === 'town' && a.is_urban)).toBe(5);
    expect(count(county.areas, (a) => a.level === 'community')).toBe(46);
    expect(count(county.areas, (a) => a.level === 'village')).toBe(132);
  });

  it('puts communities in streets and villages in towns', () => {
    const towns = new Map(county.areas.filter((a) => a.level === 'town').map((t) => [t.code, t]));
    for (const a of county.areas.filter((x) => x.level === 'community' || x.level === 'village')) {
      expect(towns.get(a.parent_code as string)?.is_urban, a.name).toBe(a.level === 'community');
    }
  });

  it('has 80 committees, 2,010 branches and some general branches and groups', () => {
    expect(count(county.orgs, (o) => o.kind === 'committee')).toBe(80);
    expect(count(county.orgs, (o) => o.kind === 'branch')).toBe(2010);
    expect(count(county.orgs, (o) => o.kind === 'general_branch')).toBeGreaterThan(10);
    expect(count(county.orgs, (o) => o.kind === 'group')).toBeGreaterThan(100);
  });

  it('has 63,636 members', () => {
    let n = 0;
    for (const _ of county.members.rows()) n++;
    expect(county.members.count).toBe(63636);
    expect(n).toBe(63636);
  });

  it('has 76 service centers and stations, 186 center households, 29 education sites, 55 model sites', () => {
    expect(count(county.places, (p) => p.kind === 'service_center' || p.kind === 'service_station')).toBe(76);
    expect(count(county.places, (p) => p.kind === 'center_household')).toBe(186);
    expect(count(county.places, (p) => p.kind === 'education_site')).toBe(29);
    expect(count(county.places, (p) => p.kind === 'model_site')).toBe(55);
  });

  it('tiers service centers by level: one county center, a center per town', () => {
    expect(count(county.places, (p) => p.tier === 'county')).toBe(1);
    expect(count(county.places, (p) => p.tier === 'town')).toBe(13);
    for (const p of county.places) expect(p.tier !== null).toBe(p.kind === 'service_center' || p.kind === 'service_station');
  });

  it('has 3 model belts, each an ordered chain of model sites drawn through them', () => {
    expect(county.belts).toHaveLength(3);
    const sites = new Map(county.places.map((p) => [p.id, p]));
    for (const belt of county.belts) {
      const chain = county.beltSites.filter((s) => s.belt_id === belt.id).sort((a, b) => a.seq - b.seq);
      expect(chain.map((s) => s.seq)).toEqual(chain.map((_, i) => i + 1));
      expect(chain.length).toBeGreaterThanOrEqual(5);
      expect(chain.every((s) => sites.get(s.place_id)?.kind === 'model_site')).toBe(true);
      expect(belt.geom.coordinates).toEqual(chain.map((s) => sites.get(s.place_id)?.geom.coordinates));
    }
  });

  it('has ~650 enterprises (60.8% covered) and ~490 social organizations (65.3% covered)', () => {
    const enterprises = county.newOrgs.filter((n) => n.kind === 'enterprise');
    const social = county.newOrgs.filter((n) => n.kind === 'social_org');
    expect(enterprises).toHaveLength(650);
    expect(social).toHaveLength(490);
    expect(count(enterprises, (n) => n.coverage_mode !== null) / 650).toBeCloseTo(0.608, 3);
    expect(count(social, (n) => n.coverage_mode !== null) / 490).toBeCloseTo(0.653, 3);
  });

  it('covers new-type organizations by the rule: own branch with 3+ members, else joint branch or instructor', () => {
    const orgs = new Map(county.orgs.map((o) => [o.id, o]));
    for (const n of county.newOrgs) {
      expect(n.member_count).toBeLessThanOrEqual(n.staff_count);
      if (n.coverage_mode === 'own_branch') {
        expect(n.member_count).toBeGreaterThanOrEqual(3);
        expect(orgs.get(n.covering_org_id as number)?.sector).toBe(n.kind);
      } else if (n.coverage_mode === 'joint_branch') {
        expect(orgs.get(n.covering_org_id as number)?.sector).toBe('joint');
      } else if (n.coverage_mode === 'instructor') {
        expect(n.instructor_name).toBeTruthy();
      } else {
        expect(n.covering_org_id).toBeNull();
      }
    }
  });

  it('gives every grid one leader and one to three workers', () => {
    for (const g of county.grids) {
      const staff = county.gridStaff.filter((s) => s.grid_code === g.code);
      expect(
        count(staff, (s) => s.role === 'grid_leader'),
        g.code,
      ).toBe(1);
      expect(count(staff, (s) => s.role === 'grid_worker')).toBeGreaterThanOrEqual(1);
      expect(count(staff, (s) => s.role === 'grid_worker')).toBeLessThanOrEqual(3);
    }
  });

  it('gives grids a few hundred households, matched by their buildings', () => {
    const byCommunity = new Map<string, number>();
    for (const g of county.grids) {
      expect(g.households).toBeGreaterThanOrEqual(200);
      expect(g.households).toBeLessThanOrEqual(600);
      byCommunity.set(g.community_code, (byCommunity.get(g.community_code) ?? 0) + g.households);
    }
    for (const a of county.areas.filter((x) => x.level === 'community' || x.level === 'village')) {
      expect(byCommunity.get(a.code)).toBe(a.households);
      expect(a.households).toBeGreaterThanOrEqual(a.level === 'community' ? 2000 : 300);
      expect(a.households).toBeLessThanOrEqual(a.level === 'community' ? 8000 : 1500);
    }
    const buildingHouseholds = county.buildings.reduce((s, b) => s + b.households, 0);
    expect(buildingHouseholds).toBe(county.grids.reduce((s, g) => s + g.households, 0));
  });

  it('builds 6–33 floor apartment buildings of 20–200 households in compounds', () => {
    const inCompounds = county.buildings.filter((b) => b.compound_id !== null);
    expect(inCompounds.length).toBeGreaterThan(1000);
    for (const b of inCompounds) {
      expect(b.floors).toBeGreaterThanOrEqual(6);
      expect(b.floors).toBeLessThanOrEqual(33);
      expect(b.households).toBeGreaterThanOrEqual(20);
      expect(b.households).toBeLessThanOrEqual(200);
    }
  });

  it('has a road network of every class, arterials across the county', () => {
    for (const c of ['primary', 'secondary', 'tertiary', 'residential'] as const) expect(count(county.roads, (r) => r.class === c)).toBeGreaterThan(0);
    for (const r of county.roads) for (const line of r.geom.coordinates) expect(line.length).toBeGreaterThanOrEqual(2);
  });
});

import { describe, expect, it } from 'vitest';
import { generateCounty, type MemberRow } from '../../geodata/county/index.ts';
import { SKILLS } from '../../geodata/county/members.ts';
import { demoCounty } from './fixture.ts';

const county = demoCounty();
const members: MemberRow[] = [...county.members.rows()];
const share = (pick: (m: MemberRow) => boolean): number => members.filter(pick).length / members.length;

describe('members', () => {
  it('numbers members 1…n in order', () => {
    members.forEach((m, i) => expect(m.id).toBe(i + 1));
  });

  it('belongs each member to an existing branch or group of the county', () => {
    const orgs = new Map(county.orgs.map((o) => [o.id, o]));
    for (const m of members) {
      expect(['branch', 'group']).toContain(orgs.get(m.org_id)?.kind);
      expect(m.county_code).toBe('510703000000');
    }
  });

  it('lives mostly in the grid branch of their own grid', () => {
    const orgs = new Map(county.orgs.map((o) => [o.id, o]));
    expect(share((m) => orgs.get(m.org_id)?.grid_code !== null && orgs.get(m.org_id)?.kind === 'branch')).toBeGreaterThan(0.5);
  });

  it('has realistic shares: ~70% men, ~5% mobile, ~70% available, stars mostly 3–4', () => {
    expect(share((m) => m.gender === 'male')).toBeGreaterThan(0.65);
    expect(share((m) => m.gender === 'male')).toBeLessThan(0.75);
    expect(share((m) => m.mobile)).toBeGreaterThan(0.03);
    expect(share((m) => m.mobile)).toBeLessThan(0.07);
    expect(share((m) => m.available)).toBeGreaterThan(0.65);
    expect(share((m) => m.available)).toBeLessThan(0.78);
    expect(share((m) => m.stars === 3 || m.stars === 4)).toBeGreaterThan(0.6);
  });

  it('registers in-service members with their home community', () => {
    const levels = new Map(county.areas.map((a) => [a.code, a.level]));
    expect(share((m) => m.in_service)).toBeGreaterThan(0.1);
    for (const m of members) {
      if (m.registration_community !== null) {
        expect(m.in_service).toBe(true);
        expect(levels.get(m.registration_community)).toBe('community');
      }
    }
  });

  it('uses lowercase skill identifiers from the vocabulary', () => {
    for (const m of members.slice(0, 5000)) for (const s of m.skills) expect(SKILLS as readonly string[]).toContain(s);
  });

  it('joins after 18 and before today; born 1900–2100', () => {
    for (const m of members.slice(0, 5000)) {
      expect(Number(m.joined_on.slice(0, 4)) - m.birth_year).toBeGreaterThanOrEqual(18);
      expect(m.joined_on < '2026-11-01').toBe(true);
      expect(m.birth_year).toBeGreaterThan(1900);
    }
  });

  it('scales to any count while keeping each organization’s first members', () => {
    const big = generateCounty({ seed: 1, members: 200_000 });
    expect(big.members.count).toBe(200_000);
    let n = 0;
    let last = 0;
    for (const m of big.members.rows()) {
      n++;
      last = m.id;
    }
    expect(n).toBe(200_000);
    expect(last).toBe(200_000);
    // each place's center-household member is the same person at any scale
    const names = new Map(members.map((m) => [m.id, m.name]));
    const sample = county.places.filter((p) => p.kind === 'center_household' && p.member_id !== null).slice(0, 5);
    const bigSample = big.places.filter((p) => p.kind === 'center_household' && p.member_id !== null).slice(0, 5);
    expect(bigSample.map((p) => p.name)).toEqual(sample.map((p) => p.name));
    for (const p of sample) expect(p.name.startsWith(names.get(p.member_id as number) as string)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { Scope, subtreeRange } from '../../server/src/auth/scope.ts';

describe('subtreeRange', () => {
  it('gives a county, a town and a community the range of codes below them', () => {
    expect(subtreeRange('510703000000')).toEqual({ lo: '510703', hi: '510704' });
    expect(subtreeRange('510703001000')).toEqual({ lo: '510703001', hi: '510703002' });
    expect(subtreeRange('510703001002')).toEqual({ lo: '510703001002', hi: '510703001003' });
  });

  it('carries past a 9: town 510703009 ends at 510703010, county 519999 at 520000', () => {
    expect(subtreeRange('510703009000')).toEqual({ lo: '510703009', hi: '510703010' });
    expect(subtreeRange('519999000000')).toEqual({ lo: '519999', hi: '520000' });
    expect(subtreeRange('510703001999').hi).toBe('510703002000');
  });
});

describe('Scope', () => {
  const community = Scope.of(['510703001002']);

  it('holds the area, its grids and nothing beside it, as the LIKE prefix did', () => {
    for (const code of ['510703001002', '510703001002001', '510703001002999']) expect(community.holds(code)).toBe(true);
    for (const code of ['510703001001', '510703001003', '510703001000', '510703001', '510703002002']) expect(community.holds(code)).toBe(false);
  });

  it('is the union of several grants: disjoint ranges, a grant inside another adding nothing', () => {
    const scope = Scope.of(['510703002000', '510703001002', '510703002005', '510703001002']);
    expect(scope.lo).toEqual(['510703001002', '510703002']);
    expect(scope.hi).toEqual(['510703001003', '510703003']);
    expect(scope.holds('510703002005001')).toBe(true);
    expect(scope.holds('510703001002')).toBe(true);
    expect(scope.holds('510703001003')).toBe(false);
    expect(scope.counties).toEqual(['510703000000']);
    expect(scope.patterns).toEqual(['510703001002%', '510703002%']);
  });

  it('holds nothing without a grant', () => {
    const none = Scope.of([]);
    expect(none.empty).toBe(true);
    expect(none.holds('510703001002')).toBe(false);
    expect(none.lo).toEqual([]);
  });

  it('knows when it lies within another scope', () => {
    expect(community.within(Scope.of(['510703001000']))).toBe(true);
    expect(Scope.of(['510703001000']).within(community)).toBe(false);
    expect(Scope.of([]).within(community)).toBe(true);
  });

  it('agrees with the old LIKE prefix on every code of a small hierarchy', () => {
    const grants = ['510703000000', '510703001000', '510703001002', '510704009000', '510703009999'];
    const codes = [
      '510703',
      '510704',
      '510702999999',
      '510703000000',
      '510703001000',
      '510703001001',
      '510703001002',
      '510703001002007',
      '510703002000',
      '510704009000',
      '510704009001',
      '510704010000',
      '510703009999',
      '510703010000',
    ];
    for (const grant of grants) {
      const prefix = subtreeRange(grant).lo;
      const scope = Scope.of([grant]);
      for (const code of codes) expect(scope.holds(code), `${grant} ∋ ${code}`).toBe(code.startsWith(prefix));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { metersBetween, moved, nearestSite } from '../../client/src/belts/nearest-site.ts';

describe('picking model sites for a belt', () => {
  const sites = [
    { id: 1, position: [104.7, 31.5] as [number, number] },
    { id: 2, position: [104.702, 31.5] as [number, number] },
  ];

  it('measures meters on the sphere: a thousandth of a degree of latitude is about 111 m', () => {
    expect(metersBetween([104.7, 31.5], [104.7, 31.501])).toBeCloseTo(111.2, 0);
    expect(metersBetween([104.7, 31.5], [104.701, 31.5])).toBeCloseTo(94.8, 0);
  });

  it('takes the nearest site within 300 m of the click, and none farther', () => {
    expect(nearestSite(sites, [104.7008, 31.5])?.id).toBe(1);
    expect(nearestSite(sites, [104.7012, 31.5])?.id).toBe(2);
    expect(nearestSite(sites, [104.7, 31.504])).toBeNull();
  });

  it('moves a site up or down the list, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

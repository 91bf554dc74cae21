import { describe, expect, it } from 'vitest';
import { Bbox } from '../../server/src/contract/grids.ts';
import { LocateQuery } from '../../server/src/contract/locate.ts';
import { TileParams } from '../../server/src/contract/tiles.ts';

describe('request schemas', () => {
  it('parse a bbox into named bounds', () => {
    expect(Bbox.parse('104.7,31.4,104.8,31.5')).toEqual({ minLng: 104.7, minLat: 31.4, maxLng: 104.8, maxLat: 31.5 });
  });

  it('parse coordinates given as decimal text only', () => {
    expect(LocateQuery.parse({ lng: ' 104.74 ', lat: '31.46' })).toEqual({ lng: 104.74, lat: 31.46 });
    expect(LocateQuery.safeParse({ lng: '', lat: '31.46' }).success).toBe(false);
    expect(LocateQuery.safeParse({ lng: 'Infinity', lat: '31.46' }).success).toBe(false);
  });

  it('bound tile coordinates by the zoom level', () => {
    expect(TileParams.parse({ layer: 'grids', z: '3', x: '7', y: '0' })).toEqual({ layer: 'grids', z: 3, x: 7, y: 0 });
    expect(TileParams.safeParse({ layer: 'grids', z: '3', x: '8', y: '0' }).success).toBe(false);
  });
});

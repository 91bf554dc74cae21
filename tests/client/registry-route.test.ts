import { describe, expect, it } from 'vitest';
import { pickNearest } from '../../client/src/registry/map-pick.ts';
import { registryPaths, registryRoute } from '../../client/src/registry/registry-route.ts';

describe('the registry screens’ addresses', () => {
  it('reads each screen and its record from the path and query', () => {
    expect(registryRoute('/registry', '')).toEqual({ screen: 'map', focus: null });
    expect(registryRoute('/registry', '?focus=org:12&test=1')).toEqual({ screen: 'map', focus: { kind: 'org', id: 12 } });
    expect(registryRoute('/registry', '?focus=place:7')).toEqual({ screen: 'map', focus: { kind: 'place', id: 7 } });
    expect(registryRoute('/registry/orgs/5', '')).toEqual({ screen: 'org', id: 5 });
    expect(registryRoute('/registry/orgs/5/edit', '')).toEqual({ screen: 'org-form', id: 5, parent: null });
    expect(registryRoute('/registry/orgs/new', '?parent=9')).toEqual({ screen: 'org-form', id: null, parent: 9 });
    expect(registryRoute('/registry/members', '?org=3')).toEqual({ screen: 'members', org: 3 });
    expect(registryRoute('/registry/members/8', '')).toEqual({ screen: 'member', id: 8 });
    expect(registryRoute('/registry/places/new', '')).toEqual({ screen: 'place-form', id: null });
    expect(registryRoute('/registry/import/', '')).toEqual({ screen: 'import' });
    expect(registryRoute('/registry/review', '')).toEqual({ screen: 'review' });
  });

  it('refuses what is not an id and what it does not know', () => {
    expect(registryRoute('/registry/orgs/abc', '')).toEqual({ screen: 'unknown' });
    expect(registryRoute('/registry/orgs/0', '')).toEqual({ screen: 'unknown' });
    expect(registryRoute('/registry/members/1.5', '')).toEqual({ screen: 'unknown' });
    expect(registryRoute('/registry/other', '')).toEqual({ screen: 'unknown' });
    expect(registryRoute('/registry', '?focus=org:x')).toEqual({ screen: 'map', focus: null });
  });

  it('builds the paths it reads', () => {
    for (const path of [
      registryPaths.org(4),
      registryPaths.member(6),
      registryPaths.place(2),
      registryPaths.orgEdit(4),
      registryPaths.import(),
      registryPaths.review(),
    ]) {
      expect(registryRoute(path, '').screen).not.toBe('unknown');
    }
    const [pathname, query] = registryPaths.map({ kind: 'place', id: 2 }).split('?');
    expect(registryRoute(pathname!, `?${query}`)).toEqual({ screen: 'map', focus: { kind: 'place', id: 2 } });
  });
});

describe('a click on the registry map', () => {
  const markers = [
    { kind: 'org' as const, id: 1, position: [104.74, 31.46] as [number, number] },
    { kind: 'place' as const, id: 2, position: [104.7403, 31.46] as [number, number] },
  ];

  it('hits the nearest marker within a few pixels at the map’s zoom', () => {
    expect(pickNearest([104.74001, 31.46], markers, 16)?.id).toBe(1);
    expect(pickNearest([104.74028, 31.46], markers, 16)?.id).toBe(2);
  });

  it('hits nothing farther than the radius: the same offset hits zoomed out and misses zoomed in', () => {
    // ~28 m west of the org: 12 px is ~100 m here at zoom 14, ~13 m at zoom 17
    const point: [number, number] = [104.74 - 0.0003, 31.46];
    expect(pickNearest(point, markers, 14, 12)?.id).toBe(1);
    expect(pickNearest(point, markers, 17, 12)).toBeNull();
  });
});

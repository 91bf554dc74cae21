/** Where the registry is, from the address: one screen and its record, if any. */
export type RegistryRoute =
  | { screen: 'map'; focus: { kind: 'org' | 'place'; id: number } | null }
  | { screen: 'org'; id: number }
  | { screen: 'org-form'; id: number | null; parent: number | null }
  | { screen: 'members'; org: number | null }
  | { screen: 'member'; id: number }
  | { screen: 'member-form'; id: number | null; org: number | null }
  | { screen: 'places' }
  | { screen: 'place'; id: number }
  | { screen: 'place-form'; id: number | null }
  | { screen: 'import' }
  | { screen: 'review' }
  | { screen: 'unknown' };

const positiveId = (text: string | null | undefined): number | null => {
  const n = Number(text);
  return text && Number.isInteger(n) && n > 0 ? n : null;
};

/** `/registry/…` and its query to a route. */
export function registryRoute(pathname: string, search: string): RegistryRoute {
  const params = new URLSearchParams(search);
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2);
  const [section, idText, action] = parts;
  if (section === undefined) {
    const focus = /^(org|place):(\d+)$/.exec(params.get('focus') ?? '');
    return { screen: 'map', focus: focus ? { kind: focus[1] as 'org' | 'place', id: Number(focus[2]) } : null };
  }
  const id = positiveId(idText);
  if (section === 'orgs') {
    if (idText === 'new') return { screen: 'org-form', id: null, parent: positiveId(params.get('parent')) };
    if (id !== null && action === 'edit') return { screen: 'org-form', id, parent: null };
    if (id !== null && action === undefined) return { screen: 'org', id };
  }
  if (section === 'members') {
    if (idText === undefined) return { screen: 'members', org: positiveId(params.get('org')) };
    if (idText === 'new') return { screen: 'member-form', id: null, org: positiveId(params.get('org')) };
    if (id !== null && action === 'edit') return { screen: 'member-form', id, org: null };
    if (id !== null && action === undefined) return { screen: 'member', id };
  }
  if (section === 'places') {
    if (idText === undefined) return { screen: 'places' };
    if (idText === 'new') return { screen: 'place-form', id: null };
    if (id !== null && action === 'edit') return { screen: 'place-form', id };
    if (id !== null && action === undefined) return { screen: 'place', id };
  }
  if (section === 'import' && idText === undefined) return { screen: 'import' };
  if (section === 'review' && idText === undefined) return { screen: 'review' };
  return { screen: 'unknown' };
}

export const registryPaths = {
  map: (focus?: { kind: 'org' | 'place'; id: number }) => (focus ? `/registry?focus=${focus.kind}:${focus.id}` : '/registry'),
  org: (id: number) => `/registry/orgs/${id}`,
  orgEdit: (id: number) => `/registry/orgs/${id}/edit`,
  orgNew: (parent: number | null) => (parent === null ? '/registry/orgs/new' : `/registry/orgs/new?parent=${parent}`),
  members: (org?: number) => (org === undefined ? '/registry/members' : `/registry/members?org=${org}`),
  member: (id: number) => `/registry/members/${id}`,
  memberEdit: (id: number) => `/registry/members/${id}/edit`,
  memberNew: (org?: number) => (org === undefined ? '/registry/members/new' : `/registry/members/new?org=${org}`),
  places: () => '/registry/places',
  place: (id: number) => `/registry/places/${id}`,
  placeEdit: (id: number) => `/registry/places/${id}/edit`,
  placeNew: () => '/registry/places/new',
  import: () => '/registry/import',
  review: () => '/registry/review',
};

import { useCallback } from 'react';
import type { LngLatTuple } from '../api/locate.api.ts';
import { fetchOrgs } from '../api/orgs.api.ts';
import { fetchPlaces } from '../api/places.api.ts';
import type { OrgSummary, PlaceSummary } from '../api/contract.ts';
import type { Pickable } from './map-pick.ts';
import { useAllPages } from './use-pages.ts';

export type MarkerKind = 'org' | 'place';

export interface RegistryMarker extends Pickable<MarkerKind> {
  /** the organization's or place's kind (committee, service_center …) */
  type: string;
  name: string;
}

const orgMarker = (org: OrgSummary): RegistryMarker[] =>
  org.position ? [{ kind: 'org', id: org.id, position: org.position as LngLatTuple, type: org.kind, name: org.name }] : [];
const placeMarker = (place: PlaceSummary): RegistryMarker => ({
  kind: 'place',
  id: place.id,
  position: place.position as LngLatTuple,
  type: place.kind,
  name: place.name,
});

/** The open organizations and service positions of the caller's scope, as markers (reloadable after a write). */
export function useRegistryMarkers() {
  const orgs = useAllPages(
    useCallback(async (after: number | undefined, signal: AbortSignal) => {
      const answer = await fetchOrgs({ status: 'open', limit: 500, ...(after === undefined ? {} : { after }) }, signal);
      return { items: answer.orgs.flatMap(orgMarker), next_after: answer.next_after };
    }, []),
  );
  const places = useAllPages(
    useCallback(async (after: number | undefined, signal: AbortSignal) => {
      const answer = await fetchPlaces({ status: 'open', limit: 500, ...(after === undefined ? {} : { after }) }, signal);
      return { items: answer.places.map(placeMarker), next_after: answer.next_after };
    }, []),
  );
  return { orgs: orgs.value ?? [], places: places.value ?? [], error: orgs.error ?? places.error };
}

import { useCallback } from 'react';
import { fetchAreas } from '../api/areas.api.ts';
import { useLoaded } from './use-loaded.ts';

export interface ScopeArea {
  code: string;
  name: string;
}

async function loadScopeAreas(signal: AbortSignal): Promise<ScopeArea[]> {
  const [counties, towns] = await Promise.all([fetchAreas('county', signal), fetchAreas('town', signal)]);
  return [...counties.features, ...towns.features].map((f) => ({ code: f.properties.code, name: f.properties.name }));
}

/** The areas a grant or a wall token can cover, as the admin sees them: the county, then its towns. */
export function useScopeAreas(): ScopeArea[] {
  const load = useCallback((signal: AbortSignal) => loadScopeAreas(signal), []);
  return useLoaded(load).value ?? [];
}

/** An area's name, or its code when it is not one of `areas`. */
export function areaName(areas: readonly ScopeArea[], code: string): string {
  return areas.find((a) => a.code === code)?.name ?? code;
}

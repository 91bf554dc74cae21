import { useCallback } from 'react';
import { fetchAreas } from '../api/areas.api.ts';
import { useLoaded } from '../admin/use-loaded.ts';

export interface CommunityChoice {
  code: string;
  name: string;
}

/** The residential communities (社区) of the territory a member can register with (双报到), by code. */
export function useCommunities(): CommunityChoice[] {
  const load = useCallback(async (signal: AbortSignal) => {
    const communities = await fetchAreas('community', signal);
    return communities.features.map((f) => ({ code: f.properties.code, name: f.properties.name })).sort((a, b) => a.code.localeCompare(b.code));
  }, []);
  return useLoaded(load).value ?? [];
}

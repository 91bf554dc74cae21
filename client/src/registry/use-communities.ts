import { useCallback } from 'react';
import { fetchAreas } from '../api/areas.api.ts';
import { useLoaded } from '../admin/use-loaded.ts';

export interface CommunityChoice {
  code: string;
  name: string;
}

/**
 * The communities and villages the caller's map covers, by code: where a member of their scope can
 * register (双报到). Others of the territory are typed as a code.
 */
export function useCommunities(): CommunityChoice[] {
  const load = useCallback(async (signal: AbortSignal) => {
    const [communities, villages] = await Promise.all([fetchAreas('community', signal), fetchAreas('village', signal)]);
    return [...communities.features, ...villages.features]
      .map((f) => ({ code: f.properties.code, name: f.properties.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }, []);
  return useLoaded(load).value ?? [];
}

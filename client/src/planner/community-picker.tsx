import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAreas } from '../api/areas.api.ts';
import type { AreaProperties } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import { fetchChildAreas } from './child-areas.ts';

export interface CommunityPickerProps {
  community: string | null;
  /** the town to start on when no community is chosen yet: the planner's own */
  homeTown?: string | undefined;
  onCommunity(code: string): void;
}

/** Most households first: the busiest communities are the ones planners open most. */
const byHouseholds = (a: AreaProperties, b: AreaProperties) => b.households - a.households || a.code.localeCompare(b.code);

function useAreas(load: ((signal: AbortSignal) => Promise<{ features: { properties: AreaProperties }[] }>) | null): AreaProperties[] {
  const [areas, setAreas] = useState<AreaProperties[]>([]);
  useEffect(() => {
    setAreas([]);
    if (!load) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (collection) => setAreas(collection.features.map((f) => f.properties).sort(byHouseholds)),
      (error: unknown) => {
        if (!isAbort(error)) setAreas([]);
      },
    );
    return () => controller.abort();
  }, [load]);
  return areas;
}

const loadTowns = (signal: AbortSignal) => fetchAreas('town', signal);

/** Town, then community or village: the area a plan redraws. */
export function CommunityPicker({ community, homeTown, onCommunity }: CommunityPickerProps) {
  const { t } = useTranslation();
  const [town, setTown] = useState<string>(community ? `${community.slice(0, 9)}000` : (homeTown ?? ''));
  const towns = useAreas(loadTowns);
  const [loadCommunities, setLoadCommunities] = useState<((signal: AbortSignal) => ReturnType<typeof fetchChildAreas>) | null>(null);
  useEffect(() => {
    setLoadCommunities(() => (town ? (signal: AbortSignal) => fetchChildAreas(town, signal) : null));
  }, [town]);
  const communities = useAreas(loadCommunities);

  return (
    <div className="planner-picker">
      <label>
        <span>{t('planner.town')}</span>
        <select data-testid="planner-town" value={town} onChange={(e) => setTown(e.target.value)}>
          <option value="">{t('planner.choose')}</option>
          {towns.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('planner.community')}</span>
        <select data-testid="planner-community" value={community ?? ''} onChange={(e) => e.target.value && onCommunity(e.target.value)}>
          <option value="">{t('planner.choose')}</option>
          {communities.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}（{t('planner.households', { count: a.households })}）
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

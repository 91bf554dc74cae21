import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OneMapToolProps } from '../one-map/one-map-tool.ts';
import { canEditRegistry } from '../registry/registry-roles.ts';
import { GroupsSection } from './groups-section.tsx';
import { PairingsSection } from './pairings-section.tsx';
import '../styles/regional.css';

type Tab = 'pairings' | 'groups';

/**
 * The `regional` tool of the Party-building map (党建一张图): 结对共建 (pairings, drawn as arcs) and
 * 区域化党建 (regional groups, drawn as outlines of their members), each with its lists; writers
 * (admins, secretaries) move list items and follow-ups along and record joint meetings.
 */
export default function RegionalPanel({ host, user }: OneMapToolProps) {
  const { t } = useTranslation('regional');
  const [tab, setTab] = useState<Tab>('pairings');
  const editable = canEditRegistry(user);
  return (
    <div className="regional-panel" data-testid="regional-panel" data-tab={tab}>
      <div className="regional-tabs" role="tablist">
        {(['pairings', 'groups'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`regional-tab-${id}`}>
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      {tab === 'pairings' ? <PairingsSection host={host} editable={editable} /> : <GroupsSection host={host} editable={editable} />}
    </div>
  );
}

import { useState } from 'react';
import type { OneMapToolProps } from '../one-map/one-map-tool.ts';
import { canEditRegistry } from '../registry/registry-roles.ts';
import '../styles/registry.css';
import '../styles/new-orgs.css';
import { RatesTable } from './rates-table.tsx';
import { TrackingList } from './tracking-list.tsx';

/**
 * 两新覆盖, a tool of the 党建一张图: formation and coverage rates per area for enterprises and
 * social organizations, and the uncovered ones being tracked (挂号), closed as covered (销号) here.
 */
export default function NewOrgsPanel({ host, user }: OneMapToolProps) {
  const [refresh, setRefresh] = useState(0);
  return (
    <div className="new-orgs-panel" data-testid="new-orgs-panel">
      <RatesTable refresh={refresh} />
      <TrackingList canEdit={canEditRegistry(user)} moveTo={(position) => host.moveTo(position, 16)} onCovered={() => setRefresh((n) => n + 1)} />
    </div>
  );
}

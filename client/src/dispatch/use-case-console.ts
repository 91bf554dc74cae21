import { useCallback, useState } from 'react';
import { closeCase, fetchCase } from '../api/cases.api.ts';
import type { CaseEvent, CaseView, DispatchView, LiveEvent, NearbyResult } from '../api/contract.ts';
import { addDispatchMember, closeDispatch, fetchDispatch, fetchNearby, recallDispatchMember, startDispatch } from '../api/dispatch.api.ts';
import { ApiError } from '../api/http.ts';
import { defaultDispatchParams, dispatchBody, radiusOf, type DispatchParams } from './dispatch-params.ts';
import { useDebounced } from './use-debounced.ts';
import { useReloadable, type Reloadable } from './use-reloadable.ts';

/** Candidates asked for around an incident (the nearest; the server caps a page at 500). */
export const nearbyLimit = 50;

export type ConsoleAction = 'start' | 'add' | 'recall' | 'close-dispatch' | 'close-case';

export interface CaseConsole {
  incident: Reloadable<CaseView>;
  /** The dispatch shown: the active one, else the last one known for this case. */
  dispatch: Reloadable<DispatchView>;
  nearby: Reloadable<NearbyResult>;
  /** The radius the candidates are searched (and the ring drawn) with. */
  searchRadius: number;
  wantedSkills: readonly string[];
  params: DispatchParams;
  setParams: (params: DispatchParams) => void;
  busy: ConsoleAction | null;
  actionError: string | null;
  start: () => void;
  add: (memberId: number) => void;
  recall: (memberId: number) => void;
  closeDispatch: () => void;
  closeCase: () => void;
  onLiveEvent: (event: LiveEvent) => void;
  reloadAll: () => void;
}

/** The last dispatch a case's timeline mentions (`data.dispatch_id`), for a case reopened later. */
function lastDispatchIdIn(timeline: readonly CaseEvent[] | undefined): number | null {
  let found: number | null = null;
  for (const event of timeline ?? []) {
    const id = event.data['dispatch_id'];
    if (typeof id === 'number') found = id;
  }
  return found;
}

/**
 * Everything the console shows for one case, and what the dispatcher can do to it. Live events
 * for this case refetch the case and the dispatch; the candidates are read again only when the
 * search changes (each read of exact positions is audited).
 */
export function useCaseConsole(caseId: number | null): CaseConsole {
  const incident = useReloadable(caseId === null ? null : `case:${caseId}`, (signal) => fetchCase(caseId ?? 0, signal));
  const [known, setKnown] = useState<{ caseId: number; dispatchId: number } | null>(null);
  const dispatchId =
    incident.data?.active_dispatch_id ?? (known !== null && known.caseId === caseId ? known.dispatchId : null) ?? lastDispatchIdIn(incident.data?.timeline);
  const dispatch = useReloadable(dispatchId === null ? null : `dispatch:${dispatchId}`, (signal) => fetchDispatch(dispatchId ?? 0, signal));

  const [params, setParams] = useState<DispatchParams>(defaultDispatchParams);
  const typedRadius = useDebounced(radiusOf(params, 1000), 400);
  const dispatchData = dispatch.data !== null && dispatch.data.status !== 'closed' ? dispatch.data : null;
  const searchRadius = dispatchData?.radius_m ?? typedRadius;
  const wantedSkills = dispatchData?.skills ?? params.skills;
  const center = incident.data && incident.data.status !== 'closed' ? incident.data.position : null;
  const nearbyKey = center ? `nearby:${center.join(',')}:${searchRadius}:${wantedSkills.join(',')}` : null;
  const nearby = useReloadable(nearbyKey, (signal) =>
    fetchNearby(center ?? [0, 0], { radius: searchRadius, skills: wantedSkills, limit: nearbyLimit }, signal),
  );

  const [busy, setBusy] = useState<ConsoleAction | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { reload: reloadIncident } = incident;
  const { reload: reloadDispatch } = dispatch;

  const run = useCallback(
    (action: ConsoleAction, call: () => Promise<unknown>) => {
      setBusy(action);
      setActionError(null);
      call()
        .catch((error: unknown) => setActionError(error instanceof ApiError ? error.message : String(error)))
        .finally(() => {
          setBusy(null);
          reloadIncident();
          reloadDispatch();
        });
    },
    [reloadIncident, reloadDispatch],
  );

  const start = () => {
    const body = dispatchBody(params);
    if (caseId === null || body === null) return;
    run('start', async () => {
      const started = await startDispatch(caseId, body);
      setKnown({ caseId, dispatchId: started.id });
    });
  };
  const withDispatch = (action: ConsoleAction, call: (id: number) => Promise<unknown>) => {
    if (dispatchId !== null) run(action, () => call(dispatchId));
  };

  const onLiveEvent = (event: LiveEvent) => {
    if (event.type === 'data.version' || caseId === null || event.case_id !== caseId) return;
    reloadIncident();
    if (event.type !== 'dispatch.updated') return;
    if (event.dispatch_id === dispatchId) reloadDispatch();
    else setKnown({ caseId, dispatchId: event.dispatch_id });
  };

  return {
    incident,
    dispatch,
    nearby,
    searchRadius,
    wantedSkills,
    params,
    setParams,
    busy,
    actionError,
    start,
    add: (memberId) => withDispatch('add', (id) => addDispatchMember(id, memberId)),
    recall: (memberId) => withDispatch('recall', (id) => recallDispatchMember(id, memberId)),
    closeDispatch: () => withDispatch('close-dispatch', closeDispatch),
    closeCase: () => {
      if (caseId !== null) run('close-case', () => closeCase(caseId));
    },
    onLiveEvent,
    reloadAll: () => {
      reloadIncident();
      reloadDispatch();
    },
  };
}

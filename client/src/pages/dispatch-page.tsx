import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOpenCases } from '../api/cases.api.ts';
import type { CaseView, LiveEvent } from '../api/contract.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { CaseConsole } from '../dispatch/case-console.tsx';
import { CaseForm } from '../dispatch/case-form.tsx';
import { LiveIndicator } from '../dispatch/live-indicator.tsx';
import { MemberLegend } from '../dispatch/member-legend.tsx';
import type { MemberMapState } from '../dispatch/member-state-colors.ts';
import { OpenCaseList } from '../dispatch/open-case-list.tsx';
import { PlaceSearch } from '../dispatch/place-search.tsx';
import { useCaseConsole } from '../dispatch/use-case-console.ts';
import { useLiveEvents } from '../dispatch/use-live-events.ts';
import { useReloadable } from '../dispatch/use-reloadable.ts';
import { useSelectedGrid } from '../locate/use-selected-grid.ts';
import { useAreaLabels } from '../map/data/use-area-labels.ts';
import { useGridsInView } from '../map/data/use-grids-in-view.ts';
import { createAreaLabelsLayer } from '../map/layers/area-labels.layer.ts';
import { createDispatchMembersLayer, type DispatchMemberPoint } from '../map/layers/dispatch-members.layer.ts';
import { createIncidentPointLayer } from '../map/layers/incident-point.layer.ts';
import { createOpenCasesLayer } from '../map/layers/open-cases.layer.ts';
import { createRadiusRingLayer } from '../map/layers/radius-ring.layer.ts';
import { createSelectedGridLayer } from '../map/layers/selected-grid.layer.ts';
import type { MapAdapter, MapViewState } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { useHomeMap } from '../session/use-home-map.ts';
import { navigate, useLocation } from '../shell/navigation.ts';
import { markAreaLabels } from '../test-hooks.ts';

/** Bottom to top on the map. */
const drawOrder: Record<MemberMapState, number> = {
  candidate: 0,
  cancelled: 1,
  recalled: 2,
  timed_out: 3,
  declined: 4,
  alerted: 5,
  accepted: 6,
  arrived: 7,
};

/** Zoom a case is shown at: a 1 km ring fills a good part of the map. */
const caseZoom = 15;

function caseIdFrom(search: string): number | null {
  const value = new URLSearchParams(search).get('case');
  const id = value === null ? NaN : Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** This page's URL with `?case=` set or removed, keeping the rest of the query (`test`, `lang`). */
function withCase(search: string, id: number | null): string {
  const query = new URLSearchParams(search);
  if (id === null) query.delete('case');
  else query.set('case', String(id));
  const text = query.toString();
  return text ? `/dispatch?${text}` : '/dispatch';
}

/**
 * `/dispatch` (应急调度): click where an incident happened (or pick an open case), register it, see
 * the available members around it, alert them in waves and follow their answers live.
 */
export function DispatchPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const caseId = caseIdFrom(search);
  const [draftPoint, setDraftPoint] = useState<LngLatTuple | null>(null);
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const [view, setView] = useState<MapViewState | null>(null);
  const home = useHomeMap();

  const openCases = useReloadable('open-cases', fetchOpenCases);
  const consoleState = useCaseConsole(caseId);
  const { reload: reloadOpenCases } = openCases;
  const live = useLiveEvents(
    (event: LiveEvent) => {
      reloadOpenCases();
      consoleState.onLiveEvent(event);
    },
    () => {
      reloadOpenCases();
      consoleState.reloadAll();
    },
  );

  const selectCase = useCallback((id: number | null) => {
    setDraftPoint(null);
    navigate(withCase(window.location.search, id));
  }, []);
  const onCreated = (created: CaseView) => {
    reloadOpenCases();
    selectCase(created.id);
  };

  // A click on the map starts a new incident there, unless a case is open in the console.
  useEffect(() => {
    if (!adapter) return;
    const stopView = adapter.onViewChange(setView);
    const stopClick = adapter.onClick((point) => {
      if (caseId === null) setDraftPoint(point);
    });
    return () => {
      stopView();
      stopClick();
    };
  }, [adapter, caseId]);

  const incident = consoleState.incident.data;
  const incidentPoint = incident?.position ?? null;
  const shownFor = useRef<number | null>(null);
  useEffect(() => {
    if (!adapter || !incident || shownFor.current === incident.id) return;
    shownFor.current = incident.id;
    adapter.moveTo(incident.position, Math.max(adapter.getView().zoom, caseZoom));
  }, [adapter, incident]);
  useEffect(() => {
    if (caseId === null) shownFor.current = null;
  }, [caseId]);

  const areaLabels = useAreaLabels();
  useEffect(() => {
    if (areaLabels.length > 0) markAreaLabels(areaLabels.length);
  }, [areaLabels]);
  // grids in view only to outline the case's grid; their names would crowd out the members
  const grids = useGridsInView(view);
  const caseGrid = useSelectedGrid(incident?.grid?.code ?? null, incidentPoint, grids);

  const dispatch = consoleState.dispatch.data;
  const nearbyMembers = consoleState.nearby.data?.members;
  const memberPoints = useMemo(() => {
    const points: DispatchMemberPoint[] = [];
    const alerted = new Set<number>();
    for (const alert of dispatch?.alerts ?? []) {
      alerted.add(alert.member.id);
      if (alert.member.position) points.push({ id: alert.member.id, position: alert.member.position, state: alert.state });
    }
    for (const member of nearbyMembers ?? []) {
      if (!alerted.has(member.id) && member.position) points.push({ id: member.id, position: member.position, state: 'candidate' });
    }
    // members often share a building's point: draw the ones that matter most last, on top
    return points.sort((a, b) => drawOrder[a.state] - drawOrder[b.state]);
  }, [dispatch, nearbyMembers]);

  const showCase = incident !== null && incident.id === caseId;
  const openCaseList = openCases.data?.cases;
  const ringRadius = consoleState.searchRadius;
  const zoomLevel = Math.floor(view?.zoom ?? 0);
  // new layer objects for a new adapter (a map made again after a lost WebGL context)
  const layers = useMemo(
    () => [
      createSelectedGridLayer({ grid: showCase ? caseGrid : null }),
      createAreaLabelsLayer({ labels: areaLabels, zoom: zoomLevel }),
      createOpenCasesLayer({ cases: caseId === null ? (openCaseList ?? []) : [] }),
      createRadiusRingLayer({ center: showCase && incident.status !== 'closed' ? incidentPoint : null, radius: ringRadius }),
      createDispatchMembersLayer({ members: showCase ? memberPoints : [] }),
      createIncidentPointLayer({ point: showCase ? incidentPoint : draftPoint }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new adapter (after a lost WebGL context) needs new layer objects
    [adapter, showCase, caseGrid, areaLabels, zoomLevel, caseId, openCaseList, incident, incidentPoint, ringRadius, memberPoints, draftPoint],
  );
  useEffect(() => adapter?.setLayers(layers), [adapter, layers]);

  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);

  const placeAt = (position: LngLatTuple) => {
    adapter?.moveTo(position, Math.max(adapter.getView().zoom, caseZoom));
    setDraftPoint(position);
  };

  let sidebar;
  if (caseId !== null) {
    sidebar = <CaseConsole state={consoleState} />;
  } else if (draftPoint) {
    // another click moves the point and keeps what was typed
    sidebar = <CaseForm point={draftPoint} onCreated={onCreated} onCancel={() => setDraftPoint(null)} />;
  } else {
    sidebar = (
      <>
        <p className="dispatch-hint">{t('dispatch.hint')}</p>
        <PlaceSearch onPlace={placeAt} />
        {/* the keyboard's way in: pan with the arrow keys, then place the incident at the centre */}
        <button
          type="button"
          className="secondary-button wide"
          data-testid="place-at-centre"
          disabled={!adapter}
          onClick={() => adapter && setDraftPoint(adapter.getView().center)}
        >
          {t('dispatch.placeAtCentre')}
        </button>
        <OpenCaseList cases={openCases.data?.cases ?? null} error={openCases.error} onSelect={selectCase} />
      </>
    );
  }

  return (
    <main className="dispatch-page" data-testid="dispatch-page" data-case-id={caseId ?? undefined}>
      <div className="dispatch-map">
        <MapView onAdapter={onAdapter} options={home} label={t('dispatch.mapLabel')} />
        {showCase && <MemberLegend />}
      </div>
      <aside className="dispatch-sidebar" aria-label={t('dispatch.title')}>
        <div className="dispatch-toolbar">
          {caseId !== null ? (
            <button type="button" className="back-button" data-testid="back-to-cases" onClick={() => selectCase(null)}>
              ← {t('dispatch.backToList')}
            </button>
          ) : (
            <h2 className="dispatch-heading">{t('dispatch.title')}</h2>
          )}
          <LiveIndicator state={live} />
        </div>
        <div className="dispatch-scroll">{sidebar}</div>
      </aside>
    </main>
  );
}

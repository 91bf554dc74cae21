import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsSummary } from '../api/contract.ts';
import type { CoverageLayerName } from '../map/layers/coverage.layer.ts';
import type { PulsingIncident } from '../map/layers/incident-pulse.layer.ts';
import { markWallReady } from '../test-hooks.ts';
import { useWallScale } from './use-wall-scale.ts';
import { useWallStream } from './use-wall-stream.ts';
import { WallChart } from './wall-chart.tsx';
import { chartedLimit, coverageByAreaOption, membersByAreaOption, orgsBySectorOption } from './wall-charts.ts';
import { WallDataStore, type WallData } from './wall-data.store.ts';
import { WallFeed } from './wall-feed.tsx';
import { WallFigures } from './wall-figures.tsx';
import { WallHeader } from './wall-header.tsx';
import { WallLegend } from './wall-legend.tsx';
import { WallMap } from './wall-map.tsx';
import { takeWallParams, type WallParams } from './wall-params.ts';
import { WallNoToken, WallRevoked } from './wall-screens.tsx';
import { wallViews } from './wall-views.ts';
import './wall.css';

const emptyData: WallData = {
  towns: null,
  summaries: new Map(),
  feed: null,
  tileVersions: { basemap: 0, density: 0, places: 0, blind_spots: 0, reach: 0 },
  syncedAt: null,
};
const noSubscription = () => () => undefined;
const noData = () => emptyData;

/** The store of one screen's data, made in an effect (StrictMode mounts twice: each gets its own). */
function useWallData(token: string, area: string | null, onUnauthorized: () => void): [WallDataStore | null, WallData] {
  const [store, setStore] = useState<WallDataStore | null>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;
  useEffect(() => {
    const next = new WallDataStore(token, area, () => onUnauthorizedRef.current());
    next.start();
    setStore(next);
    return () => next.stop();
  }, [token, area]);
  const data = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? noData);
  return [store, data];
}

/**
 * Advances through `count` views every `seconds` (0: never), after `prepare(next)` has resolved.
 * Holds the first view until `started`: a 4K wall drawn by a slow GPU must show the whole area first.
 */
function useRotation(count: number, seconds: number, started: boolean, prepare: (index: number) => Promise<void>): number {
  const [index, setIndex] = useState(0);
  const prepareRef = useRef(prepare);
  prepareRef.current = prepare;
  useEffect(() => {
    if (!started || seconds <= 0 || count <= 1) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const next = (index + 1) % count;
      void prepareRef.current(next).then(() => {
        if (!cancelled) setIndex(next);
      });
    }, seconds * 1000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [index, count, seconds, started]);
  return count > 0 ? index % count : 0;
}

function WallScreen({ token, params, onUnauthorized }: { token: string; params: WallParams; onUnauthorized: () => void }) {
  const { t, i18n } = useTranslation();
  const scale = useWallScale();
  const [store, data] = useWallData(token, params.area, onUnauthorized);
  const storeRef = useRef(store);
  storeRef.current = store;
  const connection = useWallStream(token, {
    onEvent: (event) => storeRef.current?.onLiveEvent(event),
    onReconnect: () => storeRef.current?.onReconnect(),
    onUnauthorized,
  });

  const views = useMemo(() => (data.towns ? wallViews(data.towns, params.area) : []), [data.towns, params.area]);
  const prepare = useCallback(
    async (index: number) => {
      const view = views[index];
      if (view) await storeRef.current?.prepare(view.code);
    },
    [views],
  );
  const [mapRendered, setMapRendered] = useState(false);
  const [wasReady, setWasReady] = useState(false);
  const index = useRotation(views.length, params.rotateSeconds, wasReady, prepare);
  const view = views[index] ?? null;
  const viewCode = view ? view.code : params.area;
  useEffect(() => {
    store?.setViewArea(viewCode);
  }, [store, viewCode]);

  // the figures of the area on screen; while a new area's are on their way, the last ones stay
  const shown = useRef<StatsSummary | null>(null);
  const summary = data.summaries.get(viewCode ?? '') ?? shown.current;
  shown.current = summary;

  // a town on screen lists its own cases, so the list, its badge and the key figure speak of one area
  const feed = useMemo(
    () => (data.feed ?? []).filter((c) => viewCode === params.area || c.town?.code === viewCode || c.community?.code === viewCode),
    [data.feed, viewCode, params.area],
  );

  const incidents = useMemo<PulsingIncident[]>(
    () => (data.feed ?? []).filter((c) => c.status !== 'closed').map((c) => ({ id: c.id, severity: c.severity, position: [c.location[0], c.location[1]] })),
    [data.feed],
  );
  const firstFeed = useRef<ReadonlySet<number> | null>(null);
  if (firstFeed.current === null && data.feed) firstFeed.current = new Set(data.feed.map((c) => c.id));
  const fresh = useMemo(
    () => new Set((data.feed ?? []).map((c) => c.id).filter((id) => firstFeed.current !== null && !firstFeed.current.has(id))),
    [data.feed],
  );

  const [coverage, setCoverage] = useState<ReadonlySet<CoverageLayerName>>(
    () => new Set(params.layers.filter((l): l is CoverageLayerName => l === 'blind_spots' || l === 'reach')),
  );
  const toggleCoverage = useCallback((layer: CoverageLayerName) => {
    setCoverage((current) => {
      const next = new Set(current);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });
  }, []);

  const ready = mapRendered && summary !== null && data.feed !== null;
  useEffect(() => {
    markWallReady(ready);
    if (ready) setWasReady(true);
  }, [ready]);
  useEffect(() => () => markWallReady(false), []);

  const language = i18n.resolvedLanguage ?? 'zh-CN';
  const charts = useMemo(
    () =>
      summary && {
        members: membersByAreaOption(summary, scale, t),
        coverage: coverageByAreaOption(summary, scale, t),
        sectors: orgsBySectorOption(summary, scale, t),
      },
    // the language changes the labels
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [summary, scale, t, language],
  );

  const viewName = view?.name ?? (summary ? `${summary.name} · ${t('wall.county')}` : '');
  const areaName = summary?.name ?? '';
  const childLevel = summary?.children[0]?.level;
  const childCount = summary?.children.length ?? 0;
  const chartTitle = (title: string) =>
    childLevel
      ? t(childCount > chartedLimit ? 'wall.charts.byLargestChildren' : 'wall.charts.byChildren', {
          title,
          area: areaName,
          children: t(`wall.charts.children.${childLevel}`),
          count: chartedLimit,
        })
      : title;
  const membersTitle = chartTitle(t('wall.charts.membersByArea'));
  const coverageTitle = chartTitle(t('wall.charts.coverageByArea'));
  const sectorsTitle = t('wall.charts.ofArea', { title: t('wall.charts.orgsBySector'), area: areaName });
  return (
    <div className="wall" data-view-area={viewCode ?? ''} data-testid="wall">
      <WallHeader
        viewName={viewName}
        viewIndex={index}
        viewCount={views.length}
        connection={connection}
        dataChangedAt={summary ? new Date(summary.data_changed_at) : null}
        syncedAt={data.syncedAt}
      />
      <div className="wall-body">
        <div className="wall-column">
          {summary ? <WallFigures summary={summary} /> : <section className="wall-panel wall-figures is-loading">{t('wall.loading')}</section>}
          <section className="wall-panel wall-chart-panel">
            <h2 className="wall-panel-title">{membersTitle}</h2>
            {charts && <WallChart option={charts.members} label={membersTitle} testId="wall-chart-members" />}
          </section>
        </div>
        <div className="wall-center">
          {view && data.towns && (
            <WallMap
              token={token}
              towns={data.towns}
              view={view}
              incidents={incidents}
              tileVersions={data.tileVersions}
              coverage={coverage}
              extruded={params.extruded}
              scale={scale}
              onRenderedChange={setMapRendered}
            />
          )}
          <div className="wall-map-frame" aria-hidden="true" />
          {views.length > 1 && params.rotateSeconds > 0 && (
            <div key={index} className="wall-rotation-bar" style={{ animationDuration: `${params.rotateSeconds}s` }} aria-hidden="true" />
          )}
          <WallLegend coverage={coverage} onToggle={toggleCoverage} />
        </div>
        <div className="wall-column">
          <WallFeed cases={feed} fresh={fresh} areaName={areaName} openCount={summary?.cases.open ?? null} />
          <section className="wall-panel wall-chart-panel">
            <h2 className="wall-panel-title">{coverageTitle}</h2>
            {charts && <WallChart option={charts.coverage} label={coverageTitle} testId="wall-chart-coverage" />}
          </section>
          <section className="wall-panel wall-chart-panel is-donut">
            <h2 className="wall-panel-title">{sectorsTitle}</h2>
            {charts && <WallChart option={charts.sectors} label={sectorsTitle} testId="wall-chart-sectors" />}
          </section>
        </div>
      </div>
    </div>
  );
}

/**
 * `/wall` (指挥中心大屏): the command center's unattended full-screen display. No session, no top bar:
 * its token (from `#token=`, then localStorage) authenticates every request.
 */
export default function WallPage() {
  const { t, i18n } = useTranslation();
  const [params] = useState(takeWallParams);
  const [revoked, setRevoked] = useState(false);
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    document.title = t('wall.documentTitle');
  }, [t, i18n.resolvedLanguage]);
  useEffect(() => {
    document.documentElement.classList.add('wall-root');
    return () => document.documentElement.classList.remove('wall-root');
  }, []);

  const onUnauthorized = useCallback(() => setRevoked(true), []);
  const onAccepted = useCallback(() => {
    setRevoked(false);
    setEpoch((e) => e + 1);
  }, []);

  if (!params.token) return <WallNoToken />;
  if (revoked) return <WallRevoked token={params.token} onAccepted={onAccepted} />;
  return <WallScreen key={epoch} token={params.token} params={params} onUnauthorized={onUnauthorized} />;
}

import type { AreaFeature, FeedCase, LiveEvent, StatsSummary } from '../api/contract.ts';
import { ApiError } from '../api/http.ts';
import { fetchFeed, fetchSummary, fetchTowns } from '../api/wall.api.ts';

/** Tile layers the wall draws; each has a version that, bumped, fetches its tiles again. */
export type WallTileLayer = 'basemap' | 'density' | 'places' | 'blind_spots' | 'reach';
export type TileVersions = Readonly<Record<WallTileLayer, number>>;
const allTileLayers: readonly WallTileLayer[] = ['basemap', 'density', 'places', 'blind_spots', 'reach'];

/** Which tiles a `data.version` topic changes (the server's dataTopics). */
export const tilesByTopic: Readonly<Record<string, readonly WallTileLayer[]>> = {
  territory: ['basemap'],
  member: ['density'],
  // density cells count members by their organization's scope too
  org: ['density'],
  place: ['places'],
  coverage: ['blind_spots', 'reach'],
};

export interface WallData {
  /** The towns in scope (for the rotation and their labels); null until loaded. */
  towns: readonly AreaFeature[] | null;
  /** The last summary of each area asked for; key: the area code, '' for the whole scope. */
  summaries: ReadonlyMap<string, StatsSummary>;
  /** Newest cases first; null until loaded. */
  feed: readonly FeedCase[] | null;
  tileVersions: TileVersions;
  /** When the shown figures and feed were last fetched successfully. */
  syncedAt: Date | null;
}

export const feedLimit = 30;
/** Refetched this often even without events (overdue cases turn overdue with time alone). */
export const periodicRefreshMs = 60_000;
/** After a failed fetch (not a 401), try again this much later. */
export const retryAfterFailureMs = 10_000;
/** Live events arriving together cause one refetch. */
const eventDebounceMs = 60;

const keyOf = (area: string | null) => area ?? '';

/** Runs `task`; a call while it runs makes it run exactly once more afterwards. */
function coalesced(task: () => Promise<boolean>): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  let again = false;
  const run = (): Promise<boolean> => {
    if (running) {
      again = true;
      return running;
    }
    running = task().finally(() => {
      running = null;
      if (again) {
        again = false;
        void run();
      }
    });
    return running;
  };
  return run;
}

/**
 * Everything the wall shows from the API, kept current by live events: the towns, the summary of the
 * area on screen (others are cached and refetched when shown again), the case feed, and the version
 * of each tile layer. A 401 anywhere calls `onUnauthorized`; other failures keep what is shown and
 * retry a little later. Read it with `useSyncExternalStore(store.subscribe, store.getSnapshot)`.
 */
export class WallDataStore {
  private state: WallData = {
    towns: null,
    summaries: new Map(),
    feed: null,
    tileVersions: { basemap: 0, density: 0, places: 0, blind_spots: 0, reach: 0 },
    syncedAt: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly controller = new AbortController();
  private readonly summaryTasks = new Map<string, () => Promise<boolean>>();
  /** Summaries fetched before the last change: refetched when their area is shown. */
  private readonly stale = new Set<string>();
  /** Summaries being fetched right now. */
  private readonly loading = new Set<string>();
  private viewArea: string | null;
  private lastDataChange: string | null = null;
  /** Set by a reconnect: the next summary tells whether anything changed while the stream was down. */
  private checkChanges = false;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly token: string,
    private readonly rootArea: string | null,
    private readonly onUnauthorized: () => void,
  ) {
    this.viewArea = rootArea;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): WallData => this.state;

  start(): void {
    void this.loadTowns();
    this.refreshAll();
    this.interval = setInterval(() => this.refreshAll(), periodicRefreshMs);
  }

  stop(): void {
    this.controller.abort();
    clearInterval(this.interval);
    clearTimeout(this.debounce);
    clearTimeout(this.retry);
    for (const timer of this.timers) clearTimeout(timer);
    this.listeners.clear();
  }

  /** The summary of `area` as last fetched (null: none yet). */
  summaryOf(area: string | null): StatsSummary | null {
    return this.state.summaries.get(keyOf(area)) ?? null;
  }

  /** Make sure `area`'s summary is current before it goes on screen (gives up quietly after 5 s). */
  async prepare(area: string | null): Promise<void> {
    if (this.state.summaries.has(keyOf(area)) && !this.stale.has(keyOf(area))) return;
    await Promise.race([this.summaryTask(area)(), new Promise<void>((resolve) => this.timers.push(setTimeout(resolve, 5_000)))]);
  }

  /** The area on screen: its summary is the one kept current. */
  setViewArea(area: string | null): void {
    this.viewArea = area;
    const key = keyOf(area);
    if (this.loading.has(key)) return;
    if (this.stale.has(key) || !this.state.summaries.has(key)) void this.summaryTask(area)();
  }

  onLiveEvent(event: LiveEvent): void {
    if (event.type === 'data.version') {
      const layers = tilesByTopic[event.topic] ?? [];
      if (layers.length > 0) this.bumpTiles(layers);
      if (event.topic === 'territory') void this.loadTowns();
    }
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.refreshAll(), eventDebounceMs);
  }

  /** The stream is back after a drop: anything may have changed meanwhile. */
  onReconnect(): void {
    this.checkChanges = true;
    void this.loadTowns();
    this.refreshAll();
  }

  private emit(patch: Partial<WallData>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private bumpTiles(layers: readonly WallTileLayer[]): void {
    const next = { ...this.state.tileVersions };
    for (const layer of layers) next[layer] += 1;
    this.emit({ tileVersions: next });
  }

  private refreshAll(): void {
    for (const key of this.state.summaries.keys()) this.stale.add(key);
    void Promise.all([this.refreshFeed(), this.summaryTask(this.viewArea)()]).then((done) => {
      if (!this.controller.signal.aborted && done.every(Boolean)) this.emit({ syncedAt: new Date() });
    });
  }

  private failed(error: unknown): void {
    if (this.controller.signal.aborted) return;
    if (error instanceof ApiError && error.status === 401) {
      this.onUnauthorized();
      return;
    }
    console.warn(`wall: a fetch failed; trying again in ${retryAfterFailureMs / 1000} s`, error);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.refreshAll(), retryAfterFailureMs);
  }

  private readonly refreshFeed = coalesced(async () => {
    try {
      const { cases } = await fetchFeed(this.token, this.rootArea, feedLimit, this.controller.signal);
      this.emit({ feed: cases });
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  });

  private summaryTask(area: string | null): () => Promise<boolean> {
    const key = keyOf(area);
    let task = this.summaryTasks.get(key);
    if (!task) {
      task = coalesced(async () => {
        this.stale.delete(key);
        this.loading.add(key);
        try {
          const summary = await fetchSummary(this.token, area, this.controller.signal);
          this.noticeDataChange(summary.data_changed_at);
          const summaries = new Map(this.state.summaries);
          summaries.set(key, summary);
          this.emit({ summaries });
          return true;
        } catch (error) {
          this.stale.add(key);
          this.failed(error);
          return false;
        } finally {
          this.loading.delete(key);
        }
      });
      this.summaryTasks.set(key, task);
    }
    return task;
  }

  /**
   * After a reconnect, no event says what changed while the stream was down: when the data changed
   * since the last summary, every tile layer is fetched again.
   */
  private noticeDataChange(changedAt: string): void {
    const seen = this.lastDataChange;
    if (seen === null || changedAt > seen) this.lastDataChange = changedAt;
    if (!this.checkChanges) return;
    this.checkChanges = false;
    if (seen !== null && changedAt > seen) this.bumpTiles(allTileLayers);
  }

  private async loadTowns(): Promise<void> {
    try {
      const towns = await fetchTowns(this.token, this.controller.signal);
      const inRoot = this.rootArea
        ? towns.features.filter((f) => f.properties.parent_code === this.rootArea || f.properties.code === this.rootArea)
        : towns.features;
      this.emit({ towns: inRoot });
    } catch (error) {
      this.failed(error);
    }
  }
}

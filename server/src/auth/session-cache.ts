import type { SessionRow } from './queries.ts';

/**
 * Sessions (or wall tokens) seen in the last few seconds, by cookie or token hash, so a burst of
 * requests (a map loading its tiles, a console refetching) checks the database once. Sign-out and
 * revocation evict at once in this process; elsewhere a revoked session or token or a changed
 * grant is honoured within `ttlMs`.
 */
export class SessionCache<Row = SessionRow> {
  private readonly entries = new Map<string, { row: Row; until: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): Row | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.row;
  }

  set(key: string, row: Row, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { row, until: now + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

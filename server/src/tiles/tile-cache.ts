/**
 * Built tiles by key, least recently used first out, up to a byte budget. Keys carry the data
 * versions, so a change makes new keys and the stale tiles simply age out.
 */
export class TileCache {
  private readonly tiles = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Buffer | undefined {
    const tile = this.tiles.get(key);
    if (tile) {
      this.tiles.delete(key);
      this.tiles.set(key, tile);
    }
    return tile;
  }

  set(key: string, tile: Buffer): void {
    if (tile.length > this.maxBytes) return;
    const old = this.tiles.get(key);
    if (old) {
      this.bytes -= old.length;
      this.tiles.delete(key);
    }
    this.tiles.set(key, tile);
    this.bytes += tile.length;
    for (const [k, t] of this.tiles) {
      if (this.bytes <= this.maxBytes) break;
      this.tiles.delete(k);
      this.bytes -= t.length;
    }
  }
}

/**
 * Loaded models kept warm for predictions: least recently used first out, bounded by count
 * and by approximate bytes. Concurrent loads of one model share a single promise.
 */
export class ModelCache<T extends { bytes: number }> {
  private readonly entries = new Map<string, Promise<T>>();
  private readonly sizes = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: { maxEntries: number; maxBytes: number }) {}

  async get(id: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(id);
    if (hit) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    const pending = load();
    this.entries.set(id, pending);
    try {
      const value = await pending;
      if (this.entries.get(id) === pending) {
        this.sizes.set(id, value.bytes);
        this.total += value.bytes;
        this.evict(id);
      }
      return value;
    } catch (e) {
      if (this.entries.get(id) === pending) this.entries.delete(id);
      throw e;
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
    this.total -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(keep: string): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.total <= this.limits.maxBytes) break;
      if (id === keep) continue;
      this.delete(id);
    }
  }
}

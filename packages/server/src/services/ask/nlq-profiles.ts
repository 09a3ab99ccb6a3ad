import type { NlqProfile } from '@uam/engine';

/**
 * NLQ profiles (top values, ranges, distinct counts) per dataset version, least recently used
 * dropped first. Versions are immutable, so an entry never goes stale; a failed build is
 * forgotten so the next question retries it.
 */
export class NlqProfileCache {
  private readonly entries = new Map<string, Promise<NlqProfile>>();

  constructor(private readonly capacity: number) {}

  get(versionId: string, build: () => Promise<NlqProfile>): Promise<NlqProfile> {
    let hit = this.entries.get(versionId);
    if (hit) {
      this.entries.delete(versionId);
      this.entries.set(versionId, hit);
      return hit;
    }
    hit = build();
    hit.catch(() => {
      if (this.entries.get(versionId) === hit) this.entries.delete(versionId);
    });
    this.entries.set(versionId, hit);
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return hit;
  }
}

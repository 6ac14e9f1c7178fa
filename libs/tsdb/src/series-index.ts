import { compareLabels, matchesAll } from '@promethium/model';
import type { Labels, Matcher } from '@promethium/model';

/** What the store keeps in memory about one series. */
export interface SeriesEntry {
  readonly id: number;
  readonly labels: Labels;
  /** Oldest and newest sample timestamps; mint > maxt means no samples yet. */
  mint: number;
  maxt: number;
}

/**
 * Every series of the store, by label key. Select evaluates matchers here, so the
 * database is read only for series that match and whose time span overlaps the query.
 */
export class SeriesIndex {
  readonly #byKey = new Map<string, SeriesEntry>();

  /** Number of series. */
  get size(): number {
    return this.#byKey.size;
  }

  /** The series with exactly these labels, if known. */
  get(labels: Labels): SeriesEntry | undefined {
    return this.#byKey.get(labels.key());
  }

  /** Every series, in no particular order. */
  entries(): Iterable<SeriesEntry> {
    return this.#byKey.values();
  }

  /** Adds a series; throws a BUG error if its labels are already present. */
  add(entry: SeriesEntry): void {
    const key = entry.labels.key();
    if (this.#byKey.has(key)) throw new Error(`BUG: series ${entry.labels.toString()} added twice`);
    this.#byKey.set(key, entry);
  }

  /** Series matching every matcher with a sample span overlapping [mint, maxt], sorted by labels. */
  select(matchers: readonly Matcher[], mint: number, maxt: number): SeriesEntry[] {
    const out: SeriesEntry[] = [];
    for (const entry of this.#byKey.values()) {
      if (entry.maxt < mint || entry.mint > maxt) continue;
      if (matchesAll(matchers, entry.labels)) out.push(entry);
    }
    return out.sort((a, b) => compareLabels(a.labels, b.labels));
  }
}

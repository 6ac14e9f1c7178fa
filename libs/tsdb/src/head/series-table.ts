import type { Labels } from '@promethium/model';
import type { MemSeries } from './mem-series.js';

/**
 * Series by label set: a map on Labels.hashCode(), with a list for the rare codes that
 * collide. It keeps no key string per series, only the series, whose labels it compares.
 */
export class SeriesTable {
  readonly #byHash = new Map<number, MemSeries | MemSeries[]>();
  #size = 0;

  /** Series held. */
  get size(): number {
    return this.#size;
  }

  /** The series with these labels, if held. */
  get(labels: Labels): MemSeries | undefined {
    const found = this.#byHash.get(labels.hashCode());
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return found.labels.equalPairs(labels) ? found : undefined;
    return found.find((s) => s.labels.equalPairs(labels));
  }

  /** Adds a series whose labels no held series has. */
  add(series: MemSeries): void {
    const code = series.labels.hashCode();
    const found = this.#byHash.get(code);
    if (found === undefined) this.#byHash.set(code, series);
    else if (Array.isArray(found)) found.push(series);
    else this.#byHash.set(code, [found, series]);
    this.#size++;
  }

  /** Removes a held series. */
  delete(series: MemSeries): void {
    const code = series.labels.hashCode();
    const found = this.#byHash.get(code);
    if (found === series) this.#byHash.delete(code);
    else if (Array.isArray(found) && found.includes(series)) {
      const rest = found.filter((s) => s !== series);
      this.#byHash.set(code, rest.length === 1 ? rest[0]! : rest);
    } else return;
    this.#size--;
  }
}

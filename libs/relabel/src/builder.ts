import { Labels } from '@promethium/model';

/**
 * A label set under change, iterated the way Prometheus's labels.Builder is: labels of the
 * original set still untouched, in name order, then set labels in the order first set. The
 * order decides which source wins when labelmap maps two names to one.
 */
export class LabelsBuilder {
  readonly #added = new Map<string, string>();
  readonly #deleted = new Set<string>();

  constructor(private readonly base: Labels) {}

  /** The value of `name`, or '' when absent. */
  get(name: string): string {
    const added = this.#added.get(name);
    if (added !== undefined) return added;
    return this.#deleted.has(name) ? '' : this.base.get(name);
  }

  /** Sets `name` to `value`; an empty value deletes it. */
  set(name: string, value: string): void {
    if (value === '') this.delete(name);
    else this.#added.set(name, value);
  }

  delete(name: string): void {
    this.#added.delete(name);
    this.#deleted.add(name);
  }

  /** A snapshot of the current pairs, so that callers may change the builder while walking it. */
  pairs(): [string, string][] {
    const out: [string, string][] = [];
    for (const [name, value] of this.base)
      if (!this.#deleted.has(name) && !this.#added.has(name)) out.push([name, value]);
    out.push(...this.#added);
    return out;
  }

  labels(): Labels {
    return Labels.fromPairs(this.pairs());
  }
}

/**
 * The annotations of one query, deduplicated, in the order first reported: warnings
 * start with "PromQL warning:", infos with "PromQL info:".
 */
export class Annotations {
  readonly #seen = new Set<string>();

  /** Records `text` once. */
  add(text: string): void {
    this.#seen.add(text);
  }

  /** Every annotation reported so far. */
  list(): string[] {
    return [...this.#seen];
  }
}

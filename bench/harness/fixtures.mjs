// Fixtures are expensive set-ups shared by benchmarks (a running process, a scraped
// body): set up on first use, torn down right after the last benchmark that uses them.

/**
 * Holds live fixtures. A definition is `{ name, setup() }`, where setup resolves with
 * `{ value, teardown?() }`.
 */
export class Fixtures {
  #definitions;
  #live = new Map();

  /** `definitions`: every fixture a benchmark may name in its `uses`. */
  constructor(definitions) {
    this.#definitions = new Map(definitions.map((d) => [d.name, d]));
  }

  /** The fixture's value, set up now unless already live. */
  async get(name) {
    const definition = this.#definitions.get(name);
    if (!definition) throw new Error(`BUG: unknown fixture ${JSON.stringify(name)}`);
    if (!this.#live.has(name)) this.#live.set(name, definition.setup());
    return (await this.#live.get(name)).value;
  }

  /** Tears one fixture down if it is live; a failed set-up is simply forgotten. */
  async release(name) {
    const pending = this.#live.get(name);
    if (!pending) return;
    this.#live.delete(name);
    const live = await pending.catch(() => undefined);
    await live?.teardown?.();
  }

  /** Tears every live fixture down, in the reverse order of their set-up. */
  async releaseAll() {
    for (const name of [...this.#live.keys()].reverse()) await this.release(name);
  }
}

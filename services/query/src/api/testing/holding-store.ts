import { Labels } from '@promethium/model';
import type { Series } from '@promethium/model';
import type { Queryable } from '@promethium/storage';

/** A store whose every select waits until released, counting the selects it has seen. */
export class HoldingStore implements Queryable {
  selects = 0;
  readonly #held: (() => void)[] = [];
  readonly #watchers: [number, () => void][] = [];

  querier(): ReturnType<Queryable['querier']> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const store = this;
    return {
      async *select(): AsyncIterable<Series> {
        await new Promise<void>((resolve) => store.#hold(resolve));
        yield { labels: Labels.fromRecord({ __name__: 'up' }), samples: [{ t: 0, v: 1 }] };
      },
    };
  }

  /** Resolves once `n` selects have started. */
  started(n: number): Promise<void> {
    if (this.selects >= n) return Promise.resolve();
    return new Promise((resolve) => this.#watchers.push([n, resolve]));
  }

  /** Lets the oldest held select answer. */
  releaseOne(): void {
    this.#held.shift()?.();
  }

  #hold(release: () => void): void {
    this.#held.push(release);
    this.selects++;
    for (const [n, notify] of this.#watchers) if (this.selects >= n) notify();
  }
}

import type { TargetGroup } from '@promethium/model';
import type { Discoverer } from '../discoverer.js';

/** Serves `static_configs`: the groups once, then nothing until aborted. */
export class StaticDiscoverer implements Discoverer {
  constructor(private readonly groups: readonly TargetGroup[]) {}

  async *run(signal: AbortSignal): AsyncIterable<TargetGroup[]> {
    yield [...this.groups];
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}

import type { TargetGroup } from '@promethium/model';
import type { Discoverer } from './discoverer.js';

/** Called with a job's full current group list each time it changes (after debouncing). */
export type GroupsListener = (job: string, groups: TargetGroup[]) => void;

/**
 * Runs every provider of every job and keeps, per job, the latest group for each
 * (provider, source). Changes are coalesced for `debounceMs` before the listener hears
 * of them, as Prometheus's discovery manager throttles its updates.
 */
export class DiscoveryManager {
  private readonly groups = new Map<string, Map<string, TargetGroup>>();
  private readonly dirty = new Set<string>();
  private controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly listener: GroupsListener,
    private readonly debounceMs: number,
    private readonly onProviderError: (job: string, err: unknown) => void,
  ) {}

  /** Replaces every running provider with `providers`; jobs no longer present are announced empty. */
  apply(providers: ReadonlyMap<string, readonly Discoverer[]>): void {
    this.controller.abort();
    this.controller = new AbortController();
    for (const job of this.groups.keys()) {
      if (!providers.has(job)) this.dirty.add(job);
    }
    this.groups.clear();
    for (const [job, list] of providers) {
      this.groups.set(job, new Map());
      list.forEach(
        (provider, i) => void this.runProvider(job, i, provider, this.controller.signal),
      );
    }
    this.schedule();
  }

  /** Every job's current groups. */
  snapshot(): Map<string, TargetGroup[]> {
    return new Map([...this.groups].map(([job, byKey]) => [job, [...byKey.values()]]));
  }

  /** Stops every provider. */
  stop(): void {
    this.controller.abort();
    clearTimeout(this.timer);
  }

  private async runProvider(
    job: string,
    index: number,
    provider: Discoverer,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      for await (const update of provider.run(signal)) {
        if (signal.aborted) return;
        const byKey = this.groups.get(job)!;
        for (const group of update) {
          const key = `${index}/${group.source}`;
          if (group.targets.length === 0) byKey.delete(key);
          else byKey.set(key, group);
        }
        this.dirty.add(job);
        this.schedule();
      }
    } catch (err) {
      if (!signal.aborted) this.onProviderError(job, err);
    }
  }

  private schedule(): void {
    if (this.timer || this.dirty.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const jobs = [...this.dirty];
      this.dirty.clear();
      for (const job of jobs) this.listener(job, [...(this.groups.get(job)?.values() ?? [])]);
    }, this.debounceMs);
  }
}

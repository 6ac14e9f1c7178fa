import type { TargetGroup } from '@promethium/model';

/**
 * A service-discovery provider. `run` yields target groups whenever they change; a group
 * with a `source` seen before replaces it, and a group with no targets removes it. The
 * stream ends when `signal` aborts.
 */
export interface Discoverer {
  run(signal: AbortSignal): AsyncIterable<TargetGroup[]>;
}

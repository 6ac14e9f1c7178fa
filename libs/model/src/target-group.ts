/**
 * A group of targets sharing labels, as service discovery produces it (Prometheus's
 * targetgroup.Group). Plain records so it crosses the bus as JSON.
 */
export interface TargetGroup {
  /** Identifies the group within its provider, e.g. `file.json:0`; a later set replaces it. */
  readonly source: string;
  /** One label set per target; each holds at least `__address__`. */
  readonly targets: readonly Readonly<Record<string, string>>[];
  /** Labels common to every target of the group. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The label holding a target's host:port. */
export const ADDRESS_LABEL = '__address__';

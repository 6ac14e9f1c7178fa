/** Which integration of which receiver a notification went to. */
export interface NflogReceiver {
  /** The receiver's name. */
  receiver: string;
  /** The integration's name, e.g. `webhook`. */
  integration: string;
  /** The integration's index within the receiver's list of that kind. */
  index: number;
}

/** The last notification of a group to one integration. */
export interface NflogEntry {
  groupKey: string;
  receiver: NflogReceiver;
  /** Fingerprints of the alerts notified as firing / resolved. */
  firingAlerts: string[];
  resolvedAlerts: string[];
  /** Unix milliseconds. */
  timestamp: number;
  /** When the entry may be forgotten. */
  expiresAt: number;
}

export interface NotificationLogOptions {
  /** How long an entry is kept (`--data.retention`). */
  retention: number;
  now?: () => number;
  /** Called with each entry logged locally, e.g. to broadcast it to peers. */
  onChange?: (entry: NflogEntry) => void;
}

function stateKey(groupKey: string, r: NflogReceiver): string {
  return `${groupKey}:${r.receiver}/${r.integration}/${r.index}`;
}

/** Alertmanager's notification log: what was last sent per group and integration. */
export class NotificationLog {
  readonly #entries = new Map<string, NflogEntry>();
  readonly #now: () => number;

  constructor(private readonly options: NotificationLogOptions) {
    this.#now = options.now ?? Date.now;
  }

  log(
    groupKey: string,
    receiver: NflogReceiver,
    firing: readonly string[],
    resolved: readonly string[],
  ): void {
    const now = this.#now();
    const entry: NflogEntry = {
      groupKey,
      receiver: { ...receiver },
      firingAlerts: [...firing],
      resolvedAlerts: [...resolved],
      timestamp: now,
      expiresAt: now + this.options.retention,
    };
    this.#entries.set(stateKey(groupKey, receiver), entry);
    this.options.onChange?.(entry);
  }

  query(groupKey: string, receiver: NflogReceiver): NflogEntry | undefined {
    return this.#entries.get(stateKey(groupKey, receiver));
  }

  /** Forgets expired entries; returns how many. */
  gc(): number {
    const now = this.#now();
    let n = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#entries.delete(key);
        n++;
      }
    }
    return n;
  }

  snapshot(): NflogEntry[] {
    return [...this.#entries.values()];
  }

  restore(entries: readonly NflogEntry[]): void {
    for (const entry of entries) this.merge(entry);
  }

  /** Applies a peer's entry when it is newer than ours and not expired; returns whether it was. */
  merge(entry: NflogEntry): boolean {
    if (entry.expiresAt <= this.#now()) return false;
    const key = stateKey(entry.groupKey, entry.receiver);
    const prev = this.#entries.get(key);
    if (prev !== undefined && prev.timestamp >= entry.timestamp) return false;
    this.#entries.set(key, entry);
    return true;
  }
}

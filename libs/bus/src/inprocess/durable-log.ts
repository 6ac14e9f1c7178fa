import { subjectMatches } from '../subject-syntax.js';

/** One stored durable message; `seq` grows by one per append, from 1. */
export interface LogEntry {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly storedAt: number;
}

/** Retention limits, as a JetStream stream with "limits" retention and discard-old has them. */
export interface LogLimits {
  readonly maxAgeMs: number;
  readonly maxBytes: number;
}

/**
 * The in-process durable log: every message kept until it is older than maxAgeMs or
 * the log exceeds maxBytes (oldest dropped first), whether or not anyone consumed it,
 * so a consumer that attaches late still finds it.
 */
export class DurableLog {
  readonly #limits: LogLimits;
  readonly #listeners = new Set<() => void>();
  #entries: LogEntry[] = [];
  #head = 0;
  #bytes = 0;
  #nextSeq = 1;

  /** Keeps messages within `limits`. */
  constructor(limits: LogLimits) {
    this.#limits = limits;
  }

  /** Stores a message and wakes every waiting consumer. */
  append(subject: string, data: Uint8Array, now: number): void {
    this.#entries.push({ seq: this.#nextSeq++, subject, data, storedAt: now });
    this.#bytes += data.length;
    this.#trim(now);
    for (const listener of [...this.#listeners]) listener();
  }

  /** The oldest retained entry with seq >= `from` whose subject matches `filter`. */
  next(from: number, filter: string, now: number): LogEntry | undefined {
    this.#trim(now);
    const start = this.#entries[this.#head];
    if (start === undefined) return undefined;
    for (let i = this.#head + Math.max(0, from - start.seq); i < this.#entries.length; i++) {
      const entry = this.#entries[i]!;
      if (subjectMatches(filter, entry.subject)) return entry;
    }
    return undefined;
  }

  /** Calls `listener` after each append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #trim(now: number): void {
    const { maxAgeMs, maxBytes } = this.#limits;
    for (let e = this.#entries[this.#head]; e !== undefined; e = this.#entries[this.#head]) {
      if (this.#bytes <= maxBytes && now - e.storedAt <= maxAgeMs) break;
      this.#bytes -= e.data.length;
      this.#head++;
    }
    // Compact once the dropped prefix dominates, so trimming stays amortised O(1).
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }
}

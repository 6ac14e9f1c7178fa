import { randomUUID } from 'node:crypto';
import { Matcher, type MatchType, matchesLabels } from '@promethium/config';
import type { LabelSet } from './fingerprint.js';

/** A silence; times are Unix milliseconds. */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly Matcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
  readonly updatedAt: number;
}

/** A silence as a client sends it: no id creates one, an id updates that silence. */
export interface SilenceInput {
  id?: string;
  matchers: readonly Matcher[];
  /** Absent or 0: now. */
  startsAt?: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

/** A silence's JSON form for persistence and peers, with when it may be forgotten. */
export interface SilenceRecord {
  id: string;
  matchers: { type: MatchType; name: string; value: string }[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  updatedAt: number;
  expiresAt: number;
}

/** A silence refused by validation or not found; `message` is Alertmanager's. */
export class SilenceError extends Error {
  override readonly name = 'SilenceError';
}

export interface SilenceQuery {
  ids?: readonly string[];
  states?: readonly SilenceState[];
  /** Only silences whose matchers all match these labels. */
  matches?: LabelSet;
}

export interface SilencesOptions {
  /** How long an expired silence is kept (`--data.retention`, default 120h). */
  retention: number;
  /** Most silences held (0: no limit). */
  maxSilences?: number;
  now?: () => number;
  /** Called with each silence changed locally, e.g. to broadcast it to peers. */
  onChange?: (record: SilenceRecord) => void;
}

/** A silence's state at `now`: the end itself is still active, as in Alertmanager. */
export function silenceState(silence: Silence, now: number): SilenceState {
  if (now < silence.startsAt) return 'pending';
  if (now > silence.endsAt) return 'expired';
  return 'active';
}

function matcherError(m: Matcher): string | undefined {
  if (m.name === '' || /\p{Cs}/u.test(m.name))
    return `invalid label name ${JSON.stringify(m.name)}`;
  return undefined;
}

function matchesEmpty(m: Matcher): boolean {
  return (m.type === '=' || m.type === '=~') && m.matches('');
}

/** Alertmanager's validateSilence message, or undefined. */
export function validateSilence(silence: Omit<Silence, 'id' | 'updatedAt'>): string | undefined {
  if (silence.matchers.length === 0) return 'at least one matcher required';
  for (const [i, m] of silence.matchers.entries()) {
    const error = matcherError(m);
    if (error !== undefined) return `invalid label matcher ${i}: ${error}`;
  }
  if (silence.matchers.every(matchesEmpty)) {
    return 'at least one matcher must not match the empty string';
  }
  if (silence.startsAt === 0) return 'invalid zero start timestamp';
  if (silence.endsAt === 0) return 'invalid zero end timestamp';
  if (silence.endsAt < silence.startsAt) return 'end time must not be before start time';
  return undefined;
}

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return a.length === b.length && a.every((m, i) => String(m) === String(b[i]));
}

// Alertmanager's canUpdate: same matchers, and only changes that keep the silence's past intact.
function canUpdate(prev: Silence, next: SilenceInput & { startsAt: number }, now: number): boolean {
  if (!sameMatchers(prev.matchers, next.matchers)) return false;
  switch (silenceState(prev, now)) {
    case 'active':
      return (
        Math.floor(prev.startsAt / 1000) === Math.floor(next.startsAt / 1000) && next.endsAt >= now
      );
    case 'pending':
      return next.startsAt >= now;
    case 'expired':
      return false;
  }
}

/** Turns a record back into a silence. */
export function silenceFromRecord(record: SilenceRecord): Silence {
  return {
    id: record.id,
    matchers: record.matchers.map((m) => new Matcher(m.type, m.name, m.value)),
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    createdBy: record.createdBy,
    comment: record.comment,
    updatedAt: record.updatedAt,
  };
}

/**
 * The silence store (Alertmanager's silence.Silences): create, update, expire, query, GC; a
 * JSON snapshot and a peer merge where the newest updatedAt wins.
 */
export class Silences {
  readonly #silences = new Map<string, SilenceRecord & { silence: Silence }>();
  readonly #options: SilencesOptions;
  readonly #now: () => number;
  #version = 0;

  constructor(options: SilencesOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Grows on every change; lets callers cache query results. */
  get version(): number {
    return this.#version;
  }

  /**
   * Creates a silence, or updates one: in place when Alertmanager allows it (same matchers,
   * start unchanged if active, not ending in the past), otherwise the old one is expired and a
   * new one created. Returns the id of the silence that now holds the input.
   */
  set(input: SilenceInput): string {
    const now = this.#now();
    const next = { ...input, startsAt: input.startsAt || now };
    const error = validateSilence(next);
    if (error !== undefined) throw new SilenceError(`invalid silence: ${error}`);
    const prev = input.id === undefined ? undefined : this.#silences.get(input.id)?.silence;
    if (input.id !== undefined && prev === undefined) throw new SilenceError('silence not found');
    if (prev !== undefined && canUpdate(prev, next, now)) {
      this.#store({ ...next, id: prev.id, updatedAt: now });
      return prev.id;
    }
    const max = this.#options.maxSilences ?? 0;
    if (max > 0 && this.#silences.size + 1 > max) {
      throw new SilenceError(
        `exceeded maximum number of silences: ${this.#silences.size} (limit: ${max})`,
      );
    }
    if (prev !== undefined) this.expire(prev.id);
    const id = randomUUID();
    this.#store({ ...next, id, startsAt: Math.max(next.startsAt, now), updatedAt: now });
    return id;
  }

  /** Ends a silence now (a pending one starts and ends now); an expired one is left alone. */
  expire(id: string): void {
    const silence = this.#silences.get(id)?.silence;
    if (silence === undefined) throw new SilenceError('silence not found');
    const now = this.#now();
    switch (silenceState(silence, now)) {
      case 'expired':
        return;
      case 'active':
        this.#store({ ...silence, endsAt: now, updatedAt: now });
        return;
      case 'pending':
        this.#store({ ...silence, startsAt: now, endsAt: now, updatedAt: now });
    }
  }

  get(id: string): Silence | undefined {
    return this.#silences.get(id)?.silence;
  }

  query(q: SilenceQuery = {}): Silence[] {
    const now = this.#now();
    const candidates =
      q.ids === undefined
        ? [...this.#silences.values()]
        : q.ids.flatMap((id) => this.#silences.get(id) ?? []);
    return candidates
      .map((entry) => entry.silence)
      .filter(
        (s) =>
          (q.states === undefined || q.states.includes(silenceState(s, now))) &&
          (q.matches === undefined || matchesLabels(s.matchers, q.matches)),
      );
  }

  /** Forgets silences whose retention has passed; returns how many. */
  gc(): number {
    const now = this.#now();
    let n = 0;
    for (const [id, entry] of this.#silences) {
      if (entry.expiresAt <= now) {
        this.#silences.delete(id);
        n++;
      }
    }
    if (n > 0) this.#version++;
    return n;
  }

  /** Every silence as JSON-serialisable records. */
  snapshot(): SilenceRecord[] {
    return [...this.#silences.values()].map(({ silence: _silence, ...record }) => record);
  }

  /** Loads records (e.g. a snapshot), as if merged from a peer. */
  restore(records: readonly SilenceRecord[]): void {
    for (const record of records) this.merge(record);
  }

  /**
   * Applies a silence from a peer: kept when unknown or newer than ours, unless its retention
   * has passed. Returns whether it changed anything.
   */
  merge(record: SilenceRecord): boolean {
    if (record.expiresAt < this.#now()) return false;
    const prev = this.#silences.get(record.id);
    if (prev !== undefined && prev.updatedAt >= record.updatedAt) return false;
    this.#silences.set(record.id, { ...record, silence: silenceFromRecord(record) });
    this.#version++;
    return true;
  }

  #store(silence: Silence): void {
    const record: SilenceRecord = {
      id: silence.id,
      matchers: silence.matchers.map((m) => ({ type: m.type, name: m.name, value: m.value })),
      startsAt: silence.startsAt,
      endsAt: silence.endsAt,
      createdBy: silence.createdBy,
      comment: silence.comment,
      updatedAt: silence.updatedAt,
      expiresAt: silence.endsAt + this.#options.retention,
    };
    this.#silences.set(silence.id, { ...record, silence });
    this.#version++;
    this.#options.onChange?.(record);
  }
}

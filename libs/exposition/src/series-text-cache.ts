import { Labels } from '@promethium/model';
import { Ch, isDigit, isLabelStart } from './cursor.js';
import type { Cursor } from './cursor.js';
import type { MetricType } from './types.js';

/** A series a parse has read before: its metric name, labels and family type. */
export interface CachedSeries {
  readonly name: string;
  readonly labels: Labels;
  readonly type: MetricType;
}

interface Entry extends CachedSeries {
  /** The series text, `name{labels}` as the line wrote it. */
  readonly text: string;
  seenIn: number;
  /** The next entry whose text has the same hash. */
  next: Entry | undefined;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Keys stay small integers, which V8 hashes without allocating.
const KEY_MASK = 0x3fffffff;

/**
 * The label sets of one target's series by the text that wrote them (`name{labels}` as on
 * the line), kept from one parse to the next as Prometheus's scrape cache keeps them: a
 * line whose series text a parse has seen before reuses its Labels instead of reading
 * them again. Lines are looked up by a hash of their text and compared in place, so a
 * known series costs no allocation. What labels a text makes also depends on its family's
 * type (which label values are normalised), so callers check the type of what they find.
 * Entries the last complete parse did not see are dropped.
 */
export class SeriesTextCache {
  readonly #entries = new Map<number, Entry>();
  #size = 0;
  #parse = 0;
  #seen = 0;

  /** Series texts held. */
  get size(): number {
    return this.#size;
  }

  /** Starts a parse. */
  begin(): void {
    this.#parse++;
    this.#seen = 0;
  }

  /** Ends a parse that read the whole body: forgets the series it did not see. */
  complete(): void {
    if (this.#size === this.#seen) return;
    for (const [key, first] of this.#entries) {
      let head: Entry | undefined = first;
      while (head !== undefined && head.seenIn !== this.#parse) {
        head = head.next;
        this.#size--;
      }
      for (let e = head; e?.next !== undefined;) {
        if (e.next.seenIn === this.#parse) {
          e = e.next;
        } else {
          e.next = e.next.next;
          this.#size--;
        }
      }
      if (head === undefined) this.#entries.delete(key);
      else if (head !== first) this.#entries.set(key, head);
    }
  }

  /**
   * The series whose text starts at the cursor (at its metric name), if a parse read it
   * before; the cursor does not move. On a hit whose type is right, the caller moves
   * the cursor past `text.length` code units.
   */
  find(c: Cursor): (CachedSeries & { readonly text: string }) | undefined {
    const end = seriesTextEnd(c);
    if (end < 0) return undefined;
    const entry = this.#lookup(c.src, c.pos, end, scannedHash);
    if (entry !== undefined && entry.seenIn !== this.#parse) {
      entry.seenIn = this.#parse;
      this.#seen++;
    }
    return entry;
  }

  /**
   * Remembers what the series text from `nameAt` to the end of its labels came to; returns
   * the labels to use, which keep no reference to the body.
   */
  store(c: Cursor, nameAt: number, series: CachedSeries): Labels {
    const saved = c.pos;
    c.pos = nameAt;
    const end = seriesTextEnd(c);
    c.pos = saved;
    if (end < 0) return series.labels;
    const key = scannedHash;
    const entry: Entry = {
      text: detach(c.src.slice(nameAt, end)),
      name: detach(series.name),
      labels: detachLabels(series.labels),
      type: series.type,
      seenIn: this.#parse,
      next: undefined,
    };
    const old = this.#lookup(c.src, nameAt, end, key);
    if (old === undefined || old.seenIn !== this.#parse) this.#seen++;
    entry.next = this.#without(this.#entries.get(key), old);
    if (old === undefined) this.#size++;
    this.#entries.set(key, entry);
    return entry.labels;
  }

  #lookup(src: string, from: number, to: number, key: number): Entry | undefined {
    const length = to - from;
    for (let e = this.#entries.get(key); e !== undefined; e = e.next) {
      if (e.text.length === length && src.startsWith(e.text, from)) return e;
    }
    return undefined;
  }

  // The chain from `first` without `entry`.
  #without(first: Entry | undefined, entry: Entry | undefined): Entry | undefined {
    if (first === undefined || entry === undefined) return first;
    if (first === entry) return first.next;
    first.next = this.#without(first.next, entry);
    return first;
  }
}

// The hash of the text seriesTextEnd scanned last: a module variable rather than a
// returned pair, which would allocate on every line.
let scannedHash = 0;

/**
 * Where the series text starting at the cursor ends: after the `}` closing its labels,
 * or after the metric name when no `{` follows it (blanks allowed between). -1 when the
 * labels do not close on the line, which only reading them can report properly. Leaves
 * the text's hash in scannedHash.
 */
function seriesTextEnd(c: Cursor): number {
  const src = c.src;
  let h = FNV_OFFSET;
  let i = c.pos;
  for (let ch = src.charCodeAt(i); i < c.end && isNameChar(ch); ch = src.charCodeAt(++i)) {
    h = Math.imul(h ^ ch, FNV_PRIME);
  }
  const nameEnd = i;
  scannedHash = h & KEY_MASK;
  while (i < c.end && (src.charCodeAt(i) === Ch.Space || src.charCodeAt(i) === Ch.Tab)) i++;
  if (i >= c.end || src.charCodeAt(i) !== Ch.LBrace) return nameEnd;
  for (let j = nameEnd; j <= i; j++) h = Math.imul(h ^ src.charCodeAt(j), FNV_PRIME);
  let quoted = false;
  for (i++; i < c.end; i++) {
    const ch = src.charCodeAt(i);
    h = Math.imul(h ^ ch, FNV_PRIME);
    if (ch === Ch.LF) return -1;
    if (quoted) {
      if (ch === Ch.Backslash) {
        i++;
        h = Math.imul(h ^ src.charCodeAt(i), FNV_PRIME);
      } else if (ch === Ch.Quote) quoted = false;
    } else if (ch === Ch.Quote) {
      quoted = true;
    } else if (ch === Ch.RBrace) {
      scannedHash = h & KEY_MASK;
      return i + 1;
    }
  }
  return -1;
}

function isNameChar(ch: number): boolean {
  return isLabelStart(ch) || isDigit(ch) || ch === Ch.Colon;
}

// Substrings of a body share its memory in V8 (from 13 characters on), so a cached label
// set built from them would keep a whole scrape body alive. Concatenating and slicing
// makes V8 copy the characters into a string of their own.
function detach(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

function detachLabels(labels: Labels): Labels {
  const pairs: [string, string][] = [];
  for (const [name, value] of labels) pairs.push([detach(name), detach(value)]);
  return Labels.fromPairs(pairs);
}

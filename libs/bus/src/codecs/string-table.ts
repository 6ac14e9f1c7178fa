import { ByteWriter, Labels, varintLength } from '@promethium/model';
import type { ByteReader } from '@promethium/model';
import { CodecError } from '../errors.js';

// Smallest encoding of a label: a name index and a value index.
const MIN_LABEL_BYTES = 2;

/**
 * The string table of one binary message: every label name and value once, as a varint
 * count then (varint byte length, UTF-8) entries; a label set is written as a varint
 * count then (varint name index, varint value index) pairs. Adding a label set takes two
 * steps so a writer can keep to a byte budget: stage() says what it would cost, write()
 * adds it.
 *
 * This runs for every scraped series, so stage() does the work once: it looks each
 * string up, adds the new ones to the table tentatively and keeps their indexes for
 * write(). A stage() that no write() follows is undone by the next call.
 */
export class StringTable {
  readonly #index = new Map<string, number>();
  readonly #entries = new ByteWriter();
  // Strings and entry bytes that write() made part of the table.
  #count = 0;
  #entryBytes = 0;
  #staged: Labels | undefined;
  // The staged set's name and value indexes, and the strings staging added to #index.
  readonly #stagedIndexes: number[] = [];
  readonly #fresh: string[] = [];

  /** Bytes the table takes in the message. */
  get size(): number {
    return varintLength(this.#count) + this.#entryBytes;
  }

  /**
   * Bytes writing `labels` would add to the message: its new strings (and the growth of
   * the table's count) plus the label set itself. Remembers them for write().
   */
  stage(labels: Labels): number {
    this.#unstage();
    let growth = varintLength(labels.size);
    for (let i = 0; i < labels.size; i++) {
      const [name, value] = labels.pairAt(i);
      growth += this.#stageString(name, 2 * i) + this.#stageString(value, 2 * i + 1);
    }
    this.#staged = labels;
    const count = this.#count + this.#fresh.length;
    const newEntries = this.#entries.length - this.#entryBytes;
    return growth + newEntries + varintLength(count) - varintLength(this.#count);
  }

  /** Adds the strings of `labels`, which must be the last staged, and writes it to `out`. */
  write(labels: Labels, out: ByteWriter): void {
    if (labels !== this.#staged) throw new Error('BUG: StringTable.write without stage');
    this.#count += this.#fresh.length;
    this.#entryBytes = this.#entries.length;
    this.#fresh.length = 0;
    this.#staged = undefined;
    const n = labels.size;
    out.varint(n);
    for (let k = 0; k < 2 * n; k++) out.varint(this.#stagedIndexes[k]!);
  }

  /** Writes the table. */
  writeTo(out: ByteWriter): void {
    this.#unstage();
    out.varint(this.#count);
    out.bytes(this.#entries.written());
  }

  // Records the index of `s` as the staged set's `k`th string; returns the bytes it takes there.
  #stageString(s: string, k: number): number {
    let idx = this.#index.get(s);
    if (idx === undefined) {
      idx = this.#count + this.#fresh.length;
      this.#index.set(s, idx);
      this.#fresh.push(s);
      this.#entries.string(s);
    }
    this.#stagedIndexes[k] = idx;
    return varintLength(idx);
  }

  // Takes back what the last stage() added when no write() followed it.
  #unstage(): void {
    if (this.#staged === undefined) return;
    for (const s of this.#fresh) this.#index.delete(s);
    this.#fresh.length = 0;
    this.#entries.truncate(this.#entryBytes);
    this.#staged = undefined;
  }
}

/** Reads a table StringTable wrote. */
export function readStringTable(r: ByteReader): string[] {
  const strings: string[] = [];
  for (let n = r.count(1, 'string count'); n > 0; n--) strings.push(r.string());
  return strings;
}

/**
 * Reads a label set StringTable.write wrote; rejects an out-of-range string index,
 * unsorted or duplicate names and an empty value.
 */
export function readLabels(r: ByteReader, strings: readonly string[]): Labels {
  const pairs: [string, string][] = [];
  let prevName = '';
  for (let n = r.count(MIN_LABEL_BYTES, 'label count'); n > 0; n--) {
    const at = r.pos;
    const name = lookup(r, strings);
    const value = lookup(r, strings);
    if (pairs.length > 0 && prevName >= name)
      throw new CodecError(`label ${JSON.stringify(name)} is not in strictly ascending order`, at);
    if (value === '') throw new CodecError(`label ${JSON.stringify(name)} has an empty value`, at);
    pairs.push([name, value]);
    prevName = name;
  }
  return Labels.fromPairs(pairs);
}

function lookup(r: ByteReader, strings: readonly string[]): string {
  const at = r.pos;
  const idx = r.varint();
  const s = strings[idx];
  if (s === undefined)
    throw new CodecError(`string index ${idx} outside the table of ${strings.length}`, at);
  return s;
}

import { ByteWriter, Labels, utf8, varintLength } from '@promethium/model';
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
 */
export class StringTable {
  readonly #index = new Map<string, number>();
  readonly #entries = new ByteWriter();
  #staged: Labels | undefined;
  #fresh: Map<string, number> | undefined;

  /** Bytes the table takes in the message. */
  get size(): number {
    return varintLength(this.#index.size) + this.#entries.length;
  }

  /**
   * Bytes writing `labels` would add to the message: its new strings (and the growth of
   * the table's count) plus the label set itself. Remembers them for write().
   */
  stage(labels: Labels): number {
    let fresh: Map<string, number> | undefined;
    let growth = varintLength(labels.size);
    for (const pair of labels) {
      for (const s of pair) {
        let idx = this.#index.get(s) ?? fresh?.get(s);
        if (idx === undefined) {
          fresh ??= new Map();
          idx = this.#index.size + fresh.size;
          fresh.set(s, idx);
          const len = Buffer.byteLength(s, 'utf8');
          growth += varintLength(len) + len;
        }
        growth += varintLength(idx);
      }
    }
    const count = this.#index.size;
    this.#staged = labels;
    this.#fresh = fresh;
    return growth + varintLength(count + (fresh?.size ?? 0)) - varintLength(count);
  }

  /** Adds the strings of `labels`, which must be the last staged, and writes it to `out`. */
  write(labels: Labels, out: ByteWriter): void {
    if (labels !== this.#staged) throw new Error('BUG: StringTable.write without stage');
    for (const [s, idx] of this.#fresh ?? []) {
      this.#index.set(s, idx);
      const bytes = utf8(s);
      this.#entries.varint(bytes.length);
      this.#entries.bytes(bytes);
    }
    this.#staged = undefined;
    this.#fresh = undefined;
    out.varint(labels.size);
    for (const pair of labels) for (const s of pair) out.varint(this.#index.get(s)!);
  }

  /** Writes the table. */
  writeTo(out: ByteWriter): void {
    out.varint(this.#index.size);
    out.bytes(this.#entries.written());
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
  for (let n = r.count(MIN_LABEL_BYTES, 'label count'); n > 0; n--) {
    const at = r.pos;
    const name = lookup(r, strings);
    const value = lookup(r, strings);
    const prev = pairs[pairs.length - 1];
    if (prev !== undefined && prev[0] >= name)
      throw new CodecError(`label ${JSON.stringify(name)} is not in strictly ascending order`, at);
    if (value === '') throw new CodecError(`label ${JSON.stringify(name)} has an empty value`, at);
    pairs.push([name, value]);
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

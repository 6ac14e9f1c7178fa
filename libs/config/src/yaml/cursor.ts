import { Scalar, isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { YamlNode, YamlSource } from './source.js';

// Mappings whose entries are being collected; a merge key reaching one of them is a cycle.
const expanding = new WeakSet<YamlNode>();

/** One key/value pair of a mapping, merge keys (`<<`) already applied. */
export interface MapEntry {
  readonly key: string;
  /** Cursor on the key itself, for errors about the key (unknown, invalid name). */
  readonly keyAt: Cursor;
  /** Cursor on the value. */
  readonly value: Cursor;
}

/** A node together with its field path; decoders read through it and fail at it. */
export class Cursor {
  constructor(
    readonly src: YamlSource,
    readonly node: YamlNode,
    readonly path: string,
  ) {}

  /** Whether the node is an empty value (`key:`, `~`, `null`). */
  get isNull(): boolean {
    return isScalar(this.node) && this.node.value === null;
  }

  /** Throws ConfigError at this node and path. */
  fail(detail: string): never {
    return this.src.fail(this.node, this.path, detail);
  }

  /** Records a warning at this node and path. */
  warn(detail: string): void {
    this.src.warn(this.node, this.path, detail);
  }

  /** The text of a scalar (see scalarText); fails on a collection or on bytes that are not UTF-8. */
  text(): string {
    if (!isScalar(this.node)) return this.fail(`expected a string, got ${describe(this.node)}`);
    return scalarText(this.node) ?? this.fail('not valid UTF-8');
  }

  /** A cursor on `node` with `path`, aliases followed. */
  child(node: Node | null, path: string, near: Node = this.node): Cursor {
    const target = node === null ? emptyScalarAt(near) : this.src.resolve(node, path);
    return new Cursor(this.src, target, path);
  }

  /** The items of a sequence; fails when the node is not one (null counts as empty). */
  items(): Cursor[] {
    if (this.isNull) return [];
    if (!isSeq(this.node)) this.fail(`expected a sequence, got ${describe(this.node)}`);
    return this.node.items.map((item, i) => this.child(item, `${this.path}[${i}]`));
  }

  /**
   * The entries of a mapping in document order, merge keys expanded (explicit keys win, then
   * earlier merged maps); fails on a non-mapping (null counts as empty) or a duplicate key.
   */
  entries(): MapEntry[] {
    if (this.isNull) return [];
    if (!isMap(this.node)) this.fail(`expected a mapping, got ${describe(this.node)}`);
    if (expanding.has(this.node)) this.fail('merge key refers to an enclosing mapping');
    expanding.add(this.node);
    try {
      return this.#entries(this.node);
    } finally {
      expanding.delete(this.node);
    }
  }

  #entries(map: YAMLMap.Parsed): MapEntry[] {
    const own: MapEntry[] = [];
    const merged: MapEntry[] = [];
    const seen = new Set<string>();
    for (const pair of map.items) {
      const keyAt: Cursor = this.child(pair.key, this.path, map);
      if (isMergeKey(keyAt.node)) {
        merged.push(...this.#merge(this.child(pair.value, this.path, pair.key)));
        continue;
      }
      if (!isScalar(keyAt.node) || keyAt.isNull) keyAt.fail('mapping keys must be strings');
      const key = keyAt.text();
      const path = joinPath(this.path, key);
      const entry = { key, keyAt: new Cursor(this.src, keyAt.node, path) };
      if (seen.has(key)) entry.keyAt.fail('duplicate key');
      seen.add(key);
      own.push({ ...entry, value: this.child(pair.value, path, pair.key) });
    }
    for (const entry of merged) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      own.push(entry);
    }
    return own;
  }

  /** The value under `key` in a mapping, or undefined when absent or not a mapping. */
  lookup(key: string): Cursor | undefined {
    if (!isMap(this.node)) return undefined;
    return this.entries().find((e) => e.key === key)?.value;
  }

  /** The value under `key`, or when absent a cursor on this mapping carrying the key's path. */
  field(key: string): Cursor {
    return this.lookup(key) ?? new Cursor(this.src, this.node, joinPath(this.path, key));
  }

  #merge(source: Cursor): MapEntry[] {
    if (isSeq(source.node)) return source.items().flatMap((item) => this.#merge(item));
    if (!isMap(source.node)) source.fail(`merge key needs a mapping, got ${describe(source.node)}`);
    // Merged entries keep their own positions but take this mapping's paths.
    return source.entries().map((e) => {
      const path = joinPath(this.path, e.key);
      return {
        key: e.key,
        keyAt: new Cursor(this.src, e.keyAt.node, path),
        value: new Cursor(this.src, e.value.node, path),
      };
    });
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a scalar as Go's yaml.v2 hands it to a string field: strings as they are, other
 * plain scalars (numbers, booleans) as written, `!!binary` as its bytes; undefined when those
 * bytes are not UTF-8.
 */
export function scalarText(node: Scalar): string | undefined {
  const { value } = node;
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (ArrayBuffer.isView(value)) {
    try {
      return UTF8.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    } catch {
      return undefined;
    }
  }
  return node.source ?? String(value);
}

/** A short description of a node for messages: `a mapping`, `a sequence`, `null` or the quoted text. */
export function describe(node: YamlNode): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a sequence';
  if (node.value === null) return 'null';
  return JSON.stringify(scalarText(node) ?? node.source);
}

/** The path of field `key` under `parent`. */
export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function isMergeKey(node: YamlNode): boolean {
  return isScalar(node) && node.type === Scalar.PLAIN && node.source === '<<';
}

function emptyScalarAt(near: Node): YamlNode {
  const node = new Scalar(null) as Scalar.Parsed;
  const end = near.range?.[1] ?? 0;
  node.range = [end, end, end];
  node.source = '';
  return node;
}

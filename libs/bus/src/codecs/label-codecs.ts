import type { Codec } from './codec.js';
import {
  asArray,
  asFiniteNumber,
  asObject,
  asString,
  decodeJson,
  encodeJson,
} from './json-shape.js';
import { readMatcher } from './json-codecs.js';
import type { SelectMatcher } from './json-codecs.js';
import { MessageTooLargeError } from '../errors.js';

/**
 * A label query to one shard: label names (`name` absent) or the values of label `name`,
 * over series matching every matcher within [mint, maxt] ms.
 */
export interface LabelsRequest {
  name?: string;
  matchers: SelectMatcher[];
  mint: number;
  maxt: number;
}

/** One piece of a shard's index statistics; `head` travels in the first piece only. */
export interface IndexStatsChunk {
  /** Series count and sample time span; minTime/maxTime are null for an empty shard. */
  head?: { numSeries: number; minTime: number | null; maxTime: number | null };
  /** [label name, label value, series count] triples. */
  pairs: [string, string, number][];
}

function readLabelsRequest(v: unknown): LabelsRequest {
  const o = asObject(v, 'labelsRequest');
  const out: LabelsRequest = {
    matchers: asArray(o.matchers, 'labelsRequest.matchers').map((m, i) =>
      readMatcher(m, `labelsRequest.matchers[${i}]`),
    ),
    mint: asFiniteNumber(o.mint, 'labelsRequest.mint'),
    maxt: asFiniteNumber(o.maxt, 'labelsRequest.maxt'),
  };
  if (o.name !== undefined) out.name = asString(o.name, 'labelsRequest.name');
  return out;
}

function readTimeOrNull(v: unknown, path: string): number | null {
  return v === null ? null : asFiniteNumber(v, path);
}

function readStatsChunk(v: unknown): IndexStatsChunk {
  const o = asObject(v, 'indexStatsChunk');
  const out: IndexStatsChunk = {
    pairs: asArray(o.pairs, 'indexStatsChunk.pairs').map((p, i) => {
      const path = `indexStatsChunk.pairs[${i}]`;
      const [name, value, series] = asArray(p, path);
      return [
        asString(name, `${path}[0]`),
        asString(value, `${path}[1]`),
        asFiniteNumber(series, `${path}[2]`),
      ];
    }),
  };
  if (o.head !== undefined) {
    const h = asObject(o.head, 'indexStatsChunk.head');
    out.head = {
      numSeries: asFiniteNumber(h.numSeries, 'indexStatsChunk.head.numSeries'),
      minTime: readTimeOrNull(h.minTime, 'indexStatsChunk.head.minTime'),
      maxTime: readTimeOrNull(h.maxTime, 'indexStatsChunk.head.maxTime'),
    };
  }
  return out;
}

function jsonCodec<T>(what: string, read: (v: unknown) => T): Codec<T> {
  return {
    encode: (value) => encodeJson(read(value), what),
    decode: (data) => read(decodeJson(data, what)),
  };
}

/** JSON codec of a label query. */
export const labelsRequestCodec: Codec<LabelsRequest> = jsonCodec(
  'labelsRequest',
  readLabelsRequest,
);

/** JSON codec of one reply chunk of a label query: ascending label names or values. */
export const stringsChunkCodec: Codec<string[]> = jsonCodec('stringsChunk', (v) =>
  asArray(v, 'stringsChunk').map((s, i) => asString(s, `stringsChunk[${i}]`)),
);

/** JSON codec of one reply chunk of an index statistics request. */
export const indexStatsChunkCodec: Codec<IndexStatsChunk> = jsonCodec(
  'indexStatsChunk',
  readStatsChunk,
);

const utf8 = new TextEncoder();

/**
 * Splits `items` into consecutive groups whose JSON array encoding stays within
 * `maxBytes` less `overhead` (the bytes the enclosing object adds); always at least one
 * group, so an empty reply still has a chunk. Throws MessageTooLargeError for an item
 * that alone does not fit.
 */
export function splitForJson<T>(items: readonly T[], maxBytes: number, overhead = 0): T[][] {
  const budget = maxBytes - overhead - 2; // the array's brackets
  const groups: T[][] = [[]];
  let used = 0;
  for (const item of items) {
    const size = utf8.encode(JSON.stringify(item)).length + 1; // the comma
    if (size > budget)
      throw new MessageTooLargeError(`one item of ${size} bytes exceeds ${maxBytes}`);
    if (used + size > budget) {
      groups.push([]);
      used = 0;
    }
    groups[groups.length - 1]!.push(item);
    used += size;
  }
  return groups;
}

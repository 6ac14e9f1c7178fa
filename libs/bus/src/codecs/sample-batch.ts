import { ByteReader, ByteWriter } from '@promethium/model';
import type { LabeledSample, Labels, Sample } from '@promethium/model';
import type { Codec } from './codec.js';
import { ChunkWriter, writeSample } from './chunk-writer.js';
import { readChunk } from './chunk-reader.js';
import { MessageSplitter } from './chunking.js';

/** Format byte of sampleBatch version 1. */
export const SAMPLE_BATCH_V1 = 0x01;

/**
 * Labeled samples (a write batch) in the binary layout of chunk-writer.ts: each label
 * string once per batch, timestamps as zig-zag varint deltas, values as 8 raw bytes.
 * Decoding returns the samples in their original order.
 */
export const sampleBatchCodec: Codec<LabeledSample[]> = {
  encode: (samples) =>
    encodeSampleBatches(samples, Infinity)[0] ??
    new ChunkWriter(SAMPLE_BATCH_V1, Infinity).finish(),
  decode: (data) => readChunk(data, SAMPLE_BATCH_V1, 'sampleBatch'),
};

/**
 * For the first label set of a batch encoded before, the template of that batch's
 * message, or null when it was seen once only. Weak, so a template goes with its series.
 */
const templates = new WeakMap<Labels, BatchTemplate | null>();

/**
 * Splits samples into encoded sampleBatch messages each <= maxBytes, keeping their order
 * (see MessageSplitter). Consecutive samples of one label set form one series, so its
 * labels are written once.
 *
 * A scrape sends the same label sets in the same order to a storage shard every time,
 * and looking up their strings to build the string table is most of the cost: so a batch
 * whose first label set was seen before in a batch that fit in one message is encoded
 * from that message's template when it has the same series.
 */
export function encodeSampleBatches(
  samples: Iterable<LabeledSample>,
  maxBytes: number,
): Uint8Array[] {
  const list = Array.isArray(samples) ? (samples as readonly LabeledSample[]) : [...samples];
  const first = list[0]?.labels;
  if (first === undefined) return [];
  const template = templates.get(first);
  const repeated = template?.encode(list, maxBytes);
  if (repeated !== undefined) return [repeated];
  const { messages, series } = encodeAfresh(list, maxBytes);
  // Seen once, a batch is not worth a template yet (a rule's fresh label sets never repeat).
  const again = template !== undefined && messages.length === 1;
  templates.set(first, again ? BatchTemplate.of(series, messages[0]!) : null);
  return messages;
}

function encodeAfresh(
  samples: readonly LabeledSample[],
  maxBytes: number,
): { messages: Uint8Array[]; series: Labels[] } {
  const splitter = new MessageSplitter<Sample>(
    (max) => new ChunkWriter(SAMPLE_BATCH_V1, max),
    maxBytes,
    'sample',
  );
  const series: Labels[] = [];
  let labels: Labels | undefined;
  for (const s of samples) {
    if (labels !== undefined && (s.labels === labels || s.labels.equals(labels))) {
      splitter.add(labels, s);
    } else {
      labels = s.labels;
      series.push(labels);
      splitter.openSeries(labels, s);
    }
  }
  return { messages: splitter.finish(), series };
}

/**
 * A batch's message without its samples: the bytes up to its series (the string table
 * and series count) and each series' label set, as ChunkWriter wrote them. A batch with
 * the same series (the same Labels objects, in the same order) has the same string table
 * and label sets, so encode() copies them and writes only the samples: the message is
 * the one ChunkWriter would write, byte for byte.
 */
class BatchTemplate {
  readonly #series: readonly Labels[];
  readonly #head: Uint8Array;
  readonly #labelSets: Uint8Array;
  readonly #labelSetEnds: readonly number[];

  private constructor(
    series: readonly Labels[],
    head: Uint8Array,
    labelSets: Uint8Array,
    labelSetEnds: readonly number[],
  ) {
    this.#series = series;
    this.#head = head;
    this.#labelSets = labelSets;
    this.#labelSetEnds = labelSetEnds;
  }

  /** The template of `message`, which holds `series` (see ChunkWriter for the layout). */
  static of(series: readonly Labels[], message: Uint8Array): BatchTemplate {
    const r = new ByteReader(message);
    r.skip(1);
    for (let n = r.varint(); n > 0; n--) r.skip(r.varint());
    if (r.varint() !== series.length) throw new Error('BUG: a template of other series');
    const head = message.slice(0, r.pos);
    const labelSets = new ByteWriter(message.length - r.pos);
    const ends: number[] = [];
    for (let k = 0; k < series.length; k++) {
      const start = r.pos;
      for (let n = 2 * r.varint(); n > 0; n--) r.varint();
      labelSets.bytes(message, start, r.pos);
      ends.push(labelSets.length);
      for (let n = r.varint(); n > 0; n--) {
        r.varint();
        r.skip(8);
      }
    }
    return new BatchTemplate(series, head, labelSets.toBytes(), ends);
  }

  /**
   * The message of `samples` within `maxBytes`, or undefined when their series are not
   * this template's or it would not fit (ChunkWriter then decides how to split them or
   * what is wrong with them).
   */
  encode(samples: readonly LabeledSample[], maxBytes: number): Uint8Array | undefined {
    const series = this.#series;
    // Series are mostly added or dropped at the end (staleness markers come last): look there first.
    if (samples[samples.length - 1]?.labels !== series[series.length - 1]) return undefined;
    const out = new ByteWriter(this.#head.length + this.#labelSets.length + 10 * samples.length);
    out.bytes(this.#head);
    let k = -1;
    let labels: Labels | undefined;
    let countAt = 0;
    let count = 0;
    let prevT = 0;
    for (const s of samples) {
      if (s.labels !== labels) {
        if (++k === series.length || s.labels !== series[k]) return undefined;
        if (k > 0) out.varintAt(countAt, count);
        labels = s.labels;
        out.bytes(this.#labelSets, k > 0 ? this.#labelSetEnds[k - 1] : 0, this.#labelSetEnds[k]);
        countAt = out.length;
        out.byte(0);
        count = 0;
      }
      // ChunkWriter says what is wrong with a time that is not an integer.
      if (!Number.isSafeInteger(s.t)) return undefined;
      writeSample(out, s, prevT);
      prevT = s.t;
      count++;
    }
    if (k + 1 !== series.length) return undefined;
    out.varintAt(countAt, count);
    return out.length <= maxBytes ? out.toBytes() : undefined;
  }
}

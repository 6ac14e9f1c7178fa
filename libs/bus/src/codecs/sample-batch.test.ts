import { describe, expect, it } from '@jest/globals';
import { Labels, staleMarker } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { CodecError, MessageTooLargeError } from '../errors.js';
import { codecs } from './index.js';
import { encodeSampleBatches } from './sample-batch.js';

const L = (rec: Record<string, string>): Labels => Labels.fromRecord(rec);
const up = L({ __name__: 'up', job: 'api', instance: 'a:9100' });
const uni = L({ __name__: 'temp', città: 'Zürich', emoji: '📈 — ✓' });
const T0 = 1_700_000_000_000;

function roundTrip(samples: LabeledSample[]): LabeledSample[] {
  return codecs.sampleBatch.decode(codecs.sampleBatch.encode(samples));
}

describe('sampleBatch codec', () => {
  it.each<[string, LabeledSample[]]>([
    ['an empty batch', []],
    ['one sample', [{ labels: up, t: 1_700_000_000_000, v: 1 }]],
    [
      'special values',
      [-0, Infinity, -Infinity, 1e-310, Number.MAX_VALUE].map((v, i) => ({ labels: up, t: i, v })),
    ],
    ['unicode labels', [{ labels: uni, t: 5, v: 21.5 }]],
    [
      'negative, decreasing and far timestamps',
      [
        { labels: up, t: 10, v: 1 },
        { labels: uni, t: -5, v: 2 },
        { labels: up, t: 2 ** 51, v: 3 },
        { labels: up, t: -(2 ** 50), v: 4 },
      ],
    ],
    ['an empty label set', [{ labels: Labels.EMPTY, t: 1, v: 1 }]],
  ])('round-trips %s exactly', (_what, samples) => {
    const back = roundTrip(samples);
    expect(back).toEqual(samples);
    back.forEach((s, i) => expect(Object.is(s.v, samples[i]!.v)).toBe(true));
  });

  it('keeps staleness markers apart from ordinary NaN', () => {
    const [stale, nan] = roundTrip([
      { labels: up, ...staleMarker(7) },
      { labels: up, t: 8, v: Number.NaN },
    ]);
    expect(stale).toMatchObject({ t: 7, stale: true });
    expect(Number.isNaN(stale!.v)).toBe(true);
    expect(nan!.stale).toBeUndefined();
    expect(Number.isNaN(nan!.v)).toBe(true);
  });

  it('writes each label string once per batch and stays compact', () => {
    const samples = Array.from({ length: 1000 }, (_, i): LabeledSample => ({
      labels: L({ __name__: 'http_requests_total', job: 'api', instance: `host-${i}:9100` }),
      t: 1_700_000_000_000,
      v: i,
    }));
    const encoded = codecs.sampleBatch.encode(samples);
    const text = Buffer.from(encoded).toString('latin1');
    expect(text.split('http_requests_total')).toHaveLength(2);
    // 8 value bytes + a 1-byte delta + counts and indexes, plus the distinct instance value.
    expect(encoded.length / samples.length).toBeLessThan(35);
    expect(roundTrip(samples)).toEqual(samples);
  });

  it('splits into batches under a byte limit, keeping every sample in order', () => {
    const samples = Array.from({ length: 500 }, (_, i): LabeledSample => ({
      labels: L({ __name__: 'm', i: String(i % 7) }),
      t: i * 15_000,
      v: i,
    }));
    const batches = encodeSampleBatches(samples, 256);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(256);
    expect(batches.flatMap((b) => codecs.sampleBatch.decode(b))).toEqual(samples);
    expect(() => encodeSampleBatches([{ labels: uni, t: 1, v: 1 }], 20)).toThrow(
      MessageTooLargeError,
    );
  });

  it('refuses to encode a timestamp that is not an integer', () => {
    expect(() => codecs.sampleBatch.encode([{ labels: up, t: 1.5, v: 1 }])).toThrow(
      /timestamp 1.5/,
    );
  });
});

describe('sampleBatch layout', () => {
  it('is version 1 of the wire format, byte for byte', () => {
    const encoded = codecs.sampleBatch.encode([
      { labels: up, t: 1_700_000_000_000, v: 1 },
      { labels: up, t: 1_700_000_015_000, v: 0.5 },
      { labels: L({ __name__: 'temp', città: 'Zürich' }), ...staleMarker(1_700_000_000_000) },
      { labels: L({ __name__: 'up', job: 'db' }), t: 1_699_999_999_000, v: -2 },
    ]);
    expect(Buffer.from(encoded).toString('hex')).toBe(
      '010a085f5f6e616d655f5f02757008696e7374616e636506613a39313030036a6f6203617069047465' +
        '6d700663697474c3a0075ac3bc7269636802646203030001020304050280a0abfef962000000000000' +
        'f03fb0ea01000000000000e03f020006070801afea01020000000000f07f020001040901cf0f000000' +
        '00000000c0',
    );
  });

  it.each([127, 128, 16_383, 16_384])(
    'counts %i samples of a series and cuts batches at the exact byte',
    (count) => {
      const labels = L({ __name__: 'long', job: 'api' });
      const samples = Array.from({ length: count }, (_, i) => ({ labels, t: i * 1000, v: i }));
      const times = (batches: Uint8Array[]): number[] =>
        batches.flatMap((b) => codecs.sampleBatch.decode(b)).map((s) => s.t + s.v);
      const whole = codecs.sampleBatch.encode(samples);
      expect(times([whole])).toEqual(samples.map((s) => s.t + s.v));
      expect(encodeSampleBatches(samples, whole.length)).toEqual([whole]);
      const cut = encodeSampleBatches(samples, whole.length - 1);
      expect(cut).toHaveLength(2);
      expect(times(cut)).toEqual(samples.map((s) => s.t + s.v));
    },
  );
});

describe('sampleBatch encoding of a batch like the last', () => {
  // A batch like a scrape's: the same Labels objects every time, a few with several samples.
  function scrape(n: number, t: number): LabeledSample[] {
    const series = Array.from({ length: n }, (_, i) =>
      L({ __name__: `m${i % 7}`, instance: 'a:9100', job: 'api', id: String(i) }),
    );
    return series.flatMap((labels, i) =>
      Array.from({ length: 1 + (i % 3 === 0 ? 2 : 0) }, (_, k) => ({ labels, t: t + k, v: i })),
    );
  }

  /** The samples with label sets never encoded before, so nothing is reused. */
  function unseen(samples: readonly LabeledSample[]): LabeledSample[] {
    return samples.map((s) => ({ ...s, labels: Labels.fromPairs([...s.labels]) }));
  }

  /** Encodes `next` after `last` was encoded twice, checking the bytes are a fresh encoding's. */
  function expectLikeFresh(last: LabeledSample[], next: LabeledSample[], maxBytes = 1 << 20) {
    encodeSampleBatches(last, maxBytes);
    encodeSampleBatches(last, maxBytes);
    const want = encodeSampleBatches(unseen(next), maxBytes);
    expect(encodeSampleBatches(next, maxBytes)).toEqual(want);
    expect(encodeSampleBatches(next, maxBytes)).toEqual(want);
  }

  it('encodes the same series with new samples as a fresh encoding does', () => {
    const last = scrape(50, T0);
    const values = [0, -0, Number.NaN, Infinity, 1e-310];
    const next = last.map((s, i) => ({ ...s, t: s.t + 15_000 * (i % 2), v: values[i % 5]! }));
    next[3] = { labels: next[3]!.labels, ...staleMarker(next[3]!.t) };
    expectLikeFresh(last, next);
    expect(codecs.sampleBatch.decode(encodeSampleBatches(next, 1 << 20)[0]!)).toEqual(next);
  });

  it.each<[string, (last: LabeledSample[]) => LabeledSample[]]>([
    ['the same batch', (last) => last],
    ['a series dropped', (last) => last.filter((s) => s.labels !== last[10]!.labels)],
    ['a series added last', (last) => [...last, { labels: L({ __name__: 'new' }), t: T0, v: 1 }]],
    ['a series added first', (last) => [{ labels: L({ __name__: 'new' }), t: T0, v: 1 }, ...last]],
    ['two series swapped', (last) => [last[4]!, ...last.slice(0, 4), ...last.slice(5)]],
    [
      'an equal but other label set',
      (last) => [...last.slice(0, 8), ...unseen(last.slice(8, 9)), ...last.slice(9)],
    ],
    [
      'a sample more in a series',
      (last) => [...last.slice(0, 5), { ...last[4]!, t: T0 + 7 }, ...last.slice(5)],
    ],
    [
      'a series with hundreds of samples',
      (last) => [
        ...last.slice(0, 5),
        ...Array.from({ length: 300 }, (_, k) => ({ labels: last[4]!.labels, t: T0 + k, v: k })),
        ...last.slice(5),
      ],
    ],
    ['a series twice, apart', (last) => [...last, { ...last[0]!, t: T0 + 1 }]],
    ['no samples', () => []],
  ])('encodes %s as a fresh encoding does', (_what, change) => {
    const last = scrape(40, T0);
    expectLikeFresh(last, change(last));
  });

  it('splits a batch that no longer fits in one message as a fresh encoding does', () => {
    const last = scrape(40, T0);
    const size = encodeSampleBatches(unseen(last), Infinity)[0]!.length;
    expectLikeFresh(last, last, size);
    const next = last.map((s) => ({ ...s, t: s.t + 2 ** 40 }));
    expectLikeFresh(last, next, size);
    expect(encodeSampleBatches(next, size).length).toBeGreaterThan(1);
  });

  it.each([1.5, 2 ** 53, T0 - 2 ** 52])(
    'refuses the timestamp %d as a fresh encoding does',
    (t) => {
      const messageOf = (encode: () => unknown): string => {
        try {
          encode();
        } catch (err) {
          expect(err).toBeInstanceOf(CodecError);
          return (err as Error).message;
        }
        throw new Error('encoded');
      };
      const last = scrape(10, T0);
      const next = last.map((s, i) => (i === 4 ? { ...s, t } : s));
      for (const maxBytes of [Infinity, 200]) {
        encodeSampleBatches(last, Infinity);
        encodeSampleBatches(last, Infinity);
        expect(messageOf(() => encodeSampleBatches(next, maxBytes))).toBe(
          messageOf(() => encodeSampleBatches(unseen(next), maxBytes)),
        );
      }
    },
  );
});

describe('sampleBatch decoding of bad input', () => {
  const good = codecs.sampleBatch.encode([
    { labels: up, t: 1, v: 1 },
    { labels: uni, ...staleMarker(2) },
  ]);

  it('throws CodecError for every truncation', () => {
    for (let len = 0; len < good.length; len++)
      expect(() => codecs.sampleBatch.decode(good.subarray(0, len))).toThrow(CodecError);
  });

  it.each<[string, number[], RegExp]>([
    ['a wrong format byte', [0x21, 0, 0], /format byte 0x21, expected 0x01 \(at byte 0\)/],
    ['trailing bytes', [0x01, 0, 0, 0], /1 trailing bytes \(at byte 3\)/],
    [
      'a string index past the table',
      [0x01, 1, 1, 0x61, 1, 1, 0, 5, 0],
      /string index 5 outside the table of 1/,
    ],
    ['an impossible count', [0x01, 0x7f, 0], /string count 127 exceeds/],
    ['invalid UTF-8', [0x01, 1, 1, 0xff, 0], /invalid UTF-8/],
    [
      'unsorted label names',
      [0x01, 2, 1, 0x62, 1, 0x61, 1, 2, 0, 0, 1, 1, 0],
      /not in strictly ascending order/,
    ],
    ['an empty label value', [0x01, 2, 1, 0x61, 0, 1, 1, 0, 1, 0], /empty value/],
  ])('rejects %s', (_what, bytes, message) => {
    expect(() => codecs.sampleBatch.decode(Uint8Array.from(bytes))).toThrow(message);
  });

  it('never fails with anything but CodecError on random garbage', () => {
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rnd() * 40) }, () =>
        Math.floor(rnd() * 256),
      );
      if (i % 2 === 0) bytes[0] = 0x01;
      try {
        codecs.sampleBatch.decode(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(CodecError);
      }
    }
  });
});

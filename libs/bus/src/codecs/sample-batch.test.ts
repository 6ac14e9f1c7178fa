import { describe, expect, it } from '@jest/globals';
import { Labels, staleMarker } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { CodecError, MessageTooLargeError } from '../errors.js';
import { codecs } from './index.js';
import { encodeSampleBatches } from './sample-batch.js';

const L = (rec: Record<string, string>): Labels => Labels.fromRecord(rec);
const up = L({ __name__: 'up', job: 'api', instance: 'a:9100' });
const uni = L({ __name__: 'temp', città: 'Zürich', emoji: '📈 — ✓' });

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

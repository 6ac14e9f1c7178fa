import { describe, expect, it } from '@jest/globals';
import { BinaryFormatError, ByteReader, ByteWriter, Labels } from '@promethium/model';
import { WalRecordEncoder, decodeLabels, decodeWalRecord, encodeLabels } from './record.js';
import type { WalRecord } from './record.js';
import { RefSamples } from './ref-samples.js';

type Row = { ref: number; t: number; v: number; stale?: true };

const rows: Row[] = [
  { ref: 1, t: 1_700_000_000_000, v: 1 },
  { ref: 300, t: 1_699_999_999_000, v: -0.5 },
  { ref: 1, t: 1_700_000_015_000, v: Number.NaN, stale: true },
  { ref: 300, t: -5, v: Number.POSITIVE_INFINITY },
  { ref: 1, t: 1_700_000_030_000, v: Number.NaN },
  { ref: 0xffff_ffff, t: 0, v: -0 },
];

function samplesOf(list: Row[]): RefSamples {
  const samples = new RefSamples(list.length);
  for (const r of list) samples.push(r.ref, r.t, r.v, r.stale === true);
  return samples;
}

function rowsOf(samples: RefSamples): Row[] {
  return Array.from({ length: samples.length }, (_, i) =>
    samples.isStale(i)
      ? { ref: samples.ref(i), t: samples.t(i), v: Number.NaN, stale: true }
      : { ref: samples.ref(i), t: samples.t(i), v: samples.v(i) },
  );
}

const record: WalRecord = {
  series: [
    { ref: 1, labels: Labels.fromRecord({ __name__: 'up', job: 'node' }) },
    { ref: 300, labels: Labels.fromRecord({ __name__: 'ünï', a: '☃' }) },
  ],
  samples: samplesOf(rows),
};

const encode = (r: WalRecord) => new WalRecordEncoder().encode(r).slice();

/** Decodes into a list that starts small, so that decoding grows it. */
function decode(bytes: Uint8Array): WalRecord {
  const samples = new RefSamples(1);
  const series = decodeWalRecord(bytes, samples);
  return { series, samples };
}

describe('WAL records', () => {
  it('round-trip series, samples, stale markers, ordinary NaNs and -0', () => {
    const back = decode(encode(record));
    expect(back.series.map((s) => [s.ref, s.labels.key()])).toEqual(
      record.series.map((s) => [s.ref, s.labels.key()]),
    );
    expect(rowsOf(back.samples)).toEqual(rows);
    expect(Object.is(back.samples.v(5), -0)).toBe(true);
  });

  it('round-trips an empty record', () => {
    const back = decode(encode({ series: [], samples: new RefSamples(0) }));
    expect(back.series).toEqual([]);
    expect(back.samples.length).toBe(0);
  });

  it('takes a header byte and a varint for a counter sample of a scrape', () => {
    const scrape = Array.from({ length: 1000 }, (_, i) => ({
      ref: 5000 + i,
      t: 1_700_000_000_000,
      v: 1_000_000 + i * 37,
    }));
    const bytes = encode({ series: [], samples: samplesOf(scrape) });
    // Per sample: header 1 byte, value (zig-zag below 2^21) 3 bytes; the first sample
    // also carries its ref and time.
    expect(bytes.length).toBeLessThan(1000 * 4 + 20);
    expect(rowsOf(decode(bytes).samples)).toEqual(scrape);
  });

  it('reuses its buffer: a later record leaves an earlier copy intact', () => {
    const encoder = new WalRecordEncoder();
    const first = encoder.encode(record).slice();
    encoder.encode({ series: [], samples: samplesOf([{ ref: 7, t: 7, v: 7 }]) });
    expect(rowsOf(decode(first).samples)).toEqual(rows);
  });

  it('reads format 1 records, whose refs are whole', () => {
    const out = new ByteWriter();
    out.byte(1);
    out.varint(0);
    out.varint(2);
    for (const [ref, t] of [
      [300, 1000],
      [5, 1000],
    ] as const) {
      out.varint(ref);
      out.zigzag(t - (ref === 300 ? 0 : 1000));
      out.value({ v: ref });
    }
    expect(rowsOf(decode(out.toBytes()).samples)).toEqual([
      { ref: 300, t: 1000, v: 300 },
      { ref: 5, t: 1000, v: 5 },
    ]);
  });

  it('appends the samples of record after record to one list, and none of a bad one', () => {
    const samples = new RefSamples(2);
    decodeWalRecord(encode(record), samples);
    const bytes = encode({ series: [], samples: samplesOf([{ ref: 7, t: 7, v: 7 }]) });
    expect(() => decodeWalRecord(bytes.subarray(0, bytes.length - 1), samples)).toThrow(
      BinaryFormatError,
    );
    expect(decodeWalRecord(bytes, samples)).toEqual([]);
    expect(rowsOf(samples)).toEqual([...rows, { ref: 7, t: 7, v: 7 }]);
  });

  it('rejects every truncation with a BinaryFormatError', () => {
    const bytes = encode(record);
    for (let len = 0; len < bytes.length; len++) {
      expect(() => decode(bytes.subarray(0, len))).toThrow(BinaryFormatError);
    }
  });

  it('rejects an unknown format byte, trailing bytes and refs outside 32 bits', () => {
    const bytes = encode(record);
    expect(() => decode(Uint8Array.of(9, ...bytes.subarray(1)))).toThrow(/unknown record format 9/);
    expect(() => decode(Uint8Array.of(...bytes, 0))).toThrow(/1 trailing bytes/);
    // Format 2, no series, one sample: header zig-zag(-1) * 4 (no flags), 8 value bytes.
    const negative = Uint8Array.of(2, 0, 1, 4, ...new Uint8Array(8));
    expect(() => decode(negative)).toThrow(/series ref -1 is out of range/);
  });

  it('encodes label sets alone, in UTF-8 whatever their length', () => {
    const labels = Labels.fromRecord({
      __name__: 'ünï',
      a: '☃',
      b: 'ascii then ☃',
      c: 'x'.repeat(5000),
    });
    expect(decodeLabels(encodeLabels(labels)).key()).toBe(labels.key());
    expect(encodeLabels(Labels.fromRecord({ a: 'é' }))).toEqual(
      Uint8Array.of(1, 1, 97, 2, 0xc3, 0xa9),
    );
    expect(() => decodeLabels(Uint8Array.of(1, 0, 0, 0))).toThrow(/1 trailing bytes/);
  });
});

describe('ByteReader', () => {
  it('reads varints up to 2^53 and refuses longer ones', () => {
    const out = new ByteWriter();
    out.varint(2 ** 53 - 1);
    expect(new ByteReader(out.toBytes()).varint()).toBe(2 ** 53 - 1);
    expect(() => new ByteReader(new Uint8Array(9).fill(0x80)).varint()).toThrow(
      /varint longer than 8 bytes/,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { BinaryFormatError, Labels } from '@promethium/model';
import { decodeWalRecord, encodeWalRecord } from './record.js';
import type { WalRecord } from './record.js';

const record: WalRecord = {
  series: [
    { ref: 1, labels: Labels.fromRecord({ __name__: 'up', job: 'node' }) },
    { ref: 300, labels: Labels.fromRecord({ __name__: 'ünï', a: '☃' }) },
  ],
  samples: [
    { ref: 1, t: 1_700_000_000_000, v: 1 },
    { ref: 300, t: 1_699_999_999_000, v: -0.5 },
    { ref: 1, t: 1_700_000_015_000, v: Number.NaN, stale: true },
    { ref: 300, t: -5, v: Number.POSITIVE_INFINITY },
    { ref: 1, t: 1_700_000_030_000, v: Number.NaN },
  ],
};

describe('WAL records', () => {
  it('round-trip series, samples, stale markers and ordinary NaNs', () => {
    const back = decodeWalRecord(encodeWalRecord(record));
    expect(back.series.map((s) => [s.ref, s.labels.key()])).toEqual(
      record.series.map((s) => [s.ref, s.labels.key()]),
    );
    expect(back.samples).toEqual(record.samples);
    expect(back.samples[4]!.stale).toBeUndefined();
  });

  it('round-trips an empty record', () => {
    expect(decodeWalRecord(encodeWalRecord({ series: [], samples: [] }))).toEqual({
      series: [],
      samples: [],
    });
  });

  it('rejects every truncation with a BinaryFormatError', () => {
    const bytes = encodeWalRecord(record);
    for (let len = 0; len < bytes.length; len++) {
      expect(() => decodeWalRecord(bytes.subarray(0, len))).toThrow(BinaryFormatError);
    }
  });

  it('rejects an unknown format byte and trailing bytes', () => {
    const bytes = encodeWalRecord(record);
    expect(() => decodeWalRecord(Uint8Array.of(9, ...bytes.subarray(1)))).toThrow(
      /unknown record format 9/,
    );
    expect(() => decodeWalRecord(Uint8Array.of(...bytes, 0))).toThrow(/1 trailing bytes/);
  });
});

import { describe, expect, it } from '@jest/globals';
import { Labels, staleMarker } from '@promethium/model';
import type { Sample, Series } from '@promethium/model';
import { CodecError, MessageTooLargeError } from '../errors.js';
import { codecs } from './index.js';
import { decodeSeriesChunks, encodeSeriesChunks } from './series-chunk.js';

const series = (rec: Record<string, string>, samples: Sample[]): Series => ({
  labels: Labels.fromRecord(rec),
  samples,
});
const range = (n: number, t0 = 1_700_000_000_000): Sample[] =>
  Array.from({ length: n }, (_, i) =>
    i % 97 === 3 ? staleMarker(t0 + i * 1000) : { t: t0 + i * 1000, v: i / 3 },
  );

async function* of(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function joined(chunks: Uint8Array[]): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of decodeSeriesChunks(of(chunks))) out.push(s);
  return out;
}

const mixed: Series[] = [
  series({ __name__: 'a', job: 'x' }, range(3)),
  series({ __name__: 'b', job: 'x' }, []),
  series({ __name__: 'c', job: 'x', zone: 'éü' }, range(1500)),
  series({ __name__: 'd', job: 'y' }, [
    { t: -1, v: -0 },
    { t: 0, v: Infinity },
    { t: 1, v: Number.NaN },
  ]),
];

describe('seriesChunk codec', () => {
  it('round-trips series, including empty ones, stale markers and special values', () => {
    const back = codecs.seriesChunk.decode(codecs.seriesChunk.encode(mixed));
    expect(back).toEqual(mixed);
    expect(Object.is(back[3]!.samples[0]!.v, -0)).toBe(true);
    expect(back[2]!.samples[3]).toMatchObject({ stale: true });
    expect(codecs.seriesChunk.decode(codecs.seriesChunk.encode([]))).toEqual([]);
  });

  it('costs about 9-10 bytes per sample of a regular series', () => {
    const one = [series({ __name__: 'm' }, range(1000))];
    expect(codecs.seriesChunk.encode(one).length).toBeLessThan(1000 * 10.5);
  });

  it('is not a sampleBatch, and the reverse', () => {
    expect(() => codecs.sampleBatch.decode(codecs.seriesChunk.encode(mixed))).toThrow(
      /format byte/,
    );
    expect(() => codecs.seriesChunk.decode(codecs.sampleBatch.encode([]))).toThrow(CodecError);
  });

  it('throws CodecError for every truncation', () => {
    const good = codecs.seriesChunk.encode(mixed.slice(0, 2));
    for (let len = 0; len < good.length; len++)
      expect(() => codecs.seriesChunk.decode(good.subarray(0, len))).toThrow(CodecError);
  });
});

describe('encodeSeriesChunks', () => {
  it.each([64, 100, 1000, 64 * 1024])(
    'keeps every chunk within %i bytes and rejoins to the input',
    async (maxBytes) => {
      const chunks = encodeSeriesChunks(mixed, maxBytes);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(maxBytes);
      expect(await joined(chunks)).toEqual(mixed);
    },
  );

  it('splits a single huge series by samples across chunks', async () => {
    const huge = [series({ __name__: 'huge' }, range(20_000))];
    const chunks = encodeSeriesChunks(huge, 4096);
    expect(chunks.length).toBeGreaterThan(40);
    for (const c of chunks) expect(codecs.seriesChunk.decode(c)).toHaveLength(1);
    expect(await joined(chunks)).toEqual(huge);
  });

  it('returns no chunks for no series', () => {
    expect(encodeSeriesChunks([], 100)).toEqual([]);
  });

  it('refuses a limit too small for one series with one sample', () => {
    expect(() => encodeSeriesChunks(mixed, 20)).toThrow(MessageTooLargeError);
  });
});

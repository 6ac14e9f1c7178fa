import { describe, expect, it } from '@jest/globals';
import { ByteWriter, Labels } from '@promethium/model';
import { CodecError, MessageTooLargeError } from '../errors.js';
import { decodeChunkedSeries, encodeChunkedSeries } from './chunked-series.js';
import { codecs } from './index.js';
import type { ChunkedSeries, WireChunk } from './wire-chunk.js';

const T0 = 1_700_000_000_000;

function chunk(i: number, length: number, encoding = 1 + (i % 2)): WireChunk {
  const bytes = Uint8Array.from({ length }, (_, k) => (i * 31 + k * 7) & 0xff);
  return { encoding, minT: T0 + i * 1_800_000, maxT: T0 + i * 1_800_000 + 1_785_000, bytes };
}

function series(rec: Record<string, string>, chunks: WireChunk[]): ChunkedSeries {
  return { labels: Labels.fromRecord(rec), chunks };
}

async function* of(messages: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* messages;
}

async function joined(messages: Uint8Array[]): Promise<ChunkedSeries[]> {
  const out: ChunkedSeries[] = [];
  for await (const s of decodeChunkedSeries(of(messages))) out.push(s);
  return out;
}

const mixed: ChunkedSeries[] = [
  series({ __name__: 'a', job: 'x' }, [chunk(0, 300), chunk(1, 1024)]),
  series({ __name__: 'b', job: 'x' }, []),
  series({ __name__: 'c', job: 'x', zone: 'éü' }, [
    chunk(2, 0),
    { encoding: 255, minT: -5, maxT: -5, bytes: Uint8Array.of(9) },
    chunk(3, 200),
  ]),
  series(
    { __name__: 'd', job: 'y' },
    Array.from({ length: 40 }, (_, i) => chunk(i, 100 + i * 20)),
  ),
];

describe('chunkedSeries codec', () => {
  it('round-trips series with their chunks, in order, including empty ones', () => {
    expect(codecs.chunkedSeries.decode(codecs.chunkedSeries.encode(mixed))).toEqual(mixed);
    expect(codecs.chunkedSeries.decode(codecs.chunkedSeries.encode([]))).toEqual([]);
  });

  it('adds a few bytes per chunk and writes each label string once per message', () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      series({ __name__: 'http_requests_total', instance: `host-${i}` }, [
        { ...chunk(i, 500), minT: T0, maxT: T0 + 1_785_000 },
      ]),
    );
    const encoded = codecs.chunkedSeries.encode(many);
    const text = Buffer.from(encoded).toString('latin1');
    expect(text.split('http_requests_total')).toHaveLength(2);
    // Per series: the chunk, its instance value (8 bytes), label indexes (~6) and chunk header (~8).
    expect(encoded.length).toBeLessThan(100 * (500 + 25));
  });

  it('refuses to encode a chunk the layout cannot carry', () => {
    const bad = (c: Partial<WireChunk>) => () =>
      codecs.chunkedSeries.encode([series({ a: 'b' }, [{ ...chunk(0, 4), ...c }])]);
    expect(bad({ encoding: 256 })).toThrow(/chunk encoding 256 is not a byte/);
    expect(bad({ encoding: 1.5 })).toThrow(CodecError);
    expect(bad({ minT: 10, maxT: 9 })).toThrow(/bounds \[10, 9\]/);
    expect(bad({ minT: 0.5 })).toThrow(CodecError);
    expect(bad({ minT: -(2 ** 52), maxT: 2 ** 52 })).toThrow(CodecError);
  });

  it('is not a sampleBatch, and the reverse', () => {
    expect(() => codecs.sampleBatch.decode(codecs.chunkedSeries.encode(mixed))).toThrow(
      /format byte 0x22, expected 0x01/,
    );
    expect(() => codecs.chunkedSeries.decode(codecs.sampleBatch.encode([]))).toThrow(
      /format byte 0x01, expected 0x22/,
    );
  });
});

describe('encodeChunkedSeries', () => {
  it.each([1200, 2000, 5000, 64 * 1024])(
    'keeps every message within %i bytes and rejoins to the input',
    async (maxBytes) => {
      const messages = [...encodeChunkedSeries(mixed, maxBytes)];
      for (const m of messages) expect(m.length).toBeLessThanOrEqual(maxBytes);
      expect(await joined(messages)).toEqual(mixed);
    },
  );

  it('continues a series in the next messages under the same labels', async () => {
    const long = [mixed[3]!];
    const messages = [...encodeChunkedSeries(long, 1500)];
    expect(messages.length).toBeGreaterThan(10);
    for (const m of messages) {
      const [piece, ...rest] = codecs.chunkedSeries.decode(m);
      expect(rest).toEqual([]);
      expect(piece!.labels).toEqual(long[0]!.labels);
    }
    expect(await joined(messages)).toEqual(long);
  });

  it('fills a message to exactly its budget', () => {
    const size = codecs.chunkedSeries.encode(mixed).length;
    expect([...encodeChunkedSeries(mixed, size)]).toHaveLength(1);
    expect([...encodeChunkedSeries(mixed, size - 1)]).toHaveLength(2);
  });

  it('encodes lazily, one message per step', () => {
    let read = 0;
    function* counted(): Generator<ChunkedSeries> {
      for (const s of mixed) {
        read++;
        yield s;
      }
    }
    const messages = encodeChunkedSeries(counted(), 1200);
    messages.next();
    expect(read).toBe(1);
  });

  it('yields no message for no series', () => {
    expect([...encodeChunkedSeries([], 100)]).toEqual([]);
  });

  it('refuses a limit too small for a series with one chunk', () => {
    expect(() => [...encodeChunkedSeries(mixed, 1000)]).toThrow(MessageTooLargeError);
  });
});

/** A chunkedSeries message with the given header bytes (its length prefixed) and chunk bytes. */
function raw(header: (w: ByteWriter) => void, chunkBytes: number[] = []): Uint8Array {
  const h = new ByteWriter();
  header(h);
  const w = new ByteWriter();
  w.byte(0x22);
  w.varint(h.length);
  w.bytes(h.written());
  w.bytes(Uint8Array.from(chunkBytes));
  return w.toBytes();
}

/** A header of one series without labels whose chunks `chunks` writes. */
function oneSeries(chunkCount: number, chunks: (w: ByteWriter) => void): (w: ByteWriter) => void {
  return (w) => {
    w.varint(0); // strings
    w.varint(1); // series
    w.varint(0); // labels
    w.varint(chunkCount);
    chunks(w);
  };
}

describe('chunkedSeries decoding of bad input', () => {
  const good = codecs.chunkedSeries.encode(mixed.slice(0, 3));

  it('throws CodecError for every truncation', () => {
    for (let len = 0; len < good.length; len++)
      expect(() => codecs.chunkedSeries.decode(good.subarray(0, len))).toThrow(CodecError);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['a wrong format byte', Uint8Array.of(0x21, 0, 0, 0), /format byte 0x21, expected 0x22/],
    ['a header longer than the message', Uint8Array.of(0x22, 5, 0, 0), /header length 5 exceeds/],
    [
      'a header longer than its length says',
      Uint8Array.of(0x22, 1, 0, 0),
      /the header ends here, not at byte 3 as its length says \(at byte 4\)/,
    ],
    [
      'a header shorter than its length says',
      Uint8Array.of(0x22, 3, 0, 0, 0),
      /the header ends here, not at byte 5/,
    ],
    ['trailing bytes', Uint8Array.of(0x22, 2, 0, 0, 9), /1 trailing bytes \(at byte 4\)/],
    [
      'chunk bytes past the end',
      raw(
        oneSeries(1, (w) => [1, 0, 0, 5].forEach((b) => w.varint(b))),
        [0xaa, 0xbb],
      ),
      /a chunk of 5 bytes at byte 10 runs past the end \(at byte 6\)/,
    ],
    [
      'a chunk end time past 2^53',
      raw(
        oneSeries(1, (w) => {
          w.byte(1);
          w.zigzag(2 ** 52 - 1);
          w.varint(2 ** 52 + 1);
          w.varint(0);
        }),
      ),
      /chunk times \[4503599627370495, 9007199254740992\] are out of range \(at byte 6\)/,
    ],
    ['an impossible chunk count', raw(oneSeries(100, () => undefined)), /chunk count 100 exceeds/],
    [
      'a string index past the table',
      raw((w) => [1, 1, 0x61, 1, 1, 0, 5, 0].forEach((b) => w.varint(b))),
      /string index 5 outside the table of 1/,
    ],
  ])('rejects %s', (_what, bytes, message) => {
    expect(() => codecs.chunkedSeries.decode(bytes)).toThrow(message);
  });

  it('rejects a malformed message inside a stream', async () => {
    const messages = [...encodeChunkedSeries(mixed, 2000)];
    messages[1] = messages[1]!.subarray(0, messages[1]!.length - 1);
    await expect(joined(messages)).rejects.toThrow(CodecError);
  });

  it('never fails with anything but CodecError on random garbage', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rnd() * 40) }, () =>
        Math.floor(rnd() * 256),
      );
      if (i % 2 === 0) bytes[0] = 0x22;
      try {
        codecs.chunkedSeries.decode(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(CodecError);
      }
    }
  });
});

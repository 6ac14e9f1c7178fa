import { describe, expect, it } from '@jest/globals';
import { parseOpenMetrics } from './openmetrics/parse.js';
import { parsePrometheusText } from './parse.js';
import { SeriesTextCache } from './series-text-cache.js';
import {
  OPENMETRICS_ALPHABET,
  OPENMETRICS_SEED,
  TEXT_ALPHABET,
  TEXT_SEED,
  mutate,
  prng,
} from './testing/fuzz.js';
import type { ParseResult } from './types.js';

// What a parse came to, comparable with toEqual: its samples with their label keys, or its error.
function outcomeOf(parse: () => ParseResult): unknown {
  try {
    const { samples, metadata } = parse();
    return {
      samples: samples.map((s) => ({ ...s, labels: s.labels.key(), exemplar: undefined })),
      metadata,
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('SeriesTextCache', () => {
  it('hands back the same label sets when the series come again', () => {
    const cache = new SeriesTextCache();
    const first = parsePrometheusText('a{x="1"} 1\nb 2\n', cache).samples;
    const second = parsePrometheusText('b 3\na{x="1"} 4\n', cache).samples;
    expect(second[0]!.labels).toBe(first[1]!.labels);
    expect(second[1]!.labels).toBe(first[0]!.labels);
    expect(second.map((s) => s.value)).toEqual([3, 4]);
  });

  it('forgets the series a complete parse lacked, and keeps them through a failed one', () => {
    const cache = new SeriesTextCache();
    parsePrometheusText('a 1\nb 1\nc 1\n', cache);
    expect(() => parsePrometheusText('a 1\nd{ 1\n', cache)).toThrow('line 2');
    expect(cache.size).toBe(3);
    parsePrometheusText('a 1\nb 1\n', cache);
    expect(cache.size).toBe(2);
  });

  it("serves a series text only to lines of its family's type", () => {
    const cache = new SeriesTextCache();
    const histogram = parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 1\n', cache);
    const untyped = parsePrometheusText('h_bucket{le="1"} 1\n', cache);
    expect(histogram.samples[0]!.labels.get('le')).toBe('1.0');
    expect(untyped.samples[0]!.labels.get('le')).toBe('1');
  });

  it('leaves the text format parsing as it does without it, body after body', () => {
    const rand = prng(5);
    const cache = new SeriesTextCache();
    for (let i = 0; i < 3000; i++) {
      const body = mutate(rand, TEXT_SEED, TEXT_ALPHABET);
      const cached = outcomeOf(() => parsePrometheusText(body, cache));
      expect({ i, outcome: cached }).toEqual({
        i,
        outcome: outcomeOf(() => parsePrometheusText(body)),
      });
    }
  });

  it('leaves lenient OpenMetrics parsing as it does without it, body after body', () => {
    const rand = prng(6);
    const cache = new SeriesTextCache();
    for (let i = 0; i < 3000; i++) {
      const body = mutate(rand, OPENMETRICS_SEED, OPENMETRICS_ALPHABET);
      const cached = outcomeOf(() => parseOpenMetrics(body, { cache }));
      expect({ i, outcome: cached }).toEqual({
        i,
        outcome: outcomeOf(() => parseOpenMetrics(body)),
      });
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { MessageTooLargeError } from '../errors.js';
import { codecs } from './index.js';
import { splitForJson } from './label-codecs.js';
import type { IndexStatsChunk, LabelsRequest } from './label-codecs.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('label codecs', () => {
  it('round-trip label requests, string chunks and stats chunks', () => {
    const names: LabelsRequest = {
      matchers: [{ type: '=', name: 'a', value: 'b' }],
      mint: -5,
      maxt: 9,
    };
    const values: LabelsRequest = { ...names, name: 'job' };
    const stats: IndexStatsChunk = {
      head: { numSeries: 2, minTime: null, maxTime: 7 },
      pairs: [['job', 'ü', 2]],
    };
    expect(codecs.labelsRequest.decode(codecs.labelsRequest.encode(names))).toEqual(names);
    expect(codecs.labelsRequest.decode(codecs.labelsRequest.encode(values))).toEqual(values);
    expect(codecs.stringsChunk.decode(codecs.stringsChunk.encode(['a', 'b']))).toEqual(['a', 'b']);
    expect(codecs.indexStatsChunk.decode(codecs.indexStatsChunk.encode(stats))).toEqual(stats);
    expect(codecs.indexStatsChunk.decode(bytes('{"pairs":[]}'))).toEqual({ pairs: [] });
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'a numeric label name',
      () => codecs.labelsRequest.decode(bytes('{"name":1,"matchers":[],"mint":0,"maxt":1}')),
      /labelsRequest.name: expected a string, got number/,
    ],
    [
      'a bad matcher',
      () =>
        codecs.labelsRequest.decode(
          bytes('{"matchers":[{"type":"~","name":"a","value":""}],"mint":0,"maxt":1}'),
        ),
      /labelsRequest.matchers\[0\].type: expected one of/,
    ],
    [
      'a non-string value',
      () => codecs.stringsChunk.decode(bytes('["a",null]')),
      /stringsChunk\[1\]: expected a string, got null/,
    ],
    [
      'a bad pair count',
      () => codecs.indexStatsChunk.decode(bytes('{"pairs":[["a","b","3"]]}')),
      /indexStatsChunk.pairs\[0\]\[2\]: expected a finite number, got string/,
    ],
  ])('names the field for %s', (_what, run, message) => {
    expect(run).toThrow(message);
  });
});

describe('splitForJson', () => {
  it('keeps every group within the budget, in order, and never returns no group', () => {
    const items = Array.from({ length: 50 }, (_, i) => `value-${i}`);
    const groups = splitForJson(items, 64, 10);
    expect(groups.flat()).toEqual(items);
    for (const g of groups) expect(bytes(JSON.stringify(g)).length).toBeLessThanOrEqual(54);
    expect(splitForJson([], 64)).toEqual([[]]);
  });

  it('refuses an item that cannot fit alone', () => {
    expect(() => splitForJson(['x'.repeat(100)], 64)).toThrow(MessageTooLargeError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { CodecError } from '../errors.js';
import { codecs } from './index.js';
import type { SelectRequest, TargetSet } from './json-codecs.js';

const set: TargetSet = {
  job: 'node exporter.prod',
  groups: [
    {
      source: 'file.json:0',
      targets: [{ __address__: 'a:9100' }, { __address__: 'b:9100' }],
      labels: { env: 'prod' },
    },
    { source: 'file.json:1', targets: [], labels: {} },
  ],
};
const select: SelectRequest = {
  matchers: [
    { type: '=', name: '__name__', value: 'up' },
    { type: '=~', name: 'job', value: 'api|db' },
  ],
  mint: -1000,
  maxt: 1_700_000_000_000,
};
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('JSON codecs', () => {
  it('round-trip target sets and select requests', () => {
    expect(codecs.targetSet.decode(codecs.targetSet.encode(set))).toEqual(set);
    expect(codecs.targetSets.decode(codecs.targetSets.encode([set, set]))).toEqual([set, set]);
    expect(codecs.selectRequest.decode(codecs.selectRequest.encode(select))).toEqual(select);
  });

  it('drops unknown fields', () => {
    const withExtra = bytes(JSON.stringify({ ...select, hint: 'x' }));
    expect(codecs.selectRequest.decode(withExtra)).toEqual(select);
  });

  it.each<[string, string, RegExp]>([
    ['broken JSON', '{"job":', /targetSet: invalid JSON/],
    ['a non-object', '[]', /targetSet: expected an object, got array/],
    ['a missing job', '{"groups":[]}', /targetSet.job: expected a string, got undefined/],
    [
      'a bad target',
      '{"job":"j","groups":[{"source":"s","labels":{},"targets":[{"__address__":1}]}]}',
      /targetSet.groups\[0\].targets\[0\]\["__address__"\]: expected a string, got number/,
    ],
    [
      'null labels',
      '{"job":"j","groups":[{"source":"s","targets":[],"labels":null}]}',
      /targetSet.groups\[0\].labels: expected an object, got null/,
    ],
  ])('names the field for %s in a target set', (_what, json, message) => {
    expect(() => codecs.targetSet.decode(bytes(json))).toThrow(message);
  });

  it.each<[string, string, RegExp]>([
    [
      'an unknown match type',
      '{"matchers":[{"type":"==","name":"a","value":"b"}],"mint":0,"maxt":1}',
      /matchers\[0\].type: expected one of = != =~ !~, got "=="/,
    ],
    [
      'a null time',
      '{"matchers":[],"mint":null,"maxt":1}',
      /selectRequest.mint: expected a finite number, got null/,
    ],
  ])('names the field for %s in a select request', (_what, json, message) => {
    expect(() => codecs.selectRequest.decode(bytes(json))).toThrow(message);
  });

  it('refuses invalid UTF-8, and refuses to encode a NaN time', () => {
    expect(() => codecs.targetSets.decode(Uint8Array.from([0x5b, 0xff, 0x5d]))).toThrow(
      /invalid UTF-8/,
    );
    expect(() => codecs.selectRequest.encode({ ...select, maxt: Number.NaN })).toThrow(CodecError);
  });
});

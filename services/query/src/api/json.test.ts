import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import {
  errorBody,
  formatFloat,
  formatSampleValue,
  jsonString,
  queryData,
  sampleTimestamp,
  successBody,
} from './json.js';

describe('formatFloat (Go FormatFloat f, -1)', () => {
  it.each([
    [1, '1'],
    [0, '0'],
    [-0, '-0'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1 / 3, '0.3333333333333333'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [1e-7, '0.0000001'],
    [-1.25e-10, '-0.000000000125'],
    [123456789012345680000, '123456789012345680000'],
    [Number.MAX_VALUE, '17976931348623157' + '0'.repeat(292)],
    [5e-324, '0.' + '0'.repeat(323) + '5'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%d -> %s', (v, want) => {
    expect(formatFloat(v)).toBe(want);
  });
});

describe('formatSampleValue (Prometheus jsonutil.MarshalFloat)', () => {
  it.each([
    [1, '1'],
    [0.000001, '0.000001'],
    [1e-7, '1e-07'],
    [-1.5e-7, '-1.5e-07'],
    [1e21, '1e+21'],
    [999999999999999900000, '999999999999999900000'],
    [1.2345e300, '1.2345e+300'],
    [0, '0'],
    [NaN, 'NaN'],
    [-Infinity, '-Inf'],
  ])('%d -> %s', (v, want) => {
    expect(formatSampleValue(v)).toBe(want);
  });
});

describe('sampleTimestamp (Prometheus jsonutil.MarshalTimestamp)', () => {
  it.each([
    [1_700_000_000_123, '1700000000.123'],
    [1_700_000_000_000, '1700000000'],
    [1_700_000_000_100, '1700000000.100'],
    [1_700_000_000_005, '1700000000.005'],
    [1, '0.001'],
    [0, '0'],
    [-1500, '-1.500'],
  ])('%d -> %s', (ms, want) => {
    expect(sampleTimestamp(ms)).toBe(want);
  });
});

describe('jsonString (Go encoding with HTML escaping)', () => {
  it.each([
    ['plain', '"plain"'],
    ['q"b\\', '"q\\"b\\\\"'],
    ['\n\r\t\b\f\x00\x1f', '"\\n\\r\\t\\u0008\\u000c\\u0000\\u001f"'],
    ['<a&b>', '"\\u003ca\\u0026b\\u003e"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['é😀\x7f', '"é😀\x7f"'],
    ['bad\ud800x', '"bad\\ufffdx"'],
  ])('%j -> %s', (s, want) => {
    expect(jsonString(s)).toBe(want);
  });
});

describe('query envelopes', () => {
  const labels = Labels.fromRecord({ __name__: 'up', job: 'x' });
  it('encodes each result type as Prometheus does', () => {
    expect(
      queryData({ kind: 'vector', series: [{ labels, t: 1_700_000_000_123, v: 1 }], warnings: [] }),
    ).toBe(
      '{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"x"},"value":[1700000000.123,"1"]}]}',
    );
    expect(
      queryData({
        kind: 'matrix',
        series: [
          {
            labels: Labels.EMPTY,
            samples: [
              { t: 1000, v: 0.5 },
              { t: 2500, v: NaN },
            ],
          },
        ],
        warnings: [],
      }),
    ).toBe('{"resultType":"matrix","result":[{"metric":{},"values":[[1,"0.5"],[2.500,"NaN"]]}]}');
    expect(queryData({ kind: 'scalar', t: 1_700_000_000_100, v: 1e21, warnings: [] })).toBe(
      '{"resultType":"scalar","result":[1700000000.1,"1000000000000000000000"]}',
    );
    expect(queryData({ kind: 'string', t: 5, v: 'a<b', warnings: [] })).toBe(
      '{"resultType":"string","result":[0.005,"a\\u003cb"]}',
    );
    expect(queryData({ kind: 'vector', series: [], warnings: [] })).toBe(
      '{"resultType":"vector","result":[]}',
    );
  });

  it('omits empty warnings and escapes errors', () => {
    expect(successBody('{}', [])).toBe('{"status":"success","data":{}}');
    expect(successBody('{}', ['w1'])).toBe('{"status":"success","data":{},"warnings":["w1"]}');
    expect(errorBody('bad_data', 'unexpected <op:*>')).toBe(
      '{"status":"error","errorType":"bad_data","error":"unexpected \\u003cop:*\\u003e"}',
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { decodeYaml, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field } from '../yaml/object.js';
import { anyValue, goDuration, goObject, int64, uint64, without } from './decode.js';

function decode<T>(decoder: Decoder<T>, yaml: string): T {
  return decodeYaml(yaml, 'am.yml', decoder).value;
}

describe('Go-flavoured decoders', () => {
  const shape = goObject(
    { hello: field('hello', str, 'localhost'), from: field('from', str, 'x') },
    { hello: '' },
  );

  it('gives an explicitly empty field its zero value, an absent one its default', () => {
    expect(decode(shape, '{}')).toEqual({ hello: 'localhost', from: 'x' });
    expect(decode(shape, 'hello:\nfrom:\n')).toEqual({ hello: '', from: 'x' });
    expect(decode(shape, 'hello: me\n')).toEqual({ hello: 'me', from: 'x' });
  });

  it('reads Go integers', () => {
    expect(decode(int64, '-12')).toBe(-12);
    expect(decode(uint64, '0x10')).toBe(16);
    expect(decode(uint64, '2.9')).toBe(2);
    expect(() => decode(uint64, '-1')).toThrow(
      'am.yml:1:1: cannot unmarshal !!int `-1` into uint64',
    );
    expect(() => decode(int64, '"5"')).toThrow('cannot unmarshal !!str `5` into int64');
    expect(() => decode(int64, '[1]')).toThrow('cannot unmarshal !!seq into int64');
  });

  it('reads Go time.Duration fields', () => {
    expect(decode(goDuration, '1m30s')).toBe(90_000);
    expect(decode(goDuration, '5000000')).toBe(5);
    expect(() => decode(goDuration, '1d')).toThrow(
      'cannot unmarshal !!str `1d` into time.Duration',
    );
  });

  it('keeps any YAML value as plain data', () => {
    expect(decode(anyValue, '{a: [1, true, ~, x], b: {c: 1.5}}')).toEqual({
      a: [1, true, null, 'x'],
      b: { c: 1.5 },
    });
  });

  it('copies objects without some properties', () => {
    expect(without({ a: 1, b: 2, c: 3 }, 'b')).toEqual({ a: 1, c: 3 });
  });
});

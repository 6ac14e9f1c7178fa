import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from './errors.js';
import { parsePrometheusText } from './parse.js';

const valueOf = (text: string) => parsePrometheusText(`m ${text}\n`).samples[0]!.value;
const timestampOf = (text: string) => parsePrometheusText(`m 1 ${text}\n`).samples[0]!.timestampMs;

describe('sample values (Go ParseFloat without hex floats and underscores)', () => {
  it('reads plain decimals of up to 17 digits exactly as Number() rounds them', () => {
    let seed = 7;
    const digit = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return String(seed % 10);
    };
    for (let i = 0; i < 20000; i++) {
      const length = 1 + (i % 17);
      const dot = i % 3 === 0 ? -1 : (i * 7) % (length + 1);
      let text = i % 2 === 0 ? '-' : '';
      for (let d = 0; d < length; d++) text += (d === dot ? '.' : '') + digit();
      expect({ text, value: valueOf(text) }).toEqual({ text, value: Number(text) });
    }
  });

  it.each([
    ['1', 1],
    ['-1', -1],
    ['+1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['007', 7],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['+1.5e+3', 1500],
    ['0', 0],
    ['-0', -0],
    ['NaN', Number.NaN],
    ['nan', Number.NaN],
    ['NAN', Number.NaN],
    ['Inf', Infinity],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['inf', Infinity],
    ['INF', Infinity],
    ['+infinity', Infinity],
    ['-Infinity', -Infinity],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['4.9e-324', Number.MIN_VALUE],
    ['1e-400', 0],
    ['0.30000000000000004', 0.1 + 0.2],
  ])('reads %s', (text, want) => {
    expect(Object.is(valueOf(text), want)).toBe(true);
  });

  it.each([
    ['0x1p3', /invalid value "0x1p3"/],
    ['0x10', /invalid value/],
    ['1_000', /invalid value/],
    ['1e', /invalid value/],
    ['1e+', /invalid value/],
    ['.', /invalid value/],
    ['+', /invalid value/],
    ['e5', /invalid value/],
    ['1.2.3', /invalid value/],
    ['--1', /invalid value/],
    ['+NaN', /invalid value/],
    ['-nan', /invalid value/],
    ['infinit', /invalid value/],
    ['Infinityy', /invalid value/],
    ['1,5', /invalid value/],
    ['1e400', /value 1e400 is out of the float64 range/],
    ['-1e400', /out of the float64 range/],
  ])('refuses %s at the value column', (text, message) => {
    expect(() => valueOf(text)).toThrow(message);
    expect(() => valueOf(text)).toThrow(/^line 1, column 3: /);
  });
});

describe('timestamps (Go ParseInt, within ±2^53)', () => {
  it.each([
    ['123', 123],
    ['1700000000000', 1_700_000_000_000],
    ['-5', -5],
    ['+5', 5],
    ['0', 0],
    ['-0', 0],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads %s', (text, want) => {
    expect(Object.is(timestampOf(text), want)).toBe(true);
  });

  it.each([
    ['1.5', /invalid timestamp "1.5"/],
    ['1e3', /invalid timestamp/],
    ['-', /invalid timestamp "-"/],
    ['0x10', /invalid timestamp/],
    ['12x', /invalid timestamp "12x"/],
    ['9007199254740992', /out of range/],
    ['99999999999999999999', /out of range/],
  ])('refuses %s at the timestamp column', (text, message) => {
    expect(() => timestampOf(text)).toThrow(ExpositionError);
    expect(() => timestampOf(text)).toThrow(message);
    expect(() => timestampOf(text)).toThrow(/^line 1, column 5: /);
  });
});

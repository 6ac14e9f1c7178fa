import { describe, expect, it } from '@jest/globals';
import { labelNameProblem, labelValueProblem } from './labels.js';

describe('label validation', () => {
  it.each(['a', '_', '__name__', 'job', 'A_1', 'z9'])('accepts the name %j', (name) => {
    expect(labelNameProblem(name)).toBeUndefined();
  });

  it.each(['', '1a', 'a-b', 'a.b', 'a b', 'ä', 'a:b'])('rejects the name %j', (name) => {
    expect(labelNameProblem(name)).toBe(`${JSON.stringify(name)} is not a valid label name`);
  });

  it.each(['', 'any text', 'ünïcödé', '😀', 'tab\there', '\u0000'])(
    'accepts the value %j',
    (value) => {
      expect(labelValueProblem(value)).toBeUndefined();
    },
  );

  it.each(['\ud800', 'a\udc00b'])('rejects the unpaired surrogate in %j', (value) => {
    expect(labelValueProblem(value)).toBe(`${JSON.stringify(value)} is not a valid label value`);
  });
});

import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from './errors.js';
import { parsePrometheusText } from './parse.js';

function errorOf(body: string): ExpositionError {
  try {
    parsePrometheusText(body);
  } catch (err) {
    if (err instanceof ExpositionError) return err;
    throw err;
  }
  throw new Error(`parsed without error: ${JSON.stringify(body)}`);
}

describe('ExpositionError', () => {
  it.each([
    // Sample lines.
    ['up{a="1" b="2"} 1', 1, 10, `expected ',' or '}' after the value of label "a", got 'b'`],
    ['up{a 1', 1, 6, `expected '=' after label name "a", got '1'`],
    ['up{a=1} 1', 1, 6, `expected '"' to open the value of label "a", got '1'`],
    ['up{1="x"} 1', 1, 4, `expected label name or '}', got '1'`],
    ['up{,} 1', 1, 4, `expected label name or '}', got ','`],
    ['up{a="1",,} 1', 1, 10, `expected label name or '}', got ','`],
    ['up{a="1"', 1, 9, `expected ',' or '}' after the value of label "a", got end of input`],
    ['up{a="1",a="2"} 1', 1, 10, 'duplicate label name "a"'],
    ['up{__name__="x"} 1', 1, 4, 'duplicate label name "__name__"'],
    ['up{a="x\ny"} 1', 1, 8, 'label value is not closed before the end of the line'],
    ['up{a="x\\\ny"} 1', 1, 9, 'label value is not closed before the end of the line'],
    ['up{a="x\\"', 1, 6, 'label value is not closed before the end of input'],
    ['up{a="x', 1, 6, 'label value is not closed before the end of input'],
    ['up', 1, 3, 'expected value, got end of input'],
    ['up\n', 1, 3, 'expected value, got end of line'],
    ['up{} ', 1, 6, 'expected value, got end of input'],
    ['up{a="1"}{} 1', 1, 10, `expected value, got '{'`],
    ['up 1{', 1, 5, `expected timestamp or end of line after the value, got '{'`],
    ['up 1 2 3', 1, 8, `expected end of line after the timestamp, got '3'`],
    ['up abc', 1, 4, 'invalid value "abc"'],
    ['1up 1', 1, 1, `expected metric name, comment or blank line, got '1'`],
    ['{a="1"} 1', 1, 1, `expected metric name, comment or blank line, got '{'`],
    ['\0up 1', 1, 1, `expected metric name, comment or blank line, got '\\u0000'`],
    ['"up" 1', 1, 1, `expected metric name, comment or blank line, got '\\"'`],
    [
      'up 1\r\n',
      1,
      5,
      "expected timestamp or end of line after the value, got carriage return (lines must end with '\\n' alone)",
    ],
    ['up 1 5\r\n', 1, 7, 'expected end of line after the timestamp, got carriage return'],
    ['up{a="1"\r} 1', 1, 9, 'got carriage return'],
    // Lines are counted across comments and blank lines.
    ['# HELP up x\n\nup 1\nup{a=} 1', 4, 6, `expected '"' to open the value of label "a", got '}'`],
    ['a 1\r\nb 1', 1, 4, 'got carriage return'],
    // HELP and TYPE lines.
    ['# HELP 1up x', 1, 8, `expected metric name after HELP, got '1'`],
    ['# HELP \n', 1, 8, 'expected metric name after HELP, got end of line'],
    ['# HELP up.x text', 1, 10, `expected whitespace after metric name "up", got '.'`],
    ['# TYPE up', 1, 10, 'expected whitespace after metric name "up", got end of input'],
    ['# TYPE up ', 1, 11, 'expected metric type after metric name "up", got end of input'],
    [
      '# TYPE up bogus',
      1,
      11,
      'unknown metric type "bogus" (want counter, gauge, histogram, summary or untyped)',
    ],
    ['# TYPE up Counter', 1, 11, 'unknown metric type "Counter"'],
    ['# TYPE up gaugehistogram', 1, 11, 'unknown metric type "gaugehistogram"'],
    ['# TYPE up counter extra', 1, 19, `expected end of line after metric type "counter", got 'e'`],
    ['# TYPE up counter\r\n', 1, 18, 'got carriage return'],
    ['# TYPE\tis not a name?', 1, 15, `expected end of line after metric type "not", got 'a'`],
    ['# TYPE up counter\n# TYPE up gauge', 2, 8, 'second TYPE line for metric name "up"'],
    ['# HELP up a\n# HELP up b', 2, 8, 'second HELP line for metric name "up"'],
    [
      'up 1\n# TYPE up counter',
      2,
      8,
      'TYPE line for metric name "up" after samples of that metric',
    ],
    ['# TYPE h histogram\nh_bucket{le="1"} 1\n# TYPE h histogram', 3, 8, 'second TYPE line'],
  ])('reports %j at line %i, column %i', (body, line, column, detail) => {
    const err = errorOf(body);
    expect(err).toMatchObject({ name: 'ExpositionError', code: 'parse_error', line, column });
    expect(err.message.startsWith(`line ${line}, column ${column}: `)).toBe(true);
    expect(err.detail).toContain(detail);
  });
});

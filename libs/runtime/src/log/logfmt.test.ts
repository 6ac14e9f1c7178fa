import { describe, expect, it } from '@jest/globals';
import { formatLogfmtValue, jsonLineToLogfmt } from './logfmt.js';

describe('jsonLineToLogfmt', () => {
  it.each([
    [
      {
        level: 'info',
        time: '2026-11-24T18:00:00.000Z',
        service: 'query',
        msg: 'started',
        port: 9090,
      },
      'ts=2026-11-24T18:00:00.000Z level=info service=query msg=started port=9090',
    ],
    [
      { level: 'warn', time: 't', service: 's', component: 'http', msg: 'slow query', ok: false },
      'ts=t level=warn service=s msg="slow query" component=http ok=false',
    ],
    [
      {
        level: 'error',
        time: 't',
        service: 's',
        err: { type: 'Error', message: 'boom "x"', stack: 'Error: boom\n at f' },
        msg: 'failed',
      },
      'ts=t level=error service=s msg=failed err="boom \\"x\\""',
    ],
    [
      {
        level: 'info',
        time: 't',
        msg: 'x',
        query: 'up{job="a"}',
        eq: 'a=b',
        empty: '',
        nothing: null,
      },
      'ts=t level=info msg=x query="up{job=\\"a\\"}" eq="a=b" empty="" nothing=null',
    ],
    [
      { level: 'info', time: 't', msg: 'multi\nline', path: 'C:\\dir', tab: 'a\tb' },
      'ts=t level=info msg="multi\\nline" path="C:\\\\dir" tab="a\\tb"',
    ],
    [
      { level: 'info', time: 't', msg: 'm', labels: { job: 'a b' }, list: [1, 2], 'bad key': 'v' },
      'ts=t level=info msg=m labels="{\\"job\\":\\"a b\\"}" list=[1,2] bad_key=v',
    ],
  ])('formats %j', (record, want) => {
    expect(jsonLineToLogfmt(JSON.stringify(record) + '\n')).toBe(want + '\n');
  });

  it('passes through a line that is not a JSON object', () => {
    expect(jsonLineToLogfmt('plain text\n')).toBe('plain text\n');
    expect(jsonLineToLogfmt('[1]\n')).toBe('[1]\n');
  });
});

describe('formatLogfmtValue', () => {
  it.each([
    ['simple', 'simple'],
    ['', '""'],
    ['with space', '"with space"'],
    ['k=v', '"k=v"'],
    ['quote"d', '"quote\\"d"'],
    ['back\\slash', '"back\\\\slash"'],
    ['bell\u0007', '"bell\\u0007"'],
    ['unicode-ü', 'unicode-ü'],
  ])('%j -> %s', (value, want) => {
    expect(formatLogfmtValue(value)).toBe(want);
  });
});

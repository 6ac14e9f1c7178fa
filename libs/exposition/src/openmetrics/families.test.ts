import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from '../errors.js';
import { parseOpenMetrics } from './parse.js';

function strictErrorOf(lines: string[]): ExpositionError {
  try {
    parseOpenMetrics([...lines, '# EOF'].join('\n'), { strict: true });
  } catch (err) {
    if (err instanceof ExpositionError) return err;
    throw err;
  }
  throw new Error(`parsed without error: ${JSON.stringify(lines)}`);
}

describe('OpenMetrics families in strict mode', () => {
  it.each([
    [['# TYPE a gauge', '# TYPE a gauge'], 2, 8, 'second TYPE line for metric family "a"'],
    [
      ['# HELP a x', '# TYPE a gauge', '# HELP a y'],
      3,
      8,
      'second HELP line for metric family "a"',
    ],
    [['# UNIT a_s s', '# UNIT a_s s'], 2, 8, 'second UNIT line for metric family "a_s"'],
    [
      ['# TYPE a gauge', 'a 1', '# HELP a x'],
      3,
      8,
      'HELP line for metric family "a" after its samples',
    ],
    [['a 1', '# TYPE a gauge'], 2, 8, 'TYPE line for metric family "a" after its samples'],
    [
      ['# TYPE a_s info', '# UNIT a_s s'],
      2,
      12,
      'metric family "a_s" of type info cannot have a unit',
    ],
    [
      ['# UNIT a_s s', '# TYPE a_s stateset'],
      2,
      12,
      'metric family "a_s" of type stateset cannot have a unit',
    ],
    [
      ['# TYPE a_created gauge', '# TYPE a counter'],
      2,
      8,
      'metric family "a" clashes with metric family "a_created": both may have samples named "a_created"',
    ],
    [
      ['# TYPE a counter', '# TYPE a_total gauge'],
      2,
      8,
      'metric family "a_total" clashes with metric family "a": both may have samples named "a_total"',
    ],
    [
      ['# TYPE a gauge', 'a 1', '# TYPE b gauge', '# HELP a x'],
      4,
      8,
      `metric family "a" appears a second time (a family's lines must be contiguous)`,
    ],
    [
      ['# TYPE a gauge', 'a 1', 'b 1', 'a 2'],
      4,
      1,
      'samples named "a" belong to metric family "a", which ended earlier (families must not be interleaved)',
    ],
    [
      ['# TYPE a counter', 'a_total 1', '# TYPE b gauge', 'a_created 1'],
      4,
      1,
      'samples named "a_created" belong to metric family "a", which ended earlier',
    ],
    [
      ['# TYPE a counter', 'a 1'],
      2,
      1,
      'metric family "a" of type counter has no samples named "a" (want a_total or a_created)',
    ],
    [
      ['# TYPE a info', 'a 1'],
      2,
      1,
      'metric family "a" of type info has no samples named "a" (want a_info)',
    ],
  ])('refuses %j at %i:%i', (lines, line, column, message) => {
    const err = strictErrorOf(lines);
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.detail).toContain(message);
  });

  it('assigns samples to families by the suffixes of their type', () => {
    const body = [
      '# TYPE a histogram',
      '# TYPE a_total gauge',
      'a_total 1',
      '# TYPE s summary',
      's_count 1',
      's_sum 1',
      's_created 1',
      's{quantile="1"} 1',
      '# EOF',
    ].join('\n');
    const { samples, metadata } = parseOpenMetrics(body, { strict: true });
    expect(samples.map((s) => s.name)).toEqual(['a_total', 's_count', 's_sum', 's_created', 's']);
    expect([...metadata.keys()]).toEqual(['a', 'a_total', 's']);
  });
});

describe('OpenMetrics families when lenient', () => {
  it('takes repeated, late and interleaved metadata and families as Prometheus does', () => {
    const body = [
      '# TYPE a gauge',
      '# TYPE a counter',
      'a_total 1',
      '# HELP a late help',
      'b 1',
      'a_total 2',
      '# HELP a later help',
      '# TYPE x_u info',
      '# UNIT x_u u',
      'a 5',
      '# EOF',
    ].join('\n');
    const { samples, metadata } = parseOpenMetrics(body);
    expect(samples.map((s) => `${s.name} ${s.value}`)).toEqual([
      'a_total 1',
      'b 1',
      'a_total 2',
      'a 5',
    ]);
    expect(Object.fromEntries(metadata)).toEqual({
      a: { type: 'counter', help: 'later help' },
      x_u: { type: 'info', unit: 'u' },
    });
  });
});

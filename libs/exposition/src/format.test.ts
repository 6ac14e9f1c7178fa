import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { formatGoFloat } from './float-format.js';
import { formatPrometheusText } from './format.js';
import type { TextFamily } from './format.js';
import { parsePrometheusText } from './parse.js';

function sample(labels: Record<string, string>, value: number, timestampMs?: number) {
  return { labels: Labels.fromRecord(labels), value, timestampMs };
}

describe('formatPrometheusText', () => {
  it('writes HELP, TYPE and samples as expfmt does', () => {
    const text = formatPrometheusText([
      {
        name: 'http_requests_total',
        type: 'counter',
        help: 'Requests \\ served\nso far.',
        samples: [
          sample(
            { __name__: 'http_requests_total', path: '/a"b\\c\nd', code: '200' },
            1027,
            1700000000123,
          ),
          sample({ __name__: 'http_requests_total' }, 0),
        ],
      },
      { name: 'up', samples: [sample({ __name__: 'up' }, 1)] },
    ]);
    expect(text).toBe(
      [
        '# HELP http_requests_total Requests \\\\ served\\nso far.',
        '# TYPE http_requests_total counter',
        'http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 1027 1700000000123',
        'http_requests_total 0',
        'up 1',
        '',
      ].join('\n'),
    );
  });

  it('writes OpenMetrics-only types as their nearest text format type', () => {
    const types = (['unknown', 'info', 'stateset', 'gaugehistogram'] as const).map((type) =>
      formatPrometheusText([{ name: 'm', type, samples: [] }]),
    );
    expect(types).toEqual([
      '# TYPE m untyped\n',
      '# TYPE m gauge\n',
      '# TYPE m gauge\n',
      '# TYPE m histogram\n',
    ]);
  });

  it('refuses a sample without __name__', () => {
    expect(() => formatPrometheusText([{ name: 'm', samples: [sample({ a: '1' }, 1)] }])).toThrow(
      'a sample of metric family "m" has no __name__',
    );
  });

  it('round-trips through parsePrometheusText', () => {
    const families: TextFamily[] = [
      {
        name: 'rpc_seconds',
        type: 'summary',
        help: 'Latency with "quotes", a \\ and\na line feed.',
        samples: [
          sample({ __name__: 'rpc_seconds', quantile: '0.5' }, 0.1 + 0.2),
          sample({ __name__: 'rpc_seconds', quantile: '0.99' }, Number.NaN),
          sample({ __name__: 'rpc_seconds_sum' }, 1e21),
          sample({ __name__: 'rpc_seconds_count' }, 5e-324, -1),
        ],
      },
      {
        name: 'temp',
        type: 'gauge',
        samples: [
          sample({ __name__: 'temp', where: 'a\\"b\n{}=,' }, -Infinity),
          sample({ __name__: 'temp', where: 'ü 🏔' }, Infinity, 0),
        ],
      },
    ];
    const parsed = parsePrometheusText(formatPrometheusText(families));
    const written = families.flatMap((f) => f.samples);
    expect(parsed.samples.map((s) => [s.labels.key(), s.value, s.timestampMs])).toEqual(
      written.map((s) => [s.labels.key(), s.value, s.timestampMs]),
    );
    expect(parsed.metadata.get('rpc_seconds')).toEqual({
      type: 'summary',
      help: families[0]!.help,
    });
    expect(parsed.metadata.get('temp')).toEqual({ type: 'gauge' });
  });
});

describe('formatGoFloat', () => {
  it.each([
    [1, '1'],
    [0, '0'],
    [-0, '0'],
    [-1, '-1'],
    [0.5, '0.5'],
    [100000, '100000'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('formats %p as %s, as expfmt does', (f, want) => {
    expect(formatGoFloat(f)).toBe(want);
  });
});

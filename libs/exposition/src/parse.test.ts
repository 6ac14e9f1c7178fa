import { describe, expect, it } from '@jest/globals';
import { parsePrometheusText } from './parse.js';

// Each sample as `{labels} value [timestamp]` in Labels' canonical text form.
function render(body: string): string[] {
  return parsePrometheusText(body).samples.map((s) =>
    [
      s.labels.toString(),
      String(s.value),
      ...(s.timestampMs === undefined ? [] : [s.timestampMs]),
    ].join(' '),
  );
}

describe('parsePrometheusText samples', () => {
  it.each([
    ['a bare sample', 'up 1\n', ['{__name__="up"} 1']],
    ['a timestamp', 'up 1 1700000000000\n', ['{__name__="up"} 1 1700000000000']],
    ['no final newline', 'up 1', ['{__name__="up"} 1']],
    ['an empty body', '', []],
    ['blank and blank-only lines', '\n  \n\t\nup 1\n\n', ['{__name__="up"} 1']],
    ['leading and trailing blanks', '  up  1\t 5 \t\n', ['{__name__="up"} 1 5']],
    ['tabs as separators', 'up\t1\t5\n', ['{__name__="up"} 1 5']],
    ['labels', 'up{job="api",instance="a:1"} 1', ['{__name__="up", instance="a:1", job="api"} 1']],
    ['a trailing comma', 'up{job="api",} 1', ['{__name__="up", job="api"} 1']],
    ['empty braces', 'up{} 1', ['{__name__="up"} 1']],
    [
      'blanks around label tokens',
      'up { job = "api" , x="y" , } 1',
      ['{__name__="up", job="api", x="y"} 1'],
    ],
    ['braces right after the value position', 'up{a="1"}1', ['{__name__="up", a="1"} 1']],
    ['an empty label value, dropped', 'up{job=""} 1', ['{__name__="up"} 1']],
    [
      'colons and underscores in names',
      '_job:rate5m:sum{__x_1="v"} 2',
      ['{__name__="_job:rate5m:sum", __x_1="v"} 2'],
    ],
    ['a name starting with a colon', ':m 1', ['{__name__=":m"} 1']],
    ['UTF-8 in label values', 'm{city="Zürich 🏔"} 1', ['{__name__="m", city="Zürich 🏔"} 1']],
    [
      'several samples in order',
      'b 2\na 1\nb{x="1"} 3',
      ['{__name__="b"} 2', '{__name__="a"} 1', '{__name__="b", x="1"} 3'],
    ],
    ['a repeated series, kept', 'a 1\na 2', ['{__name__="a"} 1', '{__name__="a"} 2']],
  ])('reads %s', (_, body, want) => {
    expect(render(body)).toEqual(want);
  });

  it.each([
    ['\\\\', '\\'],
    ['\\"', '"'],
    ['\\n', '\n'],
    ['a\\\\nb', 'a\\nb'],
    ['\\t', '\\t'],
    ['\\x', '\\x'],
    ['tab\there', 'tab\there'],
    ['#{}=, ', '#{}=, '],
  ])('decodes the label value "%s" as %j', (escaped, want) => {
    const [sample] = parsePrometheusText(`m{v="${escaped}"} 1`).samples;
    expect(sample!.labels.get('v')).toBe(want);
  });

  it('gives each sample its name, its labels with __name__, and its timestamp or none', () => {
    const [a, b] = parsePrometheusText('http_requests_total{code="200"} 3 1000\nup 1\n').samples;
    expect(a!.name).toBe('http_requests_total');
    expect(a!.labels.toRecord()).toEqual({ __name__: 'http_requests_total', code: '200' });
    expect(a!.timestampMs).toBe(1000);
    expect(b!.timestampMs).toBeUndefined();
  });

  it.each([
    ['#comment'],
    ['# a comment'],
    ['#'],
    ['# HELPER not metadata'],
    ['# HELP'],
    ['# TYPE'],
    ['#HELP up x'],
    ['   # indented comment'],
  ])('skips the comment %j', (line) => {
    const result = parsePrometheusText(`${line}\nup 1\n`);
    expect(result.samples).toHaveLength(1);
    expect(result.metadata.size).toBe(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from '../errors.js';
import { parseOpenMetrics } from './parse.js';

const MODES = [false, true];

// Each sample as `{labels} value [timestamp] [# {labels} value [timestamp]]`.
function render(body: string, strict: boolean): string[] {
  return parseOpenMetrics(body, { strict }).samples.map((s) => {
    const parts = [s.labels.toString(), String(s.value)];
    if (s.timestampMs !== undefined) parts.push(String(s.timestampMs));
    const e = s.exemplar;
    if (e !== undefined) {
      parts.push('#', e.labels.toString(), String(e.value));
      if (e.timestampMs !== undefined) parts.push(String(e.timestampMs));
    }
    return parts.join(' ');
  });
}

function errorOf(body: string, strict: boolean): ExpositionError {
  try {
    parseOpenMetrics(body, { strict });
  } catch (err) {
    if (err instanceof ExpositionError) return err;
    throw err;
  }
  throw new Error(`parsed without error: ${JSON.stringify(body)}`);
}

describe.each(MODES)('parseOpenMetrics (strict: %p) samples', (strict) => {
  it.each([
    ['a sample', 'a 1\n# EOF\n', ['{__name__="a"} 1']],
    ['no line feed after # EOF', 'a 1\n# EOF', ['{__name__="a"} 1']],
    ['nothing but # EOF', '# EOF\n', []],
    ['labels, in any order', 'a{b="2",a="1"} 1\n# EOF', ['{__name__="a", a="1", b="2"} 1']],
    ['empty braces', 'a{} 1\n# EOF', ['{__name__="a"} 1']],
    ['an empty label value, dropped', 'a{b=""} 1\n# EOF', ['{__name__="a"} 1']],
    [
      'special values',
      'a NaN\nb +Inf\nc -inf\n# EOF',
      ['{__name__="a"} NaN', '{__name__="b"} Infinity', '{__name__="c"} -Infinity'],
    ],
    ['leading zeros and exponents', 'a 007.5e1\n# EOF', ['{__name__="a"} 75']],
    ['a timestamp in seconds', 'a 1 1.5\n# EOF', ['{__name__="a"} 1 1500']],
    [
      'a timestamp truncated to ms',
      'a 1 1.0019\nb 1 -0.0001\n# EOF',
      ['{__name__="a"} 1 1001', '{__name__="b"} 1 0'],
    ],
    [
      'a counter exemplar with a timestamp',
      '# TYPE a counter\na_total 3 # {trace_id="x y"} 0.5 1.25\n# EOF',
      ['{__name__="a_total"} 3 # {trace_id="x y"} 0.5 1250'],
    ],
    [
      'an exemplar after a timestamp, with no labels',
      '# TYPE a counter\na_total 3 2 # {} 7\n# EOF',
      ['{__name__="a_total"} 3 2000 # {} 7'],
    ],
    [
      '# and braces inside label values',
      '# TYPE a counter\na_total{x="} # {"} 1 # {y="# {"} 1\n# EOF',
      ['{__name__="a_total", x="} # {"} 1 # {y="# {"} 1'],
    ],
    [
      '_created lines as samples of their own',
      '# TYPE a counter\na_total 3\na_created 1700000000.5\n# EOF',
      ['{__name__="a_total"} 3', '{__name__="a_created"} 1700000000.5'],
    ],
  ])('reads %s', (_, body, want) => {
    expect(render(body, strict)).toEqual(want);
  });

  it.each([
    ['\\\\', '\\'],
    ['\\"', '"'],
    ['\\n', '\n'],
    ['\\z', '\\z'],
    ['\0\t', '\0\t'],
  ])('decodes the label value "%s" as %j', (escaped, want) => {
    const [sample] = parseOpenMetrics(`a{v="${escaped}"} 1\n# EOF`, { strict }).samples;
    expect(sample!.labels.get('v')).toBe(want);
  });

  it('normalises le of histograms and quantile of summaries, as Prometheus does', () => {
    const body = [
      '# TYPE h histogram',
      'h_bucket{le="1"} 0',
      'h_bucket{le="1e+01"} 0',
      'h_bucket{le="+Inf"} 0',
      '# TYPE s summary',
      's{quantile="0.50"} 1',
      '# TYPE g gaugehistogram',
      'g_bucket{le="1"} 0',
      'g_bucket{le="+Inf"} 0',
      '# EOF',
    ].join('\n');
    const values = parseOpenMetrics(body, { strict }).samples.map(
      (s) => s.labels.get('le') || s.labels.get('quantile'),
    );
    expect(values).toEqual(['1.0', '10.0', '+Inf', '0.5', '1', '+Inf']);
  });

  it('gathers HELP, TYPE and UNIT by family, unescaping HELP and leaving out empty ones', () => {
    const body = [
      '# TYPE a_seconds counter',
      '# UNIT a_seconds seconds',
      '# HELP a_seconds Time \\"spent\\"\\nin \\\\ total.',
      '# HELP b ',
      '# UNIT b ',
      '# EOF',
    ].join('\n');
    const { metadata } = parseOpenMetrics(body, { strict });
    expect(Object.fromEntries(metadata)).toEqual({
      a_seconds: { type: 'counter', unit: 'seconds', help: 'Time "spent"\nin \\ total.' },
      b: { type: 'unknown' },
    });
  });
});

describe.each(MODES)('parseOpenMetrics (strict: %p) syntax errors', (strict) => {
  it.each([
    ['', 1, 1, 'expected "# EOF" as the last line, got end of input'],
    ['a 1\n', 2, 1, 'expected "# EOF" as the last line, got end of input'],
    ['a 1', 1, 4, 'expected end of line and "# EOF" as the last line, got end of input'],
    ['# EOF\n\n', 2, 1, 'unexpected text after "# EOF" (it must be the last line)'],
    ['# EOF\na 1\n', 2, 1, 'unexpected text after "# EOF" (it must be the last line)'],
    ['# EOF ', 1, 6, `expected end of line after "# EOF", got ' '`],
    ['a 1\n\n# EOF', 2, 1, 'blank lines are not allowed'],
    [' a 1\n# EOF', 1, 1, `expected metric name or "#", got ' '`],
    ['#comment\n# EOF', 1, 2, `expected ' ' after '#' (OpenMetrics has no comments), got 'c'`],
    ['# a comment\n# EOF', 1, 3, `expected HELP, TYPE, UNIT or EOF after "# ", got 'a'`],
    ['# HELPS a x\n# EOF', 1, 3, 'expected HELP, TYPE, UNIT or EOF after "# ", got "HELPS"'],
    [
      '# TYPE a  gauge\n# EOF',
      1,
      10,
      'unknown metric type "" (want counter, gauge, histogram, gaugehistogram, summary, stateset, info or unknown)',
    ],
    [
      '# TYPE a gauge\r\n# EOF',
      1,
      15,
      'expected end of line after metric type "gauge", got carriage return',
    ],
    ['a 1\r\n# EOF', 1, 4, `expected ' ' or end of line after the value, got carriage return`],
    ['a  1\n# EOF', 1, 3, `expected value, got ' '`],
    ['a\t1\n# EOF', 1, 2, `expected ' ' or '{' after metric name "a", got '\\t'`],
    ['a{b="1"}  1\n# EOF', 1, 10, `expected value, got ' '`],
    ['a {b="1"} 1\n# EOF', 1, 3, 'invalid value "{b=\\"1\\"}"'],
    ['a{b = "1"} 1\n# EOF', 1, 4, `expected '=' after label name "b", got ' '`],
    ['a{b="1" } 1\n# EOF', 1, 8, `expected ',' or '}' after the value of label "b", got ' '`],
    ['a{b="1",,} 1\n# EOF', 1, 9, `expected label name, got ','`],
    ['a{b="1",b="2"} 1\n# EOF', 1, 9, 'duplicate label name "b"'],
    [
      'a{__name__="b"} 1\n# EOF',
      1,
      3,
      strict ? 'label name "__name__" is reserved' : 'duplicate label name "__name__"',
    ],
    ['a{b="1\n"} 1\n# EOF', 1, 7, 'label value is not closed before the end of the line'],
    ['a 1 2 3\n# EOF', 1, 7, `expected "# {" to open an exemplar, got '3'`],
    ['a 1 #\n# EOF', 1, 5, 'invalid timestamp "#" (want seconds)'],
    ['a 1 NaN\n# EOF', 1, 5, 'invalid timestamp "NaN" (want seconds)'],
    ['a 1 1e999\n# EOF', 1, 5, 'invalid timestamp "1e999" (want seconds)'],
    ['a 0x1\n# EOF', 1, 3, 'invalid value "0x1"'],
    ['a 1_000\n# EOF', 1, 3, 'invalid value "1_000"'],
    ['a_total 1 # {x="1"}1\n# EOF', 1, 20, `expected ' ' after the exemplar's labels, got '1'`],
    ['a_total 1 # {x="1"} 1 \n# EOF', 1, 23, 'expected exemplar timestamp, got end of line'],
    ['a_total 1 # {x="1"} 1 Inf\n# EOF', 1, 23, 'invalid exemplar timestamp "Inf" (want seconds)'],
    ['a_total 1 # x\n# EOF', 1, 11, 'invalid timestamp "#" (want seconds)'],
  ])('refuses %j at %i:%i', (body, line, column, message) => {
    const err = errorOf(body, strict);
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.detail).toContain(message);
  });
});

describe('parseOpenMetrics modes', () => {
  it.each([
    ['a trailing comma in a label set', 'a{b="1",} 1\n# EOF', 1, 9, 'expected label name'],
    [
      'a trailing comma in exemplar labels',
      '# TYPE a counter\na_total 1 # {b="1",} 1\n# EOF',
      2,
      20,
      'expected label name',
    ],
    ['a reserved label name', 'a{_b="1"} 1\n# EOF', 1, 3, 'label name "_b" is reserved'],
    ['a reserved family name', '_a 1\n# EOF', 1, 1, 'metric family name "_a" is reserved'],
    [
      'a HELP ending in a backslash',
      '# HELP a x\\\n# EOF',
      1,
      11,
      'HELP text ends in a lone backslash',
    ],
  ])('accepts %s only when lenient', (_, body, line, column, message) => {
    expect(() => parseOpenMetrics(body)).not.toThrow();
    const err = errorOf(body, true);
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.detail).toContain(message);
  });

  it('keeps a HELP-ending backslash when lenient', () => {
    expect(parseOpenMetrics('# HELP a x\\\n# EOF').metadata.get('a')?.help).toBe('x\\');
  });

  it('refuses a UNIT that is not a suffix of the name in both modes, as Prometheus does', () => {
    for (const strict of MODES) {
      const err = errorOf('# UNIT a_seconds milliseconds\n# EOF', strict);
      expect([err.line, err.column]).toEqual([1, 18]);
      expect(err.detail).toBe(
        'unit "milliseconds" is not a suffix of metric name "a_seconds" (want a name ending in "_milliseconds")',
      );
    }
  });

  it('refuses timestamps beyond ±2^53 ms only when lenient, as the text parser does', () => {
    const body = 'a 1 12345678901234567890.5\n# EOF';
    const err = errorOf(body, false);
    expect([err.line, err.column]).toEqual([1, 5]);
    expect(err.detail).toBe('timestamp 12345678901234567890.5 is out of range (beyond ±2^53 ms)');
    expect(parseOpenMetrics(body, { strict: true }).samples[0]!.timestampMs).toBe(
      1.2345678901234568e22,
    );
  });

  it('keeps exemplars of any sample and length when lenient', () => {
    const long = 'x'.repeat(200);
    const [sample] = parseOpenMetrics(`# TYPE a gauge\na 1 # {t="${long}"} 2\n# EOF`).samples;
    expect(sample!.exemplar?.labels.get('t')).toBe(long);
  });

  it('counts exemplar label length in code points, not UTF-16 units', () => {
    const snowmen = '☃'.repeat(127);
    const emoji = '😀'.repeat(127);
    const exemplar = (v: string): string => `# TYPE a counter\na_total 1 # {a="${v}"} 1\n# EOF`;
    expect(() => parseOpenMetrics(exemplar(snowmen), { strict: true })).not.toThrow();
    expect(() => parseOpenMetrics(exemplar(emoji), { strict: true })).not.toThrow();
    expect(errorOf(exemplar(emoji + 'x'), true).detail).toBe(
      'exemplar labels are 129 code points long, over the limit of 128',
    );
  });
});

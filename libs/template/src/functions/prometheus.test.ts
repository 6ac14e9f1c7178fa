import { describe, expect, it } from '@jest/globals';
import { TemplateEngine } from '../engine.js';
import { prometheusContextFunctions, prometheusFunctions, splitHostPort } from './prometheus.js';

// Expected outputs are those of Prometheus's template tests (template/template_test.go).
const engine = new TemplateEngine({
  functions: {
    ...prometheusFunctions,
    ...prometheusContextFunctions({
      timestampMs: 1353755652000,
      externalUrl: 'http://testhost:9090/path/prefix',
    }),
  },
  missingKey: 'zero',
});

function expand(text: string, data?: unknown): string {
  try {
    return engine.executeText(text, data, { name: 'test' });
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const MAX_INT64 = (1n << 63n) - 1n;

describe('Prometheus template functions', () => {
  it.each([
    ['{{ range . }}{{ humanize . }}:{{ end }}', [0, 1, 1234567, 0.12], '0:1:1.235M:120m:'],
    [
      '{{ range . }}{{ humanize . }}:{{ end }}',
      ['0.0', '1.0', '1234567.0', '.12'],
      '0:1:1.235M:120m:',
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ end }}',
      [0n, -1n, 1n, 1234567n, MAX_INT64],
      '0:-1:1:1.235M:9.223E:',
    ],
    ['{{ range . }}{{ humanize1024 . }}:{{ end }}', [0, 1, 1048576, 0.12], '0:1:1Mi:0.12:'],
    [
      '{{ range . }}{{ humanize1024 . }}:{{ end }}',
      [0n, -1n, 1n, 1234567n, MAX_INT64],
      '0:-1:1:1.177Mi:8Ei:',
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      [0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99],
      '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:',
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      [0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345],
      '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      ['0', '1', '60', '3600', '86400'],
      '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:',
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      [0n, -1n, 1n, 1234567n],
      '0s:-1s:1s:14d 6h 56m 7s:',
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
      [Infinity, -Infinity, NaN],
      '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
      ['+Inf', '-Inf', 'NaN'],
      '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
    ],
    [
      '{{ range . }}{{ humanizePercentage . }}:{{ end }}',
      [0n, -1n, 1n, 1234567n, MAX_INT64],
      '0%:-100%:100%:1.235e+08%:9.223e+20%:',
    ],
    [
      '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
      [0n, -1n, 1n, 1234567n, 9223372036n],
      '1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:' +
        '1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:',
    ],
  ])('%s over %j', (text, input, want) => {
    expect(expand(text, input)).toBe(want);
  });

  it.each([
    ['plain text', 'plain text'],
    ['{{ 1 }}', '1'],
    ['{{ .Foo }}', '<no value>'],
    ['{{define "x"}}{{.arg0}} {{.arg1}}{{end}}{{template "x" (args 1 "2")}}', '1 2'],
    ['{{ reReplaceAll "(a)b" "x$1" "ab" }}', 'xa'],
    [
      '{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}',
      '-22.22%:0%:12.35%:123.5%',
    ],
    [
      '{{ "-0.22222" | humanizePercentage }}:{{ "0.0" | humanizePercentage }}:{{ "0.1234567" | humanizePercentage }}:{{ "1.23456" | humanizePercentage }}',
      '-22.22%:0%:12.35%:123.5%',
    ],
    ['{{ 1435065584.128 | humanizeTimestamp }}', '2015-06-23 13:19:44.128 +0000 UTC'],
    ['{{ "1435065584.128" | humanizeTimestamp }}', '2015-06-23 13:19:44.128 +0000 UTC'],
    ['{{ (1435065584.128 | toTime).Format "2006" }}', '2015'],
    ['{{ ("1435065584.128" | toTime).Format "2006" }}', '2015'],
    ['{{ (1800 | toDuration).String }}', '30m0s'],
    ['{{ ("1800" | toDuration).String }}', '30m0s'],
    ['{{ now }}', '1.353755652e+09'],
    ['{{ (now | toTime).Format "Mon Jan 2 15:04:05 2006" }}', 'Sat Nov 24 11:14:12 2012'],
    ['{{ ("-30m" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}', '1353753852000'],
    ['{{ "aa bb CC" | title }}', 'Aa Bb CC'],
    ['{{ "o\'brien mcDonald" | title }}', "O'brien McDonald"],
    ['{{ "aa bb CC" | toUpper }}', 'AA BB CC'],
    ['{{ "aA bB CC" | toLower }}', 'aa bb cc'],
    ['{{ match "a+" "aa" }} {{ match "a+" "b" }}', 'true false'],
    ['{{ graphLink "up" }}', '/graph?g0.expr=up&g0.tab=0'],
    ['{{ tableLink "rate(x[5m])" }}', '/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1'],
    ['{{ pathPrefix }}', '/path/prefix'],
    ['{{ externalURL }}', 'http://testhost:9090/path/prefix'],
    ['{{ printf "%0.2f" (parseDuration "1h2m10ms") }}', '3720.01'],
    ['{{ printf "%0.2f" (parseDuration "-1h2m10ms") }}', '-3720.01'],
    ['{{ "a b&c" | urlQueryEscape }}', 'a+b%26c'],
    ['{{ "<b>" | safeHtml }}', '<b>'],
  ])('%s', (text, want) => {
    expect(expand(text)).toBe(want);
  });

  it.each([
    ['foo.example.com', 'foo.example.com', 'foo'],
    ['foo.example.com:12345', 'foo.example.com', 'foo:12345'],
    ['192.0.2.1', '192.0.2.1', '192.0.2.1'],
    ['192.0.2.1:12345', '192.0.2.1', '192.0.2.1:12345'],
    ['2001:0DB8::1', '2001:0DB8::1', '2001:0DB8::1'],
    ['[2001:0DB8::1]:12345', '2001:0DB8::1', '[2001:0DB8::1]:12345'],
    ['[2001:0DB8::1]::12345', '[2001:0DB8::1]::12345', '[2001:0DB8::1]::12345'],
  ])('strips the port and domain of %s', (hostPort, port, domain) => {
    expect(expand(`{{ "${hostPort}" | stripPort }}`)).toBe(port);
    expect(expand(`{{ "${hostPort}" | stripDomain }}`)).toBe(domain);
  });

  it('splits host and port as net.SplitHostPort', () => {
    expect(splitHostPort('[::1]:80')).toEqual({ host: '::1', port: '80' });
    expect(splitHostPort('host:')).toEqual({ host: 'host', port: '' });
    expect(splitHostPort('a[b]:1')).toBeUndefined();
    expect(splitHostPort('[a]x:1')).toBeUndefined();
  });

  it('renders HTML-escaped output in HTML mode, missing values as nothing', () => {
    const html = (text: string): string => engine.executeText(text, undefined, { html: true });
    expect(html('{{ "<b>" }}')).toBe('&lt;b&gt;');
    expect(html('{{ "<b>" | safeHtml }}')).toBe('<b>');
    expect(html('{{ .Foo }}')).toBe('');
  });

  it.each([
    [
      '{{ humanize "one" }}',
      'template: test:1:3: executing "test" at <humanize "one">: error calling humanize: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ humanize1024 "one" }}',
      'error calling humanize1024: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ humanizeDuration "one" }}',
      'error calling humanizeDuration: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ "one" | humanizePercentage }}',
      'template: test:1:11: executing "test" at <humanizePercentage>: error calling humanizePercentage: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    ['{{ humanize true }}', "error calling humanize: can't convert bool to float"],
    ['{{ parseDuration "1x" }}', 'error calling parseDuration: unknown unit "x" in duration "1x"'],
    [
      '{{ reReplaceAll "(" "" "" }}',
      'error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
    ],
    [
      '{{ match "a{2,1}" "" }}',
      'error calling match: error parsing regexp: invalid repeat count: `{2,1}`',
    ],
  ])('%s fails as Prometheus does', (text, message) => {
    expect(expand(text)).toContain(message);
  });

  it.each([
    [
      [-(1n << 63n), MAX_INT64],
      '-9.223372036854776e+18 cannot be represented as a nanoseconds timestamp since it overflows int64',
    ],
    [
      [18446744073709551615n],
      '1.8446744073709552e+19 cannot be represented as a nanoseconds timestamp since it overflows int64',
    ],
  ])('refuses timestamps beyond int64 nanoseconds: %j', (input, message) => {
    expect(expand('{{ range . }}{{ humanizeTimestamp . }}:{{ end }}', input)).toBe(
      `error: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: ${message}`,
    );
  });

  it('lets the query functions be added per engine', () => {
    const withQuery = new TemplateEngine({
      functions: { ...prometheusFunctions, query: (q: string) => [{ Labels: { q }, Value: 1.5 }] },
    });
    expect(
      withQuery.executeText('{{ range query "up" }}{{ .Labels.q }}={{ .Value }}{{ end }}', null),
    ).toBe('up=1.5');
    expect(() => engine.executeText('{{ query "up" }}', null)).toThrow(
      'function "query" not defined',
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { decodeYaml } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { hostPort, secretUrl, templateProblem, templateUrl, urlProblem } from './url.js';

function decode<T>(decoder: Decoder<T>, yaml: string): T {
  return decodeYaml(yaml, 'am.yml', decoder).value;
}

describe('urlProblem (config.ParseURL)', () => {
  it.each([
    'http://example.com',
    'https://example.com:8443/path?q=1#frag',
    'HTTP://Example.com/',
    'http://user:pass@example.com/',
    'http://[::1]:9093/',
    'http://:80/',
    'http://hook.example.com/%41',
  ])('accepts %s', (url) => {
    expect(urlProblem(url)).toBeUndefined();
  });

  it.each([
    ['example.com/webhook', 'unsupported scheme "" for URL'],
    ['ftp://example.com/', 'unsupported scheme "ftp" for URL'],
    ['http:///path', 'missing host for URL'],
    ['http:opaque', 'missing host for URL'],
    ['://x', 'parse "://x": missing protocol scheme'],
    ['http://exa mple.com/', 'parse "http://exa mple.com/": invalid character " " in host name'],
    ['http://host:port/', 'parse "http://host:port/": invalid port ":port" after host'],
    ['http://[::1/', `parse "http://[::1/": missing ']' in host`],
    ['http://x/%zz', 'parse "http://x/%zz": invalid URL escape "%zz"'],
    ['http://x/\n', 'parse "http://x/\\n": net/url: invalid control character in URL'],
  ])('refuses %j', (url, message) => {
    expect(urlProblem(url)).toBe(message);
  });
});

describe('URL decoders', () => {
  it('accepts <secret> back as a secret URL', () => {
    expect(decode(secretUrl, '<secret>')).toBe('<secret>');
    expect(() => decode(secretUrl, 'nope')).toThrow('am.yml:1:1: unsupported scheme "" for URL');
  });

  it('checks only the template syntax of a templated URL', () => {
    expect(decode(templateUrl, 'not-a-url-{{ .GroupLabels.alertname }}')).toBe(
      'not-a-url-{{ .GroupLabels.alertname }}',
    );
    expect(decode(templateUrl, '""')).toBe('');
    expect(() => decode(templateUrl, 'ftp://x/')).toThrow(
      'invalid URL: unsupported scheme "ftp" for URL',
    );
  });

  it.each([
    ['{{ .A }} and {{/* comment */}}', undefined],
    ['{{- .A -}}', undefined],
    ['x {{ .A', 'template: :1: unclosed action'],
    ['a\nb {{ }}', 'template: :2: missing value for command'],
  ])('finds template problems in %j', (text, problem) => {
    expect(templateProblem(text)).toBe(problem);
  });
});

describe('hostPort (net.SplitHostPort)', () => {
  it.each([
    ['localhost:25', { host: 'localhost', port: '25' }],
    ['"[fd12:3456:789a::1]:25"', { host: 'fd12:3456:789a::1', port: '25' }],
    [':25', { host: '', port: '25' }],
    ['""', undefined],
  ])('splits %s', (yaml, expected) => {
    expect(decode(hostPort, yaml)).toEqual(expected);
  });

  it.each([
    ['localhost', 'address localhost: missing port in address'],
    ['"localhost:"', 'address "localhost:": port cannot be empty'],
    ['"a:b:25"', 'address a:b:25: too many colons in address'],
    ['"[::1]"', 'address [::1]: missing port in address'],
    ['"[::1]x:25"', 'address [::1]x:25: missing port in address'],
    ['"[::1]:25]"', "address [::1]:25]: unexpected ']' in address"],
    ['"[::1:25"', "address [::1:25: missing ']' in address"],
  ])('refuses %s', (yaml, message) => {
    expect(() => decode(hostPort, yaml)).toThrow(message);
  });
});

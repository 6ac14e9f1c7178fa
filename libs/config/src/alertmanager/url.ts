import { goQuote } from '@promethium/model';
import { str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import type { HostPort } from './types.js';

/** How Alertmanager writes a secret it will not reveal; also accepted back as a value. */
export const SECRET_TOKEN = '<secret>';

// Go's url.Parse refuses ASCII control characters anywhere in a URL.
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})(.{0,2})/s;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Characters Go accepts unescaped in a host name (sub-delims, ':' and brackets included).
const HOST_CHAR = /^[a-zA-Z0-9\-._~!$&'()*+,;=:[\]<>"%\u0080-\uffff]*$/u;

/**
 * Why Go's url.Parse refuses `s` (its message without the `parse "<url>": ` prefix), or
 * undefined; `scheme` and `host` are what it would find.
 */
function goUrlProblem(s: string): { problem?: string; scheme: string; host: string } {
  if (hasControlCharacter(s))
    return { problem: 'net/url: invalid control character in URL', scheme: '', host: '' };
  const [withoutFragment = ''] = s.split('#', 1);
  if (s.startsWith(':')) return { problem: 'missing protocol scheme', scheme: '', host: '' };
  const scheme = SCHEME.exec(withoutFragment)?.[1]?.toLowerCase() ?? '';
  let rest = scheme === '' ? withoutFragment : withoutFragment.slice(scheme.length + 1);
  rest = rest.split('?', 1)[0] ?? '';
  const escape = BAD_ESCAPE.exec(rest);
  if (escape) return { problem: `invalid URL escape ${goQuote(escape[0])}`, scheme, host: '' };
  if (!rest.startsWith('//')) return { scheme, host: '' };
  const authority = rest.slice(2).split('/', 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return { problem: hostProblem(host), scheme, host };
}

function hostProblem(host: string): string | undefined {
  let port = '';
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return "missing ']' in host";
    port = host.slice(end + 1);
  } else if (host.includes(':')) {
    port = host.slice(host.lastIndexOf(':'));
  }
  if (port !== '' && !/^:[0-9]*$/.test(port)) return `invalid port ${goQuote(port)} after host`;
  const bad = [...host].find((ch) => !HOST_CHAR.test(ch));
  return bad === undefined ? undefined : `invalid character ${goQuote(bad)} in host name`;
}

/**
 * Why Alertmanager's config.ParseURL refuses `s` (an http or https URL with a host), in its
 * words, or undefined when it accepts it.
 */
export function urlProblem(s: string): string | undefined {
  const { problem, scheme, host } = goUrlProblem(s);
  if (problem !== undefined) return `parse ${goQuote(s)}: ${problem}`;
  if (scheme !== 'http' && scheme !== 'https')
    return `unsupported scheme ${goQuote(scheme)} for URL`;
  if (host === '') return 'missing host for URL';
  return undefined;
}

/** An http(s) URL (Alertmanager's config.URL), kept as written. */
export const url: Decoder<string> = (at) => {
  const text = str(at);
  const problem = urlProblem(text);
  return problem === undefined ? text : at.fail(problem);
};

/** A URL that is a secret (config.SecretURL): `<secret>` is accepted back as written. */
export const secretUrl: Decoder<string> = (at) =>
  str(at) === SECRET_TOKEN ? SECRET_TOKEN : url(at);

/**
 * Why Go's text/template would refuse `text`, or undefined. Only the structure of actions is
 * checked (each `{{` closed, none empty); the action language is checked where templates are
 * parsed.
 */
export function templateProblem(text: string): string | undefined {
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return undefined;
    const close = text.indexOf('}}', open + 2);
    const line = text.slice(0, open).split('\n').length;
    if (close < 0) return `template: :${line}: unclosed action`;
    const inner = text
      .slice(open + 2, close)
      .replace(/^-\s/, '')
      .replace(/\s-$/, '');
    if (inner.trim() === '') return `template: :${line}: missing value for command`;
    from = close + 2;
  }
}

/**
 * A URL that may be a Go template (config.SecretTemplateURL): a templated value is only
 * checked for template syntax, a plain one must be an http(s) URL.
 */
export const templateUrl: Decoder<string> = (at) => {
  const text = str(at);
  if (text === '' || text === SECRET_TOKEN) return text;
  if (text.includes('{{')) {
    const problem = templateProblem(text);
    return problem === undefined ? text : at.fail(`invalid template syntax: ${problem}`);
  }
  const problem = urlProblem(text);
  return problem === undefined ? text : at.fail(`invalid URL: ${problem}`);
};

/** Go's net.SplitHostPort; throws Error with Go's message. */
function splitHostPort(address: string): HostPort {
  const fail = (why: string): never => {
    throw new Error(`address ${address}: ${why}`);
  };
  const colon = address.lastIndexOf(':');
  if (colon < 0) fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end < 0) fail("missing ']' in address");
    if (end + 1 === address.length) fail('missing port in address');
    if (end + 1 !== colon)
      fail(address[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = address.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = address.slice(0, colon);
    if (host.includes(':')) fail('too many colons in address');
  }
  if (address.indexOf('[', j) >= 0) fail("unexpected '[' in address");
  if (address.indexOf(']', k) >= 0) fail("unexpected ']' in address");
  return { host, port: address.slice(colon + 1) };
}

/** A `host:port` address (config.HostPort); '' is not set. The port must not be empty. */
export const hostPort: Decoder<HostPort | undefined> = (at) => {
  const text = str(at);
  if (text === '') return undefined;
  let parsed: HostPort;
  try {
    parsed = splitHostPort(text);
  } catch (err) {
    return at.fail((err as Error).message);
  }
  return parsed.port === '' ? at.fail(`address ${goQuote(text)}: port cannot be empty`) : parsed;
};

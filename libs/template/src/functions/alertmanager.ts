// Alertmanager's template functions (template.DefaultFuncs in prometheus/alertmanager's
// template/template.go), for notification templates.
import { TemplateArgumentError } from '../errors.js';
import { type FunctionMap, variadic } from '../function.js';
import { matchString, replaceAllString } from '../regexp.js';
import { quote } from '../strconv.js';
import { GoDuration, GoLocation, GoTime, parseTime, timeArg } from '../time.js';
import { SafeHtml, SafeUrl, expectString, typeName } from '../values.js';
import { expectStrings, humanizeDuration, title, toLower, toUpper, trimSpace } from './common.js';
import { marshalJson } from './json.js';

/** Go's url.QueryUnescape: `+` is a space, %XX a byte; throws for a malformed escape. */
function queryUnescape(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw new Error(`invalid URL escape ${quote(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(String.fromCodePoint(s.codePointAt(i)!), 'utf8'));
      if (s.codePointAt(i)! > 0xffff) i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** base64.URLEncoding.DecodeString: the URL-safe alphabet with padding, strictly. */
function base64Decode(v: unknown): string {
  const s = expectString(v).replace(/[\r\n]/g, '');
  const bad = s.search(/[^A-Za-z0-9\-_=]/);
  const misplacedPad = /=[^=]/.test(s) || s.length % 4 !== 0 || /={3,}$/.test(s);
  if (bad >= 0 || misplacedPad) {
    const at = bad >= 0 ? bad : s.length % 4 !== 0 ? s.length - (s.length % 4) : s.indexOf('=');
    throw new Error(`illegal base64 data at input byte ${at}`);
  }
  return Buffer.from(s, 'base64url').toString('utf8');
}

function base64Encode(v: unknown): string {
  const s = Buffer.from(expectString(v), 'utf8').toString('base64url');
  return s + '='.repeat((4 - (s.length % 4)) % 4);
}

function dict(...values: unknown[]): Record<string, unknown> {
  if (values.length % 2 !== 0) throw new Error('dict requires an even number of arguments');
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < values.length; i += 2) {
    const key = values[i];
    if (typeof key !== 'string') throw new Error('dict keys must be strings');
    out[key] = values[i + 1];
  }
  return out;
}

function append(slice: unknown, ...args: unknown[]): unknown[] {
  if (!Array.isArray(slice)) {
    throw new TemplateArgumentError(
      `wrong type for value; expected []interface {}; got ${typeName(slice)}`,
    );
  }
  return [...(slice as unknown[]), ...args];
}

export const alertmanagerFunctions: FunctionMap = {
  toUpper,
  toLower,
  title: (text: unknown) => title(expectString(text), false),
  trimSpace,
  // The separator comes first, unlike strings.Join, for `{{ .List | join ", " }}`.
  join: (sep: unknown, list: unknown) => expectStrings(list).join(expectString(sep)),
  match: (pattern: unknown, s: unknown) => matchString(expectString(pattern), expectString(s)),
  safeHtml: (text: unknown) => new SafeHtml(expectString(text)),
  safeUrl: (text: unknown) => new SafeUrl(expectString(text)),
  urlUnescape: (s: unknown) => queryUnescape(expectString(s)),
  reReplaceAll: (pattern: unknown, repl: unknown, text: unknown) =>
    replaceAllString(expectString(pattern), expectString(text), expectString(repl)),
  stringSlice: variadic(0, (...s: unknown[]) => expectStrings(s)),
  // Alertmanager replaces this placeholder per execution with a resolver of the route's labels;
  // pass that as an execution-time function.
  routeLabels: (name: unknown) => {
    expectString(name);
    return '';
  },
  date: (layout: unknown, t: unknown) => timeArg(t).Format(expectString(layout)),
  tz: (name: unknown, t: unknown) => {
    const time = timeArg(t);
    return new GoTime(time.unixSeconds, time.nanosecond, GoLocation.load(expectString(name)));
  },
  now: () => GoTime.now(),
  since: (t: unknown) => new GoDuration(GoTime.now().UnixNano() - timeArg(t).UnixNano()),
  humanizeDuration,
  toDate: (layout: unknown, s: unknown) => {
    try {
      return parseTime(expectString(layout), expectString(s), GoLocation.UTC);
    } catch (e) {
      if (e instanceof TemplateArgumentError) throw e;
      return GoTime.zero();
    }
  },
  mustToDate: (layout: unknown, s: unknown) =>
    parseTime(expectString(layout), expectString(s), GoLocation.UTC),
  toJson: (v: unknown) => marshalJson(v),
  base64encode: base64Encode,
  base64decode: base64Decode,
  list: variadic(0, (...args: unknown[]) => args),
  append: variadic(1, append),
  dict: variadic(0, dict),
};

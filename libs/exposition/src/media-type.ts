/** A Content-Type value Go's mime.ParseMediaType refuses; the message is Go's. */
export class MediaTypeError extends Error {
  override readonly name = 'MediaTypeError';
}

// RFC 2045's tspecials, which a token must not contain.
const TSPECIALS = '()<>@,;:\\"/[]?=';

/**
 * The lower-cased media type of a Content-Type value, checked as Go's
 * mime.ParseMediaType checks it (Prometheus selects its parser with that): `type/subtype`
 * tokens and well-formed `; name=value` parameters, a parameter given twice only with
 * one value. Throws MediaTypeError with Go's message otherwise.
 */
export function parseMediaType(value: string): string {
  const semicolon = value.indexOf(';');
  const base = semicolon < 0 ? value : value.slice(0, semicolon);
  const mediaType = base.toLowerCase().trim();
  checkMediaType(mediaType);
  checkParameters(value.slice(base.length));
  return mediaType;
}

function checkMediaType(s: string): void {
  const type = tokenEnd(s, 0);
  if (type === 0) throw new MediaTypeError('mime: no media type');
  if (type === s.length) return;
  if (s[type] !== '/') throw new MediaTypeError('mime: expected slash after first token');
  const subtype = tokenEnd(s, type + 1);
  if (subtype === type + 1) throw new MediaTypeError('mime: expected token after slash');
  if (subtype !== s.length) {
    throw new MediaTypeError('mime: unexpected content after media subtype');
  }
}

// `rest` is what follows the media type: `; name=value` parameters, spaces between the
// parts, and a trailing `;` allowed.
function checkParameters(rest: string): void {
  const seen = new Map<string, string>();
  let i = 0;
  for (;;) {
    i = skipSpaces(rest, i);
    if (i === rest.length) return;
    const param = readParameter(rest, i);
    if (param === undefined) {
      if (rest.slice(i).trim() === ';') return;
      throw new MediaTypeError('mime: invalid media parameter');
    }
    const [name, paramValue, end] = param;
    const earlier = seen.get(name);
    if (earlier !== undefined && earlier !== paramValue) {
      throw new MediaTypeError('mime: duplicate parameter name');
    }
    seen.set(name, paramValue);
    i = end;
  }
}

// `; name=value` at `i`: the lower-cased name, the value, and where the parameter ends.
function readParameter(s: string, i: number): [string, string, number] | undefined {
  if (s[i] !== ';') return undefined;
  const nameStart = skipSpaces(s, i + 1);
  const nameEnd = tokenEnd(s, nameStart);
  if (nameEnd === nameStart) return undefined;
  const equals = skipSpaces(s, nameEnd);
  if (s[equals] !== '=') return undefined;
  const valueStart = skipSpaces(s, equals + 1);
  const value = s[valueStart] === '"' ? readQuoted(s, valueStart) : readToken(s, valueStart);
  if (value === undefined) return undefined;
  return [s.slice(nameStart, nameEnd).toLowerCase(), value[0], value[1]];
}

function readToken(s: string, start: number): [string, number] | undefined {
  const end = tokenEnd(s, start);
  return end === start ? undefined : [s.slice(start, end), end];
}

// A quoted string; a backslash escapes a tspecial, and a line break or no closing quote
// makes it invalid.
function readQuoted(s: string, start: number): [string, number] | undefined {
  let out = '';
  for (let i = start + 1; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '"') return [out, i + 1];
    if (ch === '\r' || ch === '\n') return undefined;
    if (ch === '\\' && i + 1 < s.length && TSPECIALS.includes(s[i + 1]!)) i++;
    out += s[i];
  }
  return undefined;
}

function tokenEnd(s: string, i: number): number {
  while (i < s.length && isTokenChar(s.charCodeAt(i))) i++;
  return i;
}

function isTokenChar(ch: number): boolean {
  return ch > 0x20 && ch < 0x7f && !TSPECIALS.includes(String.fromCharCode(ch));
}

// Go skips white space as unicode.IsSpace has it, which \s matches but for U+FEFF.
function skipSpaces(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

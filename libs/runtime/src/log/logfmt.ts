/** Keys written first, in this order, when present; the rest follow in pino's order. */
const LEADING = ['ts', 'level', 'service', 'msg'] as const;

// Anything that would break `key=value` tokenising: space, quote, `=`, backslash, control chars.
const NEEDS_QUOTES = /[\s"=\\\p{Cc}]/u;
const BAD_KEY_CHARS = /[\s"=\p{Cc}]/gu;

/**
 * Rewrites one pino JSON line as a logfmt line: `time` becomes `ts`, the leading keys come
 * first, `err` is written as its message, other objects as JSON. A line that is not a
 * JSON object (never produced by pino) is passed through unchanged.
 */
export function jsonLineToLogfmt(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return line;
  const { time, ...rest } = record as Record<string, unknown>;
  const fields = new Map<string, unknown>(time === undefined ? [] : [['ts', time]]);
  for (const [key, value] of Object.entries(rest)) fields.set(key, value);
  const ordered: [string, unknown][] = [];
  for (const key of LEADING) if (fields.has(key)) ordered.push([key, fields.get(key)]);
  for (const entry of fields)
    if (!(LEADING as readonly string[]).includes(entry[0])) ordered.push(entry);
  return (
    ordered.map(([key, value]) => `${formatKey(key)}=${formatValue(key, value)}`).join(' ') + '\n'
  );
}

/** Formats one logfmt value, quoting it when it is empty or holds a character logfmt reserves. */
export function formatLogfmtValue(text: string): string {
  return text === '' || NEEDS_QUOTES.test(text) ? JSON.stringify(text) : text;
}

function formatKey(key: string): string {
  return key === '' ? '_' : key.replace(BAD_KEY_CHARS, '_');
}

function formatValue(key: string, value: unknown): string {
  if (key === 'err' && isErrorLike(value)) return formatLogfmtValue(value.message);
  if (typeof value === 'string') return formatLogfmtValue(value);
  if (value === null || typeof value !== 'object') return formatLogfmtValue(String(value));
  return formatLogfmtValue(JSON.stringify(value));
}

function isErrorLike(value: unknown): value is { message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

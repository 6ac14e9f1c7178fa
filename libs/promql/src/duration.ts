import { goQuote } from './go-quote.js';

const UNITS: ReadonlyMap<string, { order: number; ns: bigint }> = new Map([
  ['y', { order: 1, ns: 365n * 24n * 3600n * 1_000_000_000n }],
  ['w', { order: 2, ns: 7n * 24n * 3600n * 1_000_000_000n }],
  ['d', { order: 3, ns: 24n * 3600n * 1_000_000_000n }],
  ['h', { order: 4, ns: 3600n * 1_000_000_000n }],
  ['m', { order: 5, ns: 60n * 1_000_000_000n }],
  ['s', { order: 6, ns: 1_000_000_000n }],
  ['ms', { order: 7, ns: 1_000_000n }],
]);

const MAX_NS = (1n << 63n) - 1n;

/** Raised by parseDuration; `message` is Prometheus's text. */
export class InvalidDurationError extends Error {
  override readonly name = 'InvalidDurationError';
  readonly code = 'invalid_duration';
}

/**
 * Parses a Prometheus duration (`1h30m`, `500ms`, `2w`, or `0`) into milliseconds.
 * Units go from years down to milliseconds, each at most once, in that order; the
 * total must fit Go's time.Duration. Throws InvalidDurationError with Prometheus's
 * message otherwise.
 */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  if (text === '') throw new InvalidDurationError('empty duration string');
  const invalid = (): never => {
    throw new InvalidDurationError(`not a valid duration string: ${goQuote(text)}`);
  };
  let total = 0n;
  let lastOrder = 0;
  const parts = /(\d*)(\D*)/y;
  for (let at = 0; at < text.length;) {
    parts.lastIndex = at;
    const [whole = '', digits = '', unit = ''] = parts.exec(text) ?? [];
    at += whole.length;
    if (digits === '' || unit === '') invalid();
    const u = UNITS.get(unit);
    if (!u)
      throw new InvalidDurationError(`unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`);
    if (u.order <= lastOrder) invalid();
    lastOrder = u.order;
    const value = BigInt(digits);
    if (value > (1n << 63n) / u.ns) throw new InvalidDurationError('duration out of range');
    total += value * u.ns;
    if (total > MAX_NS) throw new InvalidDurationError('duration out of range');
  }
  return Number(total / 1_000_000n);
}

/** Milliseconds of a duration given in (possibly fractional) seconds, as Prometheus rounds it. */
export function secondsToMs(seconds: number): number {
  return Math.trunc(roundHalfAwayFromZero(seconds * 1e9) / 1e6);
}

/** Go's math.Round: halves round away from zero (JavaScript's Math.round rounds them up). */
export function roundHalfAwayFromZero(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}

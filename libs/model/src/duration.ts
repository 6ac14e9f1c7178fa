import { goQuote } from './go-quote.js';

/** Duration units, largest first; a year is 365 days and a week 7, as in Prometheus. */
const UNITS: readonly { readonly unit: string; readonly ms: number }[] = [
  { unit: 'y', ms: 365 * 86_400_000 },
  { unit: 'w', ms: 7 * 86_400_000 },
  { unit: 'd', ms: 86_400_000 },
  { unit: 'h', ms: 3_600_000 },
  { unit: 'm', ms: 60_000 },
  { unit: 's', ms: 1000 },
  { unit: 'ms', ms: 1 },
];

const NS_PER_MS = 1_000_000n;
// Prometheus reads each number as a Go uint64 and keeps the total as int64 nanoseconds.
const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_INT64 = (1n << 63n) - 1n;

/** Raised by parseDuration; `message` is Prometheus's text for the same input. */
export class InvalidDurationError extends Error {
  override readonly name = 'InvalidDurationError';
  readonly code = 'invalid_duration';
}

/**
 * Parses a Prometheus duration (`model.ParseDuration`) into milliseconds: whole numbers with
 * the units y w d h m s ms, largest first, each at most once (`1h30m`); `0` alone is allowed;
 * no sign, fraction or space; the total must fit Go's time.Duration (about 292 years).
 * Throws InvalidDurationError with Prometheus's message otherwise.
 */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  if (text === '') throw new InvalidDurationError('empty duration string');
  const invalid = (): never => {
    throw new InvalidDurationError(`not a valid duration string: ${goQuote(text)}`);
  };
  const outOfRange = (): never => {
    throw new InvalidDurationError('duration out of range');
  };
  const part = /(\d*)(\D*)/y;
  let totalNs = 0n;
  let lastRank = -1;
  while (part.lastIndex < text.length) {
    const [, digits = '', unit = ''] = part.exec(text) ?? [];
    if (digits === '') invalid();
    const value = BigInt(digits);
    if (value > MAX_UINT64) invalid();
    if (unit === '') invalid();
    const rank = UNITS.findIndex((u) => u.unit === unit);
    if (rank < 0) {
      throw new InvalidDurationError(`unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`);
    }
    if (rank <= lastRank) invalid();
    lastRank = rank;
    const unitNs = BigInt(UNITS[rank]!.ms) * NS_PER_MS;
    if (value > (MAX_INT64 + 1n) / unitNs) outOfRange();
    totalNs += value * unitNs;
    if (totalNs > MAX_INT64) outOfRange();
  }
  return Number(totalNs / NS_PER_MS);
}

/**
 * Formats milliseconds as Prometheus prints a duration: `0s`, `1h30m`, `90d`, `-15s`; years and
 * weeks only when they divide the value exactly. Fractions of a millisecond are dropped.
 * Throws RangeError for a non-finite value.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format duration ${ms}`);
  let rest = Math.trunc(Math.abs(ms));
  if (rest === 0) return '0s';
  let out = ms < 0 ? '-' : '';
  for (const { unit, ms: size } of UNITS) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (rest < size || (exactOnly && rest % size !== 0)) continue;
    out += `${Math.floor(rest / size)}${unit}`;
    rest %= size;
  }
  return out;
}

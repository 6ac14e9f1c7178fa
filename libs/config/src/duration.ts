import { InvalidDurationError } from './errors.js';

const MS_PER = {
  y: 31_536_000_000,
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
type Unit = keyof typeof MS_PER;

// Descending order; each unit may appear once, and only after every larger one used.
const UNITS: readonly Unit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

// Prometheus stores durations as int64 nanoseconds, so anything longer does not fit.
const MAX_MS = 9_223_372_036_854n;

const PART = /(\d+)([a-z]+)/gy;

/**
 * Parses a Prometheus duration (`model.ParseDuration`) into milliseconds: whole numbers with
 * the units y w d h m s ms, largest first, each at most once (`1h30m`); `0` alone is allowed;
 * no sign, fraction or space; a year is 365 days. Throws InvalidDurationError otherwise.
 */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  const invalid = () => new InvalidDurationError(`invalid duration ${JSON.stringify(text)}`);
  if (text === '') throw invalid();
  let total = 0n;
  let lastUnit = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (match === null) throw invalid();
    const unit = UNITS.indexOf(match[2] as Unit);
    if (unit <= lastUnit) throw invalid();
    lastUnit = unit;
    total += BigInt(match[1]!) * BigInt(MS_PER[UNITS[unit]!]);
    if (total > MAX_MS) {
      throw new InvalidDurationError(`duration ${JSON.stringify(text)} is out of range`);
    }
  }
  return Number(total);
}

/**
 * Formats milliseconds as Prometheus prints a duration: `0s`, `1h30m`, `90d`; years and weeks
 * only when they divide the value exactly. Fractions of a millisecond are dropped.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format duration ${ms}`);
  let rest = Math.trunc(Math.abs(ms));
  if (rest === 0) return '0s';
  let out = ms < 0 ? '-' : '';
  for (const unit of UNITS) {
    const size = MS_PER[unit];
    const exactOnly = unit === 'y' || unit === 'w';
    if (rest < size || (exactOnly && rest % size !== 0)) continue;
    out += `${Math.floor(rest / size)}${unit}`;
    rest %= size;
  }
  return out;
}

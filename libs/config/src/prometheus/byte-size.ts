import { str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';

// The two unit tables Prometheus's Base2Bytes type tries in turn (alecthomas/units): the IEC
// spellings, then the traditional ones. Both are powers of 1024; lowercase `k` is refused so a
// SI-minded `kB` is not silently read as 1024 bytes. A size never mixes the two tables.
const IEC_UNITS = unitTable(['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']);
const TRADITIONAL_UNITS = unitTable(['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB']);

// Go's leadingInt refuses to take another digit once the value reaches this (int64 overflow).
const LEADING_INT_LIMIT = (2n ** 63n - 10n) / 10n;
const INT64_MAX = 2 ** 63;

function unitTable(names: readonly string[]): ReadonlyMap<string, number> {
  return new Map(names.map((name, power) => [name, 1024 ** power]));
}

/** Raised by parseBase2Bytes; the message is the one Prometheus reports. */
export class InvalidBase2BytesError extends Error {
  override readonly name = 'InvalidBase2BytesError';
}

/**
 * Reads a size as Prometheus's `units.Base2Bytes` does: numbers with units, summed in any order
 * (`1GB512MB`, `1.5MiB`, `512B`), an optional sign, and `0` alone; a bare number other than 0
 * has no unit and is refused. The result is truncated to whole bytes.
 */
export function parseBase2Bytes(text: string): number {
  try {
    return parseUnits(text, IEC_UNITS);
  } catch {
    return parseUnits(text, TRADITIONAL_UNITS);
  }
}

function parseUnits(text: string, units: ReadonlyMap<string, number>): number {
  const invalid = () => new InvalidBase2BytesError(`units: invalid ${text}`);
  let rest = text;
  const negative = rest.startsWith('-');
  if (negative || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const element = /^([0-9]*)(?:\.([0-9]*))?([^.0-9]*)/.exec(rest)!;
    const [matched, whole = '', fraction, unit = ''] = element;
    if (whole === '' && !fraction) throw invalid();
    const size = units.get(unit);
    if (size === undefined) {
      throw new InvalidBase2BytesError(`units: unknown unit ${unit} in ${text}`);
    }
    total += (digitsValue(whole, invalid) + fractionValue(fraction ?? '', invalid)) * size;
    rest = rest.slice(matched.length);
  }
  if (total > INT64_MAX) throw new InvalidBase2BytesError('units: overflow parsing unit');
  return Math.trunc(negative ? -total : total) || 0;
}

function digitsValue(digits: string, invalid: () => Error): number {
  let value = 0n;
  for (const digit of digits) {
    if (value >= LEADING_INT_LIMIT) throw invalid();
    value = value * 10n + BigInt(digit);
  }
  return Number(value);
}

// Go divides the fraction's digits by a power of ten built by repeated multiplication.
function fractionValue(digits: string, invalid: () => Error): number {
  let scale = 1;
  for (let i = 0; i < digits.length; i++) scale *= 10;
  return digitsValue(digits, invalid) / scale;
}

/** A `Base2Bytes` size in bytes; negative sizes are kept (Prometheus reads them as no limit). */
export const base2Bytes: Decoder<number> = (at) => {
  const text = str(at);
  try {
    return parseBase2Bytes(text);
  } catch (err) {
    if (err instanceof InvalidBase2BytesError) at.fail(err.message);
    throw err;
  }
};

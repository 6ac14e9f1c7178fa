/** Raised by parseByteSize for text that is not a size. */
export class InvalidByteSizeError extends Error {
  override readonly name = 'InvalidByteSizeError';
}

// Prometheus reads `--storage.tsdb.retention.size` as base-2 units: 1KB = 1KiB = 1024 bytes.
const POWERS: Readonly<Record<string, number>> = { B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/**
 * Parses a size such as `512MB`, `1.5GiB` or `1GB512MB` (parts largest first, base-2
 * units B KB MB GB TB PB EB, each also spelt KiB, MiB, ...) into bytes; `0` alone is
 * allowed. Throws InvalidByteSizeError naming the text.
 */
export function parseByteSize(text: string): number {
  if (text === '0') return 0;
  const part = /(\d+(?:\.\d+)?)([KMGTPE]i?B|B)/y;
  let total = 0;
  let lastPower = Number.POSITIVE_INFINITY;
  while (part.lastIndex < text.length) {
    const at = part.lastIndex;
    const m = part.exec(text);
    if (!m) throw invalid(text, `expected a number and a unit at offset ${at}`);
    const power = POWERS[m[2]![0]!]!;
    if (power >= lastPower) throw invalid(text, `unit ${m[2]} follows a smaller unit`);
    lastPower = power;
    total += Number(m[1]) * 1024 ** power;
  }
  if (text === '') throw invalid(text, 'empty size');
  if (!Number.isSafeInteger(Math.floor(total))) throw invalid(text, 'too large');
  return Math.floor(total);
}

function invalid(text: string, why: string): InvalidByteSizeError {
  return new InvalidByteSizeError(`invalid size ${JSON.stringify(text)}: ${why}`);
}

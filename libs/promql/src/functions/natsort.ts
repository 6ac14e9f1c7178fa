const encoder = new TextEncoder();

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/** Length of the digit run at `pos`, and where it starts once leading zeros are skipped. */
function digitRun(s: Uint8Array, pos: number): { start: number; length: number } {
  let start = pos;
  let length = 1;
  while (start + length < s.length) {
    const next = s[start + length]!;
    if (s[start] === 0x30) {
      // A leading zero is skipped even when what follows is not a digit (as natsort does).
      start++;
      continue;
    }
    if (!isDigit(next)) break;
    length++;
  }
  return { start, length };
}

/**
 * Whether `a` sorts before `b` in natural order, byte for byte as the natsort package
 * Prometheus uses: digit runs compare by numeric length then digits, other bytes by
 * value, and a string that is a prefix of the other sorts first.
 */
export function naturalLess(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let i = 0;
  let j = 0;
  for (;;) {
    if (i >= x.length) return j < y.length;
    if (j >= y.length) return false;
    if (isDigit(x[i]) && isDigit(y[j])) {
      const rx = digitRun(x, i);
      const ry = digitRun(y, j);
      if (rx.length !== ry.length) return rx.length < ry.length;
      const cmp = compareBytes(
        x.subarray(rx.start, rx.start + rx.length),
        y.subarray(ry.start, ry.start + ry.length),
      );
      if (cmp !== 0) return cmp < 0;
      i = rx.start + rx.length;
      j = ry.start + ry.length;
      continue;
    }
    if (x[i] !== y[j]) return x[i]! < y[j]!;
    i++;
    j++;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let k = 0; k < a.length && k < b.length; k++) {
    if (a[k] !== b[k]) return a[k]! - b[k]!;
  }
  return a.length - b.length;
}

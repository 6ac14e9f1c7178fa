/** A label set as alerts carry it: names to values, order irrelevant. */
export type LabelSet = Readonly<Record<string, string>>;

// FNV-1a 64 in two unsigned 32-bit halves: the prime is 2^40 + 0x1b3, so multiplying
// is `h * 0x1b3 + (h << 40)`, and every intermediate stays an exact double.
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LO = 0x1b3;
const TWO_32 = 0x1_0000_0000;
const SEPARATOR = 0xff;

class Fnv64a {
  hi = OFFSET_HI;
  lo = OFFSET_LO;

  addByte(byte: number): void {
    const lo = (this.lo ^ byte) >>> 0;
    const low = lo * PRIME_LO;
    const carry = Math.floor(low / TWO_32);
    this.hi = (this.hi * PRIME_LO + ((lo << 8) >>> 0) + carry) >>> 0;
    this.lo = low >>> 0;
  }

  addString(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code >= 0x80) {
        for (const byte of Buffer.from(s.slice(i), 'utf8')) this.addByte(byte);
        return;
      }
      this.addByte(code);
    }
  }

  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

// Go compares strings bytewise; UTF-16 code unit order differs only above the BMP's surrogates.
function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Label names sorted as Go sorts them (bytewise on UTF-8). */
export function sortedNames(labels: LabelSet): string[] {
  return Object.keys(labels).sort(compareNames);
}

/**
 * prometheus/common's `LabelSet.Fingerprint`: FNV-1a 64 over each `name 0xff value 0xff`, names
 * sorted; as the API shows it, 16 lower-case hex digits.
 */
export function fingerprint(labels: LabelSet): string {
  const h = new Fnv64a();
  for (const name of sortedNames(labels)) {
    h.addString(name);
    h.addByte(SEPARATOR);
    h.addString(labels[name]!);
    h.addByte(SEPARATOR);
  }
  return h.hex();
}

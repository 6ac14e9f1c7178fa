// A float64 and its two 32-bit halves share one scratch buffer, so converting between a
// value and its bit pattern costs two typed-array accesses and no allocation (BigInt
// would allocate per sample).

const scratch = new Float64Array(1);
// Int32 halves keep every word a small integer for V8 (uint32 above 2^31 would box).
const words = new Int32Array(scratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = littleEndian ? 0 : 1;

/** High word of Prometheus's StaleNaN, 0x7ff0000000000002 (the marker for a vanished series). */
export const STALE_NAN_HI = 0x7ff00000;
/** Low word of Prometheus's StaleNaN. */
export const STALE_NAN_LO = 0x00000002;

/**
 * High word of the NaN stored for an ordinary NaN sample. A NaN read from a typed array
 * can keep StaleNaN's payload, so ordinary NaNs are written as this one pattern
 * (0x7ff8000000000000, Go's math.NaN()) and can never be mistaken for a marker.
 */
export const ORDINARY_NAN_HI = 0x7ff80000;

/** Loads `v` into the scratch buffer; read its halves with `loadedHi()` / `loadedLo()`. */
export function loadFloat(v: number): void {
  scratch[0] = v;
}

/** High 32 bits (as an int32) of the value last passed to `loadFloat`. */
export function loadedHi(): number {
  return words[HI]!;
}

/** Low 32 bits (as an int32) of the value last passed to `loadFloat`. */
export function loadedLo(): number {
  return words[LO]!;
}

/** The float64 whose bit pattern is `hi:lo` (words as int32 or uint32 alike). */
export function floatFromBits(hi: number, lo: number): number {
  words[HI] = hi;
  words[LO] = lo;
  return scratch[0]!;
}

/** Whether `hi:lo` is StaleNaN's exact bit pattern. */
export function isStaleNaN(hi: number, lo: number): boolean {
  return hi === STALE_NAN_HI && lo === STALE_NAN_LO;
}

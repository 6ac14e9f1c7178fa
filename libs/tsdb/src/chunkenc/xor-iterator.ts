import { ChunkCorruptError } from './errors.js';
import { floatFromBits, isStaleNaN } from './float-bits.js';
import { TimedIterator } from './timed-iterator.js';
import type { TimeState } from './timed-iterator.js';

/** `leading` before any value has set a window of significant bits. */
export const NO_WINDOW = 0xff;

/** What an appender needs to continue a chunk after its last sample. */
export interface AppendState extends TimeState {
  readonly hi: number;
  readonly lo: number;
  readonly leading: number;
  readonly trailing: number;
}

/**
 * Walks an XOR chunk sample by sample without allocating: after `next()` or `seek()`
 * returns true, `t`, `v` and `isStale` describe the current sample.
 * @throws ChunkCorruptError from next()/seek() when the bytes do not decode, and again
 * on every later call.
 */
export class XorIterator extends TimedIterator {
  #hi = 0;
  #lo = 0;
  #leading = NO_WINDOW;
  #trailing = 0;

  /** The current sample's value; NaN for a staleness marker. */
  get v(): number {
    return this.isStale ? Number.NaN : floatFromBits(this.#hi, this.#lo);
  }

  /** Whether the current sample is a staleness marker (StaleNaN's exact bits). */
  get isStale(): boolean {
    return isStaleNaN(this.#hi, this.#lo);
  }

  /**
   * The state after the last sample, for reopening a chunk for appends.
   * @internal for XorChunk; only valid once next() has returned false.
   */
  appendState(): AppendState {
    return {
      ...this.timeState(),
      hi: this.#hi,
      lo: this.#lo,
      leading: this.#leading,
      trailing: this.#trailing,
    };
  }

  protected resetValue(): void {
    this.#hi = 0;
    this.#lo = 0;
    this.#leading = NO_WINDOW;
    this.#trailing = 0;
  }

  protected readFirstValue(): void {
    this.#hi = this.r.readBits(32);
    this.#lo = this.r.readBits(32);
  }

  protected readValue(first: number): void {
    if (first !== 0) this.#readChangedValue();
  }

  /** A value whose '1' (changed) bit has been read: a window, then its significant bits. */
  #readChangedValue(): void {
    const r = this.r;
    let significant: number;
    if (r.readBit() === 0) {
      if (this.#leading === NO_WINDOW) {
        throw new ChunkCorruptError('value reuses a window before any was set');
      }
      significant = 64 - this.#leading - this.#trailing;
    } else {
      const window = r.readBits(11);
      const leading = window >>> 6;
      significant = window & 63 || 64;
      if (leading + significant > 64) {
        throw new ChunkCorruptError(`value window of ${leading}+${significant} bits exceeds 64`);
      }
      this.#leading = leading;
      this.#trailing = 64 - leading - significant;
    }
    const high = significant > 32 ? r.readBits(significant - 32) : 0;
    const low = r.readBits(significant > 32 ? 32 : significant);
    const shift = this.#trailing;
    if (shift === 0) {
      this.#hi ^= high;
      this.#lo ^= low;
    } else if (shift < 32) {
      this.#hi ^= (high << shift) | (low >>> (32 - shift));
      this.#lo ^= low << shift;
    } else {
      this.#hi ^= low << (shift - 32);
    }
  }
}

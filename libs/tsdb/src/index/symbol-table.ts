/**
 * Interned label names and values: one string instance per distinct string, so the
 * index and the series that share a string share its memory. Each symbol counts the
 * references taken with `intern`; `release` drops it once no reference remains, which
 * is how strings of deleted series leave memory.
 */
export class SymbolTable {
  /** Slot of each live string; the slot holds the canonical instance and its count. */
  readonly #slots = new Map<string, number>();
  readonly #strings: (string | undefined)[] = [];
  readonly #refs: number[] = [];
  /** Slots freed by `release`, reused before the arrays grow. */
  readonly #free: number[] = [];

  /** Number of distinct live strings. */
  get size(): number {
    return this.#slots.size;
  }

  /** The canonical instance equal to `s`, taking one reference to it. */
  intern(s: string): string {
    const slot = this.#slots.get(s);
    if (slot !== undefined) {
      this.#refs[slot]!++;
      return this.#strings[slot]!;
    }
    const fresh = this.#free.pop() ?? this.#strings.length;
    const own = detached(s);
    this.#strings[fresh] = own;
    this.#refs[fresh] = 1;
    this.#slots.set(own, fresh);
    return own;
  }

  /** Gives back one reference taken by `intern`; the last one drops the string. */
  release(s: string): void {
    const slot = this.#slots.get(s);
    if (slot === undefined) {
      throw new Error(`symbol ${JSON.stringify(s)} released more often than interned`);
    }
    if (--this.#refs[slot]! > 0) return;
    this.#slots.delete(s);
    this.#strings[slot] = undefined;
    this.#free.push(slot);
  }

  /** References currently held on `s` (0 when it is not interned). */
  refs(s: string): number {
    const slot = this.#slots.get(s);
    return slot === undefined ? 0 : this.#refs[slot]!;
  }

  /** Every live string, sorted by UTF-16 code unit. */
  symbols(): string[] {
    return [...this.#slots.keys()].sort();
  }
}

/**
 * A copy of `s` that shares no memory with other strings: V8 may represent a substring
 * (a label value cut from a parsed line or a decoded message) as a slice of its parent,
 * which would keep the whole parent alive as long as the table keeps the symbol.
 */
function detached(s: string): string {
  // Latin-1 keeps V8's one byte a character; anything wider needs UTF-16 to round-trip.
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) return Buffer.from(s, 'utf16le').toString('utf16le');
  }
  return Buffer.from(s, 'latin1').toString('latin1');
}

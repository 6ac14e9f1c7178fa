/** The code point `next()` returns at the end of the input. */
export const EOF = -1;

/**
 * A read position over the query text, in code points. `start` marks where the
 * token being scanned begins; `backup` undoes exactly one `next`.
 */
export class Cursor {
  pos = 0;
  start = 0;
  #width = 0;

  constructor(readonly input: string) {}

  /** Consumes and returns the next code point, or EOF. */
  next(): number {
    if (this.pos >= this.input.length) {
      this.#width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    this.#width = cp > 0xffff ? 2 : 1;
    this.pos += this.#width;
    return cp;
  }

  /** Steps back over the code point the last `next` returned. */
  backup(): void {
    this.pos -= this.#width;
    this.#width = 0;
  }

  /** The next code point without consuming it. */
  peek(): number {
    return this.pos >= this.input.length ? EOF : this.input.codePointAt(this.pos)!;
  }

  /** Consumes the next code point if it is one of `valid`. */
  accept(valid: string): boolean {
    const cp = this.next();
    if (cp !== EOF && valid.includes(String.fromCodePoint(cp))) return true;
    this.backup();
    return false;
  }

  /** Whether the next code point is one of `valid`. */
  is(valid: string): boolean {
    const cp = this.peek();
    return cp !== EOF && valid.includes(String.fromCodePoint(cp));
  }

  /** Consumes a run of code points from `valid`. */
  acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  /** The text of the token being scanned. */
  get text(): string {
    return this.input.slice(this.start, this.pos);
  }
}

/** Space, tab, newline or carriage return: PromQL's only whitespace. */
export function isSpace(cp: number): boolean {
  return cp === 32 || cp === 9 || cp === 10 || cp === 13;
}

/** An ASCII letter or underscore. */
export function isAlpha(cp: number): boolean {
  return cp === 95 || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
}

/** An ASCII digit (never other scripts' digits, as in Prometheus). */
export function isDigit(cp: number): boolean {
  return cp >= 48 && cp <= 57;
}

/** A letter, underscore or digit. */
export function isAlphaNumeric(cp: number): boolean {
  return isAlpha(cp) || isDigit(cp);
}

import { ExpositionError } from './errors.js';

/** Character codes the parser branches on. */
export const Ch = {
  Tab: 9,
  LF: 10,
  CR: 13,
  Space: 32,
  Quote: 34,
  Hash: 35,
  Plus: 43,
  Comma: 44,
  Minus: 45,
  Dot: 46,
  Zero: 48,
  Nine: 57,
  Colon: 58,
  Equals: 61,
  Backslash: 92,
  Underscore: 95,
  LBrace: 123,
  RBrace: 125,
} as const;

/** Whether `c` may start a label name: [a-zA-Z_]. */
export function isLabelStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === Ch.Underscore;
}

/** Whether `c` may start a metric name: [a-zA-Z_:]. */
export function isMetricStart(c: number): boolean {
  return isLabelStart(c) || c === Ch.Colon;
}

/** Whether `c` is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/**
 * A position in the body with the line bookkeeping errors need. Reads return -1 at the
 * end of input, so callers never index past it.
 */
export class Cursor {
  pos = 0;
  line = 1;
  lineStart = 0;
  readonly end: number;

  constructor(readonly src: string) {
    this.end = src.length;
  }

  /** The code unit at the cursor, or -1 at the end of input. */
  peek(): number {
    return this.pos < this.end ? this.src.charCodeAt(this.pos) : -1;
  }

  /** Whether the cursor is at a line feed or the end of input. */
  atLineEnd(): boolean {
    return this.pos >= this.end || this.src.charCodeAt(this.pos) === Ch.LF;
  }

  /** Skips spaces and tabs, the only blanks of the format. */
  skipBlanks(): void {
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c !== Ch.Space && c !== Ch.Tab) return;
      this.pos++;
    }
  }

  /** Consumes the line feed ending a line (if any) and starts the next line. */
  endLine(): void {
    if (this.pos < this.end) this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  /** Advances to the line feed ending the current line, or to the end of input. */
  skipToLineEnd(): void {
    const lf = this.src.indexOf('\n', this.pos);
    this.pos = lf < 0 ? this.end : lf;
  }

  /** Reads [a-zA-Z0-9_:]* (or without ':' for labels) from the cursor. */
  readName(allowColon: boolean): string {
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (!(isLabelStart(c) || isDigit(c) || (allowColon && c === Ch.Colon))) break;
      this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  /** Throws ExpositionError for the position `at` (the cursor by default). */
  fail(detail: string, at: number = this.pos): never {
    throw new ExpositionError(this.line, at - this.lineStart + 1, detail);
  }

  /** Throws `expected <what>, got <the character at the cursor>`. */
  expected(what: string): never {
    return this.fail(`expected ${what}, got ${this.describe(this.pos)}`);
  }

  /** Names the character at `at` for an error message. */
  describe(at: number): string {
    if (at >= this.end) return 'end of input';
    const c = this.src.charCodeAt(at);
    if (c === Ch.LF) return 'end of line';
    if (c === Ch.CR) return "carriage return (lines must end with '\\n' alone)";
    const ch = String.fromCodePoint(this.src.codePointAt(at)!);
    return `'${JSON.stringify(ch).slice(1, -1)}'`;
  }
}

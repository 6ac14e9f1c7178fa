// The tokens of Go's template language, split as text/template/parse does: text outside
// actions, and inside `{{ }}` identifiers, fields, variables, literals and punctuation, with the
// trim markers `{{- ` and ` -}}` removing the whitespace next to them. Comments produce no
// token. The first lexical error ends the token stream with an 'error' token carrying Go's text.
import { isPrint, quote } from './strconv.js';

export type Keyword =
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export type TokenType =
  | Keyword
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable';

export interface Token {
  readonly type: TokenType;
  readonly val: string;
  /** Offset of the token in the input, in UTF-16 units. */
  readonly pos: number;
  /** 1-based line of the token's start. */
  readonly line: number;
}

const KEYWORDS: ReadonlyMap<string, Keyword> = new Map([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

const KEYWORD_TYPES = new Set<TokenType>(KEYWORDS.values());

/** Go's item.String, used in "unexpected X in Y" messages. */
export function describeToken(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (KEYWORD_TYPES.has(t.type)) return `<${t.val}>`;
  const runes = [...t.val];
  if (runes.length > 10) return quote(runes.slice(0, 10).join('')) + '...';
  return quote(t.val);
}

export interface LexOptions {
  /** Whether `break` and `continue` are keywords; they are not when a function has the name. */
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

/** Go's isSpace inside actions: space, tab, carriage return, newline. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

const ALNUM = /[\p{L}\p{Nd}_]/u;

/** Go's isAlphaNumeric: a letter, a decimal digit or underscore. */
function isAlphaNumeric(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 0x80) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  }
  return ALNUM.test(ch);
}

/** Go's %#U: `U+0023 '#'`, or just the code for a character that does not print. */
function describeRune(ch: string | undefined): string {
  if (ch === undefined) return 'U+FFFFFFFFFFFFFFFF';
  const cp = ch.codePointAt(0)!;
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(cp) ? `${code} '${ch}'` : code;
}

class LexError extends Error {}

/** Splits a template into tokens, ending with 'eof' or an 'error' token. */
export function lex(input: string, options: LexOptions): Token[] {
  return new Lexer(input, options).run();
}

class Lexer {
  readonly tokens: Token[] = [];
  pos = 0;
  line = 1;
  parenDepth = 0;

  constructor(
    readonly input: string,
    readonly options: LexOptions,
  ) {}

  run(): Token[] {
    try {
      while (this.lexText()) {
        /* Each round lexes one stretch of text and the action after it. */
      }
    } catch (e) {
      if (!(e instanceof LexError)) throw e;
      this.tokens.push({ type: 'error', val: e.message, pos: this.errorPos, line: this.errorLine });
    }
    return this.tokens;
  }

  errorPos = 0;
  errorLine = 1;

  fail(message: string, start: number, line: number): never {
    this.errorPos = start;
    this.errorLine = line;
    throw new LexError(message);
  }

  emit(type: TokenType, start: number, end: number, line: number): void {
    this.tokens.push({ type, val: this.input.slice(start, end), pos: start, line });
  }

  /** Advances over input[from, to), counting its newlines. */
  advance(to: number): void {
    for (let i = this.pos; i < to; i++) if (this.input.charCodeAt(i) === 10) this.line++;
    this.pos = to;
  }

  /** Text up to the next action; false at the end of input. */
  lexText(): boolean {
    const { input } = this;
    const x = input.indexOf('{{', this.pos);
    if (x < 0) {
      if (this.pos < input.length) this.emit('text', this.pos, input.length, this.line);
      this.advance(input.length);
      this.emit('eof', input.length, input.length, this.line);
      return false;
    }
    const trim = hasLeftTrimMarker(input, x + 2);
    let end = x;
    if (trim) while (end > this.pos && isSpace(input[end - 1])) end--;
    if (end > this.pos) this.emit('text', this.pos, end, this.line);
    this.advance(x);
    this.lexLeftDelim(trim);
    return true;
  }

  lexLeftDelim(trim: boolean): void {
    const start = this.pos;
    const line = this.line;
    const after = start + 2 + (trim ? 2 : 0);
    if (this.input.startsWith('/*', after)) {
      this.advance(after);
      this.lexComment(start, line);
      return;
    }
    this.emit('leftDelim', start, start + 2, line);
    this.advance(after);
    this.parenDepth = 0;
    this.lexInsideAction();
  }

  lexComment(start: number, line: number): void {
    const close = this.input.indexOf('*/', this.pos + 2);
    if (close < 0) this.fail('unclosed comment', start, line);
    this.advance(close + 2);
    const trim = this.atRightDelim();
    if (trim === undefined) this.fail('comment ends before closing delimiter', start, line);
    this.advance(this.pos + (trim ? 4 : 2));
    if (trim) this.skipSpaces();
  }

  /** undefined when not at `}}`; otherwise whether it is ` -}}`. */
  atRightDelim(): boolean | undefined {
    const { input, pos } = this;
    if (isSpace(input[pos]) && input[pos + 1] === '-' && input.startsWith('}}', pos + 2))
      return true;
    return input.startsWith('}}', pos) ? false : undefined;
  }

  skipSpaces(): void {
    let i = this.pos;
    while (isSpace(this.input[i])) i++;
    this.advance(i);
  }

  lexInsideAction(): void {
    for (;;) {
      const trim = this.atRightDelim();
      if (trim !== undefined) {
        if (this.parenDepth > 0) this.fail('unclosed left paren', this.pos, this.line);
        this.lexRightDelim(trim);
        return;
      }
      this.lexActionToken();
    }
  }

  lexRightDelim(trim: boolean): void {
    const start = this.pos + (trim ? 2 : 0);
    const line = this.line;
    this.advance(start + 2);
    this.emit('rightDelim', start, start + 2, line);
    if (trim) this.skipSpaces();
  }

  lexActionToken(): void {
    const { input } = this;
    const start = this.pos;
    const line = this.line;
    const c = input[start];
    if (c === undefined) this.fail('unclosed action', start, line);
    if (isSpace(c)) {
      this.lexSpace();
      return;
    }
    const single = SINGLE[c];
    if (single !== undefined) {
      this.single(single, start, line);
      return;
    }
    switch (c) {
      case ':':
        if (input[start + 1] !== '=') this.fail('expected :=', start, line);
        this.advance(start + 2);
        this.emit('declare', start, start + 2, line);
        return;
      case '"':
        this.lexQuote(start, line);
        return;
      case '`':
        this.lexRawQuote(start, line);
        return;
      case '$':
        this.lexVariable(start, line);
        return;
      case "'":
        this.lexChar(start, line);
        return;
      case '.':
        if (!isDigit(input[start + 1])) {
          this.lexField(start, line);
          return;
        }
        this.lexNumber(start, line);
        return;
    }
    if (c === '+' || c === '-' || isDigit(c)) {
      this.lexNumber(start, line);
      return;
    }
    const ch = String.fromCodePoint(input.codePointAt(start)!);
    if (isAlphaNumeric(ch)) {
      this.lexIdentifier(start, line);
      return;
    }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x7f && cp >= 0x20) {
      this.advance(start + 1);
      this.emit('char', start, start + 1, line);
      return;
    }
    this.fail(`unrecognized character in action: ${describeRune(ch)}`, start, line);
  }

  single(type: 'assign' | 'pipe' | 'leftParen' | 'rightParen', start: number, line: number): void {
    if (type === 'leftParen') this.parenDepth++;
    if (type === 'rightParen') {
      this.parenDepth--;
      if (this.parenDepth < 0) this.fail('unexpected right paren', start, line);
    }
    this.advance(start + 1);
    this.emit(type, start, start + 1, line);
  }

  /** A run of spaces; the last one belongs to a following ` -}}`. */
  lexSpace(): void {
    const { input } = this;
    const start = this.pos;
    const line = this.line;
    let i = start;
    while (isSpace(input[i])) i++;
    if (input[i] === '-' && input.startsWith('}}', i + 1)) {
      i--;
      if (i === start) return;
    }
    this.advance(i);
    this.emit('space', start, i, line);
  }

  atTerminator(i: number): boolean {
    const c = this.input[i];
    if (c === undefined || isSpace(c)) return true;
    switch (c) {
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
    }
    return this.input.startsWith('}}', i);
  }

  /** The end of the alphanumeric run starting at `i`. */
  scanAlphaNumeric(i: number): number {
    const { input } = this;
    let j = i;
    while (j < input.length) {
      const ch = String.fromCodePoint(input.codePointAt(j)!);
      if (!isAlphaNumeric(ch)) break;
      j += ch.length;
    }
    return j;
  }

  badCharacter(j: number, start: number, line: number): never {
    const cp = this.input.codePointAt(j);
    return this.fail(
      `bad character ${describeRune(cp === undefined ? undefined : String.fromCodePoint(cp))}`,
      start,
      line,
    );
  }

  lexIdentifier(start: number, line: number): void {
    const end = this.scanAlphaNumeric(start);
    if (!this.atTerminator(end)) this.badCharacter(end, start, line);
    const word = this.input.slice(start, end);
    let type: TokenType = 'identifier';
    const keyword = KEYWORDS.get(word);
    if (keyword !== undefined) {
      const disabled =
        (keyword === 'break' && !this.options.breakOK) ||
        (keyword === 'continue' && !this.options.continueOK);
      type = disabled ? 'identifier' : keyword;
    } else if (word === 'true' || word === 'false') {
      type = 'bool';
    }
    this.advance(end);
    this.emit(type, start, end, line);
  }

  lexField(start: number, line: number): void {
    this.lexFieldOrVariable(start, line, 'field');
  }

  lexVariable(start: number, line: number): void {
    this.lexFieldOrVariable(start, line, 'variable');
  }

  lexFieldOrVariable(start: number, line: number, type: 'field' | 'variable'): void {
    if (this.atTerminator(start + 1)) {
      this.advance(start + 1);
      this.emit(type === 'variable' ? 'variable' : 'dot', start, start + 1, line);
      return;
    }
    const end = this.scanAlphaNumeric(start + 1);
    if (!this.atTerminator(end)) this.badCharacter(end, start, line);
    this.advance(end);
    this.emit(type, start, end, line);
  }

  lexChar(start: number, line: number): void {
    this.lexQuoted(start, line, "'", 'charConstant', 'unterminated character constant');
  }

  lexQuote(start: number, line: number): void {
    this.lexQuoted(start, line, '"', 'string', 'unterminated quoted string');
  }

  // A literal running to the unescaped `quote` on the same line.
  lexQuoted(
    start: number,
    line: number,
    quote: string,
    type: TokenType,
    unterminated: string,
  ): void {
    const { input } = this;
    let i = start + 1;
    for (;;) {
      const c = input[i];
      if (c === '\\') {
        const next = input[i + 1];
        if (next === undefined || next === '\n') this.fail(unterminated, start, line);
        i += 2;
        continue;
      }
      if (c === undefined || c === '\n') this.fail(unterminated, start, line);
      i++;
      if (c === quote) break;
    }
    this.advance(i);
    this.emit(type, start, i, line);
  }

  lexRawQuote(start: number, line: number): void {
    const close = this.input.indexOf('`', start + 1);
    if (close < 0) this.fail('unterminated raw quoted string', start, line);
    this.advance(close + 1);
    this.emit('rawString', start, close + 1, line);
  }

  lexNumber(start: number, line: number): void {
    const first = this.scanNumber(start);
    let end = first.end;
    if (!first.ok)
      this.fail(`bad number syntax: ${quote(this.input.slice(start, end))}`, start, line);
    let type: TokenType = 'number';
    const sign = this.input[end];
    if (sign === '+' || sign === '-') {
      // A complex constant such as 1+2i: no spaces, ending in 'i'.
      const imaginary = this.scanNumber(end);
      end = imaginary.end;
      if (!imaginary.ok || this.input[end - 1] !== 'i') {
        this.fail(`bad number syntax: ${quote(this.input.slice(start, end))}`, start, line);
      }
      type = 'complex';
    }
    this.advance(end);
    this.emit(type, start, end, line);
  }

  /** Go's scanNumber: the end of a number at `start`; not ok (ending after it) when a letter follows. */
  scanNumber(start: number): { ok: boolean; end: number } {
    const { input } = this;
    let i = start;
    const accept = (valid: string): boolean => {
      const c = input[i];
      if (c !== undefined && valid.includes(c)) {
        i++;
        return true;
      }
      return false;
    };
    const acceptRun = (valid: string): void => {
      while (accept(valid)) {
        /* consume */
      }
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    const next = input.codePointAt(i);
    if (next === undefined) return { ok: true, end: i };
    const ch = String.fromCodePoint(next);
    return isAlphaNumeric(ch) ? { ok: false, end: i + ch.length } : { ok: true, end: i };
  }
}

const SINGLE: Readonly<Record<string, 'assign' | 'pipe' | 'leftParen' | 'rightParen'>> = {
  '=': 'assign',
  '|': 'pipe',
  '(': 'leftParen',
  ')': 'rightParen',
};

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function hasLeftTrimMarker(input: string, i: number): boolean {
  return input[i] === '-' && isSpace(input[i + 1]);
}

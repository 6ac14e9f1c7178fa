import { ParseError } from '../errors.js';
import { goQuote, goQuoteRune } from '@promethium/model';
import { Cursor, EOF, isAlpha, isAlphaNumeric, isDigit, isSpace } from './cursor.js';
import { scanDurationRest, scanNumber } from './scan-number.js';
import { scanQuoted, scanRaw } from './scan-string.js';
import { WORDS } from './token.js';
import type { Token, TokenType } from './token.js';

const FILL_WORDS = new Set<TokenType>(['FILL', 'FILL_LEFT', 'FILL_RIGHT']);
const DURATION_WORDS = new Set<TokenType>(['STEP', 'RANGE', 'MAX_OF', 'MIN_OF']);
// First letters of the duration keywords, lower case.
const DURATION_KEYWORDS = new Set(['s', 'r', 'm']);

const SINGLE: Readonly<Record<string, TokenType>> = {
  ',': 'COMMA',
  '*': 'MUL',
  '/': 'DIV',
  '%': 'MOD',
  '+': 'ADD',
  '-': 'SUB',
  '^': 'POW',
  '@': 'AT',
};

/**
 * Turns PromQL text into tokens on demand, tracking parentheses, braces and brackets
 * as Prometheus's lexer does (so its errors, such as "unclosed left parenthesis",
 * come out the same). A lexical error throws ParseError; after EOF, EOF repeats.
 */
export class Lexer {
  readonly #c: Cursor;
  #parenDepth = 0;
  #braceOpen = false;
  #bracketOpen = false;
  #gotColon = false;
  // Whether a number was lexed inside brackets; as in Prometheus, never reset.
  #gotDuration = false;
  // Inside `[`, until the first number, tokens are lexed as a duration expression.
  #durationStart = false;

  constructor(readonly input: string) {
    this.#c = new Cursor(input);
  }

  /** The next token (comments included). */
  next(): Token {
    for (;;) {
      const token = this.#braceOpen
        ? this.#insideBraces()
        : this.#durationStart
          ? this.#durationHead()
          : this.#statement();
      if (token) return token;
    }
  }

  #emit(type: TokenType, value = ''): Token {
    const c = this.#c;
    const token = { type, text: c.text, offset: c.start, value };
    c.start = c.pos;
    return token;
  }

  #fail = (detail: string): never => {
    throw new ParseError(this.input, this.#c.start, detail);
  };

  #skipSpace(): undefined {
    const c = this.#c;
    while (isSpace(c.peek())) c.next();
    c.start = c.pos;
    return undefined;
  }

  #comment(): Token {
    const c = this.#c;
    for (let cp = c.next(); cp !== EOF && cp !== 10 && cp !== 13; cp = c.next());
    c.backup();
    return this.#emit('COMMENT');
  }

  #statement(): Token | undefined {
    const c = this.#c;
    if (c.input.startsWith('#', c.pos)) return this.#comment();
    const cp = c.next();
    const single = cp === EOF ? undefined : SINGLE[String.fromCodePoint(cp)];
    if (single) return this.#emit(single);
    if (isSpace(cp)) return this.#skipSpace();
    if (cp === EOF) return this.#end();
    if (isDigit(cp) || (cp === 46 && isDigit(c.peek()))) {
      c.backup();
      return this.#numberOrDuration();
    }
    if (isAlpha(cp) || cp === 58) return this.#word(cp);
    return (
      this.#comparison(cp) ??
      this.#bracketing(cp) ??
      this.#string(cp) ??
      this.#fail(`unexpected character: ${goQuoteRune(cp)}`)
    );
  }

  #end(): Token {
    if (this.#parenDepth !== 0) this.#fail('unclosed left parenthesis');
    if (this.#bracketOpen) this.#fail('unclosed left bracket');
    return this.#emit('EOF');
  }

  #comparison(cp: number): Token | undefined {
    const c = this.#c;
    switch (cp) {
      case 61: // =
        if (c.accept('=')) return this.#emit('EQLC');
        if (c.peek() === 126) this.#fail(`unexpected character after '=': ${goQuoteRune(126)}`);
        return this.#emit('EQL');
      case 33: {
        // !
        const after = c.next();
        if (after !== 61) this.#fail(`unexpected character after '!': ${goQuoteRune(after)}`);
        return this.#emit('NEQ');
      }
      case 60: // <
        if (c.accept('/')) return this.#emit('TRIM_UPPER');
        return this.#emit(c.accept('=') ? 'LTE' : 'LSS');
      case 62: // >
        if (c.accept('/')) return this.#emit('TRIM_LOWER');
        return this.#emit(c.accept('=') ? 'GTE' : 'GTR');
    }
    return undefined;
  }

  #bracketing(cp: number): Token | undefined {
    switch (cp) {
      case 40: // (
        this.#parenDepth++;
        return this.#emit('LEFT_PAREN');
      case 41: {
        // )
        const token = this.#emit('RIGHT_PAREN');
        if (--this.#parenDepth < 0) this.#fail(`unexpected right parenthesis ${goQuoteRune(cp)}`);
        return token;
      }
      case 123: // {
        this.#braceOpen = true;
        return this.#emit('LEFT_BRACE');
      case 91: {
        // [
        if (this.#bracketOpen) this.#fail(`unexpected left bracket ${goQuoteRune(cp)}`);
        const token = this.#emit('LEFT_BRACKET');
        this.#skipSpace();
        this.#bracketOpen = true;
        this.#gotColon = false;
        this.#durationStart = true;
        return token;
      }
      case 93: // ]
        if (!this.#bracketOpen) this.#fail(`unexpected right bracket ${goQuoteRune(cp)}`);
        this.#bracketOpen = false;
        return this.#emit('RIGHT_BRACKET');
    }
    return undefined;
  }

  #string(cp: number): Token | undefined {
    if (cp === 34 || cp === 39) return this.#emit('STRING', scanQuoted(this.#c, cp, this.#fail));
    if (cp === 96) return this.#emit('STRING', scanRaw(this.#c, this.#fail));
    return undefined;
  }

  #numberOrDuration(): Token {
    const c = this.#c;
    this.#durationStart = false;
    if (scanNumber(c)) return this.#emit('NUMBER');
    if (scanDurationRest(c)) return this.#emit('DURATION');
    return this.#fail(`bad number or duration syntax: ${goQuote(c.text)}`);
  }

  #word(first: number): Token {
    const c = this.#c;
    if (this.#bracketOpen) {
      // Inside brackets only the subquery colon and duration keywords appear among words.
      if (first !== 58) {
        return (
          this.#durationKeyword() ??
          this.#fail(`unexpected character: ${goQuoteRune(first)}, expected ':'`)
        );
      }
      if (this.#gotColon) this.#fail(`unexpected colon ${goQuoteRune(first)}`);
      this.#gotColon = true;
      return this.#emit('COLON');
    }
    for (let cp = c.next(); isAlphaNumeric(cp) || cp === 58; cp = c.next());
    c.backup();
    const keyword = WORDS.get(c.text.toLowerCase());
    // fill, fill_left and fill_right stay metric names unless a `(` follows.
    if (keyword && (!FILL_WORDS.has(keyword) || this.#leftParenFollows())) {
      return this.#emit(keyword);
    }
    return this.#emit(c.text.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
  }

  #leftParenFollows(): boolean {
    const { input, pos } = this.#c;
    let at = pos;
    while (isSpace(input.charCodeAt(at))) at++;
    return input.charCodeAt(at) === 40;
  }

  // step, range, max_of or min_of, whose first letter was consumed; undefined (with the
  // letters consumed) for any other word.
  #durationKeyword(): Token | undefined {
    const c = this.#c;
    if (!DURATION_KEYWORDS.has(c.text[0]!.toLowerCase())) return undefined;
    for (let cp = c.next(); isAlpha(cp); cp = c.next());
    c.backup();
    const keyword = WORDS.get(c.text.toLowerCase());
    return keyword && DURATION_WORDS.has(keyword) ? this.#emit(keyword) : undefined;
  }

  // The first token inside `[`: a duration, or the start of a duration expression.
  #durationHead(): Token | undefined {
    const c = this.#c;
    const cp = c.next();
    if (cp === EOF) this.#fail('unexpected end of input in duration expression');
    if (isSpace(cp)) return this.#skipSpace();
    if (isDigit(cp) || (cp === 46 && isDigit(c.peek()))) {
      c.backup();
      this.#gotDuration = true;
      return this.#numberOrDuration();
    }
    if (cp === 58) return this.#durationColon();
    if (cp === 93) {
      this.#durationStart = false;
      this.#bracketOpen = false;
      this.#gotColon = false;
      return this.#emit('RIGHT_BRACKET');
    }
    const single = SINGLE[String.fromCodePoint(cp)];
    if (single && single !== 'AT') return this.#emit(single);
    if (cp === 40 || cp === 41) return this.#bracketing(cp);
    return (
      (isAlpha(cp) ? this.#durationKeyword() : undefined) ??
      this.#fail(`unexpected character in duration expression: ${goQuoteRune(cp)}`)
    );
  }

  #durationColon(): Token {
    // Prometheus reports these after taking the colon, so the position follows it.
    const token = this.#emit('COLON');
    if (!this.#gotDuration) this.#fail('unexpected colon before duration in duration expression');
    if (this.#gotColon) this.#fail('unexpected repeated colon in duration expression');
    this.#gotColon = true;
    return token;
  }

  #insideBraces(): Token | undefined {
    const c = this.#c;
    if (c.input.startsWith('#', c.pos)) return this.#comment();
    const cp = c.next();
    if (cp === EOF) this.#fail('unexpected end of input inside braces');
    if (isSpace(cp)) return this.#skipSpace();
    if (isAlpha(cp)) {
      for (let n = c.next(); isAlphaNumeric(n); n = c.next());
      c.backup();
      return this.#emit('IDENTIFIER');
    }
    switch (cp) {
      case 44:
        return this.#emit('COMMA');
      case 61:
        return this.#emit(c.accept('~') ? 'EQL_REGEX' : 'EQL');
      case 33: {
        const after = c.next();
        if (after === 126) return this.#emit('NEQ_REGEX');
        if (after === 61) return this.#emit('NEQ');
        return this.#fail(`unexpected character after '!' inside braces: ${goQuoteRune(after)}`);
      }
      case 123:
        return this.#fail(`unexpected left brace ${goQuoteRune(cp)}`);
      case 125:
        this.#braceOpen = false;
        return this.#emit('RIGHT_BRACE');
    }
    return this.#string(cp) ?? this.#fail(`unexpected character inside braces: ${goQuoteRune(cp)}`);
  }
}

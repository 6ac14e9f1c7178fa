// The UTF-8 matchers syntax (Alertmanager's matcher/parse): label names and values are
// double-quoted Go strings or unquoted runs of characters other than spaces and
// {}!=~,\"'`. Errors carry the 0-based column range (in characters) of the offending input.
import { isGoSpace } from '../go.js';
import { goUnquoteStrict } from './go-unquote.js';
import { InvalidMatcherError, Matcher } from './matcher.js';
import type { MatchType } from './matcher.js';

type Kind = 'eof' | '{' | '}' | ',' | '=' | '!=' | '=~' | '!~' | 'quoted' | 'unquoted';

interface Position {
  offsetStart: number;
  offsetEnd: number;
  columnStart: number;
  columnEnd: number;
}

interface Token extends Position {
  kind: Kind;
  value: string;
}

const EOF_TOKEN: Token = {
  kind: 'eof',
  value: '',
  offsetStart: 0,
  offsetEnd: 0,
  columnStart: 0,
  columnEnd: 0,
};

/** The parser ran out of input where it expected a token. */
class EndOfInput extends Error {
  constructor() {
    super('end of input');
  }
}

function isReserved(ch: string): boolean {
  return isGoSpace(ch) || '{}!=~,\\"\'`'.includes(ch);
}

/** Splits the input into tokens; positions count characters (code points). */
class Lexer {
  readonly #chars: string[];
  #err: Error | undefined;
  #start = 0;
  #pos = 0;
  #width = 0;

  constructor(input: string) {
    this.#chars = [...input];
  }

  #text(from: number, to: number): string {
    return this.#chars.slice(from, to).join('');
  }

  /** The next token, or the EOF token at the end; once an error is met it is returned again. */
  scan(): Token {
    if (this.#err) throw this.#err;
    try {
      return this.#scan();
    } catch (err) {
      this.#err = err as Error;
      throw err;
    }
  }

  #scan(): Token {
    for (let ch = this.#next(); ch !== undefined; ch = this.#next()) {
      if (ch === '{' || ch === '}' || ch === ',') return this.#emit(ch);
      if (ch === '=' || ch === '!') {
        this.#rewind();
        return this.#scanOperator();
      }
      if (ch === '"') {
        this.#rewind();
        return this.#scanQuoted();
      }
      if (!isReserved(ch)) {
        this.#rewind();
        return this.#scanUnquoted();
      }
      if (!isGoSpace(ch)) {
        throw new InvalidMatcherError(`${this.#where()}: ${this.#current()}: invalid input`);
      }
      this.#start = this.#pos;
    }
    return EOF_TOKEN;
  }

  /** The next token without consuming it (a lexing error is still remembered). */
  peek(): Token {
    const start = this.#start;
    const pos = this.#pos;
    const width = this.#width;
    try {
      return this.scan();
    } finally {
      this.#start = start;
      this.#pos = pos;
      this.#width = width;
    }
  }

  /** The position of the input scanned since the last token. */
  position(): Position {
    return {
      offsetStart: this.#start,
      offsetEnd: this.#pos,
      columnStart: this.#start,
      columnEnd: this.#pos,
    };
  }

  #scanOperator(): Token {
    if (this.#accept('!')) {
      if (this.#accept('=')) return this.#emit('!=');
      if (this.#accept('~')) return this.#emit('!~');
      throw this.#expected('=~');
    }
    if (this.#accept('=')) return this.#emit(this.#accept('~') ? '=~' : '=');
    throw this.#expected('!=');
  }

  #scanQuoted(): Token {
    if (!this.#accept('"')) throw this.#expected('"');
    let escaped = false;
    for (let ch = this.#next(); ch !== undefined; ch = this.#next()) {
      if (escaped) {
        escaped = false;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === '"') {
        this.#rewind();
        break;
      }
    }
    if (!this.#accept('"')) {
      throw new InvalidMatcherError(`${this.#where()}: ${this.#current()}: missing end "`);
    }
    return this.#emit('quoted');
  }

  #scanUnquoted(): Token {
    for (let ch = this.#next(); ch !== undefined; ch = this.#next()) {
      if (isReserved(ch)) {
        this.#rewind();
        break;
      }
    }
    return this.#emit('unquoted');
  }

  #accept(valid: string): boolean {
    const ch = this.#next();
    if (ch !== undefined && valid.includes(ch)) return true;
    this.#rewind();
    return false;
  }

  #expected(valid: string): InvalidMatcherError {
    const what =
      this.#pos >= this.#chars.length ? 'unexpected end of input,' : `${this.#current()}:`;
    return new InvalidMatcherError(`${this.#where()}: ${what} expected one of '${valid}'`);
  }

  #where(): string {
    return `${this.#start}:${this.#pos}`;
  }

  #current(): string {
    return this.#text(this.#start, this.#pos);
  }

  #emit(kind: Kind): Token {
    const token = { kind, value: this.#current(), ...this.position() };
    this.#start = this.#pos;
    return token;
  }

  #next(): string | undefined {
    const ch = this.#chars[this.#pos];
    this.#width = ch === undefined ? 0 : 1;
    this.#pos += this.#width;
    return ch;
  }

  #rewind(): void {
    this.#pos -= this.#width;
  }
}

type State = ((lexer: Lexer) => State) | undefined;

const OPERATORS: readonly Kind[] = ['=', '!=', '=~', '!~'];

/** A finite-state parser over the lexer's tokens, one state per grammar position. */
class Parser {
  readonly matchers: Matcher[] = [];
  #hasOpenBrace = false;

  parse(lexer: Lexer): Matcher[] {
    let state: State = (l) => this.#openBrace(l);
    while (state) state = state(lexer);
    return this.matchers;
  }

  #openBrace(l: Lexer): State {
    try {
      this.#hasOpenBrace = accept(l, '{');
    } catch (err) {
      if (err instanceof EndOfInput) return (lx) => this.#eof(lx);
      throw err;
    }
    let close: boolean;
    try {
      close = acceptPeek(l, '}');
    } catch (err) {
      if (err instanceof EndOfInput) return (lx) => this.#closeBrace(lx);
      throw err;
    }
    return close ? (lx) => this.#closeBrace(lx) : (lx) => this.#matcher(lx);
  }

  #closeBrace(l: Lexer): State {
    if (this.#hasOpenBrace) {
      try {
        expect(l, '}');
      } catch (err) {
        const at = l.position().columnEnd;
        throw new InvalidMatcherError(`0:${at}: ${message(err)}: expected close brace`);
      }
    } else if (attempt(() => expect(l, '}'))) {
      throw new InvalidMatcherError(`0:${l.position().columnEnd}: }: expected opening brace`);
    }
    return (lx) => this.#eof(lx);
  }

  #matcher(l: Lexer): State {
    const nameToken = wrap(() => expect(l, 'quoted', 'unquoted'), 'expected label name');
    const name = unquote(nameToken);
    const operator = wrap(
      () => expect(l, ...OPERATORS),
      "expected an operator such as '=', '!=', '=~' or '!~'",
    );
    const valueToken = wrap(() => expect(l, 'unquoted', 'quoted'), 'expected label value');
    const value = unquote(valueToken);
    try {
      this.matchers.push(new Matcher(operator.kind as MatchType, name, value));
    } catch (err) {
      throw new InvalidMatcherError(`failed to create matcher: ${message(err)}`, { cause: err });
    }
    return (lx) => this.#endOfMatcher(lx);
  }

  #endOfMatcher(l: Lexer): State {
    let token: Token;
    try {
      token = expectPeek(l, ',', '}');
    } catch (err) {
      if (err instanceof EndOfInput) return (lx) => this.#closeBrace(lx);
      throw new InvalidMatcherError(`${message(err)}: expected a comma or close brace`);
    }
    return token.kind === ',' ? (lx) => this.#comma(lx) : (lx) => this.#closeBrace(lx);
  }

  #comma(l: Lexer): State {
    wrap(() => expect(l, ','), 'expected a comma');
    let token: Token;
    try {
      token = expectPeek(l, '}', 'unquoted', 'quoted');
    } catch (err) {
      if (err instanceof EndOfInput) return (lx) => this.#closeBrace(lx);
      throw new InvalidMatcherError(
        `${message(err)}: expected a matcher or close brace after comma`,
      );
    }
    return token.kind === '}' ? (lx) => this.#closeBrace(lx) : (lx) => this.#matcher(lx);
  }

  #eof(l: Lexer): State {
    const token = wrap(() => l.scan(), 'expected end of input');
    if (token.kind !== 'eof') {
      throw new InvalidMatcherError(
        `${token.columnStart}:${token.columnEnd}: ${token.value}: expected end of input`,
      );
    }
    return undefined;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `step`, prefixing `reason` to the message of any failure, end of input included. */
function wrap<T>(step: () => T, reason: string): T {
  try {
    return step();
  } catch (err) {
    throw new InvalidMatcherError(`${message(err)}: ${reason}`);
  }
}

function attempt(step: () => unknown): boolean {
  try {
    step();
    return true;
  } catch {
    return false;
  }
}

function unquote(token: Token): string {
  if (token.kind !== 'quoted') return token.value;
  const value = goUnquoteStrict(token.value);
  if (value !== undefined) return value;
  throw new InvalidMatcherError(
    `${token.columnStart}:${token.columnEnd}: ${token.value}: invalid input`,
  );
}

function acceptPeek(l: Lexer, ...kinds: Kind[]): boolean {
  const token = l.peek();
  if (token.kind === 'eof') throw new EndOfInput();
  return kinds.includes(token.kind);
}

function accept(l: Lexer, ...kinds: Kind[]): boolean {
  const ok = acceptPeek(l, ...kinds);
  if (ok) l.scan();
  return ok;
}

function expectPeek(l: Lexer, ...kinds: Kind[]): Token {
  const token = l.peek();
  if (token.kind === 'eof') throw new EndOfInput();
  if (!kinds.includes(token.kind)) {
    throw new InvalidMatcherError(
      `${token.columnStart}:${token.columnEnd}: unexpected ${token.value}`,
    );
  }
  return token;
}

function expect(l: Lexer, ...kinds: Kind[]): Token {
  const token = expectPeek(l, ...kinds);
  l.scan();
  return token;
}

/**
 * Parses zero or more UTF-8 matchers, optionally in braces, separated by commas (a trailing
 * comma is allowed). Throws InvalidMatcherError with Alertmanager's message.
 */
export function parseUtf8Matchers(input: string): Matcher[] {
  return new Parser().parse(new Lexer(input));
}

/** Parses exactly one UTF-8 matcher. */
export function parseUtf8Matcher(input: string): Matcher {
  const matchers = parseUtf8Matchers(input);
  if (matchers.length === 1) return matchers[0]!;
  throw new InvalidMatcherError(
    matchers.length === 0 ? 'no matchers' : `expected 1 matcher, found ${matchers.length}`,
  );
}

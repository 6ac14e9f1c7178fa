/**
 * The structure of an RE2 pattern, as far as the postings shortcuts need it. Anything
 * this model cannot describe exactly but that cannot change the structure around it
 * (a character class, a repeat, an assertion) is `opaque`; syntax it does not know at
 * all (flags such as `(?i)`, `\p{…}`, `\Q…\E`, literal braces) makes parseRegex give
 * up, and the pattern gets no shortcut.
 */
export type RegexNode =
  | { readonly op: 'literal'; readonly text: string }
  | { readonly op: 'concat'; readonly subs: readonly RegexNode[] }
  | { readonly op: 'alternate'; readonly subs: readonly RegexNode[] }
  /** `.`: one character, newline included (Prometheus's regexes run with the `s` flag). */
  | { readonly op: 'anyChar' }
  /** `.*`: any string. */
  | { readonly op: 'anyString' }
  /** `.+`: any non-empty string. */
  | { readonly op: 'anyNonEmpty' }
  | { readonly op: 'opaque' };

/** Thrown inside the parser on syntax outside the model; parseRegex answers undefined. */
class Unsupported extends Error {}

const OPAQUE: RegexNode = { op: 'opaque' };
/** Escapes standing for a class of characters or a zero-width assertion. */
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'A', 'z']);
/** Escaped ASCII punctuation is always the character itself. */
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
/** Characters that are never literal when unescaped. */
const META = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$']);
const REPEAT = /^\{\d+(,\d*)?\}/;
const POSIX_CLASS = /^\^?[a-z]+$/;

/** The structure of a valid RE2 pattern, or undefined when it uses syntax outside the model. */
export function parseRegex(pattern: string): RegexNode | undefined {
  try {
    return new Parser(pattern).parse();
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

class Parser {
  /** Code points, so a quantifier after an astral character applies to all of it. */
  readonly #chars: readonly string[];
  #pos = 0;

  constructor(pattern: string) {
    this.#chars = Array.from(pattern);
  }

  parse(): RegexNode {
    const node = this.#alternation();
    if (this.#pos < this.#chars.length) throw new Unsupported('unbalanced )');
    return node;
  }

  #alternation(): RegexNode {
    const subs = [this.#concat()];
    while (this.#peek() === '|') {
      this.#pos++;
      subs.push(this.#concat());
    }
    return subs.length === 1 ? subs[0]! : { op: 'alternate', subs };
  }

  #concat(): RegexNode {
    const subs: RegexNode[] = [];
    while (this.#pos < this.#chars.length && this.#peek() !== '|' && this.#peek() !== ')') {
      subs.push(this.#repeat());
    }
    return concatOf(subs);
  }

  #repeat(): RegexNode {
    let node = this.#atom();
    for (;;) {
      const c = this.#peek();
      if (c === '*') node = node.op === 'anyChar' ? { op: 'anyString' } : OPAQUE;
      else if (c === '+') node = node.op === 'anyChar' ? { op: 'anyNonEmpty' } : OPAQUE;
      else if (c === '?') node = OPAQUE;
      else if (c === '{' && this.#repeatLength() > 0) {
        this.#pos += this.#repeatLength() - 1;
        node = OPAQUE;
      } else return node;
      this.#pos++;
      // A lazy quantifier matches the same strings as the greedy one.
      if (this.#peek() === '?') this.#pos++;
    }
  }

  #atom(): RegexNode {
    const c = this.#next();
    switch (c) {
      case '(':
        return this.#group();
      case '.':
        return { op: 'anyChar' };
      case '[':
        this.#skipClass();
        return OPAQUE;
      case '\\':
        return this.#escape();
      case '^':
      case '$':
        return OPAQUE;
      default:
        if (META.has(c)) throw new Unsupported(`${c} outside the model`);
        return { op: 'literal', text: c };
    }
  }

  #group(): RegexNode {
    if (this.#peek() === '?') {
      if (this.#chars[this.#pos + 1] !== ':') throw new Unsupported('flags or named group');
      this.#pos += 2;
    }
    const inner = this.#alternation();
    if (this.#next() !== ')') throw new Unsupported('unclosed group');
    return inner;
  }

  #escape(): RegexNode {
    const c = this.#next();
    if (CLASS_ESCAPES.has(c)) return OPAQUE;
    if (PUNCTUATION.test(c)) return { op: 'literal', text: c };
    throw new Unsupported(`escape \\${c}`);
  }

  /** Moves past a character class whose `[` was just read. */
  #skipClass(): void {
    if (this.#peek() === '^') this.#pos++;
    // A `]` first in the class is a member, not its end.
    if (this.#peek() === ']') this.#pos++;
    for (;;) {
      const c = this.#next();
      if (c === ']') return;
      if (c === '\\') this.#next();
      else if (c === '[' && this.#peek() === ':') this.#skipPosixClass();
    }
  }

  /** Moves past `:name:]` of a `[:name:]` inside a class. */
  #skipPosixClass(): void {
    const rest = this.#chars.slice(this.#pos + 1).join('');
    const end = rest.indexOf(':]');
    if (end < 0 || !POSIX_CLASS.test(rest.slice(0, end))) throw new Unsupported('[: in a class');
    this.#pos += 1 + Array.from(rest.slice(0, end)).length + 2;
  }

  /** The length of a `{n}`, `{n,}` or `{n,m}` repeat at the cursor, or 0. */
  #repeatLength(): number {
    const rest = this.#chars.slice(this.#pos, this.#pos + 32).join('');
    return REPEAT.exec(rest)?.[0].length ?? 0;
  }

  #peek(): string | undefined {
    return this.#chars[this.#pos];
  }

  #next(): string {
    const c = this.#chars[this.#pos++];
    if (c === undefined) throw new Unsupported('unexpected end');
    return c;
  }
}

/** A concatenation with nested ones flattened and adjacent literals joined. */
function concatOf(parts: readonly RegexNode[]): RegexNode {
  const subs: RegexNode[] = [];
  for (const part of parts.flatMap((p) => (p.op === 'concat' ? p.subs : [p]))) {
    const last = subs.at(-1);
    if (part.op === 'literal' && last?.op === 'literal') {
      subs[subs.length - 1] = { op: 'literal', text: last.text + part.text };
    } else subs.push(part);
  }
  return subs.length === 1 ? subs[0]! : { op: 'concat', subs };
}

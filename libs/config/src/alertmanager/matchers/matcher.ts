import { Labels, goQuote } from '@promethium/model';
import { InvalidRelabelRegexError, RelabelRegex } from '@promethium/relabel';
import { reasonOf } from '../../errors.js';
import { compareGoStrings, isGoSpace } from '../go.js';

/** The four matcher operators, in Alertmanager's order (it sorts matchers by it last). */
export const MATCH_TYPES = ['=', '!=', '=~', '!~'] as const;

/** A matcher operator. */
export type MatchType = (typeof MATCH_TYPES)[number];

/** A matcher that cannot be built or parsed; `message` is Alertmanager's. */
export class InvalidMatcherError extends Error {
  override readonly name = 'InvalidMatcherError';
}

// A label name with one of these is printed quoted, so the UTF-8 matchers parser reads it back.
const RESERVED = '{}!=~,\\"\'`';

function isReserved(ch: string): boolean {
  return isGoSpace(ch) || RESERVED.includes(ch);
}

// OpenMetrics escaping: only backslash, line feed and double quote.
function openMetricsEscape(value: string): string {
  return value.replace(/[\\\n"]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
}

/**
 * An Alertmanager label matcher. Regexes are RE2, fully anchored, and `.` does not match a
 * line feed (Go's default, unlike Prometheus's relabeling); they cannot take exponential time.
 */
export class Matcher {
  readonly #regex: RelabelRegex | undefined;

  /** Throws InvalidMatcherError for a regex RE2 rejects. */
  constructor(
    readonly type: MatchType,
    readonly name: string,
    readonly value: string,
  ) {
    if (type === '=~' || type === '!~') this.#regex = compile(value);
  }

  /** Whether a label value ('' when the label is absent) satisfies the matcher. */
  matches(value: string): boolean {
    switch (this.type) {
      case '=':
        return value === this.value;
      case '!=':
        return value !== this.value;
      case '=~':
        return this.#regex!.test(value);
      case '!~':
        return !this.#regex!.test(value);
    }
  }

  /** Alertmanager's text form: `foo="bar"`, `foo=~"a.*"`, `"a b"="c"`. */
  toString(): string {
    if ([...this.name].some(isReserved)) {
      return `${goQuote(this.name)}${this.type}${goQuote(this.value)}`;
    }
    return `${this.name}${this.type}"${openMetricsEscape(this.value)}"`;
  }

  /** Matchers are written as their text form, as Alertmanager marshals them. */
  toJSON(): string {
    return this.toString();
  }
}

function compile(pattern: string): RelabelRegex {
  try {
    // `(?-s)` turns off the dot-matches-newline flag RelabelRegex sets, for the rest of
    // its anchoring group: the pattern means what Go's regexp.Compile makes of it.
    return new RelabelRegex(`(?-s)${pattern}`);
  } catch (err) {
    if (!(err instanceof InvalidRelabelRegexError)) throw err;
    const reason = reasonOf(err.cause ?? err);
    throw new InvalidMatcherError(`error parsing regexp: ${reason.replace('(?-s)', '')}`, {
      cause: err,
    });
  }
}

/** Alertmanager's matcher order: by name, then value, then operator. */
export function compareMatchers(a: Matcher, b: Matcher): number {
  return (
    compareGoStrings(a.name, b.name) ||
    compareGoStrings(a.value, b.value) ||
    MATCH_TYPES.indexOf(a.type) - MATCH_TYPES.indexOf(b.type)
  );
}

/** Whether every matcher accepts the labels; an absent label has the value ''. */
export function matchesLabels(
  matchers: readonly Matcher[],
  labels: Labels | Readonly<Record<string, string>>,
): boolean {
  const get =
    labels instanceof Labels
      ? (name: string) => labels.get(name)
      : (name: string) => (Object.hasOwn(labels, name) ? labels[name]! : '');
  return matchers.every((m) => m.matches(get(m.name)));
}

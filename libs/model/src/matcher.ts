import RE2 from 're2';
import type { Labels } from './labels.js';

/** The four Prometheus matcher operators. */
export type MatchType = '=' | '!=' | '=~' | '!~';

/** Raised for a regex RE2 cannot compile; `message` names the pattern. */
export class InvalidRegexError extends Error {
  override readonly name = 'InvalidRegexError';
  readonly code = 'invalid_regex';
}

/**
 * A label matcher. Regexes are fully anchored and `.` matches newlines, as in
 * Prometheus 3; they run on RE2 so no pattern can take exponential time.
 */
export class Matcher {
  readonly #regex: RE2 | undefined;

  /** Throws InvalidRegexError for a regex RE2 rejects. */
  constructor(
    readonly type: MatchType,
    readonly name: string,
    readonly value: string,
  ) {
    if (type === '=~' || type === '!~') this.#regex = compileAnchored(value);
  }

  /** Whether a label value (''' when the label is absent) satisfies the matcher. */
  matches(labelValue: string): boolean {
    switch (this.type) {
      case '=':
        return labelValue === this.value;
      case '!=':
        return labelValue !== this.value;
      case '=~':
        return this.#regex!.test(labelValue);
      case '!~':
        return !this.#regex!.test(labelValue);
    }
  }

  /** Whether the matcher matches the empty string (so also series lacking the label). */
  matchesEmpty(): boolean {
    return this.matches('');
  }

  /** Prometheus's text form, e.g. `job=~"api.*"`. */
  toString(): string {
    return `${this.name}${this.type}${JSON.stringify(this.value)}`;
  }
}

function compileAnchored(pattern: string): RE2 {
  try {
    return new RE2(`^(?:${pattern})$`, 's');
  } catch (err) {
    throw new InvalidRegexError(
      `invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

/** Whether every matcher accepts the series' labels. */
export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((m) => m.matches(labels.get(m.name)));
}

import RE2 from 're2';

/** Raised for a regex RE2 cannot compile. */
export class InvalidRelabelRegexError extends Error {
  override readonly name = 'InvalidRelabelRegexError';
}

/**
 * A relabeling regex: fully anchored, `.` matching newlines, run on RE2 so that no pattern can
 * take exponential time. `source` is the pattern as written.
 */
export class RelabelRegex {
  readonly #re: RE2;

  /** Throws InvalidRelabelRegexError for a pattern RE2 rejects. */
  constructor(readonly source: string) {
    try {
      this.#re = new RE2(`^(?:${source})$`, 's');
    } catch (err) {
      throw new InvalidRelabelRegexError(
        `invalid regular expression ${JSON.stringify(source)}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** Whether the whole of `text` matches. */
  test(text: string): boolean {
    return this.#re.test(text);
  }

  /** The pattern as written, as Prometheus marshals it; lets configs be compared as JSON. */
  toJSON(): string {
    return this.source;
  }

  /** The groups of a whole-text match, or undefined when `text` does not match. */
  match(text: string): RegExpExecArray | undefined {
    return this.#re.exec(text) ?? undefined;
  }
}

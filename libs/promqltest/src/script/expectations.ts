import { ScriptParseError } from '../errors.js';
import type { LineRef } from '../errors.js';
import { compileRegex } from './expect.js';
import type { ExpectKind } from './expect.js';
import type { AnnotationExpectation, Expectations, TextMatcher, TimeGrid } from './types.js';

interface AnnotationDraft {
  required: boolean;
  matchers: TextMatcher[];
  forbidden: boolean;
}

/**
 * Collects an eval's expectations line by line and checks their combinations
 * (warn with no_warn, info with no_info, more than one `expect fail`). `legacy`
 * is the suffix of an old-style header: fail, warn, info or ordered.
 */
export class ExpectationsBuilder {
  readonly #legacyFail: boolean;
  #fail: TextMatcher[] | undefined;
  #failLines = 0;
  #ordered: boolean;
  readonly #warn: AnnotationDraft;
  readonly #info: AnnotationDraft;
  #rangeVector: TimeGrid | undefined;
  #string: string | undefined;

  constructor(legacy: string | undefined) {
    this.#legacyFail = legacy === 'fail';
    this.#fail = this.#legacyFail ? [] : undefined;
    this.#ordered = legacy === 'ordered';
    this.#warn = { required: legacy === 'warn', matchers: [], forbidden: false };
    this.#info = { required: legacy === 'info', matchers: [], forbidden: false };
  }

  /** Whether the header was `eval_fail`, which enables the `expected_fail_*` lines. */
  get legacyFail(): boolean {
    return this.#legacyFail;
  }

  /** Whether an `expect range vector` line was seen. */
  get rangeVectorSet(): boolean {
    return this.#rangeVector !== undefined;
  }

  /** Legacy `expected_fail_message <text>`: the error text must equal `text`. */
  addFailText(text: string): void {
    this.#fail?.push({ kind: 'exact', text });
  }

  /** Legacy `expected_fail_regexp <re>`: the error text must match `source`. */
  addFailRegex(at: LineRef, source: string): void {
    this.#fail?.push(compileRegex(at, source));
  }

  /** Records `expect range vector …`. */
  setRangeVector(grid: TimeGrid): void {
    this.#rangeVector = grid;
  }

  /** Records `expect string …`. */
  setString(value: string): void {
    this.#string = value;
  }

  /** Records one `expect <kind> …` line; throws ScriptParseError for a forbidden combination. */
  add(at: LineRef, line: { kind: ExpectKind; matcher: TextMatcher }): void {
    switch (line.kind) {
      case 'ordered':
        this.#ordered = true;
        return;
      case 'fail':
        if (++this.#failLines > 1) {
          throw new ScriptParseError(at, 'at most one expect fail line is allowed');
        }
        this.#fail ??= [];
        this.#fail.push(line.matcher);
        return;
      case 'warn':
      case 'info':
        this.#draft(line.kind).matchers.push(line.matcher);
        break;
      case 'no_warn':
        this.#warn.forbidden = true;
        break;
      case 'no_info':
        this.#info.forbidden = true;
        break;
    }
    for (const [kind, draft] of [
      ['warn', this.#warn],
      ['info', this.#info],
    ] as const) {
      if (draft.forbidden && draft.matchers.length > 0) {
        throw new ScriptParseError(at, `${kind} and no_${kind} cannot be used together`);
      }
    }
  }

  /** The collected expectations. */
  build(): Expectations {
    const freeze = (d: AnnotationDraft): AnnotationExpectation => ({
      ...d,
      matchers: [...d.matchers],
    });
    return {
      fail: this.#fail && { matchers: [...this.#fail] },
      ordered: this.#ordered,
      warn: freeze(this.#warn),
      info: freeze(this.#info),
      rangeVector: this.#rangeVector,
      string: this.#string,
    };
  }

  #draft(kind: 'warn' | 'info'): AnnotationDraft {
    return kind === 'warn' ? this.#warn : this.#info;
  }
}

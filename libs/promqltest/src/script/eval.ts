import { ScriptParseError, atLine } from '../errors.js';
import type { LineRef } from '../errors.js';
import { ExpectationsBuilder } from './expectations.js';
import {
  isExpectLine,
  isExpectStringLine,
  isRangeVectorLine,
  parseExpectLine,
  parseExpectString,
  parseGrid,
  parseRangeVectorLine,
} from './expect.js';
import { parseNumberText } from './number.js';
import { parseSeriesDescription } from './series.js';
import { parseTime } from './time.js';
import type { EvalCommand, EvalQuery, ExpectedResult, ExpectedSeries } from './types.js';

const INSTANT_HEADER = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const FAIL_MESSAGE = 'expected_fail_message';
const FAIL_REGEXP = 'expected_fail_regexp';
const RANGE_HEADER =
  /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

interface Header {
  readonly expr: string;
  readonly query: EvalQuery;
  readonly legacy: string | undefined;
}

/**
 * Parses the `eval` command whose header is `lines[index]`. Its body runs to the
 * next blank line, or ends after a scalar result or a legacy `expected_fail_*`
 * line. Returns the command and the index of its last line. The PromQL expression
 * is not parsed here: a query the engine rejects is a failed eval, not a bad script.
 */
export function parseEval(
  file: string,
  lines: readonly string[],
  index: number,
): { command: EvalCommand; last: number } {
  const headerRef: LineRef = { file, line: index + 1 };
  const header = parseHeader(headerRef, lines[index]!);
  const body = new EvalBody(header);
  let last = index;
  for (let i = index + 1; i < lines.length && lines[i] !== ''; i++) {
    last = i;
    if (!body.accept({ file, line: i + 1 }, lines[i]!)) break;
  }
  return { command: body.build(headerRef.line), last };
}

/** The body of one eval, fed line by line. */
class EvalBody {
  readonly #header: Header;
  readonly #expect: ExpectationsBuilder;
  readonly #series = new Map<string, ExpectedSeries>();
  #scalar: number | undefined;
  #resultLines = 0;

  constructor(header: Header) {
    this.#header = header;
    this.#expect = new ExpectationsBuilder(header.legacy);
  }

  /** Takes one body line; returns false when the line ends the body. */
  accept(at: LineRef, text: string): boolean {
    const expect = this.#expect;
    if (expect.legacyFail && text.startsWith(FAIL_MESSAGE)) {
      expect.addFailText(text.slice(FAIL_MESSAGE.length).trim());
      return false;
    }
    if (expect.legacyFail && text.startsWith(FAIL_REGEXP)) {
      expect.addFailRegex(at, text.slice(FAIL_REGEXP.length).trim());
      return false;
    }
    if (isRangeVectorLine(text)) {
      this.#instantOnly(at, 'expect range vector');
      expect.setRangeVector(parseRangeVectorLine(at, text));
    } else if (isExpectStringLine(text)) {
      this.#instantOnly(at, 'expect string');
      expect.setString(parseExpectString(at, text));
    } else if (isExpectLine(text)) {
      expect.add(at, parseExpectLine(at, text));
    } else {
      // A bare number is a scalar result and ends the body, as upstream.
      this.#scalar = scalarValue(text);
      if (this.#scalar !== undefined) return false;
      const expected = this.#parseSeries(at, text);
      this.#series.set(expected.labels.key(), expected);
    }
    return true;
  }

  /** The command, its header on line `line`. */
  build(line: number): EvalCommand {
    const expect = this.#expect.build();
    const result: ExpectedResult =
      this.#scalar !== undefined
        ? { kind: 'scalar', value: this.#scalar }
        : { kind: 'series', series: [...this.#series.values()] };
    const { expr, query } = this.#header;
    // An instant query expecting a range vector is evaluated at the range's end, as upstream.
    const at: EvalQuery =
      query.kind === 'instant' && expect.rangeVector
        ? { kind: 'instant', timeMs: expect.rangeVector.endMs }
        : query;
    return { kind: 'eval', line, expr, query: at, expect, result };
  }

  /** Throws when `what` (an instant-only expectation) appears in a range eval. */
  #instantOnly(at: LineRef, what: string): void {
    if (this.#header.query.kind === 'range') {
      throw new ScriptParseError(at, `${what} is only valid for instant evals`);
    }
  }

  /** A result line; its position is its 1-based place among the result lines. */
  #parseSeries(at: LineRef, text: string): ExpectedSeries {
    const { labels, values } = atLine(at, 0, () => parseSeriesDescription(text));
    if (
      values.length > 1 &&
      this.#header.query.kind === 'instant' &&
      !this.#expect.rangeVectorSet
    ) {
      throw new ScriptParseError(
        at,
        "an instant eval expects one value per series; use 'expect range vector' for a range vector result",
      );
    }
    return { line: at.line, labels, values, position: ++this.#resultLines };
  }
}

function parseHeader(at: LineRef, text: string): Header {
  const instant = INSTANT_HEADER.exec(text);
  if (instant) {
    const timeMs = parseTime(at, instant[2] ?? '', 'evaluation time');
    return { expr: instant[3]!, query: { kind: 'instant', timeMs }, legacy: instant[1] };
  }
  const range = RANGE_HEADER.exec(text);
  if (range) {
    const grid = parseGrid(at, range[2]!, range[3]!, range[4]!);
    return { expr: range[5]!, query: { kind: 'range', ...grid }, legacy: range[1] };
  }
  throw new ScriptParseError(
    at,
    'invalid eval command, expected eval[_fail|_warn|_info|_ordered] instant at <time> <query> or eval[_fail|_warn|_info] range from <start> to <end> step <step> <query>',
  );
}

function scalarValue(text: string): number | undefined {
  try {
    return parseNumberText(text);
  } catch {
    return undefined;
  }
}

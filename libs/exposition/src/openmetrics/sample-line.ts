import { METRIC_NAME, Labels } from '@promethium/model';
import { Ch, isLabelStart, isMetricStart } from '../cursor.js';
import type { Cursor } from '../cursor.js';
import { parseFloatText, parseValue } from '../numbers.js';
import { normalizeFloat, readLabelValue } from '../sample-line.js';
import type { SeriesTextCache } from '../series-text-cache.js';
import type { Exemplar, ParsedSample } from '../types.js';
import type { OpenMetricsFamilies, SampleKind } from './families.js';
import { pointLabelOf } from './family-types.js';

/** The spec's limit on an exemplar's label names and values together, in code points. */
const EXEMPLAR_LABELS_MAX = 128;

/** What the strict rules need to know about the last sample line beyond its ParsedSample. */
export interface SampleFacts {
  readonly kind: SampleKind;
  readonly nameAt: number;
  readonly valueAt: number;
  readonly valueEnd: number;
  /** The timestamp as written, in seconds; undefined without one. */
  readonly timestampSeconds: number | undefined;
  readonly timestampAt: number;
  /** The value of the family's point label (see pointLabelOf) before normalisation. */
  readonly pointLabel: string | undefined;
  readonly pointLabelAt: number;
  readonly exemplarAt: number;
}

/**
 * Parses sample lines: `name[{labels}] value [timestamp] [# {labels} value [timestamp]]`
 * with single spaces between the parts, as the spec's ABNF and Prometheus's lexer both
 * demand. Timestamps are seconds; samples carry them in milliseconds, truncated as
 * Prometheus truncates them. Strict mode refuses the trailing comma Prometheus allows in
 * label sets, reserved label names, and exemplars over the spec's length limit.
 */
export class SampleLineParser implements SampleFacts {
  kind!: SampleKind;
  nameAt = 0;
  valueAt = 0;
  valueEnd = 0;
  timestampSeconds: number | undefined;
  timestampAt = 0;
  pointLabel: string | undefined;
  pointLabelAt = 0;
  exemplarAt = 0;
  // Normalised `le` and `quantile` values, which repeat across the series of a body.
  readonly #normalized = new Map<string, string>();

  /** `cache` is for lenient parsing only: strict rules need every label read. */
  constructor(
    private readonly c: Cursor,
    private readonly families: OpenMetricsFamilies,
    private readonly strict: boolean,
    private readonly cache: SeriesTextCache | undefined,
  ) {}

  /** Parses the line at the cursor, stopping at its line feed (or the end of input). */
  parse(): ParsedSample {
    const c = this.c;
    if (c.peek() === Ch.LF) c.fail('blank lines are not allowed');
    if (!isMetricStart(c.peek())) c.expected('metric name or "#"');
    this.nameAt = c.pos;
    const known = this.strict ? undefined : this.cache?.find(c);
    const name = known?.name ?? c.readName(true);
    const kind = (this.kind = this.families.familyOf(name, this.nameAt));
    this.pointLabel = undefined;
    let labels: Labels;
    if (known !== undefined && known.type === kind.family.type) {
      c.pos = this.nameAt + known.text.length;
      labels = known.labels;
    } else {
      c.pos = this.nameAt + name.length;
      labels = this.#readSeriesLabels(name, kind);
      if (this.cache !== undefined && !this.strict) {
        labels = this.cache.store(c, this.nameAt, { name, labels, type: kind.family.type });
      }
    }
    const braced = c.src.charCodeAt(this.nameAt + name.length) === Ch.LBrace;
    this.#expectSpace(braced ? 'after the labels' : `or '{' after metric name "${name}"`);
    this.valueAt = c.pos;
    const value = this.#readValue('value');
    this.valueEnd = c.pos;
    const sample: ParsedSample = { name, labels, value, timestampMs: undefined };
    this.#readTail(sample);
    return sample;
  }

  // The labels after the metric name, if any.
  #readSeriesLabels(name: string, kind: SampleKind): Labels {
    const pairs: [string, string][] = [[METRIC_NAME, name]];
    if (this.c.peek() === Ch.LBrace) {
      const { type, name: familyName } = kind.family;
      const normalize = type === 'histogram' || type === 'summary';
      this.#readLabels(pairs, pointLabelOf(type, familyName), normalize);
    }
    return Labels.fromPairs(pairs);
  }

  // After the value: ` timestamp`, ` # {exemplar}`, both or neither, then the line's end.
  #readTail(sample: ParsedSample): void {
    const c = this.c;
    this.timestampSeconds = undefined;
    if (c.peek() !== Ch.Space) return this.#expectLineEnd("' ' or end of line after the value");
    c.pos++;
    if (!this.#atExemplar()) {
      this.timestampAt = c.pos;
      this.timestampSeconds = this.#readTimestamp('timestamp');
      sample.timestampMs = this.#milliseconds(this.timestampSeconds, this.timestampAt);
      if (c.peek() !== Ch.Space) {
        return this.#expectLineEnd("' ' or end of line after the timestamp");
      }
      c.pos++;
      if (!this.#atExemplar()) c.expected(`"# {" to open an exemplar`);
    }
    sample.exemplar = this.#readExemplar();
    this.#expectLineEnd('end of line after the exemplar');
  }

  #readExemplar(): Exemplar {
    const c = this.c;
    c.pos += 2;
    this.exemplarAt = c.pos;
    const pairs: [string, string][] = [];
    this.#readLabels(pairs, '', false);
    if (this.strict && labelsLength(pairs) > EXEMPLAR_LABELS_MAX) {
      c.fail(
        `exemplar labels are ${labelsLength(pairs)} code points long, over the limit of ${EXEMPLAR_LABELS_MAX}`,
        this.exemplarAt,
      );
    }
    this.#expectSpace("after the exemplar's labels");
    const exemplar: Exemplar = {
      labels: Labels.fromPairs(pairs),
      value: this.#readValue('exemplar value'),
    };
    if (c.peek() === Ch.Space) {
      c.pos++;
      const at = c.pos;
      exemplar.timestampMs = this.#milliseconds(this.#readTimestamp('exemplar timestamp'), at);
    }
    return exemplar;
  }

  // `pointLabel` names the label recorded in this.pointLabel ('' for none); `normalize`
  // says whether its value is rewritten to the one spelling per number.
  #readLabels(pairs: [string, string][], pointLabel: string, normalize: boolean): void {
    const c = this.c;
    c.pos++;
    while (c.peek() !== Ch.RBrace) {
      const nameAt = c.pos;
      if (!isLabelStart(c.peek())) c.expected('label name');
      const name = c.readName(false);
      if (this.strict && name.charCodeAt(0) === Ch.Underscore) {
        c.fail(`label name "${name}" is reserved (names starting with '_' are)`, nameAt);
      }
      if (c.peek() !== Ch.Equals) c.expected(`'=' after label name "${name}"`);
      c.pos++;
      if (c.peek() !== Ch.Quote) c.expected(`'"' to open the value of label "${name}"`);
      let value = readLabelValue(c);
      for (const [existing] of pairs) {
        if (existing === name) c.fail(`duplicate label name "${name}"`, nameAt);
      }
      if (name === pointLabel) {
        this.pointLabel = value;
        this.pointLabelAt = nameAt;
        if (normalize) value = normalizeFloat(value, this.#normalized);
      }
      pairs.push([name, value]);
      if (c.peek() === Ch.RBrace) break;
      if (c.peek() !== Ch.Comma) c.expected(`',' or '}' after the value of label "${name}"`);
      c.pos++;
      // The spec's ABNF has no trailing comma; Prometheus takes one.
      if (this.strict && c.peek() === Ch.RBrace) c.expected('label name');
    }
    c.pos++;
  }

  #readValue(what: string): number {
    const c = this.c;
    const at = c.pos;
    skipToken(c);
    if (c.pos === at) c.expected(what);
    return parseValue(c, at, c.pos);
  }

  // Timestamps are decimal seconds: the number syntax without NaN and the infinities.
  #readTimestamp(what: string): number {
    const c = this.c;
    const at = c.pos;
    skipToken(c);
    if (c.pos === at) c.expected(what);
    const seconds = parseFloatText(c.src, at, c.pos);
    if (seconds !== undefined && Number.isFinite(seconds)) return seconds;
    return c.fail(`invalid ${what} ${JSON.stringify(c.src.slice(at, c.pos))} (want seconds)`, at);
  }

  /**
   * Converts seconds to whole milliseconds, truncating toward zero as Go's int64() does.
   * Outside strict mode a result beyond ±2^53 is refused, as the text parser refuses such
   * timestamps: a number cannot hold it exactly, and storage takes only exact ones. The
   * spec allows any float64, so strict mode keeps the nearest number.
   */
  #milliseconds(seconds: number, at: number): number {
    const ms = Math.trunc(seconds * 1000) + 0;
    if (!this.strict && !Number.isSafeInteger(ms)) {
      this.c.fail(
        `timestamp ${this.c.src.slice(at, this.c.pos)} is out of range (beyond ±2^53 ms)`,
        at,
      );
    }
    return ms;
  }

  #expectSpace(context: string): void {
    if (this.c.peek() !== Ch.Space) this.c.expected(`' ' ${context}`);
    this.c.pos++;
  }

  #expectLineEnd(what: string): void {
    if (!this.c.atLineEnd()) this.c.expected(what);
  }

  #atExemplar(): boolean {
    return this.c.src.startsWith('# {', this.c.pos);
  }
}

// A number runs to the next blank or line end; a CR stops it so that it is reported as such.
function skipToken(c: Cursor): void {
  const src = c.src;
  while (c.pos < c.end) {
    const ch = src.charCodeAt(c.pos);
    if (ch === Ch.Space || ch === Ch.Tab || ch === Ch.LF || ch === Ch.CR) return;
    c.pos++;
  }
}

function labelsLength(pairs: readonly (readonly [string, string])[]): number {
  let n = 0;
  for (const [name, value] of pairs) n += codePoints(name) + codePoints(value);
  return n;
}

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 0xdc00 && ch <= 0xdfff) n--;
  }
  return n;
}

import { METRIC_NAME, Labels } from '@promethium/model';
import { Ch, isLabelStart, isMetricStart } from './cursor.js';
import type { Cursor } from './cursor.js';
import type { Families } from './families.js';
import { formatOpenMetricsFloat } from './float-format.js';
import { parseFloatText, parseTimestamp, parseValue } from './numbers.js';
import type { SeriesTextCache } from './series-text-cache.js';
import type { MetricType, ParsedSample } from './types.js';

/**
 * Parses `name[{labels}] value [timestamp]`, blanks allowed between the parts. Stops
 * at the line feed ending the line (or the end of input). `normalized` caches the
 * rewritten `le`/`quantile` values, which repeat across the series of a body; `cache`,
 * when given, the label sets of series seen before.
 */
export function parseSampleLine(
  c: Cursor,
  families: Families,
  normalized: Map<string, string>,
  cache: SeriesTextCache | undefined,
): ParsedSample {
  if (!isMetricStart(c.peek())) c.expected('metric name, comment or blank line');
  const { name, labels } = readSeries(c, families, normalized, cache);
  c.skipBlanks();
  const valueAt = c.pos;
  skipToken(c, true);
  if (c.pos === valueAt) c.expected('value');
  const value = parseValue(c, valueAt, c.pos);
  const valueEnd = c.pos;
  c.skipBlanks();
  let timestampMs: number | undefined;
  if (!c.atLineEnd()) {
    if (c.pos === valueEnd) c.expected('timestamp or end of line after the value');
    const tsAt = c.pos;
    skipToken(c, false);
    timestampMs = parseTimestamp(c, tsAt, c.pos);
    c.skipBlanks();
    if (!c.atLineEnd()) c.expected('end of line after the timestamp');
  }
  return { name, labels, value, timestampMs };
}

// The metric name and labels, from the cache when it knows them.
function readSeries(
  c: Cursor,
  families: Families,
  normalized: Map<string, string>,
  cache: SeriesTextCache | undefined,
): { name: string; labels: Labels } {
  const nameAt = c.pos;
  const known = cache?.find(c);
  const name = known?.name ?? c.readName(true);
  const type = families.noteSample(name);
  if (known !== undefined && known.type === type) {
    c.pos = nameAt + known.text.length;
    return known;
  }
  c.pos = nameAt + name.length;
  const labels = readSeriesLabels(c, name, type, normalized);
  return { name, labels: cache?.store(c, nameAt, { name, labels, type }) ?? labels };
}

// The labels after the metric name, and the blanks before them.
function readSeriesLabels(
  c: Cursor,
  name: string,
  type: MetricType,
  normalized: Map<string, string>,
): Labels {
  const pairs: [string, string][] = [[METRIC_NAME, name]];
  c.skipBlanks();
  if (c.peek() === Ch.LBrace) {
    const floatLabel = type === 'histogram' ? 'le' : type === 'summary' ? 'quantile' : '';
    parseLabels(c, pairs, floatLabel, normalized);
  }
  return Labels.fromPairs(pairs);
}

// A value or timestamp runs to the next blank, line feed or carriage return (and a
// value also to `{`), so a stray CR is reported as such rather than as a bad number.
function skipToken(c: Cursor, stopAtBrace: boolean): void {
  const src = c.src;
  while (c.pos < c.end) {
    const ch = src.charCodeAt(c.pos);
    if (ch === Ch.Space || ch === Ch.Tab || ch === Ch.LF || ch === Ch.CR) return;
    if (stopAtBrace && ch === Ch.LBrace) return;
    c.pos++;
  }
}

// `floatLabel` names the label whose value is normalised ('' for none).
function parseLabels(
  c: Cursor,
  pairs: [string, string][],
  floatLabel: string,
  normalized: Map<string, string>,
): void {
  c.pos++;
  c.skipBlanks();
  while (c.peek() !== Ch.RBrace) {
    const nameAt = c.pos;
    if (!isLabelStart(c.peek())) c.expected("label name or '}'");
    const name = c.readName(false);
    c.skipBlanks();
    if (c.peek() !== Ch.Equals) c.expected(`'=' after label name "${name}"`);
    c.pos++;
    c.skipBlanks();
    if (c.peek() !== Ch.Quote) c.expected(`'"' to open the value of label "${name}"`);
    let value = readLabelValue(c);
    for (const [existing] of pairs) {
      if (existing === name) c.fail(`duplicate label name "${name}"`, nameAt);
    }
    if (name === floatLabel) value = normalizeFloat(value, normalized);
    pairs.push([name, value]);
    c.skipBlanks();
    if (c.peek() === Ch.Comma) {
      c.pos++;
      c.skipBlanks();
    } else if (c.peek() !== Ch.RBrace) {
      c.expected(`',' or '}' after the value of label "${name}"`);
    }
  }
  c.pos++;
}

/** Rewrites an `le` or `quantile` value to its one spelling per number, as Prometheus 3 does. */
export function normalizeFloat(text: string, cache: Map<string, string>): string {
  let out = cache.get(text);
  if (out === undefined) {
    const f = parseFloatText(text, 0, text.length);
    out = f === undefined ? text : formatOpenMetricsFloat(f);
    cache.set(text, out);
  }
  return out;
}

/** Reads a quoted label value at the cursor, decoding `\\`, `\"` and `\n`. */
export function readLabelValue(c: Cursor): string {
  const src = c.src;
  const start = c.pos + 1;
  for (let i = start; i < c.end; i++) {
    const ch = src.charCodeAt(i);
    if (ch === Ch.Quote) {
      c.pos = i + 1;
      return src.slice(start, i);
    }
    if (ch === Ch.Backslash || ch === Ch.LF) return readEscapedLabelValue(c, start, i);
  }
  return c.fail('label value is not closed before the end of input', c.pos);
}

// Escapes other than the three are kept as written, backslash included, as Prometheus does.
function readEscapedLabelValue(c: Cursor, start: number, from: number): string {
  const src = c.src;
  let out = src.slice(start, from);
  let i = from;
  while (i < c.end) {
    const ch = src.charCodeAt(i);
    if (ch === Ch.Quote) {
      c.pos = i + 1;
      return out;
    }
    if (ch === Ch.LF) c.fail('label value is not closed before the end of the line', i);
    if (ch !== Ch.Backslash) {
      let j = i + 1;
      while (j < c.end && !isValueSpecial(src.charCodeAt(j))) j++;
      out += src.slice(i, j);
      i = j;
      continue;
    }
    const next = i + 1 < c.end ? src.charCodeAt(i + 1) : -1;
    if (next === -1) break;
    if (next === Ch.LF) c.fail('label value is not closed before the end of the line', i + 1);
    out +=
      next === Ch.Backslash
        ? '\\'
        : next === Ch.Quote
          ? '"'
          : next === 110
            ? '\n'
            : src.slice(i, i + 2);
    i += 2;
  }
  return c.fail('label value is not closed before the end of input', start - 1);
}

function isValueSpecial(ch: number): boolean {
  return ch === Ch.Quote || ch === Ch.Backslash || ch === Ch.LF;
}

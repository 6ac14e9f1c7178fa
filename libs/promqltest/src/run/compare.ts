import { compareLabels } from '@promethium/model';
import type { Labels } from '@promethium/model';
import type { InstantSample, Point, QueryResult, RangeSeries } from '@promethium/promql';
import type {
  EvalCommand,
  ExpectedResult,
  ExpectedSeries,
  SequenceValue,
  TimeGrid,
} from '../script/types.js';
import { formatExpected, formatFloat, matchesFloat } from './values.js';

/**
 * Compares a query result with an eval's expectations and returns why they differ,
 * or undefined when they agree. Series are matched by their exact label set
 * (order-free unless `expect ordered`); a matrix's expected values sit on `grid`
 * (start, start+step, … up to end; `_` marks a step without a point).
 */
export function compareResult(
  cmd: EvalCommand,
  result: QueryResult,
  grid: TimeGrid,
): string | undefined {
  switch (result.kind) {
    case 'vector':
      return compareVector(cmd.result, cmd.expect.ordered, result.series);
    case 'matrix':
      if (cmd.expect.ordered) return 'expected an ordered result, but the query returned a matrix';
      return compareMatrix(cmd.result, result.series, grid);
    case 'scalar':
      if (cmd.result.kind !== 'scalar')
        return `expected a vector or matrix result, but got scalar ${formatFloat(result.v)}`;
      return compareScalar(cmd.result.value, result.v);
    case 'string': {
      const want = cmd.expect.string ?? '';
      return want === result.v
        ? undefined
        : `expected string ${JSON.stringify(want)} but got ${JSON.stringify(result.v)}`;
    }
  }
}

/** Compares an expected scalar with an actual one. */
export function compareScalar(expected: number, actual: number): string | undefined {
  return matchesFloat({ kind: 'float', v: expected }, actual)
    ? undefined
    : `expected scalar ${formatFloat(expected)} but got ${formatFloat(actual)}`;
}

/** Compares an instant vector; with `ordered` each series must sit at its line's position. */
export function compareVector(
  expected: ExpectedResult,
  ordered: boolean,
  vector: readonly InstantSample[],
): string | undefined {
  if (expected.kind === 'scalar')
    return `expected a scalar result, but got a vector of ${vector.length} series`;
  const byKey = new Map(expected.series.map((s) => [s.labels.key(), s]));
  const seen = new Set<string>();
  for (const [i, sample] of vector.entries()) {
    const want = byKey.get(sample.labels.key());
    if (!want)
      return `unexpected series ${sample.labels.toString()} in result, with value ${formatFloat(sample.v)}`;
    if (ordered && want.position !== i + 1) {
      return `expected ${sample.labels.toString()} at position ${want.position} but it was at ${i + 1}`;
    }
    const value: SequenceValue = want.values[0] ?? { kind: 'omitted' };
    if (!matchesFloat(value, sample.v)) {
      return `expected ${formatExpected(value)} for ${sample.labels.toString()} but got ${formatFloat(sample.v)}`;
    }
    seen.add(sample.labels.key());
  }
  return missing(expected.series, seen);
}

/** Compares a matrix (sorted by labels) point by point against the expected series on `grid`. */
export function compareMatrix(
  expected: ExpectedResult,
  matrix: readonly RangeSeries[],
  grid: TimeGrid,
): string | undefined {
  if (expected.kind === 'scalar')
    return `expected a scalar result, but got a matrix of ${matrix.length} series`;
  const unsorted = checkSorted(matrix);
  if (unsorted) return unsorted;
  const byKey = new Map(expected.series.map((s) => [s.labels.key(), s]));
  const seen = new Set<string>();
  for (const series of matrix) {
    const want = byKey.get(series.labels.key());
    if (!want)
      return `unexpected series ${series.labels.toString()} in result, with ${formatPoints(series.samples)}`;
    const problem = compareSeries(want, series, grid);
    if (problem) return problem;
    seen.add(series.labels.key());
  }
  return missing(expected.series, seen);
}

/** Reports a matrix not sorted by labels, as upstream requires. */
export function checkSorted(matrix: readonly { labels: Labels }[]): string | undefined {
  for (let i = 1; i < matrix.length; i++) {
    if (compareLabels(matrix[i - 1]!.labels, matrix[i]!.labels) > 0) {
      return `matrix is not sorted by labels: ${matrix[i]!.labels.toString()} follows ${matrix[i - 1]!.labels.toString()}`;
    }
  }
  return undefined;
}

function compareSeries(
  want: ExpectedSeries,
  actual: RangeSeries,
  grid: TimeGrid,
): string | undefined {
  const name = want.labels.toString();
  const points: { t: number; value: SequenceValue }[] = [];
  let histograms = 0;
  for (const [i, value] of want.values.entries()) {
    const t = grid.startMs + i * grid.stepMs;
    if (t > grid.endMs) {
      return `expected ${want.values.length} points for ${name}, but the query time range cannot return this many`;
    }
    if (value.kind === 'histogram') histograms++;
    else if (value.kind !== 'omitted') points.push({ t, value });
  }
  if (points.length !== actual.samples.length || histograms > 0) {
    return `expected ${points.length} float and ${histograms} histogram points for ${name}, but got ${formatPoints(actual.samples)}`;
  }
  for (const [i, { t, value }] of points.entries()) {
    const got = actual.samples[i]!;
    if (got.t !== t) return `expected point ${i} of ${name} at t=${t}, but it is at t=${got.t}`;
    if (!matchesFloat(value, got.v)) {
      return `expected ${formatExpected(value)} at t=${t} for ${name}, but got ${formatFloat(got.v)}`;
    }
  }
  return undefined;
}

function missing(
  expected: readonly ExpectedSeries[],
  seen: ReadonlySet<string>,
): string | undefined {
  const absent = expected.find((s) => !seen.has(s.labels.key()));
  return absent && `expected series ${absent.labels.toString()} not found in result`;
}

function formatPoints(points: readonly Point[]): string {
  const shown = points.slice(0, 5).map((p) => `${formatFloat(p.v)}@${p.t}`);
  if (points.length > 5) shown.push('…');
  return `${points.length} point${points.length === 1 ? '' : 's'} [${shown.join(' ')}]`;
}

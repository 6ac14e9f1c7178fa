import { Labels, compareLabels } from '@promethium/model';
import type { Expr } from '../parser/ast.js';
import { DUPLICATE_LABELSET, dropMetricName } from '../operators/unique.js';
import { QueryError } from '../errors.js';
import { stepCount, stepTime } from './context.js';
import type { EvalContext } from './context.js';
import type { Point, QueryResult, RangeSeries } from './result.js';
import type { EvalValue, Sample } from './values.js';

type Steps = Pick<EvalContext, 'startMs' | 'endMs' | 'stepMs' | 'guard'>;

// Expressions whose instant-query result order is meaningful.
const ORDERING_CALLS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);
const ORDERING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/**
 * The query result of an evaluated expression: delayed `__name__` removal applied,
 * duplicate label sets refused, series sorted by labels (an instant vector from a sort
 * function or topk/bottomk keeps its order), a range query's vectors and scalars
 * turned into a matrix.
 */
export function toResult(
  expr: Expr,
  value: EvalValue,
  steps: Steps,
  warnings: string[],
): QueryResult {
  const instant = steps.stepMs === 0;
  switch (value.kind) {
    case 'string':
      return { kind: 'string', t: steps.startMs, v: value.value, warnings };
    case 'scalar':
      if (instant) return { kind: 'scalar', t: steps.startMs, v: value.steps[0]!, warnings };
      steps.guard.addSamples(value.steps.length);
      return {
        kind: 'matrix',
        series: [{ labels: Labels.EMPTY, samples: scalarPoints(value.steps, steps) }],
        warnings,
      };
    case 'matrix': {
      const series = value.series.map((s) => ({
        labels: s.dropName ? dropMetricName(s.labels) : s.labels,
        samples: s.points,
      }));
      assertUnique(series.map((s) => s.labels));
      return { kind: 'matrix', series: series.sort(byLabels), warnings };
    }
    case 'vector':
      if (instant) {
        const samples = (value.steps[0] ?? []).map(clean);
        assertUnique(samples.map((s) => s.labels));
        if (!keepsOrder(expr)) samples.sort(byLabels);
        return { kind: 'vector', series: samples, warnings };
      }
      return { kind: 'matrix', series: toMatrix(value.steps, steps), warnings };
  }
}

function clean(s: Sample): Sample {
  const labels = s.dropName ? dropMetricName(s.labels) : s.labels;
  return { labels, t: s.t, v: s.v };
}

function scalarPoints(values: readonly number[], steps: Steps): Point[] {
  return values.map((v, i) => ({ t: stepTime(steps, i), v }));
}

function toMatrix(vectors: readonly (readonly Sample[])[], steps: Steps): RangeSeries[] {
  if (vectors.length !== stepCount(steps)) throw new Error('BUG: step count mismatch');
  // Series that end up with one label set merge, unless two have a value at one step.
  const bySeries = new Map<string, { labels: Labels; samples: Point[] }>();
  vectors.forEach((samples, i) => {
    for (const s of samples) {
      const labels = s.dropName ? dropMetricName(s.labels) : s.labels;
      const key = labels.key();
      let series = bySeries.get(key);
      if (series === undefined) {
        series = { labels, samples: [] };
        bySeries.set(key, series);
      } else if (series.samples.at(-1)?.t === stepTime(steps, i)) {
        throw new QueryError('execution', DUPLICATE_LABELSET);
      }
      series.samples.push({ t: stepTime(steps, i), v: s.v });
    }
  });
  return [...bySeries.values()].sort(byLabels);
}

function assertUnique(labels: readonly Labels[]): void {
  const seen = new Set<string>();
  for (const l of labels) {
    const key = l.key();
    if (seen.has(key)) throw new QueryError('execution', DUPLICATE_LABELSET);
    seen.add(key);
  }
}

function keepsOrder(expr: Expr): boolean {
  if (expr.kind === 'ParenExpr') return keepsOrder(expr.expr);
  if (expr.kind === 'Call') return ORDERING_CALLS.has(expr.func);
  return expr.kind === 'AggregateExpr' && ORDERING_AGGREGATIONS.has(expr.op);
}

function byLabels(a: { labels: Labels }, b: { labels: Labels }): number {
  return compareLabels(a.labels, b.labels);
}

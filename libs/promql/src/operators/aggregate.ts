import { QueryError } from '../errors.js';
import type { InstantSample } from '../engine/result.js';
import { reduceSamples } from './accumulators.js';
import type { ReducingOp } from './accumulators.js';
import { countValues } from './count-values.js';
import { formatG } from '../float/go-float.js';
import { groupSamples } from './grouping.js';
import type { Grouping } from './grouping.js';
import { quantile } from '../float/quantile.js';
import { selectExtremes, selectFirst, selectRatio } from './select-k.js';

/** Aggregations that keep input series: topk, bottomk, limitk, limit_ratio. */
export type SelectingOp = 'topk' | 'bottomk' | 'limitk' | 'limit_ratio';

/** Every PromQL aggregation operator. */
export type AggregationOp = ReducingOp | SelectingOp | 'quantile' | 'count_values';

/** An aggregation and its parameter, discriminated on `op`. */
export type Aggregation =
  | { readonly op: ReducingOp; readonly grouping: Grouping }
  | { readonly op: SelectingOp | 'quantile'; readonly param: number; readonly grouping: Grouping }
  | { readonly op: 'count_values'; readonly param: string; readonly grouping: Grouping };

/**
 * The outcome of one aggregation step. `warnings` are Prometheus's annotation texts
 * ("PromQL warning: ..."), without the position the engine may append.
 */
export interface AggregateResult {
  readonly samples: InstantSample[];
  readonly warnings: string[];
}

// Go's largest float64 below 2^63: k at or above it cannot be an int64.
const MAX_INT64_FLOAT = 9223372036854774784;

/**
 * Evaluates an aggregation over one instant vector at time `t`, with Prometheus's
 * semantics, parameter errors (QueryError 'execution') and warnings. Groups come out in
 * order of their first input sample; topk/bottomk groups list their best sample first.
 */
export function aggregate(
  agg: Aggregation,
  input: readonly InstantSample[],
  t: number,
): AggregateResult {
  switch (agg.op) {
    case 'count_values':
      return { samples: countValues(agg.param, input, agg.grouping, t), warnings: [] };
    case 'quantile':
      return aggregateQuantile(agg.param, input, agg.grouping, t);
    case 'topk':
    case 'bottomk':
    case 'limitk':
      return { samples: aggregateK(agg.op, agg.param, input, agg.grouping), warnings: [] };
    case 'limit_ratio':
      return aggregateRatio(agg.param, input, agg.grouping);
    default:
      return { samples: aggregateReducing(agg.op, input, agg.grouping, t), warnings: [] };
  }
}

function aggregateReducing(
  op: ReducingOp,
  input: readonly InstantSample[],
  grouping: Grouping,
  t: number,
): InstantSample[] {
  return groupSamples(input, grouping).map((g) => ({
    labels: g.labels,
    t,
    v: reduceSamples(op, g.samples),
  }));
}

function aggregateQuantile(
  phi: number,
  input: readonly InstantSample[],
  grouping: Grouping,
  t: number,
): AggregateResult {
  const warnings =
    Number.isNaN(phi) || phi < 0 || phi > 1
      ? [`PromQL warning: quantile value should be between 0 and 1, got ${formatG(phi)}`]
      : [];
  const samples = groupSamples(input, grouping).map((g) => ({
    labels: g.labels,
    t,
    v: quantile(
      phi,
      g.samples.map((s) => s.v),
    ),
  }));
  return { samples, warnings };
}

function aggregateK(
  op: 'topk' | 'bottomk' | 'limitk',
  param: number,
  input: readonly InstantSample[],
  grouping: Grouping,
): InstantSample[] {
  if (param < 1) return [];
  if (Number.isNaN(param)) throw new QueryError('execution', 'Parameter value is NaN');
  if (param >= MAX_INT64_FLOAT) {
    throw new QueryError('execution', `Scalar value ${formatG(param)} overflows int64`);
  }
  const k = Math.min(Math.trunc(param), input.length);
  return groupSamples(input, grouping).flatMap((g) =>
    op === 'limitk' ? selectFirst(g.samples, k) : selectExtremes(g.samples, k, op === 'topk'),
  );
}

function aggregateRatio(
  param: number,
  input: readonly InstantSample[],
  grouping: Grouping,
): AggregateResult {
  if (param === 0) return { samples: [], warnings: [] };
  if (Number.isNaN(param)) throw new QueryError('execution', 'Ratio value is NaN');
  const ratio = Math.max(-1, Math.min(1, param));
  const warnings =
    ratio === param
      ? []
      : [
          `PromQL warning: ratio value should be between -1 and 1, got ${formatG(param)}, ` +
            `capping to ${formatG(ratio)}`,
        ];
  const samples = groupSamples(input, grouping).flatMap((g) => selectRatio(g.samples, ratio));
  return { samples, warnings };
}

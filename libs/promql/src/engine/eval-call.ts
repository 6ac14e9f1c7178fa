import { Labels } from '@promethium/model';
import { dateFunctions } from '../functions/date.js';
import { dropsMetricName } from '../functions/names.js';
import { clamp, round, valueFunctions } from '../functions/math.js';
import { absentLabels } from '../functions/vector.js';
import type { Call, Expr } from '../parser/ast.js';
import { QueryError } from '../errors.js';
import { stepCount, stepTime } from './context.js';
import type { EvalContext } from './context.js';
import { evalHistogramCall, isHistogramCall } from './histogram-call.js';
import { evalInfo } from './info-call.js';
import { evalLabelCall, isLabelCall } from './label-call.js';
import { evalRangeCall, isRangeCall } from './range-call.js';
import type { Evaluate } from './range-input.js';
import { evalScalarCall, isScalarCall } from './scalar-call.js';
import { selectVector } from './select.js';
import { asScalar, asVector } from './values.js';
import type { EvalValue, Sample } from './values.js';

type Steps = readonly (readonly Sample[])[];

/** Evaluates a function call at every step of the context. */
export async function evalCall(
  call: Call,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const name = call.func;
  if (isRangeCall(name)) return evalRangeCall(call, ctx, evaluate);
  if (isScalarCall(name)) return evalScalarCall(call, ctx, evaluate);
  if (isLabelCall(name)) {
    if (name.startsWith('sort') && ctx.query.stepMs > 0) {
      ctx.annotations.add(
        'PromQL warning: sort is ineffective for range queries since results are always ordered by labels',
      );
    }
    return evalLabelCall(call, ctx, evaluate);
  }
  if (isHistogramCall(name)) return evalHistogramCall(call, ctx, evaluate);
  if (name === 'info') return evalInfo(call, ctx, evaluate);
  if (name === 'timestamp') return timestampOf(call.args[0]!, ctx, evaluate);
  if (name === 'start_timestamp') return startTimestampOf(call.args[0]!, ctx, evaluate);
  if (name === 'absent') return absent(call.args[0]!, ctx, evaluate);
  const dateFn = dateFunctions.get(name);
  if (dateFn !== undefined && call.args.length === 0) {
    const steps = Array.from({ length: stepCount(ctx) }, (_, i) => {
      const t = stepTime(ctx, i);
      return [{ labels: Labels.EMPTY, t, v: dateFn(t / 1000) }];
    });
    return { kind: 'vector', steps };
  }
  const input = asVector(await evaluate(call.args[0]!, ctx));
  const scalars: (readonly number[])[] = [];
  for (const arg of call.args.slice(1)) scalars.push(asScalar(await evaluate(arg, ctx)));
  const fn = valueFunctions.get(name) ?? dateFn;
  const perStep = (map: (samples: readonly Sample[], args: number[]) => Sample[]): Steps =>
    input.map((samples, i) =>
      map(
        samples,
        scalars.map((s) => s[i]!),
      ),
    );
  let steps: Steps;
  if (fn !== undefined) steps = perStep((ss) => ss.map((s) => ({ ...s, v: fn(s.v) })));
  else if (name === 'round') steps = perStep((ss, [to]) => round(ss, to ?? 1));
  else if (name === 'clamp') steps = perStep((ss, [lo, hi]) => clamp(ss, lo!, hi!));
  else if (name === 'clamp_min') steps = perStep((ss, [lo]) => clamp(ss, lo!, Infinity));
  else if (name === 'clamp_max') steps = perStep((ss, [hi]) => clamp(ss, -Infinity, hi!));
  else if (name.startsWith('histogram_')) {
    // Native histograms are not stored; these functions ignore float samples.
    steps = input.map(() => []);
  } else throw new QueryError('execution', `function ${name}() is not supported`);
  return { kind: 'vector', steps: markDropName(name, steps) };
}

function markDropName(name: string, steps: Steps): Steps {
  if (!dropsMetricName.has(name)) return steps;
  return steps.map((samples) => samples.map((s) => ({ ...s, dropName: true })));
}

async function timestampOf(arg: Expr, ctx: EvalContext, evaluate: Evaluate): Promise<EvalValue> {
  let inner = arg;
  while (inner.kind === 'ParenExpr') inner = inner.expr;
  // A selector's samples keep their own time, which is what timestamp() reports.
  const input =
    inner.kind === 'VectorSelector'
      ? await selectVector(inner, ctx, 'sample')
      : asVector(await evaluate(arg, ctx));
  const steps = input.map((samples, i) =>
    samples.map((s) => ({ ...s, t: stepTime(ctx, i), v: s.t / 1000, dropName: true })),
  );
  return { kind: 'vector', steps };
}

/**
 * `start_timestamp(v)`: the start timestamp (seconds, 0 when unknown) of each sample a
 * vector selector selects. Only a selector's samples have one, and only when the
 * engine uses start timestamps; otherwise the result is empty, as in Prometheus.
 */
async function startTimestampOf(
  arg: Expr,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  let inner = arg;
  while (inner.kind === 'ParenExpr') inner = inner.expr;
  if (inner.kind !== 'VectorSelector' || !ctx.useStartTimestamps) {
    const input = asVector(await evaluate(arg, ctx));
    return { kind: 'vector', steps: input.map(() => []) };
  }
  const input = await selectVector(inner, ctx, 'start');
  const steps = input.map((samples, i) =>
    samples.map((s) => ({ ...s, t: stepTime(ctx, i), v: s.t / 1000, dropName: true })),
  );
  return { kind: 'vector', steps };
}

async function absent(arg: Expr, ctx: EvalContext, evaluate: Evaluate): Promise<EvalValue> {
  const input = asVector(await evaluate(arg, ctx));
  let inner = arg;
  while (inner.kind === 'ParenExpr') inner = inner.expr;
  const labels = absentLabels(inner.kind === 'VectorSelector' ? inner.matchers : []);
  const steps = input.map((samples, i) =>
    samples.length > 0 ? [] : [{ labels, t: stepTime(ctx, i), v: 1 }],
  );
  return { kind: 'vector', steps };
}

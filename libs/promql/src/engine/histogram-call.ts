import { METRIC_NAME } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { formatG, formatOpenMetricsFloat } from '../float/go-float.js';
import { groupBuckets } from '../functions/histogram-buckets.js';
import type { BucketGroup } from '../functions/histogram-buckets.js';
import { bucketFraction } from '../functions/histogram-fraction.js';
import { bucketQuantile } from '../functions/histogram-quantile.js';
import { assertUniqueLabelsets } from '../operators/unique.js';
import type { Call } from '../parser/ast.js';
import type { EvalContext } from './context.js';
import type { Evaluate } from './range-input.js';
import { asScalar, asString, asVector } from './values.js';
import type { EvalValue, Sample } from './values.js';

const HISTOGRAM_CALLS = new Set([
  'histogram_quantile',
  'histogram_quantiles',
  'histogram_fraction',
]);

/** Whether evalHistogramCall handles `name`: the functions that read classic buckets. */
export function isHistogramCall(name: string): boolean {
  return HISTOGRAM_CALLS.has(name);
}

/**
 * Evaluates histogram_quantile(φ, v), histogram_quantiles(v, label, φ…) and
 * histogram_fraction(lower, upper, v) over classic histograms (float `le` buckets;
 * native histograms are not stored). Every result loses `__name__`. Annotates an
 * out-of-range φ at every step, input or not, a missing or malformed `le`, and (for
 * the quantiles) counts that had to be forced monotonic.
 */
export async function evalHistogramCall(
  call: Call,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const scalarArg = async (n: number): Promise<readonly number[]> =>
    asScalar(await evaluate(call.args[n]!, ctx));
  const vectorArg = async (n: number): Promise<readonly (readonly Sample[])[]> =>
    asVector(await evaluate(call.args[n]!, ctx));
  let steps: (readonly Sample[])[];
  if (call.func === 'histogram_fraction') {
    const [lower, upper, input] = [await scalarArg(0), await scalarArg(1), await vectorArg(2)];
    steps = input.map((samples, i) =>
      groupsOf(samples, ctx).map((g) =>
        sampleOf(g, bucketFraction(lower[i]!, upper[i]!, g.buckets)),
      ),
    );
  } else if (call.func === 'histogram_quantile') {
    const [phi, input] = [await scalarArg(0), await vectorArg(1)];
    steps = input.map((samples, i) => quantiles(samples, [phi[i]!], undefined, ctx));
  } else {
    const input = await vectorArg(0);
    const label = asString(await evaluate(call.args[1]!, ctx));
    const phis: (readonly number[])[] = [];
    for (let n = 2; n < call.args.length; n++) phis.push(await scalarArg(n));
    steps = input.map((samples, i) => {
      const out = quantiles(
        samples,
        phis.map((p) => p[i]!),
        label,
        ctx,
      );
      assertUniqueLabelsets(out);
      return out;
    });
  }
  return { kind: 'vector', steps };
}

/**
 * One sample per φ (outer) and classic histogram (inner); with `label`, each sample
 * also gets that label set to φ in OpenMetrics float form.
 */
function quantiles(
  samples: readonly Sample[],
  phis: readonly number[],
  label: string | undefined,
  ctx: EvalContext,
): Sample[] {
  for (const q of phis) {
    if (!(q >= 0 && q <= 1)) {
      ctx.annotations.add(
        `PromQL warning: quantile value should be between 0 and 1, got ${formatG(q)}`,
      );
    }
  }
  const groups = groupsOf(samples, ctx);
  return phis.flatMap((q) =>
    groups.map((g) => {
      const r = bucketQuantile(q, g.buckets);
      if (r.forcedMonotonicity) {
        ctx.annotations.add(
          `PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "${g.labels.get(METRIC_NAME)}"`,
        );
      }
      const labels =
        label === undefined ? g.labels : g.labels.with(label, formatOpenMetricsFloat(q));
      return sampleOf({ ...g, labels }, r.value);
    }),
  );
}

/** The classic histograms of one step, warning about every sample without a usable `le`. */
function groupsOf(samples: readonly Sample[], ctx: EvalContext): readonly BucketGroup[] {
  const { groups, badBuckets } = groupBuckets(samples);
  for (const labels of badBuckets) ctx.annotations.add(badBucketWarning(labels));
  return groups;
}

function badBucketWarning(labels: Labels): string {
  return `PromQL warning: bucket label "le" is missing or has a malformed value of "${labels.get('le')}" for metric name "${labels.get(METRIC_NAME)}"`;
}

function sampleOf(group: Pick<BucketGroup, 'labels' | 't'>, v: number): Sample {
  return { labels: group.labels, t: group.t, v, dropName: true };
}

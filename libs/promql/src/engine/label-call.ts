import { METRIC_NAME } from '@promethium/model';
import { labelJoiner } from '../functions/label-join.js';
import { labelReplacer } from '../functions/label-replace.js';
import { sort, sortByLabel, sortByLabelDesc, sortDesc } from '../functions/sort.js';
import { assertUniqueLabelsets } from '../operators/unique.js';
import type { Call } from '../parser/ast.js';
import type { EvalContext } from './context.js';
import type { Evaluate } from './range-input.js';
import { asString, asVector } from './values.js';
import type { EvalValue, Sample } from './values.js';

const LABEL_CALLS = new Set([
  'label_replace',
  'label_join',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
]);

/** Whether evalLabelCall handles `name`: functions that relabel, reorder or regroup series. */
export function isLabelCall(name: string): boolean {
  return LABEL_CALLS.has(name);
}

/** Evaluates label_replace, label_join and the sort functions. */
export async function evalLabelCall(
  call: Call,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const name = call.func;
  const input = asVector(await evaluate(call.args[0]!, ctx));
  const strings: string[] = [];
  for (const arg of call.args.slice(1)) strings.push(asString(await evaluate(arg, ctx)));
  const map = (fn: (samples: readonly Sample[]) => Sample[]): EvalValue => ({
    kind: 'vector',
    steps: input.map(fn),
  });
  switch (name) {
    case 'label_replace': {
      const [dst, replacement, src, regex] = strings as [string, string, string, string];
      const relabel = labelReplacer({ dst, replacement, src, regex }, ctx.compileRegex);
      return map((ss) => unique(ss.map((s) => keepName(relabel(s), s, dst))));
    }
    case 'label_join': {
      const [dst, separator, ...src] = strings as [string, string, ...string[]];
      const relabel = labelJoiner({ dst, separator, src });
      return map((ss) => unique(ss.map((s) => keepName(relabel(s), s, dst))));
    }
    case 'sort':
      return map(sort);
    case 'sort_desc':
      return map(sortDesc);
    case 'sort_by_label':
      return map((ss) => sortByLabel(ss, strings));
    default:
      return map((ss) => sortByLabelDesc(ss, strings));
  }
}

/** A relabelled sample: writing `__name__` makes it a new name that must stay. */
function keepName(out: Sample, before: Sample, dst: string): Sample {
  if (dst !== METRIC_NAME || out.labels === before.labels) return out;
  return { ...out, dropName: false };
}

function unique(samples: Sample[]): Sample[] {
  assertUniqueLabelsets(samples);
  return samples;
}

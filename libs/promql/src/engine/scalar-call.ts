import { Labels } from '@promethium/model';
import type { Call } from '../parser/ast.js';
import { stepCount, stepTime } from './context.js';
import type { EvalContext } from './context.js';
import type { Evaluate } from './range-input.js';
import { asScalar, asVector } from './values.js';
import type { EvalValue } from './values.js';

const SCALAR_CALLS = new Set([
  'time',
  'pi',
  'vector',
  'scalar',
  'start',
  'end',
  'range',
  'step',
  'min_of',
  'max_of',
]);

/** Whether evalScalarCall handles `name`: functions of scalars or returning one. */
export function isScalarCall(name: string): boolean {
  return SCALAR_CALLS.has(name);
}

/** Evaluates time(), pi(), vector(), scalar(), start(), end(), range(), step(), min_of(), max_of(). */
export async function evalScalarCall(
  call: Call,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const { query } = ctx;
  const count = stepCount(ctx);
  const each = (f: (i: number) => number): EvalValue => ({
    kind: 'scalar',
    steps: Array.from({ length: count }, (_, i) => f(i)),
  });
  const arg = async (n: number): Promise<readonly number[]> =>
    asScalar(await evaluate(call.args[n]!, ctx));
  switch (call.func) {
    case 'time':
      return each((i) => stepTime(ctx, i) / 1000);
    case 'pi':
      return each(() => Math.PI);
    case 'start':
      return each(() => query.startMs / 1000);
    case 'end':
      return each(() => query.endMs / 1000);
    case 'range':
      return each(() => (query.endMs - query.startMs) / 1000);
    case 'step':
      return each(() => query.stepMs / 1000);
    case 'min_of':
    case 'max_of': {
      const [a, b] = [await arg(0), await arg(1)];
      const pick = call.func === 'min_of' ? Math.min : Math.max;
      return each((i) => pick(a[i]!, b[i]!));
    }
    case 'vector': {
      const v = await arg(0);
      const steps = v.map((x, i) => [{ labels: Labels.EMPTY, t: stepTime(ctx, i), v: x }]);
      return { kind: 'vector', steps };
    }
    case 'scalar': {
      const input = asVector(await evaluate(call.args[0]!, ctx));
      return { kind: 'scalar', steps: input.map((s) => (s.length === 1 ? s[0]!.v : NaN)) };
    }
    default:
      throw new Error(`BUG: ${call.func} is not a scalar function`);
  }
}

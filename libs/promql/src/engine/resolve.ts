import { secondsToMs } from '../duration.js';
import { durationSeconds } from '../parser/duration-eval.js';
import type { AtModifier, DurationExpr, Expr, TimeModifiers } from '../parser/ast.js';

/** The query's own times, which `@ start()`, `@ end()`, `step()` and `range()` stand for. */
export interface QueryTimes {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

/**
 * `expr` with every query-time dependent modifier made concrete: duration expressions
 * become ranges, steps and offsets in milliseconds, `@ start()`/`@ end()` become
 * timestamps, and a subquery without a step gets `defaultStepMs`.
 */
export function resolveTimes(expr: Expr, times: QueryTimes, defaultStepMs: number): Expr {
  const ctx = { stepMs: times.stepMs, rangeMs: times.endMs - times.startMs };
  const ms = (d: DurationExpr): number => secondsToMs(durationSeconds(d, ctx));
  const mods = (m: TimeModifiers): TimeModifiers => ({
    offsetMs: m.offsetExpr ? ms(m.offsetExpr) : m.offsetMs,
    offsetExpr: undefined,
    at: resolveAt(m.at, times),
  });
  const walk = (e: Expr): Expr => {
    switch (e.kind) {
      case 'NumberLiteral':
      case 'StringLiteral':
        return e;
      case 'VectorSelector':
        return { ...e, ...mods(e) };
      case 'MatrixSelector': {
        const rangeMs = e.rangeExpr ? ms(e.rangeExpr) : e.rangeMs;
        return { ...e, selector: { ...e.selector, ...mods(e.selector) }, rangeMs };
      }
      case 'SubqueryExpr': {
        const rangeMs = e.rangeExpr ? ms(e.rangeExpr) : e.rangeMs;
        const stepMs = e.stepExpr ? ms(e.stepExpr) : e.stepMs || defaultStepMs;
        return { ...e, ...mods(e), expr: walk(e.expr), rangeMs, stepMs };
      }
      case 'ParenExpr':
      case 'UnaryExpr':
        return { ...e, expr: walk(e.expr) };
      case 'BinaryExpr':
        return { ...e, lhs: walk(e.lhs), rhs: walk(e.rhs) };
      case 'AggregateExpr':
        return { ...e, expr: walk(e.expr), param: e.param && walk(e.param) };
      case 'Call':
        return { ...e, args: e.args.map(walk) };
    }
  };
  return walk(expr);
}

function resolveAt(at: AtModifier | undefined, times: QueryTimes): AtModifier | undefined {
  if (at === undefined || at.kind === 'timestamp') return at;
  return { kind: 'timestamp', ms: at.kind === 'start' ? times.startMs : times.endMs };
}

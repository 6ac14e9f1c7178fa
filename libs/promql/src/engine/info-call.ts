import { Labels, METRIC_NAME, Matcher } from '@promethium/model';
import { QueryError } from '../errors.js';
import { goLabelsString } from '../operators/labels-text.js';
import type { Call, Expr, VectorSelector } from '../parser/ast.js';
import type { EvalContext } from './context.js';
import type { Evaluate } from './range-input.js';
import { selectVector } from './select.js';
import { asVector } from './values.js';
import type { EvalValue, Sample } from './values.js';

// The labels that tie a series to its info series; fixed, as in Prometheus.
const IDENTIFYING = ['instance', 'job'];
const INFO_NAMES = new Matcher('=~', METRIC_NAME, '.+_info');

/** What an info() call selects: info series names and the data labels asked for. */
interface InfoQuery {
  readonly nameMatchers: readonly Matcher[];
  readonly dataMatchers: ReadonlyMap<string, readonly Matcher[]>;
}

/**
 * `info(v, {selector})`: each series of `v` gains the data labels of the info series
 * (default `target_info`) sharing its `instance` and `job`, without overwriting its own
 * labels. With data label matchers only those labels are added, and a series without
 * any info series is dropped unless every such matcher accepts the empty value.
 */
export async function evalInfo(
  call: Call,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const base = asVector(await evaluate(call.args[0]!, ctx));
  const query = infoQuery(call.args[1]);
  // Info series themselves are left alone: those a positive name matcher picks out.
  const positive = query.nameMatchers.some((m) => m.type === '=' || m.type === '=~');
  const ignored = (s: Sample): boolean =>
    positive && query.nameMatchers.every((m) => m.matches(s.labels.get(METRIC_NAME)));
  const info = await selectInfo(call.args[0]!, query, ctx);
  const steps = base.map((samples, i) => {
    const bySig = indexInfo(info[i]!);
    const names = new Set(info.flatMap((v) => v.map((s) => s.labels.get(METRIC_NAME))));
    return samples.flatMap((s) => (ignored(s) ? [s] : enrich(s, names, bySig, query)));
  });
  return { kind: 'vector', steps };
}

function infoQuery(selector: Expr | undefined): InfoQuery {
  if (selector === undefined) {
    return {
      nameMatchers: [new Matcher('=', METRIC_NAME, 'target_info')],
      dataMatchers: new Map(),
    };
  }
  if (selector.kind !== 'VectorSelector') throw new Error('BUG: info() selector is not a selector');
  const dataMatchers = new Map<string, Matcher[]>();
  for (const m of selector.matchers) {
    if (m.name === METRIC_NAME) continue;
    dataMatchers.set(m.name, [...(dataMatchers.get(m.name) ?? []), m]);
  }
  return { nameMatchers: selector.matchers.filter((m) => m.name === METRIC_NAME), dataMatchers };
}

/** The info series at every step, timed as the first selector of `arg` reads. */
async function selectInfo(arg: Expr, query: InfoQuery, ctx: EvalContext): Promise<Sample[][]> {
  const matchers = [...query.dataMatchers.values()].flat();
  // Only negative name matchers still restrict the choice to info metrics (`*_info`).
  const positive = query.nameMatchers.some((m) => m.type === '=' || m.type === '=~');
  const names = positive ? query.nameMatchers : [...query.nameMatchers, INFO_NAMES];
  const timing = firstSelector(arg);
  const vs: VectorSelector = {
    kind: 'VectorSelector',
    name: '',
    matchers: [...names, ...matchers],
    anchored: false,
    smoothed: false,
    offsetMs: timing?.offsetMs ?? 0,
    offsetExpr: undefined,
    at: timing?.at,
    pos: { start: 0, end: 0 },
  };
  return selectVector(vs, ctx, 'sample');
}

function firstSelector(e: Expr): VectorSelector | undefined {
  switch (e.kind) {
    case 'VectorSelector':
      return e;
    case 'MatrixSelector':
      return e.selector;
    case 'NumberLiteral':
    case 'StringLiteral':
      return undefined;
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
    case 'AggregateExpr':
      return firstSelector(e.expr);
    case 'BinaryExpr':
      return firstSelector(e.lhs) ?? firstSelector(e.rhs);
    case 'Call':
      return e.args.map(firstSelector).find((s) => s !== undefined);
  }
}

function signature(name: string, labels: Labels): string {
  return JSON.stringify([
    name,
    ...IDENTIFYING.map((l) => (labels.has(l) ? l + '=' + labels.get(l) : '')),
  ]);
}

/** Info samples by signature; of two with one signature the newer sample wins. */
function indexInfo(info: readonly Sample[]): Map<string, Sample> {
  const bySig = new Map<string, Sample>();
  for (const s of info) {
    const sig = signature(s.labels.get(METRIC_NAME), s.labels);
    const existing = bySig.get(sig);
    if (existing !== undefined && existing.t === s.t) {
      throw new QueryError(
        'execution',
        `found duplicate series for info metric: existing ${goLabelsString(existing.labels)} @ ${existing.t}, new ${goLabelsString(s.labels)} @ ${s.t}`,
      );
    }
    if (existing === undefined || existing.t < s.t) bySig.set(sig, s);
  }
  return bySig;
}

function enrich(
  s: Sample,
  names: ReadonlySet<string>,
  bySig: ReadonlyMap<string, Sample>,
  query: InfoQuery,
): Sample[] {
  const added = new Map<string, string>();
  let matched = false;
  for (const name of names) {
    const info = bySig.get(signature(name, s.labels));
    if (info === undefined) continue;
    matched = true;
    for (const [label, value] of info.labels) {
      if (label === METRIC_NAME) continue;
      if (query.dataMatchers.size > 0 && !query.dataMatchers.has(label)) continue;
      const previous = added.get(label);
      if (previous !== undefined && previous !== value) {
        throw new QueryError('execution', `conflicting label: ${label}`);
      }
      if (!s.labels.has(label)) added.set(label, value);
    }
  }
  if (!matched) {
    const acceptsEmpty = [...query.dataMatchers.values()].flat().every((m) => m.matches(''));
    return acceptsEmpty ? [s] : [];
  }
  if (added.size === 0) return [s];
  return [{ ...s, labels: Labels.fromPairs([...s.labels, ...added]) }];
}

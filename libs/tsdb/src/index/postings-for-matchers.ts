import type { Matcher } from '@promethium/model';
import type { PostingsIndex } from './postings-index.js';
import { regexShape, type RegexShape } from './regex-shape.js';
import { intersectUnion, union, without } from './set-algebra.js';

/**
 * How one matcher narrows the series: kept only where, or removed where, they appear in
 * one of `lists` (the postings of the values concerned, left unmerged: intersecting
 * with a union is often cheaper than building it).
 */
type Constraint =
  | { readonly kind: 'intersect'; readonly lists: readonly Uint32Array[] }
  | { readonly kind: 'subtract'; readonly lists: readonly Uint32Array[] }
  | { readonly kind: 'none' };

const NO_CONSTRAINT: Constraint = { kind: 'none' };
const NOTHING: Constraint = { kind: 'intersect', lists: [] };

/** Shapes by matcher: a selector's matchers are reused across queries and evaluations. */
const shapes = new WeakMap<Matcher, RegexShape>();

/**
 * The sorted refs of the series satisfying every matcher, with Prometheus's semantics
 * (tsdb/querier.go PostingsForMatchers): a matcher that matches the empty string also
 * selects series without the label, so `{foo=""}`, `{foo!="bar"}` and `{foo=~".*"}`
 * select series lacking `foo`. Such matchers, and negative ones, subtract from the
 * series the others select, or from all series when every matcher is of that kind.
 * No matchers select nothing. The result is a new array the caller owns.
 */
export function postingsForMatchers(
  index: PostingsIndex,
  matchers: readonly Matcher[],
): Uint32Array {
  if (matchers.length === 0) return new Uint32Array(0);
  // A label some matcher requires non-empty: its other matchers only need to look at
  // series that carry it.
  const mustBeSet = new Set(matchers.filter((m) => !m.matchesEmpty()).map((m) => m.name));
  const kept: (readonly Uint32Array[])[] = [];
  const removed: Uint32Array[] = [];
  for (const m of matchers) {
    const c = constraintOf(index, m, mustBeSet.has(m.name));
    if (c.kind === 'intersect') {
      if (c.lists.length === 0) return new Uint32Array(0);
      kept.push(c.lists);
    } else if (c.kind === 'subtract') removed.push(...c.lists);
  }
  if (kept.length === 0) kept.push([index.allPostings()]);
  const result = without(intersectAll(kept), union(removed));
  // Set operations hand back an input when nothing changed it: never the index's own list.
  return kept.some((lists) => lists.includes(result)) ? result.slice() : result;
}

/** The refs in at least one list of every group, starting from the smallest group. */
function intersectAll(groups: readonly (readonly Uint32Array[])[]): Uint32Array {
  const sized = groups.map((lists) => ({ lists, size: lists.reduce((n, l) => n + l.length, 0) }));
  sized.sort((a, b) => a.size - b.size);
  let result = union(sized[0]!.lists);
  for (let i = 1; i < sized.length && result.length > 0; i++) {
    result = intersectUnion(result, sized[i]!.lists);
  }
  return result;
}

function constraintOf(index: PostingsIndex, m: Matcher, labelMustBeSet: boolean): Constraint {
  const shape = m.type === '=~' || m.type === '!~' ? shapeOf(m) : undefined;
  if (shape?.kind === 'any') return m.type === '=~' ? NO_CONSTRAINT : NOTHING;
  if (shape?.kind === 'nonEmpty') {
    // Every series carrying the label, whatever the value: no regex to run.
    const lists = index.labelValues(m.name).map((v) => index.postings(m.name, v));
    return { kind: m.type === '=~' ? 'intersect' : 'subtract', lists };
  }
  const negative = m.type === '!=' || m.type === '!~';
  if (!labelMustBeSet || (negative && m.matchesEmpty())) {
    // Selects every series but those carrying a value the matcher rejects.
    return { kind: 'subtract', lists: postingsWhere(index, m, false) };
  }
  return { kind: 'intersect', lists: postingsWhere(index, m, true) };
}

/** The postings of each value of `m.name` on which `m.matches` answers `want`. */
function postingsWhere(index: PostingsIndex, m: Matcher, want: boolean): Uint32Array[] {
  const lists: Uint32Array[] = [];
  for (const value of candidateValues(index, m, want)) {
    // The lookup first: a literal set may name values no series has, and it is cheaper.
    const refs = index.postings(m.name, value);
    if (refs.length > 0 && m.matches(value) === want) lists.push(refs);
  }
  return lists;
}

/**
 * Values of `m.name` that may answer `want`: the few a literal or a literal set allows,
 * the range sharing a regex's literal prefix, or else all of them.
 */
function candidateValues(index: PostingsIndex, m: Matcher, want: boolean): readonly string[] {
  const positive = m.type === '=' || m.type === '=~';
  // Only where the positive form (=, =~) must hold does its structure bound the values.
  if (positive !== want) return index.labelValues(m.name);
  if (m.type === '=' || m.type === '!=') return [m.value];
  const shape = shapeOf(m);
  switch (shape.kind) {
    case 'set':
      return shape.values;
    case 'prefix':
      return withPrefix(index.labelValues(m.name), shape.prefix);
    default:
      return index.labelValues(m.name);
  }
}

function shapeOf(m: Matcher): RegexShape {
  let shape = shapes.get(m);
  if (shape === undefined) {
    shape = regexShape(m.value);
    shapes.set(m, shape);
  }
  return shape;
}

/** The run of `sorted` (by UTF-16 code unit) starting with `prefix`. */
function withPrefix(sorted: readonly string[], prefix: string): readonly string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end]!.startsWith(prefix)) end++;
  return sorted.slice(lo, end);
}

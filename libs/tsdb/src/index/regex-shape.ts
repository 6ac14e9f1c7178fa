import { parseRegex, type RegexNode } from './regex-syntax.js';

/**
 * What a fully anchored regex can match, as far as the index can use it to avoid running
 * the regex over every value of a label (Prometheus's FastRegexMatcher shortcuts):
 * - `any`: every string (`.*`);
 * - `nonEmpty`: every non-empty string (`.+`);
 * - `set`: exactly these strings (`a|b|c`, `foo(bar|baz)`);
 * - `prefix`: only strings starting with `prefix` (`foo.*`, `foo.+bar`), though not all;
 * - `opaque`: nothing known (character classes, `(?i)`, `a.b|c`, …).
 * Shortcuts only narrow the values looked at; the matcher still decides for `prefix`.
 */
export type RegexShape =
  | { readonly kind: 'any' }
  | { readonly kind: 'nonEmpty' }
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'opaque' };

/** Beyond this many alternatives a value scan is cheaper than the lookups (Prometheus's bound). */
const MAX_SET_SIZE = 256;

const ANY: RegexShape = { kind: 'any' };
const NON_EMPTY: RegexShape = { kind: 'nonEmpty' };
const OPAQUE: RegexShape = { kind: 'opaque' };

/** The shape of `pattern`, a valid RE2 regex matched against whole strings. */
export function regexShape(pattern: string): RegexShape {
  const node = parseRegex(pattern);
  if (node === undefined) return OPAQUE;
  if (node.op === 'anyString') return ANY;
  if (node.op === 'anyNonEmpty') return NON_EMPTY;
  const set = literalSet(node);
  if (set !== undefined) return { kind: 'set', values: [...new Set(set)].sort() };
  const first = node.op === 'concat' ? node.subs[0] : undefined;
  return first?.op === 'literal' ? { kind: 'prefix', prefix: first.text } : OPAQUE;
}

/** Every string `node` matches, when that is a short list of literals. */
function literalSet(node: RegexNode): string[] | undefined {
  switch (node.op) {
    case 'literal':
      return [node.text];
    case 'alternate':
      return alternativesSet(node.subs);
    case 'concat':
      return productSet(node.subs);
    default:
      return undefined;
  }
}

function alternativesSet(subs: readonly RegexNode[]): string[] | undefined {
  const all: string[] = [];
  for (const sub of subs) {
    const set = literalSet(sub);
    if (set === undefined || all.length + set.length > MAX_SET_SIZE) return undefined;
    all.push(...set);
  }
  return all;
}

/** The concatenations of one string of each part's set; an empty concatenation is ''. */
function productSet(subs: readonly RegexNode[]): string[] | undefined {
  let all = [''];
  for (const sub of subs) {
    const set = literalSet(sub);
    if (set === undefined || all.length * set.length > MAX_SET_SIZE) return undefined;
    all = all.flatMap((head) => set.map((tail) => head + tail));
  }
  return all;
}

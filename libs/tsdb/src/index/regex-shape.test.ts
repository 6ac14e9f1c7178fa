import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/model';
import { regexShape, type RegexShape } from './regex-shape.js';
import { SeededRandom } from './testing/seeded-random.js';

const set = (...values: string[]): RegexShape => ({ kind: 'set', values });
const prefix = (p: string): RegexShape => ({ kind: 'prefix', prefix: p });
const OPAQUE: RegexShape = { kind: 'opaque' };

describe('regexShape', () => {
  it.each<[string, RegexShape]>([
    ['.*', { kind: 'any' }],
    ['.*?', { kind: 'any' }],
    ['(.*)', { kind: 'any' }],
    ['.+', { kind: 'nonEmpty' }],
    ['(?:.+)', { kind: 'nonEmpty' }],
  ])('%s is a wildcard', (pattern, want) => {
    expect(regexShape(pattern)).toEqual(want);
  });

  it.each<[string, RegexShape]>([
    ['foo', set('foo')],
    ['', set('')],
    ['200|404|500', set('200', '404', '500')],
    ['b|a|b', set('a', 'b')],
    ['foo(bar|baz)', set('foobar', 'foobaz')],
    ['(a|b)(c|d)', set('ac', 'ad', 'bc', 'bd')],
    ['(?:x|)y', set('xy', 'y')],
    ['api|', set('', 'api')],
    ['a\\.b|c\\|d', set('a.b', 'c|d')],
    ['é|😀', set('é', '😀')],
    ['((a))', set('a')],
  ])('%s is a set of literals', (pattern, want) => {
    expect(regexShape(pattern)).toEqual(want);
  });

  it.each<[string, RegexShape]>([
    ['foo.*', prefix('foo')],
    ['foo.+bar', prefix('foo')],
    ['5..', prefix('5')],
    ['foo[0-9]+', prefix('foo')],
    ['api\\d', prefix('api')],
    ['foo*', prefix('fo')],
    ['fo{2}', prefix('f')],
    ['x😀*', prefix('x')],
    ['a[|]b', prefix('a')],
    ['x[[:digit:]|]', prefix('x')],
    ['job-(a|b).*', prefix('job-')],
  ])('%s has a literal prefix', (pattern, want) => {
    expect(regexShape(pattern)).toEqual(want);
  });

  it.each([
    'a.b|c',
    '[ab]',
    '[|]',
    '.*foo',
    '^foo',
    'a?',
    '(?i)foo',
    '(?i)foo.*',
    '(?i:a)b',
    '(?P<n>a)',
    '\\pLx',
    '\\Qa|b\\E',
    'a{',
    'x]',
    '(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)',
  ])('%s gets no shortcut', (pattern) => {
    expect(regexShape(pattern)).toEqual(OPAQUE);
  });

  it('never claims more than RE2 matches, on random patterns', () => {
    const random = new SeededRandom(11);
    const corpus = stringsUpTo(['a', 'b', 'A', '.', '\n'], 4);
    const wrong: string[] = [];
    const kinds = new Set<string>();
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const pattern = randomPattern(random, 3);
      let matcher: Matcher;
      try {
        matcher = new Matcher('=~', 'l', pattern);
      } catch {
        continue;
      }
      checked++;
      const shape = regexShape(pattern);
      kinds.add(shape.kind);
      const extra = shape.kind === 'set' ? shape.values : [];
      for (const s of [...corpus, ...extra]) {
        const claim = claimed(shape, s);
        if (claim !== undefined && claim !== matcher.matches(s)) {
          wrong.push(`${JSON.stringify(pattern)} ${shape.kind} on ${JSON.stringify(s)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The patterns exercised every shortcut, not only the opaque fallback.
    expect([...kinds].sort()).toEqual(['any', 'nonEmpty', 'opaque', 'prefix', 'set']);
    expect(checked).toBeGreaterThan(300);
  });
});

/** Whether the shape says `s` matches; undefined when it leaves that to the regex. */
function claimed(shape: RegexShape, s: string): boolean | undefined {
  switch (shape.kind) {
    case 'any':
      return true;
    case 'nonEmpty':
      return s !== '';
    case 'set':
      return shape.values.includes(s);
    case 'prefix':
      // Only a refusal is claimed: a value without the prefix cannot match.
      return s.startsWith(shape.prefix) ? undefined : false;
    case 'opaque':
      return undefined;
  }
}

function stringsUpTo(alphabet: string[], length: number): string[] {
  let level = [''];
  const all = [''];
  for (let i = 0; i < length; i++) {
    level = level.flatMap((s) => alphabet.map((c) => s + c));
    all.push(...level);
  }
  return all;
}

// Literals dominate so that sets and prefixes come up as often as opaque patterns.
const LITERALS = ['a', 'b', 'ab', 'A', '\\.', ''];
const OTHER_ATOMS = ['.', '.*', '.+', '[ab]', '[^a]', '\\w', '(?i)a', '^', '$'];
const QUANTIFIERS = ['*', '+', '?', '{2}', '{1,2}', '*?'];

function randomAtom(random: SeededRandom): string {
  const atom = random.pick(random.next() < 0.7 ? LITERALS : OTHER_ATOMS);
  return random.next() < 0.8 ? atom : atom + random.pick(QUANTIFIERS);
}

function randomPattern(random: SeededRandom, depth: number): string {
  const roll = random.int(depth > 0 ? 4 : 1);
  if (roll === 0) return randomAtom(random);
  if (roll === 1) return randomPattern(random, depth - 1) + randomPattern(random, depth - 1);
  if (roll === 2) return `${randomPattern(random, depth - 1)}|${randomPattern(random, depth - 1)}`;
  const open = random.pick(['(', '(?:']);
  const group = `${open}${randomPattern(random, depth - 1)})`;
  return random.next() < 0.8 ? group : group + random.pick(QUANTIFIERS);
}

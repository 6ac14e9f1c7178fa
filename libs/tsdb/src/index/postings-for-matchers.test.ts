import { describe, expect, it } from '@jest/globals';
import { Labels, Matcher, matchesAll, type MatchType } from '@promethium/model';
import { MemPostings } from './mem-postings.js';
import { postingsForMatchers } from './postings-for-matchers.js';
import { SeededRandom } from './testing/seeded-random.js';

const SERIES: Record<string, string>[] = [
  { __name__: 'up', job: 'api', env: 'prod' },
  { __name__: 'up', job: 'db' },
  { __name__: 'http_requests_total', job: 'api', code: '200' },
  { __name__: 'http_requests_total', job: 'api', code: '500' },
  { __name__: 'http_requests_total', job: 'api-v2', code: '503', env: 'dev' },
];

function indexOf(series: readonly Labels[]): MemPostings {
  const index = new MemPostings();
  series.forEach((labels, ref) => index.add(ref, labels));
  return index;
}

/** The oracle: every series the matchers accept, by scanning them all. */
function naive(series: ReadonlyMap<number, Labels>, matchers: Matcher[]): number[] {
  return [...series].filter(([, labels]) => matchesAll(matchers, labels)).map(([ref]) => ref);
}

describe('postingsForMatchers', () => {
  const series = SERIES.map((r) => Labels.fromRecord(r));
  const index = indexOf(series);
  const refsFor = (...matchers: [MatchType, string, string][]): number[] => [
    ...postingsForMatchers(
      index,
      matchers.map(([type, name, value]) => new Matcher(type, name, value)),
    ),
  ];

  it.each<[string, [MatchType, string, string][], number[]]>([
    ['an equality', [['=', 'job', 'api']], [0, 2, 3]],
    [
      'two equalities',
      [
        ['=', '__name__', 'up'],
        ['=', 'job', 'api'],
      ],
      [0],
    ],
    ['an absent value', [['=', 'job', 'nope']], []],
    ['="" selects series without the label', [['=', 'env', '']], [1, 2, 3]],
    ['=~".*" selects everything', [['=~', 'env', '.*']], [0, 1, 2, 3, 4]],
    ['!~".*" selects nothing', [['!~', 'env', '.*']], []],
    ['=~".+" selects series with the label', [['=~', 'env', '.+']], [0, 4]],
    ['!~".+" selects series without it', [['!~', 'env', '.+']], [1, 2, 3]],
    ['!= keeps series without the label', [['!=', 'env', 'prod']], [1, 2, 3, 4]],
    ['!="" selects series with the label', [['!=', 'code', '']], [2, 3, 4]],
    ['!~ keeps series without the label', [['!~', 'code', '5..']], [0, 1, 2]],
    ['=~ alternation', [['=~', 'code', '200|503']], [2, 4]],
    ['=~ alternation with empty', [['=~', 'code', '200|']], [0, 1, 2]],
    ['=~ prefix', [['=~', 'job', 'api.*']], [0, 2, 3, 4]],
    ['=~ prefix with more', [['=~', 'job', 'api-.+']], [4]],
    ['=~ (?i)', [['=~', 'job', '(?i)API']], [0, 2, 3]],
    [
      'negative with a positive',
      [
        ['=', 'job', 'api'],
        ['!=', 'code', '500'],
      ],
      [0, 2],
    ],
    [
      'contradiction',
      [
        ['=', 'job', 'api'],
        ['!=', 'job', 'api'],
      ],
      [],
    ],
    [
      'two empty-matching',
      [
        ['=', 'env', ''],
        ['!~', 'code', '2..'],
      ],
      [1, 3],
    ],
    ['the all-postings matcher', [['=', '', '']], [0, 1, 2, 3, 4]],
  ])('%s', (_what, matchers, want) => {
    expect(refsFor(...matchers)).toEqual(want);
  });

  it('selects nothing without matchers', () => {
    expect(refsFor()).toEqual([]);
  });

  it('returns an array the index does not share', () => {
    const out = postingsForMatchers(index, [new Matcher('=', 'job', 'api')]);
    out[0] = 99;
    expect([...index.postings('job', 'api')]).toEqual([0, 2, 3]);
  });

  it('agrees with scanning every series, on random series and matchers', () => {
    const random = new SeededRandom(42);
    const live = new Map<number, Labels>();
    const mem = new MemPostings();
    for (let ref = 0; ref < 300; ref++) {
      const labels = randomLabels(random);
      live.set(ref, labels);
      mem.add(ref, labels);
    }
    const wrong: string[] = [];
    const check = (round: number): void => {
      const matchers = Array.from({ length: 1 + random.int(3) }, () => randomMatcher(random));
      const got = [...postingsForMatchers(mem, matchers)];
      const want = naive(live, matchers);
      if (got.join() !== want.join()) {
        wrong.push(`round ${round} {${matchers.join(', ')}}: got [${got}], want [${want}]`);
      }
    };
    for (let round = 0; round < 1500; round++) check(round);
    // Churn, then the same again: deleted refs must not come back.
    const deleted = new Set([...live.keys()].filter(() => random.next() < 0.3));
    mem.delete(deleted);
    for (const ref of deleted) live.delete(ref);
    for (let ref = 300; ref < 400; ref++) {
      const labels = randomLabels(random);
      live.set(ref, labels);
      mem.add(ref, labels);
    }
    for (let round = 1500; round < 3000; round++) check(round);
    expect(wrong).toEqual([]);
  });
});

const NAMES = ['__name__', 'job', 'env', 'code', 'path'];
const VALUES = ['api', 'api-v2', 'apx', 'b', 'B', 'é', 'a.b', 'a\nb', '200', '500', '503', 'x'];
const PATTERNS = [
  '.*',
  '.+',
  '',
  'api.*',
  'api|b',
  'api|',
  'ap.',
  '5..',
  '2..|5.*',
  '(?i)API.*',
  '(?i)b',
  '[ab]',
  'a.b|x',
  '(a|b)\\.?b?',
  'é|B',
  '.*-v2',
  'a\\.b',
  'a.b',
  'api(-v2)?',
];
const TYPES: MatchType[] = ['=', '!=', '=~', '!~'];

function randomLabels(random: SeededRandom): Labels {
  const pairs: [string, string][] = [];
  for (const name of NAMES) if (random.next() < 0.6) pairs.push([name, random.pick(VALUES)]);
  return Labels.fromPairs(pairs);
}

function randomMatcher(random: SeededRandom): Matcher {
  const type = random.pick(TYPES);
  const name = random.next() < 0.9 ? random.pick(NAMES) : 'absent';
  const regex = type === '=~' || type === '!~';
  const value = regex && random.next() < 0.7 ? random.pick(PATTERNS) : random.pick([...VALUES, '']);
  return new Matcher(type, name, value);
}

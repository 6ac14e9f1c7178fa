import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import type { SetOp } from './arithmetic.js';
import { DEFAULT_MATCHING, SET_MATCHING } from './matching.js';
import type { VectorMatching } from './matching.js';
import { setBinop } from './set-ops.js';

const vec = (...specs: [Record<string, string>, number][]): InstantSample[] =>
  specs.map(([rec, v]) => ({ labels: Labels.fromRecord(rec), t: 0, v }));
const show = (samples: InstantSample[]): string[] => samples.map((s) => `${s.labels} ${s.v}`);

const up = vec(
  [{ __name__: 'up', job: 'a', i: '1' }, 1],
  [{ __name__: 'up', job: 'b', i: '1' }, 0],
);
const cpu = vec(
  [{ __name__: 'cpu', job: 'a', i: '1' }, 9],
  [{ __name__: 'cpu', job: 'c', i: '2' }, 8],
);
const onJob: VectorMatching = { ...SET_MATCHING, on: true, labels: ['job'] };
const ignoringI: VectorMatching = { ...SET_MATCHING, labels: ['i'] };

describe('set operators', () => {
  it.each<[string, SetOp, InstantSample[], InstantSample[], VectorMatching, string[]]>([
    [
      'and keeps matched left series unchanged',
      'and',
      up,
      cpu,
      SET_MATCHING,
      ['{__name__="up", i="1", job="a"} 1'],
    ],
    [
      'or appends unmatched right series',
      'or',
      up,
      cpu,
      SET_MATCHING,
      [
        '{__name__="up", i="1", job="a"} 1',
        '{__name__="up", i="1", job="b"} 0',
        '{__name__="cpu", i="2", job="c"} 8',
      ],
    ],
    [
      'unless drops matched left series',
      'unless',
      up,
      cpu,
      SET_MATCHING,
      ['{__name__="up", i="1", job="b"} 0'],
    ],
    ['and on(job)', 'and', up, cpu, onJob, ['{__name__="up", i="1", job="a"} 1']],
    ['unless ignoring(i)', 'unless', cpu, up, ignoringI, ['{__name__="cpu", i="2", job="c"} 8']],
    ['and with an empty side is empty', 'and', up, [], SET_MATCHING, []],
    ['or with an empty left is the right side', 'or', [], cpu, SET_MATCHING, show(cpu)],
    ['unless with an empty right is the left side', 'unless', up, [], SET_MATCHING, show(up)],
    [
      'or keeps left duplicates of a match group',
      'or',
      up,
      vec([{ job: 'a', i: '1' }, 5]),
      onJob,
      show(up),
    ],
  ])('%s', (_name, op, lhs, rhs, matching, want) => {
    expect(show(setBinop(op, lhs, rhs, matching))).toEqual(want);
  });

  it('flags a non many-to-many matching as a bug', () => {
    expect(() => setBinop('and', up, cpu, DEFAULT_MATCHING)).toThrow(/^BUG:/);
  });
});

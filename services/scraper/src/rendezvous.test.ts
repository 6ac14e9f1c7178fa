import { describe, expect, it } from '@jest/globals';
import { rendezvousOwner } from './rendezvous.js';

const KEYS = Array.from(
  { length: 10_000 },
  (_, i) => `http://10.0.${i >> 8}.${i & 255}:9100/metrics\njob\x00node`,
);
const MEMBERS = [
  '3fa1c2d4e5f60718',
  '9b8a7c6d5e4f3021',
  'c0ffee0000000001',
  '0000000000000002',
  'a',
];

function owners(members: readonly string[]): Map<string, string> {
  return new Map(KEYS.map((k) => [k, rendezvousOwner(k, members)!]));
}

describe('rendezvousOwner', () => {
  it('has no owner without members, and the only member owns everything', () => {
    expect(rendezvousOwner('k', [])).toBeUndefined();
    expect(KEYS.every((k) => rendezvousOwner(k, ['solo']) === 'solo')).toBe(true);
  });

  it('picks the same owner whatever the order of the member list', () => {
    const forward = owners(MEMBERS);
    expect(owners([...MEMBERS].reverse())).toEqual(forward);
    expect(owners([...MEMBERS.slice(2), ...MEMBERS.slice(0, 2)])).toEqual(forward);
  });

  it('spreads keys evenly over the members', () => {
    const counts = new Map<string, number>();
    for (const owner of owners(MEMBERS).values()) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...MEMBERS].sort());
    const fair = KEYS.length / MEMBERS.length;
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(fair * 0.9);
      expect(count).toBeLessThan(fair * 1.1);
    }
  });

  it('moves only the keys of a member that leaves, spread over those that remain', () => {
    const before = owners(MEMBERS);
    const gone = MEMBERS[1]!;
    const after = owners(MEMBERS.filter((m) => m !== gone));
    const heirs = new Map<string, number>();
    for (const key of KEYS) {
      if (before.get(key) !== gone) expect(after.get(key)).toBe(before.get(key));
      else heirs.set(after.get(key)!, (heirs.get(after.get(key)!) ?? 0) + 1);
    }
    expect(heirs.size).toBe(MEMBERS.length - 1);
  });

  it('gives a joining member its fair share, taken from every other member', () => {
    const before = owners(MEMBERS);
    const joined = 'ffffffff00000000';
    const after = owners([...MEMBERS, joined]);
    const givers = new Set<string>();
    let moved = 0;
    for (const key of KEYS) {
      if (after.get(key) === before.get(key)) continue;
      expect(after.get(key)).toBe(joined);
      givers.add(before.get(key)!);
      moved++;
    }
    const fair = KEYS.length / (MEMBERS.length + 1);
    expect(moved).toBeGreaterThan(fair * 0.9);
    expect(moved).toBeLessThan(fair * 1.1);
    expect(givers.size).toBe(MEMBERS.length);
  });
});

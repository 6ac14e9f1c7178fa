import { describe, expect, it } from '@jest/globals';
import { needsUpdate } from './dedup.js';
import type { NflogEntry } from './nflog.js';

const T = 1_700_000_000_000;
const H = 3_600_000;

function entry(firing: string[], resolved: string[] = [], timestamp = T): NflogEntry {
  return {
    groupKey: 'g',
    receiver: { receiver: 'r', integration: 'webhook', index: 0 },
    firingAlerts: firing,
    resolvedAlerts: resolved,
    timestamp,
    expiresAt: T + 100 * H,
  };
}

const set = (...items: string[]) => new Set(items);

describe('needsUpdate', () => {
  it('sends a first notification only with firing alerts', () => {
    expect(needsUpdate(undefined, set('a'), set(), false, H, T)).toBe(true);
    expect(needsUpdate(undefined, set(), set('a'), true, H, T)).toBe(false);
  });

  it('sends when an alert starts firing', () => {
    expect(needsUpdate(entry(['a']), set('a', 'b'), set(), false, H, T)).toBe(true);
    expect(needsUpdate(entry(['a', 'b']), set('a'), set('b'), false, H, T)).toBe(false);
  });

  it('sends when all resolved only if firing alerts were notified', () => {
    expect(needsUpdate(entry(['a']), set(), set('a'), false, H, T)).toBe(true);
    expect(needsUpdate(entry([], ['a']), set(), set('a'), true, H, T)).toBe(false);
  });

  it('sends newly resolved alerts with send_resolved', () => {
    expect(needsUpdate(entry(['a', 'b']), set('a'), set('b'), true, H, T)).toBe(true);
    expect(needsUpdate(entry(['a'], ['b']), set('a'), set('b'), true, H, T)).toBe(false);
  });

  it('repeats after repeat_interval', () => {
    expect(needsUpdate(entry(['a'], [], T - H), set('a'), set(), false, H, T)).toBe(false);
    expect(needsUpdate(entry(['a'], [], T - H - 1), set('a'), set(), false, H, T)).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { logSink } from '../testing/log-sink.js';
import { Lifecycle } from './lifecycle.js';

describe('Lifecycle', () => {
  it('stops components in reverse order of adding', async () => {
    const order: string[] = [];
    const lc = new Lifecycle();
    for (const name of ['bus', 'storage', 'http']) lc.add(name, async () => void order.push(name));
    await lc.stopAll(logSink().logger);
    expect(order).toEqual(['http', 'storage', 'bus']);
  });

  it('keeps stopping after a failing or throwing stop, logging each failure', async () => {
    const order: string[] = [];
    const { logger, lines } = logSink();
    const lc = new Lifecycle();
    lc.add('a', async () => void order.push('a'));
    lc.add('b', () => {
      throw new Error('sync boom');
    });
    lc.add('c', async () => {
      order.push('c');
      throw new Error('async boom');
    });
    await lc.stopAll(logger);
    expect(order).toEqual(['c', 'a']);
    const failures = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.msg === 'stop failed');
    expect(failures.map((r) => [r.component, (r.err as { message: string }).message])).toEqual([
      ['c', 'async boom'],
      ['b', 'sync boom'],
    ]);
  });

  it('moves on from a stop that never settles', async () => {
    const order: string[] = [];
    const { logger, lines } = logSink();
    const lc = new Lifecycle();
    lc.add('first', async () => void order.push('first'));
    lc.add('stuck', () => new Promise<void>(() => undefined));
    await lc.stopAll(logger, 20);
    expect(order).toEqual(['first']);
    expect(
      lines.some((l) => l.includes('"component":"stuck"') && l.includes('stop timed out')),
    ).toBe(true);
  });

  it('stops each component once', async () => {
    let stops = 0;
    const lc = new Lifecycle();
    lc.add('x', async () => void stops++);
    await lc.stopAll(logSink().logger);
    await lc.stopAll(logSink().logger);
    expect(stops).toBe(1);
  });
});

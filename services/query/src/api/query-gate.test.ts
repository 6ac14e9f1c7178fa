import { describe, expect, it } from '@jest/globals';
import { ApiError } from './errors.js';
import { QueryGate } from './query-gate.js';

/** A query that runs until `finish` is called. */
function held(): { run: () => Promise<string>; finish: (v: string) => void; started: boolean } {
  let finish: (v: string) => void = () => {
    throw new Error('BUG: finished before it started');
  };
  const q = {
    started: false,
    run: () =>
      new Promise<string>((resolve) => {
        q.started = true;
        finish = resolve;
      }),
    finish: (v: string) => finish(v),
  };
  return q;
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('QueryGate', () => {
  it('runs at most max queries and starts waiting ones in arrival order', async () => {
    const gate = new QueryGate(2);
    const signal = new AbortController().signal;
    const [a, b, c, d] = [held(), held(), held(), held()];
    const results = [a, b, c, d].map((q) => gate.run(signal, q.run));
    await settle();
    expect([a, b, c, d].map((q) => q.started)).toEqual([true, true, false, false]);
    expect([gate.active, gate.waiting]).toEqual([2, 2]);
    b.finish('b');
    await settle();
    expect([c.started, d.started]).toEqual([true, false]);
    a.finish('a');
    await settle();
    expect([gate.active, gate.waiting]).toEqual([2, 0]);
    c.finish('c');
    d.finish('d');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.active).toBe(0);
  });

  it.each<[string, DOMException, string, string]>([
    ['timeout', new DOMException('t', 'TimeoutError'), 'timeout', 'query timed out in query queue'],
    [
      'cancel',
      new DOMException('c', 'AbortError'),
      'canceled',
      'query was canceled in query queue',
    ],
  ])('a waiting query leaves the queue on %s', async (_name, reason, code, message) => {
    const gate = new QueryGate(1);
    const first = held();
    const running = gate.run(new AbortController().signal, first.run);
    const abort = new AbortController();
    const waiting = held();
    const queued = gate.run(abort.signal, waiting.run);
    await settle();
    abort.abort(reason);
    const err = await queued.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).code, (err as ApiError).message]).toEqual([code, message]);
    expect([waiting.started, gate.waiting]).toEqual([false, 0]);
    first.finish('done');
    expect(await running).toBe('done');
    expect(gate.active).toBe(0);
  });

  it('gives a free slot even to an expired query, whose evaluation then reports it', async () => {
    const abort = new AbortController();
    abort.abort(new DOMException('t', 'TimeoutError'));
    expect(await new QueryGate(1).run(abort.signal, async () => 'ran')).toBe('ran');
  });

  it.each([0, -1, 1.5, NaN])('refuses max %d', (max) => {
    expect(() => new QueryGate(max)).toThrow(RangeError);
  });
});

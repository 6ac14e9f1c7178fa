import { describe, expect, it } from '@jest/globals';
import { DurableLog } from './durable-log.js';

const data = (n: number): Uint8Array => new Uint8Array(n);

describe('DurableLog', () => {
  it('finds the next entry matching a filter from a sequence on', () => {
    const log = new DurableLog({ maxAgeMs: 1000, maxBytes: 1000 });
    log.append('prm.write.v1.0', data(1), 0);
    log.append('prm.write.v1.1', data(1), 0);
    log.append('prm.write.v1.0', data(1), 0);
    expect(log.next(1, 'prm.write.v1.0', 0)?.seq).toBe(1);
    expect(log.next(2, 'prm.write.v1.0', 0)?.seq).toBe(3);
    expect(log.next(1, 'prm.write.v1.*', 0)?.seq).toBe(1);
    expect(log.next(4, 'prm.write.v1.*', 0)).toBeUndefined();
  });

  it('drops entries older than maxAgeMs', () => {
    const log = new DurableLog({ maxAgeMs: 100, maxBytes: 1000 });
    log.append('s', data(1), 0);
    log.append('s', data(1), 50);
    expect(log.next(1, 's', 100)?.seq).toBe(1);
    expect(log.next(1, 's', 101)?.seq).toBe(2);
    expect(log.next(1, 's', 151)).toBeUndefined();
  });

  it('drops the oldest entries beyond maxBytes and skips a consumer past them', () => {
    const log = new DurableLog({ maxAgeMs: 1000, maxBytes: 10 });
    for (let i = 0; i < 5000; i++) log.append('s', data(4), 0);
    expect(log.next(1, 's', 0)?.seq).toBe(4999);
    expect(log.next(5000, 's', 0)?.seq).toBe(5000);
  });

  it('wakes listeners on append until they unlisten', () => {
    const log = new DurableLog({ maxAgeMs: 1000, maxBytes: 1000 });
    let calls = 0;
    const unlisten = log.onAppend(() => calls++);
    log.append('s', data(1), 0);
    unlisten();
    log.append('s', data(1), 0);
    expect(calls).toBe(1);
  });
});

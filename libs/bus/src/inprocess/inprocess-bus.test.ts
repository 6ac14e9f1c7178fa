import { describe, expect, it } from '@jest/globals';
import { busContract } from '../contract/bus-contract.js';
import { bytes, eventually, text } from '../contract/harness.js';
import { subjects } from '../subjects.js';
import { createInProcessBus } from './inprocess-bus.js';

busContract('in-process', async (opts) => createInProcessBus(opts));

describe('in-process durable log', () => {
  it('drops the oldest messages beyond maxBytes, like a JetStream stream with discard old', async () => {
    const bus = createInProcessBus({ durableStream: { maxBytes: 10 }, log: () => {} });
    const s = subjects.write(1);
    for (const m of ['aaaa', 'bbbb', 'cccc']) await bus.publishDurable(s, bytes(m));
    const got: string[] = [];
    bus.consumeDurable(s, 'late', async (m) => void got.push(text(m.data)));
    await eventually(() => got.length === 2, 'the retained messages');
    expect(got).toEqual(['bbbb', 'cccc']);
    await bus.close();
  });

  it('refuses unusable limits', () => {
    expect(() => createInProcessBus({ maxMessageBytes: 0 })).toThrow(
      /maxMessageBytes must be positive/,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { InvalidSubjectError } from '../errors.js';
import { subjects } from '../subjects.js';
import { bytes, eventually, memoryLog, text, uniqueShard } from './harness.js';
import type { Harness } from './harness.js';

/** publishDurable/consumeDurable: late consumers, independent names, redelivery, resume. */
export function durableContract(h: Harness): void {
  describe('durable', () => {
    it('delivers messages published before the consumer attached, in order', async () => {
      const bus = await h.bus();
      const s = subjects.write(uniqueShard());
      for (const m of ['a', 'b', 'c']) await bus.publishDurable(s, bytes(m));
      const got: string[] = [];
      bus.consumeDurable(s, 'replica-a', async (m) => void got.push(text(m.data)));
      await eventually(() => got.length === 3, 'three messages');
      expect(got).toEqual(['a', 'b', 'c']);
    });

    it('gives every message to each consumer name, and only its own subject', async () => {
      const bus = await h.bus();
      const s = subjects.write(uniqueShard());
      const other = subjects.write(uniqueShard());
      const a: string[] = [];
      const b: string[] = [];
      bus.consumeDurable(s, 'replica', async (m) => void a.push(text(m.data)));
      await bus.publishDurable(other, bytes('elsewhere'));
      for (const m of ['1', '2']) await bus.publishDurable(s, bytes(m));
      bus.consumeDurable(s, 'other-replica', async (m) => void b.push(text(m.data)));
      await eventually(() => a.length === 2 && b.length === 2, 'both consumers');
      expect(a).toEqual(['1', '2']);
      expect(b).toEqual(['1', '2']);
    });

    it('keeps the same consumer name on two subjects apart', async () => {
      const bus = await h.bus();
      const [s0, s1] = [subjects.write(uniqueShard()), subjects.write(uniqueShard())];
      const got: string[][] = [[], []];
      [s0, s1].forEach((s, i) =>
        bus.consumeDurable(s, 'replica-a', async (m) => void got[i]!.push(text(m.data))),
      );
      await bus.publishDurable(s0, bytes('zero'));
      await bus.publishDurable(s1, bytes('one'));
      await eventually(() => got.flat().length === 2, 'both messages');
      expect(got).toEqual([['zero'], ['one']]);
    });

    it('redelivers a message whose handler threw before any later one, and logs the failure', async () => {
      const mem = memoryLog();
      const bus = await h.bus({ log: mem.log });
      const s = subjects.write(uniqueShard());
      const calls: string[] = [];
      bus.consumeDurable(s, 'flaky', async (m) => {
        const key = text(m.data);
        calls.push(key);
        if (key === 'x' && calls.filter((c) => c === 'x').length < 3) throw new Error('transient');
      });
      for (const m of ['w', 'x', 'y', 'z']) await bus.publishDurable(s, bytes(m));
      await eventually(() => calls.at(-1) === 'z', 'redelivery');
      expect(calls).toEqual(['w', 'x', 'x', 'x', 'y', 'z']);
      expect(mem.entries.some((e) => e.level === 'warn' && e.fields?.err === 'transient')).toBe(
        true,
      );
    });

    it('resumes a consumer name where it stopped', async () => {
      const bus = await h.bus();
      const s = subjects.write(uniqueShard());
      const first: string[] = [];
      const sub = bus.consumeDurable(s, 'resume', async (m) => void first.push(text(m.data)));
      for (const m of ['1', '2']) await bus.publishDurable(s, bytes(m));
      await eventually(() => first.length === 2, 'first two');
      await sub.unsubscribe();
      for (const m of ['3', '4']) await bus.publishDurable(s, bytes(m));
      const second: string[] = [];
      bus.consumeDurable(s, 'resume', async (m) => void second.push(text(m.data)));
      await eventually(() => second.length === 2, 'last two');
      expect(second).toEqual(['3', '4']);
    });

    it('refuses non-durable subjects and bad consumer names', async () => {
      const bus = await h.bus();
      await expect(bus.publishDurable('prm.select.v1.0', bytes(''))).rejects.toThrow(
        InvalidSubjectError,
      );
      expect(() => bus.consumeDurable('prm.targets.v1.*', 'c', async () => {})).toThrow(
        /not a durable subject/,
      );
      expect(() => bus.consumeDurable(subjects.write(0), 'a.b', async () => {})).toThrow(
        /consumer name "a.b"/,
      );
    });
  });
}

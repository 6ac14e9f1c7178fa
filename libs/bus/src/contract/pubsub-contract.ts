import { describe, expect, it } from '@jest/globals';
import type { BusMsg } from '../bus.js';
import { InvalidHeaderError, InvalidSubjectError } from '../errors.js';
import { subjects } from '../subjects.js';
import { bytes, eventually, memoryLog, text, uniqueSubject } from './harness.js';
import type { Harness } from './harness.js';

/** publish/subscribe: delivery, order, headers, wildcards, queue groups, failures. */
export function pubsubContract(h: Harness): void {
  describe('publish/subscribe', () => {
    it('delivers data and headers in publish order', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      const got: BusMsg[] = [];
      bus.subscribe(s, (m) => void got.push(m));
      for (const n of [1, 2, 3]) await bus.publish(s, bytes(`m${n}`), { 'X-N': String(n) });
      await eventually(() => got.length === 3, 'three messages');
      expect(got.map((m) => [m.subject, text(m.data), m.headers['X-N']])).toEqual([
        [s, 'm1', '1'],
        [s, 'm2', '2'],
        [s, 'm3', '3'],
      ]);
    });

    it.each([
      ['*', ['a'], ['a.b']],
      ['>', ['a', 'a.b'], []],
      ['x.*.z', ['x.q.z'], ['x.q', 'x.q.z.w', 'y.q.z']],
    ])('matches the wildcard filter %j like NATS', async (filter, matching, other) => {
      const bus = await h.bus();
      const s = uniqueSubject();
      const got: string[] = [];
      bus.subscribe(`${s}.${filter}`, (m) => void got.push(m.subject));
      // Non-matching messages go first: once all matching ones arrived, any stray
      // delivery would have arrived too.
      for (const suffix of [...other, ...matching]) await bus.publish(`${s}.${suffix}`, bytes(''));
      await eventually(() => got.length >= matching.length, 'deliveries');
      expect(got).toEqual(matching.map((m) => `${s}.${m}`));
    });

    it('routes catalogue subjects of jobs with dots, spaces and wildcards', async () => {
      const bus = await h.bus();
      const got: string[] = [];
      bus.subscribe(subjects.allTargets, (m) => void got.push(m.subject));
      await bus.publish(subjects.targets('a.b c*>'), bytes('{}'));
      await eventually(() => got.length === 1, 'the targets message');
      expect(got).toEqual([subjects.targets('a.b c*>')]);
    });

    it('gives each message to one member of a queue group, and to every plain subscriber', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      const members: string[][] = [[], []];
      const plain: string[] = [];
      for (const m of members)
        bus.subscribe(s, (msg) => void m.push(text(msg.data)), { queue: 'g' });
      bus.subscribe(s, (msg) => void plain.push(text(msg.data)));
      for (let i = 0; i < 40; i++) await bus.publish(s, bytes(String(i)));
      await eventually(() => plain.length === 40 && members.flat().length >= 40, 'all deliveries');
      expect(new Set(members.flat()).size).toBe(40);
      expect(members.flat()).toHaveLength(40);
    });

    it('logs a throwing handler and keeps the subscription', async () => {
      const mem = memoryLog();
      const bus = await h.bus({ log: mem.log });
      const s = uniqueSubject();
      const got: string[] = [];
      bus.subscribe(s, (m) => {
        if (text(m.data) === 'bad') throw new Error('boom');
        got.push(text(m.data));
      });
      await bus.publish(s, bytes('bad'));
      await bus.publish(s, bytes('good'));
      await eventually(() => got.length === 1, 'the second message');
      expect(mem.entries.some((e) => e.level === 'error' && e.fields?.err === 'boom')).toBe(true);
    });

    it('stops delivering after unsubscribe resolves', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      const got: string[] = [];
      const sentinel: string[] = [];
      const sub = bus.subscribe(s, (m) => void got.push(text(m.data)));
      bus.subscribe(s, (m) => void sentinel.push(text(m.data)));
      await bus.publish(s, bytes('1'));
      await eventually(() => got.length === 1 && sentinel.length === 1, 'first message');
      await sub.unsubscribe();
      await sub.unsubscribe();
      await bus.publish(s, bytes('2'));
      await eventually(() => sentinel.length === 2, 'second message at the other subscriber');
      expect(got).toEqual(['1']);
    });

    it('rejects invalid subjects, queue names and headers with precise errors', async () => {
      const bus = await h.bus();
      await expect(bus.publish('a..b', bytes(''))).rejects.toThrow(/empty token at position 1/);
      await expect(bus.publish('a.*', bytes(''))).rejects.toThrow(InvalidSubjectError);
      await expect(bus.publish('a b', bytes(''))).rejects.toThrow(/whitespace/);
      expect(() => bus.subscribe('a.>.b', () => {})).toThrow(/'>' must be the last token/);
      expect(() => bus.subscribe('a', () => {}, { queue: 'q 1' })).toThrow(InvalidSubjectError);
      await expect(bus.publish('a', bytes(''), { 'Bad:Name': 'x' })).rejects.toThrow(
        InvalidHeaderError,
      );
      await expect(bus.publish('a', bytes(''), { ok: 'line\nbreak' })).rejects.toThrow(/"ok"/);
    });
  });
}

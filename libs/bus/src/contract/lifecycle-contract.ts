import { describe, expect, it } from '@jest/globals';
import type { BusStatus } from '../bus.js';
import { BusClosedError } from '../errors.js';
import { subjects } from '../subjects.js';
import { bytes, eventually, rejection, uniqueShard, uniqueSubject } from './harness.js';
import type { Harness } from './harness.js';

/** status and close(). */
export function lifecycleContract(h: Harness): void {
  describe('close', () => {
    it('is connected, then closed, telling listeners', async () => {
      const bus = await h.bus();
      expect(bus.status).toBe('connected');
      const seen: BusStatus[] = [];
      bus.onStatus((status) => seen.push(status));
      await bus.close();
      await bus.close();
      expect(bus.status).toBe('closed');
      expect(seen).toEqual(['closed']);
    });

    it('waits for running handlers, then refuses every operation', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      let finished = false;
      let entered = false;
      bus.subscribe(s, async () => {
        entered = true;
        await new Promise((r) => setTimeout(r, 50));
        finished = true;
      });
      await bus.publish(s, bytes(''));
      await eventually(() => entered, 'the handler to start');
      await bus.close();
      expect(finished).toBe(true);
      await expect(bus.publish(s, bytes(''))).rejects.toThrow(BusClosedError);
      await expect(bus.publishDurable(subjects.write(uniqueShard()), bytes(''))).rejects.toThrow(
        BusClosedError,
      );
      expect(() => bus.subscribe(s, () => {})).toThrow(BusClosedError);
      expect(() => bus.consumeDurable(subjects.write(0), 'c', async () => {})).toThrow(
        BusClosedError,
      );
      expect(await rejection(bus.request(s, bytes('')))).toBeInstanceOf(BusClosedError);
    });

    it('fails a request in flight with BusClosedError', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started = false;
      bus.serve(s, async (_req, reply) => {
        started = true;
        await reply.write(bytes('one'));
        await held;
      });
      const pending = rejection(bus.request(s, bytes('')));
      await eventually(() => started, 'the responder to start');
      const closing = bus.close();
      expect(await pending).toBeInstanceOf(BusClosedError);
      release();
      await closing;
    });
  });
}

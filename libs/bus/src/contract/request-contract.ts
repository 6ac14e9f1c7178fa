import { describe, expect, it } from '@jest/globals';
import type { ReplyStream } from '../bus.js';
import {
  BusTimeoutError,
  MessageTooLargeError,
  NoResponderError,
  RemoteError,
  ReplyEndedError,
} from '../errors.js';
import { bytes, collect, eventually, partial, rejection, text, uniqueSubject } from './harness.js';
import type { Harness } from './harness.js';

/** serve/request: streamed replies, errors, timeouts, queue responders, size limits. */
export function requestContract(h: Harness): void {
  describe('request/serve', () => {
    it('streams every chunk in order, then ends', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      bus.serve(s, async (req, reply) => {
        for (let i = 0; i < 5; i++) await reply.write(bytes(`${text(req.data)}-${i}`));
        await reply.end();
      });
      const chunks = await collect(bus.request(s, bytes('q')));
      expect(chunks.map(text)).toEqual(['q-0', 'q-1', 'q-2', 'q-3', 'q-4']);
    });

    it('ends the reply when the handler returns without end(); an empty reply has no chunks', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      bus.serve(s, async (req, reply) => {
        if (text(req.data) === 'one') await reply.write(bytes('x'));
      });
      expect((await collect(bus.request(s, bytes('one')))).map(text)).toEqual(['x']);
      expect(await collect(bus.request(s, bytes('none')))).toEqual([]);
    });

    it('throws RemoteError with the responder code and message after the chunks before it', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      bus.serve(s, async (_req, reply) => {
        await reply.write(bytes('partial'));
        await reply.error('bad_data', 'line 1\nline 2: 100% "quoted"');
      });
      const { items, error: err } = await partial(bus.request(s, bytes('')));
      expect(items.map(text)).toEqual(['partial']);
      expect(err).toBeInstanceOf(RemoteError);
      expect(err).toMatchObject({ code: 'bad_data', message: 'line 1\nline 2: 100% "quoted"' });
    });

    it("reports a throwing handler as RemoteError code 'internal'", async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      bus.serve(s, async () => {
        throw new Error('disk on fire');
      });
      const err = await rejection(bus.request(s, bytes('')));
      expect(err).toMatchObject({ name: 'RemoteError', code: 'internal', message: 'disk on fire' });
    });

    it('throws NoResponderError when nobody serves the subject', async () => {
      const bus = await h.bus();
      expect(await rejection(bus.request(uniqueSubject(), bytes('')))).toBeInstanceOf(
        NoResponderError,
      );
    });

    it('throws BusTimeoutError when the first or a later chunk does not come in time', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      bus.serve(s, async (req, reply) => {
        if (text(req.data) === 'late') await reply.write(bytes('first'));
        await held;
      });
      try {
        const silent = await rejection(bus.request(s, bytes('silent'), { timeoutMs: 400 }));
        expect(silent).toBeInstanceOf(BusTimeoutError);
        expect(silent).toMatchObject({ message: expect.stringContaining('no reply') });
        const stalled = await partial(bus.request(s, bytes('late'), { timeoutMs: 400 }));
        expect(stalled.items.map(text)).toEqual(['first']);
        expect(stalled.error).toBeInstanceOf(BusTimeoutError);
      } finally {
        release();
      }
    });

    it('lets one member of a responder queue group answer each request', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      const calls = [0, 0];
      calls.forEach((_, i) =>
        bus.serve(
          s,
          async (_req, reply) => {
            calls[i]!++;
            await reply.write(bytes(String(i)));
          },
          { queue: 'replicas' },
        ),
      );
      for (let n = 0; n < 20; n++) expect(await collect(bus.request(s, bytes('')))).toHaveLength(1);
      expect(calls[0]! + calls[1]!).toBe(20);
    });

    it('refuses writes after the end', async () => {
      const bus = await h.bus();
      const s = uniqueSubject();
      let late: unknown;
      bus.serve(s, async (_req, reply) => {
        await reply.end();
        late = await reply.write(bytes('x')).catch((e: unknown) => e);
      });
      expect(await collect(bus.request(s, bytes('')))).toEqual([]);
      await eventually(() => late !== undefined, 'the late write to fail');
      expect(late).toBeInstanceOf(ReplyEndedError);
    });
  });

  describe('size limit', () => {
    it('refuses payloads above maxMessageBytes everywhere and accepts the limit itself', async () => {
      const bus = await h.bus({ maxMessageBytes: 1024 });
      expect(bus.maxMessageBytes).toBe(1024);
      const s = uniqueSubject();
      const at = new Uint8Array(1024);
      const over = new Uint8Array(1025);
      await bus.publish(s, at);
      await expect(bus.publish(s, over)).rejects.toThrow(MessageTooLargeError);
      await expect(bus.publishDurable('prm.write.v1.0', over)).rejects.toThrow(
        MessageTooLargeError,
      );
      expect(await rejection(bus.request(s, over))).toBeInstanceOf(MessageTooLargeError);
      const writes: unknown[] = [];
      bus.serve(s, async (_req, reply: ReplyStream) => {
        writes.push(await reply.write(over).catch((e: unknown) => e));
        await reply.write(at);
      });
      const chunks = await collect(bus.request(s, bytes('')));
      expect(chunks.map((c) => c.length)).toEqual([1024]);
      expect(writes[0]).toBeInstanceOf(MessageTooLargeError);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { bytes } from '../contract/harness.js';
import { BusConfigError, MessageTooLargeError } from '../errors.js';
import { subjects } from '../subjects.js';
import { startNatsServer } from '../testing/nats-server.js';
import type { NatsServerHandle } from '../testing/nats-server.js';
import { DURABLE_STREAM } from './jetstream.js';
import { connectNatsBus } from './nats-bus.js';
import type { NatsBusOptions } from './options.js';

// Real nats-server processes on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(20_000);

let server: NatsServerHandle;
beforeAll(async () => {
  server = await startNatsServer({ config: 'max_payload: 65536' });
});
afterAll(async () => {
  await server.stop();
});

async function streamConfig(): Promise<Record<string, unknown>> {
  const nc = await connect({ servers: server.url });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(DURABLE_STREAM);
    return info.config as unknown as Record<string, unknown>;
  } finally {
    await nc.close();
  }
}

async function publishOnce(opts: Partial<NatsBusOptions>): Promise<void> {
  const bus = await connectNatsBus({ servers: server.url, log: () => {}, ...opts });
  try {
    await bus.publishDurable(subjects.write(0), bytes('x'));
  } finally {
    await bus.close();
  }
}

describe('NATS bus limits', () => {
  it('lowers maxMessageBytes to the server max_payload minus header room', async () => {
    const bus = await connectNatsBus({
      servers: server.url,
      maxMessageBytes: 1 << 20,
      log: () => {},
    });
    try {
      expect(bus.maxMessageBytes).toBe(65536 - 4096);
      await expect(bus.publish('big', new Uint8Array(65536 - 4095))).rejects.toThrow(
        MessageTooLargeError,
      );
      await bus.publish('big', new Uint8Array(65536 - 4096));
    } finally {
      await bus.close();
    }
  });

  it('creates the durable stream with limits retention, then updates its limits', async () => {
    await publishOnce({});
    expect(await streamConfig()).toMatchObject({
      subjects: [subjects.durable],
      retention: 'limits',
      discard: 'old',
      storage: 'file',
      max_age: nanos(24 * 60 * 60 * 1000),
      max_bytes: -1,
    });
    await publishOnce({ durableStream: { maxAgeMs: 60_000, maxBytes: 1 << 20 } });
    expect(await streamConfig()).toMatchObject({ max_age: nanos(60_000), max_bytes: 1 << 20 });
  });

  it.each([
    [{ maxMessageBytes: 0 }, /maxMessageBytes must be positive/],
    [{ durableStream: { maxAgeMs: -1 } }, /durableStream.maxAgeMs must be positive/],
    [{ reconnectWaitMs: 0 }, /reconnectWaitMs must be positive/],
  ])('refuses %j', async (opts, message) => {
    const err = await connectNatsBus({ servers: server.url, log: () => {}, ...opts }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BusConfigError);
    expect((err as Error).message).toMatch(message);
  });
});

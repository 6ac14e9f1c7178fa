import { afterAll, beforeAll, jest } from '@jest/globals';
import { busContract } from '../contract/bus-contract.js';
import { startNatsServer } from '../testing/nats-server.js';
import type { NatsServerHandle } from '../testing/nats-server.js';
import { connectNatsBus } from './nats-bus.js';

// Real nats-server processes on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(20_000);

let server: NatsServerHandle;
beforeAll(async () => {
  server = await startNatsServer();
});
afterAll(async () => {
  await server.stop();
});

busContract('NATS', (opts) => connectNatsBus({ servers: server.url, ...opts }));

import { describe } from '@jest/globals';
import { durableContract } from './durable-contract.js';
import { harness } from './harness.js';
import type { MakeBus } from './harness.js';
import { lifecycleContract } from './lifecycle-contract.js';
import { pubsubContract } from './pubsub-contract.js';
import { requestContract } from './request-contract.js';

/**
 * The one contract every Bus implementation passes (test-only). `makeBus` returns a
 * fresh, connected bus per call; buses are closed after each test.
 */
export function busContract(name: string, makeBus: MakeBus): void {
  describe(`${name} bus contract`, () => {
    const h = harness(makeBus);
    pubsubContract(h);
    requestContract(h);
    durableContract(h);
    lifecycleContract(h);
  });
}

import { createQueryService, defaultStatus, flagTexts } from '@promethium/query-service';
import { shardCount, shardsFlag } from '../command.js';
import type { Command } from '../command.js';
import { queryFlags } from './query-flags.js';

/** `promethium query`: the PromQL engine and HTTP API over every shard. */
export const queryCommand: Command = {
  name: 'query',
  description: "Serves PromQL and Prometheus's HTTP API v1, fanning each query out to every shard.",
  flags: [shardsFlag, ...queryFlags],
  listenAddress: '0.0.0.0:9090',
  usesConfig: false,
  usesNats: true,
  async start({ bus, configStatus, flags: parsed, flagSpecs, logger, registry }) {
    const service = createQueryService({
      bus: bus!,
      shards: shardCount(parsed),
      logger,
      lookbackDeltaMs: parsed.duration('query.lookback-delta'),
      timeoutMs: parsed.duration('query.timeout'),
      maxSamples: parsed.number('query.max-samples'),
      maxConcurrency: parsed.number('query.max-concurrency'),
      partialResponse: parsed.boolean('query.partial-response'),
      features: parsed.strings('enable-feature'),
      registry,
      status: {
        ...defaultStatus(Date.now()),
        flags: flagTexts(parsed, flagSpecs),
        ...configStatus,
      },
    });
    return { routes: (router) => service.routes(router), stop: async () => undefined };
  },
};

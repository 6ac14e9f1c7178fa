import { createQueryService } from '@promethium/query-service';
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
  async start({ bus, flags, logger }) {
    const service = createQueryService({
      bus: bus!,
      shards: shardCount(flags),
      logger,
      lookbackDeltaMs: flags.duration('query.lookback-delta'),
      timeoutMs: flags.duration('query.timeout'),
      maxSamples: flags.number('query.max-samples'),
    });
    return { routes: (router) => service.routes(router), stop: async () => undefined };
  },
};

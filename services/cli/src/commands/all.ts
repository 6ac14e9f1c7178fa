import { startAllInOne } from '@promethium/all-in-one';
import { defaultStatus, flagTexts } from '@promethium/query-service';
import { shardCount, shardsFlag } from '../command.js';
import type { Command } from '../command.js';
import { queryFlags } from './query-flags.js';
import { writeFlags, writeSettings } from './scraper-flags.js';
import { storageFlags, tsdbSettings } from './storage-flags.js';

/** `promethium all`: every service in one process over the in-process bus. */
export const allCommand: Command = {
  name: 'all',
  description: 'Runs discovery, scraper, storage shards and query in one process (no NATS needed).',
  flags: [...storageFlags, shardsFlag, ...writeFlags, ...queryFlags],
  listenAddress: '0.0.0.0:9090',
  usesConfig: true,
  usesNats: false,
  async start({ config, configStatus, flags, flagSpecs, logger, registry }) {
    const all = await startAllInOne({
      config: config!,
      dataDir: flags.string('storage.tsdb.path')!,
      tsdb: tsdbSettings(flags),
      write: writeSettings(flags),
      shards: shardCount(flags),
      logger,
      registry,
      lookbackDeltaMs: flags.duration('query.lookback-delta'),
      queryTimeoutMs: flags.duration('query.timeout'),
      maxSamples: flags.number('query.max-samples'),
      maxConcurrency: flags.number('query.max-concurrency'),
      partialResponse: flags.boolean('query.partial-response'),
      features: flags.strings('enable-feature'),
      status: { ...defaultStatus(Date.now()), flags: flagTexts(flags, flagSpecs), ...configStatus },
    });
    return {
      routes: (router) => all.routes(router),
      reload: (next) => all.reload(next),
      stop: () => all.stop(),
    };
  },
};

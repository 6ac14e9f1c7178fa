import { startScraper } from '@promethium/scraper-service';
import { shardCount, shardsFlag } from '../command.js';
import type { Command } from '../command.js';
import { heartbeatFlag, heartbeatInterval, writeFlags, writeSettings } from './scraper-flags.js';

/** `promethium scraper`: scrapes discovered targets into the storage shards. */
export const scraperCommand: Command = {
  name: 'scraper',
  description: 'Scrapes the targets discovery publishes and writes samples to the storage shards.',
  flags: [shardsFlag, ...writeFlags, heartbeatFlag],
  listenAddress: '0.0.0.0:9096',
  usesConfig: true,
  usesNats: true,
  async start({ bus, config, flags, logger, registry }) {
    const service = await startScraper({
      bus: bus!,
      config: config!,
      shards: shardCount(flags),
      logger,
      registry,
      write: writeSettings(flags),
      heartbeatIntervalMs: heartbeatInterval(flags),
    });
    return { reload: (next) => service.reload(next), stop: () => service.stop() };
  },
};

import { hostname } from 'node:os';
import { startStorageShard } from '@promethium/storage-service';
import type { Command } from '../command.js';

/** `promethium storage`: one shard of the TSDB. */
export const storageCommand: Command = {
  name: 'storage',
  description: 'Runs one storage shard: consumes its write stream and answers selects.',
  flags: [
    {
      name: 'storage.tsdb.path',
      type: 'string',
      default: 'data/',
      help: 'Base path for metrics storage.',
    },
    {
      name: 'storage.shard',
      type: 'number',
      default: 0,
      help: 'Which shard this process holds (0-based).',
    },
    {
      name: 'storage.replica',
      type: 'string',
      help: 'Name of this replica of the shard; replicas consume the write stream independently. (default: hostname)',
    },
  ],
  listenAddress: '0.0.0.0:9097',
  usesConfig: false,
  usesNats: true,
  async start({ bus, flags, logger, registry }) {
    const shard = flags.number('storage.shard')!;
    if (!Number.isInteger(shard) || shard < 0)
      throw new Error(`--storage.shard must be an integer >= 0, got ${shard}`);
    const service = await startStorageShard({
      bus: bus!,
      shard,
      replica: flags.string('storage.replica') ?? hostname(),
      dataDir: flags.string('storage.tsdb.path')!,
      logger,
      registry,
    });
    return { stop: () => service.stop() };
  },
};

import { hostname } from 'node:os';
import { startStorageShard } from '@promethium/storage-service';
import type { Command } from '../command.js';
import { storageFlags, tsdbSettings } from './storage-flags.js';

/** `promethium storage`: one shard of the TSDB. */
export const storageCommand: Command = {
  name: 'storage',
  description: 'Runs one storage shard: consumes its write stream and answers selects.',
  flags: [
    ...storageFlags,
    {
      name: 'shard.index',
      type: 'number',
      default: 0,
      help: 'Which shard this process holds (0-based, below the --shard.count of writers and readers).',
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
    const shard = flags.number('shard.index')!;
    if (!Number.isInteger(shard) || shard < 0)
      throw new Error(`--shard.index must be an integer >= 0, got ${shard}`);
    const service = await startStorageShard({
      bus: bus!,
      shard,
      replica: flags.string('storage.replica') ?? hostname(),
      dataDir: flags.string('storage.tsdb.path')!,
      tsdb: tsdbSettings(flags),
      logger,
      registry,
    });
    return { stop: () => service.stop() };
  },
};

import { parseByteSize } from '@promethium/model';
import type { FlagSpec, ParsedFlags } from '@promethium/runtime';
import type { TsdbSettings } from '@promethium/storage-service';

/** Prometheus's `--storage.tsdb.*` flags, shared by `storage` and `all`. */
export const storageFlags: FlagSpec[] = [
  {
    name: 'storage.tsdb.path',
    type: 'string',
    default: 'data/',
    help: 'Base path for metrics storage.',
  },
  {
    name: 'storage.tsdb.retention.time',
    type: 'duration',
    default: '15d',
    help: 'How long to retain samples in storage. 0 keeps them until the size limit removes them.',
  },
  {
    name: 'storage.tsdb.retention.size',
    type: 'string',
    default: '0',
    help: 'Maximum number of bytes that can be stored for blocks, per shard. Units supported: B, KB, MB, GB, TB, PB, EB (base 2). 0 sets no limit.',
  },
  {
    name: 'storage.tsdb.out-of-order-time-window',
    type: 'duration',
    default: '0s',
    help: 'How far behind the newest sample out-of-order samples are still accepted. 0 refuses them.',
  },
  {
    name: 'storage.tsdb.checkpoint-interval',
    type: 'duration',
    default: '1m',
    help: 'How often closed chunks are written to disk and the WAL truncated (bounds replay time).',
  },
];

/** Reads the storage flags; throws naming the flag when a value is unusable. */
export function tsdbSettings(flags: ParsedFlags): TsdbSettings {
  let retentionSizeBytes: number;
  try {
    retentionSizeBytes = parseByteSize(flags.string('storage.tsdb.retention.size')!);
  } catch (err) {
    throw new Error(`--storage.tsdb.retention.size: ${(err as Error).message}`, { cause: err });
  }
  const checkpointIntervalMs = flags.duration('storage.tsdb.checkpoint-interval')!;
  if (checkpointIntervalMs <= 0)
    throw new Error('--storage.tsdb.checkpoint-interval must be greater than 0');
  return {
    retentionTimeMs: flags.duration('storage.tsdb.retention.time'),
    retentionSizeBytes,
    outOfOrderWindowMs: flags.duration('storage.tsdb.out-of-order-time-window'),
    checkpointIntervalMs,
  };
}

import type { FlagSpec, ParsedFlags } from '@promethium/runtime';
import {
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_WRITE_BUFFER_SAMPLES,
  DEFAULT_WRITE_MAX_RETRY_DURATION_MS,
} from '@promethium/scraper-service';
import type { ScraperServiceOptions } from '@promethium/scraper-service';

/** The flags bounding the scraper's writes to the storage shards. */
export const writeFlags: FlagSpec[] = [
  {
    name: 'storage.write.buffer-samples',
    type: 'number',
    default: DEFAULT_WRITE_BUFFER_SAMPLES,
    help: 'Most scraped samples held while waiting to be stored; what does not fit is dropped and counted (promethium_storage_write_samples_dropped_total).',
  },
  {
    name: 'storage.write.max-retry-duration',
    type: 'duration',
    default: DEFAULT_WRITE_MAX_RETRY_DURATION_MS,
    help: 'How long a scraped sample may wait to be stored, retries included, before it is dropped and counted.',
  },
];

/** Reads the write flags; throws naming the flag when a value is unusable. */
export function writeSettings(flags: ParsedFlags): NonNullable<ScraperServiceOptions['write']> {
  const bufferSamples = flags.number('storage.write.buffer-samples')!;
  if (!Number.isSafeInteger(bufferSamples) || bufferSamples < 1)
    throw new Error(
      `--storage.write.buffer-samples must be a positive integer, got ${bufferSamples}`,
    );
  const maxRetryDurationMs = flags.duration('storage.write.max-retry-duration')!;
  if (!(maxRetryDurationMs > 0))
    throw new Error('--storage.write.max-retry-duration must be greater than 0');
  return { bufferSamples, maxRetryDurationMs };
}

/** `--scraper.heartbeat-interval`: how replicas learn who is alive (cluster mode only). */
export const heartbeatFlag: FlagSpec = {
  name: 'scraper.heartbeat-interval',
  type: 'duration',
  default: DEFAULT_HEARTBEAT_INTERVAL_MS,
  help: 'How often this scraper replica tells the others it is alive; one not heard for three intervals is counted dead and its targets are taken over.',
};

/** Reads `--scraper.heartbeat-interval`; throws naming the flag when it is not positive. */
export function heartbeatInterval(flags: ParsedFlags): number {
  const ms = flags.duration('scraper.heartbeat-interval')!;
  if (!(ms > 0)) throw new Error('--scraper.heartbeat-interval must be greater than 0');
  return ms;
}

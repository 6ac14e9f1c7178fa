import { join } from 'node:path';
import type { Router } from 'express';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { PrometheusConfig } from '@promethium/config';
import { createInProcessBus } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { startDiscovery } from '@promethium/discovery-service';
import { startScraper } from '@promethium/scraper-service';
import { startStorageShard } from '@promethium/storage-service';
import type { TsdbSettings } from '@promethium/storage-service';
import type { ScraperServiceOptions } from '@promethium/scraper-service';
import { createQueryService } from '@promethium/query-service';
import type { StatusInfo } from '@promethium/query-service';

/** What one-process mode needs. */
export interface AllInOneOptions {
  config: PrometheusConfig;
  /** Each shard keeps its data in `<dataDir>/shard-<n>`. */
  dataDir: string;
  shards: number;
  /** How every shard's store keeps data (`--storage.tsdb.*`). */
  tsdb?: TsdbSettings;
  /** How the scraper's writes are buffered and retried (`--storage.write.*`). */
  write?: ScraperServiceOptions['write'];
  logger: Logger;
  registry: Registry;
  lookbackDeltaMs?: number;
  queryTimeoutMs?: number;
  maxSamples?: number;
  /** Most queries evaluating at once (default 20); the others wait for a slot. */
  maxConcurrency?: number;
  /** Answer from the shards that respond, with a warning per shard that does not (default false). */
  partialResponse?: boolean;
  /** `--enable-feature` values for the query engine. */
  features?: readonly string[];
  /** What /api/v1/status/* reports (flags, config text, reload state); a bare default when absent. */
  status?: StatusInfo;
}

/** Every service in this process, wired over one in-process bus. */
export interface AllInOne {
  readonly bus: Bus;
  routes(router: Router): void;
  reload(config: PrometheusConfig): Promise<void>;
  /** Stops the services in the reverse order of their start. */
  stop(): Promise<void>;
}

/**
 * Starts storage shards, query, scraper and discovery in one process. They are the same
 * services the cluster runs, talking over an in-process bus instead of NATS.
 */
export async function startAllInOne(opts: AllInOneOptions): Promise<AllInOne> {
  const { logger, registry, config, shards } = opts;
  const bus = createInProcessBus();
  const stops: (() => Promise<void>)[] = [() => bus.close()];
  try {
    for (let shard = 0; shard < shards; shard++) {
      const s = await startStorageShard({
        bus,
        shard,
        replica: 'local',
        dataDir: join(opts.dataDir, `shard-${shard}`),
        tsdb: opts.tsdb,
        logger: logger.child({ service: 'storage', shard }),
        registry,
      });
      stops.push(() => s.stop());
    }
    const query = createQueryService({
      bus,
      shards,
      logger: logger.child({ service: 'query' }),
      registry,
      lookbackDeltaMs: opts.lookbackDeltaMs,
      timeoutMs: opts.queryTimeoutMs,
      maxSamples: opts.maxSamples,
      maxConcurrency: opts.maxConcurrency,
      partialResponse: opts.partialResponse,
      features: opts.features,
      status: opts.status,
    });
    // Discovery first, so the scraper's start-up sync finds it.
    const discovery = await startDiscovery({
      bus,
      config,
      registry,
      logger: logger.child({ service: 'discovery' }),
    });
    stops.push(() => discovery.stop());
    const scraper = await startScraper({
      bus,
      shards,
      config,
      registry,
      write: opts.write,
      logger: logger.child({ service: 'scraper' }),
    });
    stops.push(() => scraper.stop());
    return {
      bus,
      routes: (router) => query.routes(router),
      async reload(next) {
        await scraper.reload(next);
        discovery.reload(next);
      },
      stop: () => stopInReverse(stops),
    };
  } catch (err) {
    await stopInReverse(stops);
    throw err;
  }
}

async function stopInReverse(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}

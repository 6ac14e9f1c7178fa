import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { PrometheusConfig, ScrapeConfig } from '@promethium/config';
import { codecs, subjects } from '@promethium/bus';
import type { Bus, Subscription, TargetSet } from '@promethium/bus';
import type { TargetGroup } from '@promethium/model';
import type { Appendable } from '@promethium/storage';
import { ShardedAppendable } from '@promethium/storage-client';
import type { ShardedWriteOptions } from '@promethium/storage-client';
import { ScrapeLoop } from './scrape-loop.js';
import { targetsFromGroups } from './target.js';
import { scraperMetrics } from './metrics.js';

/** What the scraper needs; wired by the CLI (cluster) or all-in-one (one process). */
export interface ScraperServiceOptions {
  bus: Bus;
  /** Number of storage shards samples are spread over. */
  shards: number;
  logger: Logger;
  registry: Registry;
  config: PrometheusConfig;
  /** Bounds of the writes to storage; the defaults of ShardedAppendable where left out. */
  write?: Pick<ShardedWriteOptions, 'bufferSamples' | 'maxRetryDurationMs'>;
}

/** A running scraper. */
export interface ScraperService {
  /** Applies new scrape configs; loops of changed or removed targets restart or stop. */
  reload(config: PrometheusConfig): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Scrapes the targets discovery publishes for each configured job and writes the samples
 * to the storage shards their label sets hash to.
 */
export async function startScraper(opts: ScraperServiceOptions): Promise<ScraperService> {
  const writer = new ShardedAppendable(opts.bus, opts.shards, {
    ...opts.write,
    registry: opts.registry,
    logger: opts.logger,
  });
  const pool = new ScrapePool(writer, opts.logger, opts.registry, opts.config);
  const subscription: Subscription = opts.bus.subscribe(subjects.allTargets, (msg) =>
    pool.update(codecs.targetSet.decode(msg.data)),
  );
  await syncTargets(opts.bus, pool, opts.logger);
  // Target updates published while this scraper was cut off from NATS are lost: ask again.
  let stopped = false;
  opts.bus.onStatus((status) => {
    if (status === 'connected' && !stopped) void syncTargets(opts.bus, pool, opts.logger);
  });
  opts.logger.info(
    { jobs: opts.config.scrapeConfigs.length, shards: opts.shards },
    'scraper started',
  );
  return {
    reload: (config) => pool.configure(config),
    async stop() {
      stopped = true;
      await subscription.unsubscribe();
      await pool.stopAll();
      // The loops' last samples (staleness markers) are stored or dropped before the bus closes.
      await writer.close();
    },
  };
}

// Discovery may have published before this scraper subscribed: ask it for every job's set.
async function syncTargets(bus: Bus, pool: ScrapePool, logger: Logger): Promise<void> {
  try {
    for await (const chunk of bus.request(subjects.targetsSync, new Uint8Array(), {
      timeoutMs: 5000,
    })) {
      for (const set of codecs.targetSets.decode(chunk)) await pool.update(set);
    }
  } catch (err) {
    logger.warn(
      { err: (err as Error).message },
      'no target sync from discovery yet; waiting for its updates',
    );
  }
}

class ScrapePool {
  private readonly loops = new Map<string, Map<string, ScrapeLoop>>();
  private readonly groups = new Map<string, TargetGroup[]>();
  private readonly metrics;
  private configs = new Map<string, ScrapeConfig>();
  // Target updates and reloads arrive concurrently; applying them one at a time keeps
  // exactly one loop per target.
  private serial: Promise<void> = Promise.resolve();

  constructor(
    private readonly appendable: Appendable,
    private readonly logger: Logger,
    registry: Registry,
    config: PrometheusConfig,
  ) {
    this.metrics = scraperMetrics(registry);
    this.configs = this.readScrapeConfigs(config);
  }

  // metric_relabel_configs is decoded but not applied yet: say so rather than ignore it.
  private readScrapeConfigs(config: PrometheusConfig): Map<string, ScrapeConfig> {
    for (const c of config.scrapeConfigs)
      if (c.metricRelabelConfigs.length > 0)
        this.logger.warn(
          { job: c.jobName },
          'metric_relabel_configs is not applied by this scraper yet',
        );
    return new Map(config.scrapeConfigs.map((c) => [c.jobName, c]));
  }

  async update(set: TargetSet): Promise<void> {
    this.groups.set(set.job, set.groups);
    await this.sync(set.job);
  }

  async configure(config: PrometheusConfig): Promise<void> {
    const old = this.configs;
    this.configs = this.readScrapeConfigs(config);
    for (const job of new Set([...old.keys(), ...this.configs.keys()])) {
      if (JSON.stringify(old.get(job)) !== JSON.stringify(this.configs.get(job)))
        await this.sync(job, true);
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.loops.values()].flatMap((byKey) => [...byKey.values()].map((l) => l.stop())),
    );
    this.loops.clear();
  }

  private sync(job: string, restartAll = false): Promise<void> {
    // A failed update is logged and must not block the ones queued after it.
    this.serial = this.serial
      .then(() => this.apply(job, restartAll))
      .catch((err: unknown) => this.logger.error({ err, job }, 'cannot apply scrape targets'));
    return this.serial;
  }

  private async apply(job: string, restartAll: boolean): Promise<void> {
    const config = this.configs.get(job);
    const wanted = config
      ? targetsFromGroups(config, this.groups.get(job) ?? [], (address, reason) => {
          this.logger.warn({ job, address, reason }, 'skipping invalid target');
        })
      : [];
    const running = this.loops.get(job) ?? new Map<string, ScrapeLoop>();
    const keep = new Set(wanted.map((t) => t.key));
    const stopping = [...running].filter(([key]) => restartAll || !keep.has(key));
    for (const [key] of stopping) running.delete(key);
    await Promise.all(stopping.map(([, loop]) => loop.stop()));
    for (const target of wanted) {
      if (running.has(target.key)) continue;
      const loop = new ScrapeLoop(target, this.appendable, this.metrics.observer(this.logger));
      running.set(target.key, loop);
      loop.start();
    }
    this.loops.set(job, running);
    this.metrics.poolTargets.set({ scrape_job: job }, running.size);
  }
}

import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { PrometheusConfig, ScrapeConfig } from '@promethium/config';
import { codecs, subjects } from '@promethium/bus';
import type { Bus, Subscription, TargetSet } from '@promethium/bus';
import type { Labels, TargetGroup } from '@promethium/model';
import type { Appendable } from '@promethium/storage';
import { ShardedAppendable } from '@promethium/storage-client';
import type { ShardedWriteOptions } from '@promethium/storage-client';
import { DEFAULT_HEARTBEAT_INTERVAL_MS, Membership } from './membership.js';
import { rendezvousOwner } from './rendezvous.js';
import { ScrapeLoop } from './scrape-loop.js';
import { JobScraper } from './scrape.js';
import { targetsFromGroups } from './target.js';
import { serveTargetReports } from './targets-report.js';
import type { JobState } from './targets-report.js';
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
  /** How often this replica tells the others it is alive; 1 s when left out. */
  heartbeatIntervalMs?: number;
}

/** A running scraper. */
export interface ScraperService {
  /** Applies new scrape configs; loops of changed or removed targets restart or stop. */
  reload(config: PrometheusConfig): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Scrapes the targets discovery publishes for each configured job and writes the samples
 * to the storage shards their label sets hash to. Replicas share the targets: each
 * scrapes those that rendezvous hashing gives it among the live replicas (Membership).
 */
export async function startScraper(opts: ScraperServiceOptions): Promise<ScraperService> {
  const writer = new ShardedAppendable(opts.bus, opts.shards, {
    ...opts.write,
    registry: opts.registry,
    logger: opts.logger,
  });
  const membership = new Membership({
    bus: opts.bus,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    logger: opts.logger,
    registry: opts.registry,
  });
  const pool = new ScrapePool(writer, opts.logger, opts.registry, opts.config, membership);
  // Before any target is applied, so that the first share is taken among every live replica.
  await membership.join();
  membership.onChange(() => void pool.reassign());
  const reports = serveTargetReports(opts.bus, membership.id, () => pool.jobStates(), opts.logger);
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
      await reports.unsubscribe();
      // Replicas still alive take the targets over and continue their series: no markers.
      const handingOver = membership.members().length > 1;
      await membership.leave();
      await pool.stopAll({ markStale: !handingOver });
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
  // Per job, the discovered label sets relabel_configs dropped, for /api/v1/targets.
  private readonly dropped = new Map<string, Labels[]>();
  private readonly scrapers = new Map<string, JobScraper>();
  private readonly metrics;
  private configs = new Map<string, ScrapeConfig>();
  // Target updates and reloads arrive concurrently; applying them one at a time keeps
  // exactly one loop per target.
  private serial: Promise<void> = Promise.resolve();
  private readonly ownedTargets: Gauge;

  constructor(
    private readonly appendable: Appendable,
    private readonly logger: Logger,
    registry: Registry,
    config: PrometheusConfig,
    private readonly membership: Membership,
  ) {
    this.metrics = scraperMetrics(registry);
    this.ownedTargets = new Gauge({
      name: 'promethium_scraper_owned_targets',
      help: 'Targets this replica scrapes: its rendezvous share of every job, among the live replicas.',
      registers: [registry],
    });
    this.configs = this.readScrapeConfigs(config);
  }

  private readScrapeConfigs(config: PrometheusConfig): Map<string, ScrapeConfig> {
    return new Map(config.scrapeConfigs.map((c) => [c.jobName, c]));
  }

  /** Every configured job's loops and dropped targets (at most keep_dropped_targets of them). */
  *jobStates(): Iterable<JobState> {
    for (const [job, config] of this.configs) {
      const dropped = this.dropped.get(job) ?? [];
      const keep = config.keepDroppedTargets;
      yield {
        job,
        loops: this.loops.get(job)?.values() ?? [],
        dropped: keep > 0 ? dropped.slice(0, keep) : dropped,
        droppedCount: dropped.length,
      };
    }
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

  /** Takes this replica's share of every job anew, after the live replicas changed. */
  async reassign(): Promise<void> {
    for (const job of new Set([...this.groups.keys(), ...this.loops.keys()])) await this.sync(job);
  }

  async stopAll(opts: { markStale: boolean }): Promise<void> {
    // Let a queued update finish first, or it could start loops after this stops them.
    await this.serial;
    await Promise.all(
      [...this.loops.values()].flatMap((byKey) => [...byKey.values()].map((l) => l.stop(opts))),
    );
    this.loops.clear();
    await Promise.all([...this.scrapers.values()].map((s) => s.close()));
    this.scrapers.clear();
  }

  // One HTTP client per scrape config: a new one when the config changed, none without one.
  private scraperFor(
    job: string,
    config: ScrapeConfig | undefined,
    renew: boolean,
  ): JobScraper | undefined {
    const current = this.scrapers.get(job);
    if (current && !renew && config) return current;
    if (current) {
      this.scrapers.delete(job);
      void current.close();
    }
    if (!config) return undefined;
    const scraper = new JobScraper(config);
    this.scrapers.set(job, scraper);
    return scraper;
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
    const { active: wanted, dropped } = config
      ? targetsFromGroups(config, this.groups.get(job) ?? [], (address, reason) => {
          this.logger.warn({ job, address, reason }, 'skipping invalid target');
        })
      : { active: [], dropped: [] };
    this.dropped.set(job, dropped);
    const running = this.loops.get(job) ?? new Map<string, ScrapeLoop>();
    const members = this.membership.members();
    const owned = wanted.filter((t) => rendezvousOwner(t.key, members) === this.membership.id);
    const discovered = new Set(wanted.map((t) => t.key));
    const keep = new Set(owned.map((t) => t.key));
    const stopping = [...running].filter(([key]) => restartAll || !keep.has(key));
    for (const [key] of stopping) running.delete(key);
    // A target still discovered but now another replica's keeps its series going there.
    const handedOver = (key: string) => discovered.has(key) && !keep.has(key);
    await Promise.all(stopping.map(([key, loop]) => loop.stop({ markStale: !handedOver(key) })));
    const scraper = this.scraperFor(job, config, restartAll);
    for (const target of owned) {
      if (running.has(target.key) || !scraper) continue;
      const loop = new ScrapeLoop(
        target,
        scraper,
        this.appendable,
        this.metrics.observer(this.logger),
      );
      running.set(target.key, loop);
      loop.start();
    }
    const overLimit = config ? targetLimitError(config, wanted.length) : undefined;
    if (overLimit !== undefined)
      this.logger.error({ job, err: overLimit }, 'target_limit exceeded');
    for (const loop of running.values()) loop.setForcedError(overLimit);
    this.loops.set(job, running);
    this.metrics.poolTargets.set({ scrape_job: job }, running.size);
    let owning = 0;
    for (const byKey of this.loops.values()) owning += byKey.size;
    this.ownedTargets.set(owning);
  }
}

// Prometheus fails every target of a job whose targets outnumber target_limit.
function targetLimitError(config: ScrapeConfig, targets: number): string | undefined {
  const limit = config.targetLimit;
  if (limit <= 0 || targets <= limit) return undefined;
  return `target_limit exceeded (number of targets: ${targets}, limit: ${limit})`;
}

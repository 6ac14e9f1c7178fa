import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { PrometheusConfig } from '@promethium/config';
import type { TargetGroup } from '@promethium/model';
import { codecs, subjects } from '@promethium/bus';
import type { Bus, Subscription } from '@promethium/bus';
import type { Discoverer } from './discoverer.js';
import { DiscoveryManager } from './manager.js';
import { FileDiscoverer } from './providers/file.js';
import { StaticDiscoverer } from './providers/static.js';

/** What the discovery service needs; wired by the CLI (cluster) or all-in-one (one process). */
export interface DiscoveryServiceOptions {
  bus: Bus;
  logger: Logger;
  registry: Registry;
  config: PrometheusConfig;
  /** How long changes are coalesced before a job's set is published. */
  debounceMs?: number;
}

/** A running discovery service. */
export interface DiscoveryService {
  /** Applies a new configuration: providers restart, removed jobs are announced empty. */
  reload(config: PrometheusConfig): void;
  stop(): Promise<void>;
}

/**
 * Runs the providers of every scrape config and publishes each job's full target-group
 * set on the bus whenever it changes; answers sync requests from scrapers that start later.
 */
export async function startDiscovery(opts: DiscoveryServiceOptions): Promise<DiscoveryService> {
  const { bus, logger } = opts;
  const metrics = discoveryMetrics(opts.registry);
  const publish = (job: string, groups: TargetGroup[]) => {
    metrics.targets.set(
      { config: job },
      groups.reduce((n, g) => n + g.targets.length, 0),
    );
    bus
      .publish(subjects.targets(job), codecs.targetSet.encode({ job, groups }))
      .catch((err: unknown) => {
        logger.error({ err, job }, 'cannot publish target groups');
      });
  };
  const manager = new DiscoveryManager(publish, opts.debounceMs ?? 500, (job, err) =>
    logger.error({ err, job }, 'discovery provider failed'),
  );
  const providersFor = (config: PrometheusConfig) =>
    new Map<string, Discoverer[]>(
      config.scrapeConfigs.map((sc) => [
        sc.jobName,
        [
          new StaticDiscoverer(sc.staticConfigs),
          ...sc.fileSdConfigs.map(
            (fsd) =>
              new FileDiscoverer({
                files: fsd.files,
                refreshIntervalMs: fsd.refreshInterval,
                onError: (err) => {
                  metrics.fileErrors.inc();
                  logger.error({ err: err.message, job: sc.jobName }, 'error reading file_sd file');
                },
              }),
          ),
        ],
      ]),
    );
  const sync: Subscription = bus.serve(subjects.targetsSync, async (_req, reply) => {
    for (const [job, groups] of manager.snapshot())
      await reply.write(codecs.targetSets.encode([{ job, groups }]));
    await reply.end();
  });
  manager.apply(providersFor(opts.config));
  // A publish made while NATS was unreachable is lost: send every set again on (re)connect.
  let stopped = false;
  bus.onStatus((status) => {
    if (status !== 'connected' || stopped) return;
    for (const [job, groups] of manager.snapshot()) publish(job, groups);
  });
  logger.info({ jobs: opts.config.scrapeConfigs.length }, 'discovery started');
  return {
    reload(config) {
      manager.apply(providersFor(config));
    },
    async stop() {
      stopped = true;
      manager.stop();
      await sync.unsubscribe();
    },
  };
}

function discoveryMetrics(registry: Registry) {
  return {
    targets: new Gauge({
      name: 'prometheus_sd_discovered_targets',
      help: 'Current number of discovered targets.',
      labelNames: ['config'],
      registers: [registry],
    }),
    fileErrors: new Counter({
      name: 'prometheus_sd_file_read_errors_total',
      help: 'The number of File-SD read errors.',
      registers: [registry],
    }),
  };
}

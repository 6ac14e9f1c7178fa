import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { ScrapeLoopObserver } from './scrape-loop.js';

/** The scraper's own metrics, named after Prometheus's where one exists. */
export function scraperMetrics(registry: Registry) {
  const poolTargets = new Gauge({
    name: 'prometheus_target_scrape_pool_targets',
    help: 'Current number of targets in this scrape pool.',
    labelNames: ['scrape_job'],
    registers: [registry],
  });
  const scrapes = new Counter({
    name: 'promethium_scrapes_total',
    help: 'Scrapes attempted, by job and result (success, http, timeout, parse).',
    labelNames: ['job', 'result'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'promethium_scrape_duration_seconds',
    help: 'Time taken by scrapes, success or not.',
    labelNames: ['job'],
    registers: [registry],
  });
  const appendFailures = new Counter({
    name: 'promethium_scrape_append_failures_total',
    help: 'Scrapes whose samples could not be handed to storage.',
    labelNames: ['job'],
    registers: [registry],
  });
  return {
    poolTargets,
    observer(logger: Logger): ScrapeLoopObserver {
      return {
        scraped(target, outcome, durationMs) {
          const job = target.config.jobName;
          scrapes.inc({ job, result: outcome.ok ? 'success' : outcome.reason });
          duration.observe({ job }, durationMs / 1000);
          if (!outcome.ok) {
            logger.warn(
              { job, target: target.url, reason: outcome.reason, err: outcome.error },
              'scrape failed',
            );
          }
        },
        appendFailed(target, err) {
          appendFailures.inc({ job: target.config.jobName });
          logger.error(
            { job: target.config.jobName, target: target.url, err },
            'cannot write scraped samples',
          );
        },
      };
    },
  };
}

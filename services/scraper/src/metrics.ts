import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { ScrapeLoopObserver } from './scrape-loop.js';
import type { AppendedScrape } from './series-cache.js';

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
    help: 'Scrapes attempted, by job and result (success, http, timeout, parse, rejected: a limit or an invalid series).',
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
  const sampleErrors = appendErrorCounters(registry);
  return {
    poolTargets,
    observer(logger: Logger): ScrapeLoopObserver {
      return {
        scraped(target, outcome, durationMs, appended) {
          const job = target.config.jobName;
          const error = outcome.ok ? appended?.error : outcome.error;
          const result = outcome.ok
            ? error === undefined
              ? 'success'
              : 'rejected'
            : outcome.reason;
          scrapes.inc({ job, result });
          duration.observe({ job }, durationMs / 1000);
          if (appended) sampleErrors.count(appended);
          if (error !== undefined)
            logger.warn({ job, target: target.url, reason: result, err: error }, 'scrape failed');
          if (appended && appended.duplicates > 0)
            logger.warn(
              { job, target: target.url, num_dropped: appended.duplicates },
              'Error on ingesting samples with different value but same timestamp',
            );
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

// Prometheus's counters of samples a scrape could not store, and of scrapes a limit failed.
function appendErrorCounters(registry: Registry) {
  const counter = (name: string, help: string) =>
    new Counter({ name, help, registers: [registry] });
  const duplicates = counter(
    'prometheus_target_scrapes_sample_duplicate_timestamp_total',
    'Total number of samples rejected due to duplicate timestamps but different values.',
  );
  const outOfBounds = counter(
    'prometheus_target_scrapes_sample_out_of_bounds_total',
    'Total number of samples rejected due to timestamp falling outside of the time bounds.',
  );
  const sampleLimit = counter(
    'prometheus_target_scrapes_exceeded_sample_limit_total',
    'Total number of scrapes that hit the sample limit and were rejected.',
  );
  const labelLimits = counter(
    'prometheus_target_scrape_pool_exceeded_label_limits_total',
    'Total number of times scrape pools hit the label limits, during sync or config reload.',
  );
  return {
    count(appended: AppendedScrape): void {
      duplicates.inc(appended.duplicates);
      outOfBounds.inc(appended.outOfBounds);
      if (appended.exceededSampleLimit) sampleLimit.inc();
      if (appended.exceededLabelLimits) labelLimits.inc();
    },
  };
}

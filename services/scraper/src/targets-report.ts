import { codecs, splitForJson, subjects } from '@promethium/bus';
import type {
  ActiveTargetReport,
  Bus,
  DroppedTargetReport,
  MetricMetadataReport,
  Subscription,
} from '@promethium/bus';
import type { MetricMetadata } from '@promethium/exposition';
import { formatDuration } from '@promethium/model';
import type { Labels } from '@promethium/model';
import type { Logger } from 'pino';
import type { ScrapeLoop } from './scrape-loop.js';

/** One job's targets as a replica holds them. */
export interface JobState {
  readonly job: string;
  readonly loops: Iterable<ScrapeLoop>;
  /** The dropped targets to show, and how many were dropped in all. */
  readonly dropped: readonly Labels[];
  readonly droppedCount: number;
}

// Room for the chunk's other fields around one list.
const CHUNK_OVERHEAD = 256;

/**
 * Answers the query service's `/api/v1/targets` and metadata requests for this replica
 * (`subjects.scrapeTargets(member)`): its active targets with their last scrape, and the
 * targets relabeling dropped, streamed in chunks under the bus's message size.
 */
export function serveTargetReports(
  bus: Bus,
  member: string,
  jobs: () => Iterable<JobState>,
  logger: Logger,
): Subscription {
  return bus.serve(subjects.scrapeTargets(member), async (msg, reply) => {
    let wantMetadata: boolean;
    try {
      wantMetadata = codecs.scrapeTargetsRequest.decode(msg.data).metadata;
    } catch (err) {
      return reply.error('bad_data', (err as Error).message);
    }
    const active: ActiveTargetReport[] = [];
    const dropped: DroppedTargetReport[] = [];
    const droppedCounts: Record<string, number> = {};
    for (const job of jobs()) {
      for (const loop of job.loops) active.push(activeReport(job.job, loop, wantMetadata));
      for (const l of job.dropped)
        dropped.push({ scrapePool: job.job, discoveredLabels: l.toRecord() });
      droppedCounts[job.job] = job.droppedCount;
    }
    const budget = bus.maxMessageBytes;
    try {
      await reply.write(
        codecs.scrapeTargetsChunk.encode({ active: [], dropped: [], droppedCounts }),
      );
      for (const part of splitForJson(active, budget, CHUNK_OVERHEAD))
        await reply.write(
          codecs.scrapeTargetsChunk.encode({ active: part, dropped: [], droppedCounts: {} }),
        );
      for (const part of splitForJson(dropped, budget, CHUNK_OVERHEAD))
        await reply.write(
          codecs.scrapeTargetsChunk.encode({ active: [], dropped: part, droppedCounts: {} }),
        );
      await reply.end();
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'cannot answer a targets request');
      await reply.error('internal', (err as Error).message);
    }
  });
}

function activeReport(job: string, loop: ScrapeLoop, wantMetadata: boolean): ActiveTargetReport {
  const { target, health } = loop;
  const report: ActiveTargetReport = {
    scrapePool: job,
    scrapeUrl: target.url,
    labels: target.labels.toRecord(),
    discoveredLabels: target.discoveredLabels.toRecord(),
    health: health.health,
    lastError: health.lastError,
    lastScrapeMs: health.lastScrape,
    lastScrapeDurationMs: health.lastScrapeDurationMs,
    scrapeInterval: formatDuration(target.intervalMs),
    scrapeTimeout: formatDuration(target.timeoutMs),
  };
  if (wantMetadata) report.metadata = metadataReport(loop.metadata);
  return report;
}

function metadataReport(metadata: ReadonlyMap<string, MetricMetadata>): MetricMetadataReport[] {
  const out: MetricMetadataReport[] = [];
  for (const [metric, meta] of metadata) {
    out.push({
      metric,
      // The text format's `untyped` is Prometheus's `unknown`.
      type: meta.type === 'untyped' ? 'unknown' : meta.type,
      help: meta.help ?? '',
      unit: meta.unit ?? '',
    });
  }
  return out;
}

import type { Codec } from './codec.js';
import {
  asArray,
  asFiniteNumber,
  asObject,
  asString,
  asStringRecord,
  decodeJson,
  encodeJson,
} from './json-shape.js';
import { CodecError } from '../errors.js';

/** What the query service asks a scraper replica about its targets. */
export interface ScrapeTargetsRequest {
  /** Whether each active target's metric metadata (from its last scrape) is wanted. */
  metadata: boolean;
}

/** What the metadata of one metric family says, as the target exposed it. */
export interface MetricMetadataReport {
  metric: string;
  /** Prometheus's names: counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown. */
  type: string;
  help: string;
  unit: string;
}

/** One target a replica scrapes, with the outcome of its last scrape. */
export interface ActiveTargetReport {
  scrapePool: string;
  scrapeUrl: string;
  labels: Record<string, string>;
  discoveredLabels: Record<string, string>;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  /** Milliseconds since the epoch; 0 before the first scrape. */
  lastScrapeMs: number;
  lastScrapeDurationMs: number;
  scrapeInterval: string;
  scrapeTimeout: string;
  /** Present when the request asked for metadata. */
  metadata?: MetricMetadataReport[];
}

/** A discovered target that relabel_configs dropped. */
export interface DroppedTargetReport {
  scrapePool: string;
  discoveredLabels: Record<string, string>;
}

/** One chunk of a replica's answer; the chunks of one answer add up. */
export interface ScrapeTargetsChunk {
  active: ActiveTargetReport[];
  dropped: DroppedTargetReport[];
  /** Per scrape pool, how many targets relabeling dropped. */
  droppedCounts: Record<string, number>;
}

const HEALTH: readonly string[] = ['up', 'down', 'unknown'];

function readMetadata(v: unknown, path: string): MetricMetadataReport {
  const o = asObject(v, path);
  return {
    metric: asString(o.metric, `${path}.metric`),
    type: asString(o.type, `${path}.type`),
    help: asString(o.help, `${path}.help`),
    unit: asString(o.unit, `${path}.unit`),
  };
}

function readActive(v: unknown, path: string): ActiveTargetReport {
  const o = asObject(v, path);
  const health = asString(o.health, `${path}.health`);
  if (!HEALTH.includes(health))
    throw new CodecError(
      `${path}.health: expected up, down or unknown, got ${JSON.stringify(health)}`,
    );
  const target: ActiveTargetReport = {
    scrapePool: asString(o.scrapePool, `${path}.scrapePool`),
    scrapeUrl: asString(o.scrapeUrl, `${path}.scrapeUrl`),
    labels: asStringRecord(o.labels, `${path}.labels`),
    discoveredLabels: asStringRecord(o.discoveredLabels, `${path}.discoveredLabels`),
    health: health as ActiveTargetReport['health'],
    lastError: asString(o.lastError, `${path}.lastError`),
    lastScrapeMs: asFiniteNumber(o.lastScrapeMs, `${path}.lastScrapeMs`),
    lastScrapeDurationMs: asFiniteNumber(o.lastScrapeDurationMs, `${path}.lastScrapeDurationMs`),
    scrapeInterval: asString(o.scrapeInterval, `${path}.scrapeInterval`),
    scrapeTimeout: asString(o.scrapeTimeout, `${path}.scrapeTimeout`),
  };
  if (o.metadata !== undefined)
    target.metadata = asArray(o.metadata, `${path}.metadata`).map((m, i) =>
      readMetadata(m, `${path}.metadata[${i}]`),
    );
  return target;
}

function readDropped(v: unknown, path: string): DroppedTargetReport {
  const o = asObject(v, path);
  return {
    scrapePool: asString(o.scrapePool, `${path}.scrapePool`),
    discoveredLabels: asStringRecord(o.discoveredLabels, `${path}.discoveredLabels`),
  };
}

function readCounts(v: unknown, path: string): Record<string, number> {
  const o = asObject(v, path);
  const out: Record<string, number> = {};
  for (const [pool, n] of Object.entries(o)) out[pool] = asFiniteNumber(n, `${path}.${pool}`);
  return out;
}

function readChunk(v: unknown): ScrapeTargetsChunk {
  const o = asObject(v, 'scrapeTargetsChunk');
  return {
    active: asArray(o.active, 'scrapeTargetsChunk.active').map((t, i) =>
      readActive(t, `scrapeTargetsChunk.active[${i}]`),
    ),
    dropped: asArray(o.dropped, 'scrapeTargetsChunk.dropped').map((t, i) =>
      readDropped(t, `scrapeTargetsChunk.dropped[${i}]`),
    ),
    droppedCounts: readCounts(o.droppedCounts, 'scrapeTargetsChunk.droppedCounts'),
  };
}

function readRequest(v: unknown): ScrapeTargetsRequest {
  const o = asObject(v, 'scrapeTargetsRequest');
  if (typeof o.metadata !== 'boolean')
    throw new CodecError('scrapeTargetsRequest.metadata: expected a boolean');
  return { metadata: o.metadata };
}

/** JSON codec of a targets request. */
export const scrapeTargetsRequestCodec: Codec<ScrapeTargetsRequest> = {
  encode: (value) => encodeJson(readRequest(value), 'scrapeTargetsRequest'),
  decode: (data) => readRequest(decodeJson(data, 'scrapeTargetsRequest')),
};

/** JSON codec of one chunk of a replica's targets. */
export const scrapeTargetsChunkCodec: Codec<ScrapeTargetsChunk> = {
  encode: (value) => encodeJson(value, 'scrapeTargetsChunk'),
  decode: (data) => readChunk(decodeJson(data, 'scrapeTargetsChunk')),
};

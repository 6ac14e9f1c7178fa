import { InvalidSubjectError } from './errors.js';
import { subjectMatches } from './subject-syntax.js';

const SAFE_TOKEN_CHAR = /[A-Za-z0-9_-]/;
const utf8 = new TextEncoder();

/**
 * Encodes any non-empty string as one NATS subject token: letters, digits, '-' and '_'
 * stay, every other UTF-8 byte becomes `%HH`. Injective, so distinct jobs never share a
 * subject, and free of '.', '*', '>' and whitespace.
 */
export function encodeSubjectToken(text: string): string {
  if (text === '')
    throw new InvalidSubjectError('cannot encode an empty string as a subject token');
  let out = '';
  for (const ch of text) {
    if (SAFE_TOKEN_CHAR.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of utf8.encode(ch))
      out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function shardToken(shard: number): string {
  if (!Number.isSafeInteger(shard) || shard < 0)
    throw new InvalidSubjectError(`shard must be a non-negative integer, got ${shard}`);
  return String(shard);
}

const DURABLE = 'prm.write.v1.>';

/**
 * Every subject Promethium uses, versioned; no other module writes a subject string.
 * Each is paired with its codec in `codecs`.
 */
export const subjects = {
  /** Full target-group set of one job (codecs.targetSet); discovery → scrapers, newest wins. */
  targets: (job: string): string => `prm.targets.v1.${encodeSubjectToken(job)}`,
  /** Matches every targets(job) subject. */
  allTargets: 'prm.targets.v1.*',
  /** Request (empty body) answered with every job's current set (codecs.targetSets). */
  targetsSync: 'prm.targetsync.v1',
  /** Durable sample batches for one storage shard (codecs.sampleBatch). */
  write: (shard: number): string => `prm.write.v1.${shardToken(shard)}`,
  /** Select request to one shard (codecs.selectRequest), streamed reply of codecs.chunkedSeries. */
  select: (shard: number): string => `prm.select.v1.${shardToken(shard)}`,
  /**
   * Label query to one shard (codecs.labelsRequest), streamed reply of codecs.stringsChunk;
   * answered in the shard's queue group, like select.
   */
  labels: (shard: number): string => `prm.labels.v1.${shardToken(shard)}`,
  /** Index statistics request to one shard (empty body), streamed reply of codecs.indexStatsChunk. */
  tsdbStats: (shard: number): string => `prm.tsdbstats.v1.${shardToken(shard)}`,
  /**
   * Scraper replicas' membership messages (codecs.memberMessage): each live replica
   * announces itself here, and every replica answers a newcomer's hello at once.
   */
  scraperMembers: 'prm.members.v1.scraper',
  /**
   * Request to one scraper replica (by its member id) for its targets
   * (codecs.scrapeTargetsRequest), streamed reply of codecs.scrapeTargetsChunk.
   */
  scrapeTargets: (member: string): string => `prm.scrapetargets.v1.${encodeSubjectToken(member)}`,
  /** The subject space held in the durable log (the JetStream stream's subjects). */
  durable: DURABLE,
} as const;

/** Whether publishDurable accepts `subject` (it lies under subjects.durable). */
export function isDurableSubject(subject: string): boolean {
  return subjectMatches(DURABLE, subject);
}

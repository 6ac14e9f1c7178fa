import { setTimeout as sleep } from 'node:timers/promises';
import { NoResponderError, codecs, subjects } from '@promethium/bus';
import type { Bus, ScrapeTargetsChunk } from '@promethium/bus';
import type { Logger } from 'pino';
import type { ScrapeTargetsSource } from './api/targets.js';

// A replica not heard for this long is not asked; one that died sooner has no responder,
// which is told at once.
const FORGET_AFTER_MS = 30_000;
// Replicas announce themselves every second by default: a query service that has just
// started waits that long (and a little) to have heard them.
const WARM_UP_MS = 1_500;

/**
 * The targets of every scraper replica: replicas are learnt from their membership
 * heartbeats on the bus, and each is asked for its own targets.
 */
export class BusScrapeTargets implements ScrapeTargetsSource {
  private readonly lastHeard = new Map<string, number>();
  private readonly started = Date.now();

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {
    // The subscription lasts as long as the bus, like the service.
    bus.subscribe(subjects.scraperMembers, (msg) => {
      try {
        const { member, event } = codecs.memberMessage.decode(msg.data);
        if (event === 'goodbye') this.lastHeard.delete(member);
        else this.lastHeard.set(member, Date.now());
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'ignoring a malformed membership message');
      }
    });
  }

  async targets(opts: { metadata: boolean }): Promise<ScrapeTargetsChunk> {
    const waited = Date.now() - this.started;
    if (waited < WARM_UP_MS) await sleep(WARM_UP_MS - waited);
    const now = Date.now();
    const members = [...this.lastHeard].filter(([, t]) => now - t < FORGET_AFTER_MS);
    const answers = await Promise.all(members.map(([member]) => this.ask(member, opts.metadata)));
    const merged: ScrapeTargetsChunk = { active: [], dropped: [], droppedCounts: {} };
    for (const answer of answers) for (const chunk of answer) mergeInto(merged, chunk);
    merged.dropped = uniqueDropped(merged.dropped);
    return merged;
  }

  private async ask(member: string, metadata: boolean): Promise<ScrapeTargetsChunk[]> {
    const chunks: ScrapeTargetsChunk[] = [];
    try {
      const request = codecs.scrapeTargetsRequest.encode({ metadata });
      for await (const data of this.bus.request(subjects.scrapeTargets(member), request, {
        timeoutMs: this.timeoutMs,
      }))
        chunks.push(codecs.scrapeTargetsChunk.decode(data));
      return chunks;
    } catch (err) {
      if (err instanceof NoResponderError) {
        this.lastHeard.delete(member);
        return [];
      }
      // One replica that cannot answer leaves the others' targets to show.
      this.logger.warn(
        { member, err: (err as Error).message },
        'scraper did not report its targets',
      );
      return [];
    }
  }
}

// Every replica relabels every discovered target and so reports the same dropped ones:
// the counts are not added up, and the lists are deduplicated.
function mergeInto(into: ScrapeTargetsChunk, chunk: ScrapeTargetsChunk): void {
  into.active.push(...chunk.active);
  into.dropped.push(...chunk.dropped);
  for (const [pool, n] of Object.entries(chunk.droppedCounts))
    into.droppedCounts[pool] = Math.max(into.droppedCounts[pool] ?? 0, n);
}

function uniqueDropped(list: ScrapeTargetsChunk['dropped']): ScrapeTargetsChunk['dropped'] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const key = JSON.stringify([t.scrapePool, t.discoveredLabels]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

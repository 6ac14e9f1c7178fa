import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getJson, waitFor } from './harness.js';
import { startCountingTargets, startReplicaCluster } from './replicas.js';
import type { CountingTargets, Replica, ReplicaCluster } from './replicas.js';

// 24 rather than a dozen: with three replicas, the chance that rendezvous hashing leaves
// one of them without any target is 3·(2/3)^24 ≈ 0.02 %, not 2 % as with 12.
const TARGETS = 24;
const INTERVAL_MS = 1000;

type Matrix = { metric: Record<string, string>; values: [number, string][] }[];

/**
 * Three scraper processes share the targets over NATS; one joins while another already
 * scrapes them all, and one is SIGKILLed: its targets move to the survivors within a few
 * intervals, none is scraped twice for long, and no series is cut by a staleness marker.
 */
describe('scraper replicas over NATS', () => {
  let targets: CountingTargets;
  let cluster: ReplicaCluster;
  const dump = () =>
    cluster.scrapers.map((r) => `--- ${r.service.name}\n${r.service.tail(15)}`).join('\n');
  const owned = async () => Promise.all(cluster.scrapers.map((r) => cluster.ownedTargets(r)));
  const total = (counts: (number | undefined)[]) =>
    counts.reduce<number>((a, c) => a + (c ?? 0), 0);
  let firstScrape: number;

  beforeAll(async () => {
    targets = await startCountingTargets(TARGETS);
    cluster = await startReplicaCluster({ scrapers: 1, targets: targets.addresses });
  });

  afterAll(async () => {
    await cluster.stop();
    await targets.close();
  });

  it('spreads the targets over three replicas, the later two taking them from the first', async () => {
    try {
      const [first] = cluster.scrapers;
      await waitFor('the first replica to own every target', async () =>
        (await cluster.ownedTargets(first!)) === TARGETS ? true : undefined,
      );
      firstScrape = Date.now();
      await waitFor('every target to be scraped', async () =>
        targets.addresses.every((a) => targets.hits(a).length >= 2) ? true : undefined,
      );
      await cluster.addScraper();
      await cluster.addScraper();
      const counts = await waitFor('three replicas to share the targets', async () => {
        const now = await owned();
        return total(now) === TARGETS && now.every((c) => c! > 0) ? now : undefined;
      });
      expect(counts).toHaveLength(3);
    } catch (err) {
      console.error(dump());
      throw err;
    }
  });

  it('moves a SIGKILLed replica’s targets to the survivors within a few intervals', async () => {
    const counts = (await owned()) as number[];
    const victim: Replica = cluster.scrapers[counts.indexOf(Math.max(...counts))]!;
    const survivors = cluster.scrapers.filter((r) => r !== victim);
    // Let the three run in steady state first, so the window below covers it.
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_MS));
    const killedAt = Date.now();
    await victim.service.kill();
    try {
      await waitFor(
        'the survivors to own every target',
        async () => {
          const now = await Promise.all(survivors.map((r) => cluster.ownedTargets(r)));
          return total(now) === TARGETS ? true : undefined;
        },
        8 * INTERVAL_MS,
      );
      const takenOver = Date.now();
      // Dead after three silent heartbeats (3 s), then a scrape at the target's offset.
      expect(takenOver - killedAt).toBeLessThan(5 * INTERVAL_MS);
      await waitFor(
        'every target to be scraped by the survivors',
        async () =>
          targets.addresses.every((a) => targets.hits(a).some((t) => t > takenOver))
            ? true
            : undefined,
        3 * INTERVAL_MS,
      );
    } catch (err) {
      console.error(dump());
      throw err;
    }
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_MS));
    const unscrapedTooLong: string[] = [];
    const scrapedTwice: string[] = [];
    for (const address of targets.addresses) {
      const hits = targets.hits(address).filter((t) => t >= firstScrape);
      const longestGap = Math.max(...hits.slice(1).map((t, i) => t - hits[i]!));
      // Unscraped at most while the dead replica is being noticed (3 intervals), plus
      // the wait for the target's offset.
      if (longestGap >= 5.5 * INTERVAL_MS) unscrapedTooLong.push(`${address}: ${longestGap} ms`);
      // One owner scrapes a target 3 times in 3 intervals (4 with timer jitter at the
      // window's edges); two owners for more than a moment would scrape it 5 times or more.
      const most = Math.max(
        ...hits.map((t) => hits.filter((u) => u >= t && u < t + 3 * INTERVAL_MS).length),
      );
      if (most > 4) scrapedTwice.push(`${address}: ${most} scrapes in 3 intervals`);
    }
    expect(unscrapedTooLong).toEqual([]);
    expect(scrapedTwice).toEqual([]);
  });

  it('keeps one unbroken `up` series per target through both handovers', async () => {
    const end = Date.now() / 1000;
    // From a few intervals after the first replica started, so every series has begun.
    const start = firstScrape / 1000 + 3;
    const query = encodeURIComponent('up{job="replicas"}');
    const result = await waitFor('the range of up', async () => {
      const { status, body } = await getJson(
        `${cluster.api}/api/v1/query_range?query=${query}&start=${start}&end=${end}&step=0.5`,
      );
      const matrix = (body as { data?: { result: Matrix } }).data?.result;
      return status === 200 && matrix?.length === TARGETS ? matrix : undefined;
    });
    const steps = Math.floor((end - start) / 0.5) + 1;
    for (const series of result) {
      // A staleness marker at a handover would leave steps without a value until the
      // new owner's first scrape; without one the series carries straight on.
      expect({ instance: series.metric.instance, steps: series.values.length }).toEqual({
        instance: series.metric.instance,
        steps,
      });
      expect(series.values.every(([, v]) => v === '1')).toBe(true);
    }
  });
});

// Benchmark: how long targets go unscraped when one of three scraper replicas dies.
// Its own nats-server, one storage shard, discovery and three `promethium scraper`
// processes share 30 targets served by this process (1 s interval, default 1 s
// heartbeat); the replica owning the most targets is SIGKILLed, the survivors take its
// targets over, a fresh replica joins, and that is done ROUNDS times.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNatsServer } from '@promethium/bus/testing';
import { httpGetText, waitUntil } from './harness/http.mjs';
import { scrapeConfig, startClusterService } from './harness/promethium.mjs';
import { comment, figure, median, progress } from './harness/report.mjs';
import { makeTempDir, removeTempDir } from './harness/resources.mjs';

const TARGETS = 30;
const INTERVAL_MS = 1000;
const REPLICAS = 3;
const ROUNDS = 3;
// Steady state before each kill, and time after the takeover for every target's next scrape.
const SETTLE_MS = 3 * INTERVAL_MS;

/** TARGETS HTTP targets on 127.0.0.1; `hits.get(address)` lists when each was scraped. */
async function startTargets() {
  const servers = [];
  const hits = new Map();
  for (let i = 0; i < TARGETS; i++) {
    const seen = [];
    const server = createServer((req, res) => {
      seen.push(performance.now());
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('handover 1\n');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    hits.set(`127.0.0.1:${server.address().port}`, seen);
  }
  const close = () => Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return { hits, close };
}

function writeConfig(dir, addresses) {
  const path = join(dir, 'prometheus.yml');
  writeFileSync(path, scrapeConfig(addresses, `${INTERVAL_MS / 1000}s`, 'handover'));
  return path;
}

async function ownedTargets(replica) {
  const text = await httpGetText(`${replica.url}/metrics`, { timeoutMs: 2000 });
  const value = /^promethium_scraper_owned_targets (\S+)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error(`${replica.child.name}: no owned-targets gauge`);
  return Number(value);
}

/** Waits until `replicas` between them own every target, each at least one. */
async function waitShared(replicas) {
  const shared = async () => {
    const counts = await Promise.all(replicas.map(ownedTargets));
    return counts.reduce((a, c) => a + c, 0) === TARGETS && counts.every((c) => c > 0);
  };
  await waitUntil(`${replicas.length} replicas to share the targets`, shared, {
    timeoutMs: 30_000,
  });
}

/**
 * Per target, the time it went unscraped around `killedAt` beyond its interval: first
 * scrape after the kill − last before − the interval.
 */
function gapsAround(hits, killedAt) {
  return [...hits.values()].map((seen) => {
    const last = seen.findLast((t) => t <= killedAt);
    const next = seen.find((t) => t > killedAt);
    if (last === undefined || next === undefined) throw new Error('BUG: a target without scrapes');
    return next - last - INTERVAL_MS;
  });
}

/** Kills the replica owning the most targets; the gaps of its targets and the takeover time. */
async function killOne(replicas, hits) {
  const counts = await Promise.all(replicas.map(ownedTargets));
  const victim = replicas[counts.indexOf(Math.max(...counts))];
  const moved = Math.max(...counts);
  const survivors = replicas.filter((r) => r !== victim);
  const killedAt = performance.now();
  victim.child.process.kill('SIGKILL');
  await victim.child.waitExit();
  let ownedAll;
  while (ownedAll === undefined) {
    const now = await Promise.all(survivors.map(ownedTargets));
    if (now.reduce((a, c) => a + c, 0) === TARGETS) ownedAll = performance.now();
    else if (performance.now() - killedAt > 30_000)
      throw new Error(
        `the survivors own ${now.join('+')} of ${TARGETS} targets 30 s after the kill`,
      );
    else await sleep(50);
  }
  await sleep(SETTLE_MS);
  // The victim's targets are those with the longest gaps: as many as it owned.
  const gaps = gapsAround(hits, killedAt).sort((a, b) => b - a);
  return { survivors, moved: gaps.slice(0, moved), ownershipMs: ownedAll - killedAt };
}

/** Max and median unscraped time of a killed replica's targets, and how soon others own them. */
export const handoverBenchmark = {
  name: 'handover',
  uses: [],
  async run() {
    const targets = await startTargets();
    const nats = await startNatsServer();
    const dir = makeTempDir('handover');
    const children = [];
    const start = async (name, args) => {
      const service = await startClusterService(name, nats.url, args);
      children.push(service.child);
      return service;
    };
    try {
      const config = writeConfig(dir, [...targets.hits.keys()]);
      await start('promethium storage', ['storage', `--storage.tsdb.path=${join(dir, 'shard')}`]);
      await start('promethium discovery', ['discovery', `--config.file=${config}`]);
      const scraper = (i) =>
        start(`promethium scraper ${i}`, ['scraper', `--config.file=${config}`, '--shard.count=1']);
      let replicas = [];
      for (let i = 0; i < REPLICAS; i++) replicas.push(await scraper(i));
      const moved = [];
      const ownership = [];
      for (let round = 0; round < ROUNDS; round++) {
        await waitShared(replicas);
        await sleep(SETTLE_MS);
        progress(`round ${round + 1}/${ROUNDS}: killing the replica that owns the most targets`);
        const result = await killOne(replicas, targets.hits);
        moved.push(...result.moved);
        ownership.push(result.ownershipMs);
        replicas = [...result.survivors, await scraper(REPLICAS + round)];
      }
      comment(
        `handover: ${TARGETS} targets at ${INTERVAL_MS / 1000} s over ${REPLICAS} scraper replicas (heartbeat 1 s, dead after 3 missed); the one owning the most SIGKILLed, ${ROUNDS} times (${moved.length} targets moved); unscraped = first scrape after the kill − last before − interval`,
      );
      figure('handover_unscraped_max_seconds', Math.max(...moved) / 1000, 's');
      figure('handover_unscraped_median_seconds', median(moved) / 1000, 's');
      figure('handover_ownership_seconds', median(ownership) / 1000, 's');
    } finally {
      await Promise.all(children.reverse().map((c) => c.stop()));
      await nats.stop();
      await targets.close();
      removeTempDir(dir);
    }
  },
};

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoResponderError, codecs, connectNatsBus, subjects } from '@promethium/bus';
import type { Bus, Subscription } from '@promethium/bus';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Labels, Matcher, staleMarker } from '@promethium/model';
import type { LabeledSample, Series } from '@promethium/model';
import { ShardQueryable } from '@promethium/storage-client';
import { openTsdb } from '@promethium/tsdb';
import type { Tsdb } from '@promethium/tsdb';
import { answerSelect } from './select-answer.js';

// A real nats-server process on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(30_000);

const STEP = 15_000;
/** After every sample (a request's times are finite). */
const END = 1000 * STEP;
const MAX_MESSAGE_BYTES = 4096;
const SERIES = 20;
const labels = (i: number) => Labels.fromRecord({ __name__: 'm', job: 'j', i: String(i) });

/** Sample k of series i: integers for even i, floats for odd; stale at k = 100. */
function scrape(k: number): LabeledSample[] {
  return Array.from({ length: SERIES }, (_, i): LabeledSample => {
    if (k === 100) return { labels: labels(i), ...staleMarker(k * STEP) };
    return { labels: labels(i), t: k * STEP, v: i % 2 === 0 ? k * i : Math.sin(k + i) };
  });
}

async function collect(set: AsyncIterable<Series>): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of set) out.push(s);
  return out;
}

function selectRequest(matchers: Matcher[], mint: number, maxt: number): Uint8Array {
  return codecs.selectRequest.encode({
    matchers: matchers.map(({ type, name, value }) => ({ type, name, value })),
    mint,
    maxt,
  });
}

describe('answerSelect through nats-server', () => {
  let server: NatsServerHandle;
  let shardBus: Bus;
  let queryBus: Bus;
  let dir: string;
  let db: Tsdb;
  let serving: Subscription;

  beforeAll(async () => {
    server = await startNatsServer();
    shardBus = await connectNatsBus({ servers: server.url, log: () => undefined });
    queryBus = await connectNatsBus({ servers: server.url, log: () => undefined });
    dir = await mkdtemp(join(tmpdir(), 'select-answer-'));
    db = await openTsdb({ path: dir, outOfOrderWindowMs: 3600_000, log: () => undefined });
    // 600 samples a series: chunks on disk, cut, open, and out-of-order samples in the head.
    for (let k = 0; k < 400; k++) db.appendBatch(scrape(k));
    db.checkpoint();
    for (let k = 400; k < 600; k++) db.appendBatch(scrape(k));
    db.appendBatch(scrape(550).map((s) => ({ ...s, t: s.t + 1, v: -1 })));
    serving = shardBus.serve(subjects.select(0), (req, reply) =>
      answerSelect(db, req, reply, MAX_MESSAGE_BYTES),
    );
    // The subscription reaches the server asynchronously: wait until a request finds it.
    for (let tries = 0; ; tries++) {
      try {
        for await (const chunk of queryBus.request(subjects.select(0), selectRequest([], 0, 0)))
          void chunk;
        break;
      } catch (err) {
        if (!(err instanceof NoResponderError) || tries > 100) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });

  afterAll(async () => {
    await serving?.unsubscribe();
    await queryBus?.close();
    await shardBus?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it.each([
    ['everything', new Matcher('=', 'job', 'j'), 0, END, SERIES],
    ['a range cutting chunks', new Matcher('=~', 'i', '1.*'), 99 * STEP, 551 * STEP, 11],
    ['nothing', new Matcher('=', 'job', 'none'), 0, END, 0],
  ])('gives the query side what the store selects: %s', async (_what, m, mint, maxt, count) => {
    const remote = await collect(new ShardQueryable(queryBus, 0).querier(mint, maxt).select([m]));
    expect(remote).toHaveLength(count);
    expect(remote).toEqual(await collect(db.querier(mint, maxt).select([m])));
  });

  it('streams bounded messages in which series continue under the same labels', async () => {
    const messages: Uint8Array[] = [];
    for await (const m of queryBus.request(
      subjects.select(0),
      selectRequest([new Matcher('=', 'job', 'j')], 0, END),
    ))
      messages.push(m);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const pieces = messages.map((m) =>
      codecs.chunkedSeries.decode(m).map((s) => s.labels.get('i')),
    );
    // Each series' chunks (~1.5 KB+) outgrow what a 4 KiB message has left.
    const continued = pieces.slice(1).filter((p, n) => p[0] === pieces[n]!.at(-1));
    expect(continued.length).toBeGreaterThan(SERIES / 4);
    expect(new Set(pieces.flat()).size).toBe(SERIES);
  });

  it('answers a request that does not decode with bad_data', async () => {
    const reply = async () => {
      for await (const m of queryBus.request(subjects.select(0), Uint8Array.of(1, 2, 3))) void m;
    };
    await expect(reply()).rejects.toMatchObject({ code: 'bad_data' });
  });
});

// Benchmark: a select answered by a storage shard over the bus, as the query side sees it.
// One target × 1,000 series × 1 h at 15 s from targets.mjs openmetrics is appended to a
// TSDB and checkpointed (one chunk on disk, the open chunk in the head per series), then
// served by the shard's answerSelect on the in-process bus and read with ShardQueryable:
//  - bytes on the wire per sample of the reply (chunkedSeries messages), beside the same
//    samples in sampleBatch's layout (8-byte values, as select replies were before);
//  - select latency for 1 series and for 1,000 series, decoding included, beside the
//    store's own select.
import { codecs, createInProcessBus, subjects } from '@promethium/bus';
import { Matcher } from '@promethium/model';
import { ShardQueryable } from '@promethium/storage-client';
import { openTsdb } from '@promethium/tsdb';
// The storage service's package exports only startStorageShard; this serves a store the
// benchmark filled itself, with the shard's own select handler.
import { answerSelect } from '@promethium/storage-service';
import { comment, figure, progress } from './harness/report.mjs';
import { makeTempDir, removeTempDir } from './harness/resources.mjs';
import { medianMs } from './harness/timing.mjs';
import { STEP_MS, appendScrapes, loadShared, scrapeBatches } from './tsdb.mjs';

const LOAD = { targets: 1, series: 1000, samples: 240 };
const RUNS = { warmup: 2, runs: 20 };

/** The selects: every label of one series, and the target's 1,000 series (`instance=`). */
function queries(batch) {
  const first = batch.samples[0].labels;
  return [
    { name: 'one_series', matchers: [...first].map(([n, v]) => new Matcher('=', n, v)), series: 1 },
    {
      name: '1000_series',
      matchers: [new Matcher('=', 'instance', first.get('instance'))],
      series: batch.samples.length,
    },
  ];
}

/** The reply's messages to a select request, as sent. */
async function replyMessages(bus, matchers, mint, maxt) {
  const request = codecs.selectRequest.encode({
    matchers: matchers.map(({ type, name, value }) => ({ type, name, value })),
    mint,
    maxt,
  });
  const messages = [];
  for await (const m of bus.request(subjects.select(0), request)) messages.push(m);
  return messages;
}

/** Every series ShardQueryable yields; throws unless they are what a scan expects. */
async function selectThroughBus(bus, { name, matchers, series }, mint, maxt) {
  const got = [];
  for await (const s of new ShardQueryable(bus, 0).querier(mint, maxt).select(matchers))
    got.push(s);
  const samples = got.reduce((n, s) => n + s.samples.length, 0);
  if (got.length !== series || samples !== series * LOAD.samples) {
    throw new Error(`${name}: ${got.length} series, ${samples} samples over the bus`);
  }
  return got;
}

/** Reply size (and the same samples in sampleBatch's layout), then the timed selects. */
async function measure(db, bus, q, mint, maxt) {
  const messages = await replyMessages(bus, q.matchers, mint, maxt);
  const wire = messages.reduce((n, m) => n + m.length, 0);
  const { samples, old } = sampleBatchSize(await selectThroughBus(bus, q, mint, maxt));
  const { ms } = await medianMs(() => selectThroughBus(bus, q, mint, maxt), RUNS);
  const local = await medianMs(async () => {
    for await (const s of db.querier(mint, maxt).select(q.matchers)) void s;
  }, RUNS);
  return { wire, messages: messages.length, samples, old, ms, localMs: local.ms };
}

/** The series' samples and their size in sampleBatch's layout (one label set per run). */
function sampleBatchSize(series) {
  const labeled = series.flatMap((s) =>
    s.samples.map((sample) => ({ labels: s.labels, ...sample })),
  );
  return { samples: labeled.length, old: codecs.sampleBatch.encode(labeled).length };
}

/** The select figures over the bus. */
export const selectBenchmark = {
  name: 'select',
  uses: [],
  async run() {
    progress(`select: generating ${LOAD.series} series × ${LOAD.samples} samples (targets.mjs)`);
    const data = await loadShared(LOAD);
    const batches = scrapeBatches(data);
    const dir = makeTempDir('select');
    const bus = createInProcessBus();
    const db = await openTsdb({ path: dir });
    try {
      appendScrapes(db, batches, data.start, 0, LOAD.samples);
      db.checkpoint();
      const serving = bus.serve(subjects.select(0), (req, reply) =>
        answerSelect(db, req, reply, bus.maxMessageBytes),
      );
      const maxt = data.start + (LOAD.samples - 1) * STEP_MS;
      const mint = data.start;
      comment(
        `select: ${LOAD.series} series × ${LOAD.samples} samples (1 h at 15 s) after a checkpoint, in-process bus (${bus.maxMessageBytes} B messages); median of ${RUNS.runs}`,
      );
      for (const q of queries(batches[0])) {
        const r = await measure(db, bus, q, mint, maxt);
        const perSample = r.wire / r.samples;
        comment(
          `select_${q.name}: ${r.messages} message(s), ${r.wire} bytes, ${perSample.toFixed(2)} bytes/sample; sampleBatch's layout: ${(r.old / r.samples).toFixed(2)} bytes/sample; the store's own select: ${r.localMs.toFixed(2)} ms`,
        );
        if (q.name === '1000_series') figure('select_wire_bytes_per_sample', perSample, 'bytes');
        figure(`select_bus_${q.name}_ms`, r.ms, 'ms');
      }
      await serving.unsubscribe();
    } finally {
      await db.close();
      await bus.close();
      removeTempDir(dir);
    }
  },
};

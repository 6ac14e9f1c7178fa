// Child process for the crash-safety test:
//   crash-writer <dir> <series> <first batch> <checkpoint every>
// appends batch after batch to the store in <dir>, from batch <first batch> on, batch i
// writing t = v = i to each of <series> series, and prints i once appendBatch has
// returned. After every <checkpoint every>-th batch (never when 0) it then checkpoints.
// It runs until killed.
import { Labels } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { openTsdb } from '../db/open.js';

const [dir, ...args] = process.argv.slice(2);
const [seriesCount = NaN, first = NaN, checkpointEvery = NaN] = args.map(Number);
if (!dir || ![seriesCount, first, checkpointEvery].every(Number.isSafeInteger)) {
  throw new Error('usage: crash-writer <dir> <series> <first batch> <checkpoint every>');
}

const store = await openTsdb({ path: dir });
const labels = Array.from({ length: seriesCount }, (_, s) =>
  Labels.fromRecord({ __name__: 'crash_test', series: String(s) }),
);
// Bounded so a child whose parent died cannot fill the disk.
for (let i = first; i < first + 1_000_000; i++) {
  const batch: LabeledSample[] = labels.map((l) => ({ labels: l, t: i, v: i }));
  store.appendBatch(batch);
  process.stdout.write(`${i}\n`);
  if (checkpointEvery > 0 && (i + 1) % checkpointEvery === 0) store.checkpoint();
}
await store.close();

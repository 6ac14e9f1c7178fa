// Child process for the crash-safety test: `crash-writer <dir> <series>` appends batch
// after batch to the store in <dir>, batch i writing t = v = i to each of <series>
// series, and prints i once that batch's commit has returned. It runs until killed.
import { Labels } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { openSqliteStore } from '../open-store.js';

const [dir, seriesArg] = process.argv.slice(2);
const seriesCount = Number(seriesArg);
if (!dir || !Number.isInteger(seriesCount)) throw new Error('usage: crash-writer <dir> <series>');

const store = await openSqliteStore({ path: dir });
const labels = Array.from({ length: seriesCount }, (_, s) =>
  Labels.fromRecord({ __name__: 'crash_test', series: String(s) }),
);
// Bounded so a child whose parent died cannot fill the disk.
for (let i = 0; i < 1_000_000; i++) {
  const batch: LabeledSample[] = labels.map((l) => ({ labels: l, t: i, v: i }));
  await store.appendBatch(batch);
  process.stdout.write(`${i}\n`);
}
await store.close();

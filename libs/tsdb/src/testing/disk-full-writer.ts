// Child process for the full-disk test: `disk-full-writer <dir>` runs where <dir> is a
// small file system of its own. It appends batches (each a new timestamp for a few
// series plus new series, so the database must grow) until the store refuses one, keeps
// trying for a while, then closes, reopens and reads back. It prints one JSON report.
import { Labels, Matcher } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { StoreWriteError } from '../errors.js';
import { openTsdb } from '../db/open.js';
import type { Tsdb } from '../db/tsdb.js';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: disk-full-writer <dir>');

const SERIES_PER_BATCH = 200;
const RETRIES_WHEN_FULL = 20;

function batch(i: number): LabeledSample[] {
  return Array.from({ length: SERIES_PER_BATCH }, (_, s) => ({
    labels: Labels.fromRecord({ __name__: 'fill', batch: String(i), s: String(s) }),
    t: i,
    v: Math.random(),
  }));
}

/** Appends until the store fails; every batch appendBatch returned from is `acknowledged`. */
function fill(store: Tsdb) {
  const acknowledged: LabeledSample[][] = [];
  const errors: string[] = [];
  for (let i = 0; errors.length === 0 && i < 1_000_000; i++) {
    const next = batch(i);
    try {
      store.appendBatch(next);
      acknowledged.push(next);
      if (i % 50 === 49) store.checkpoint();
    } catch (err) {
      if (!(err instanceof StoreWriteError)) throw err;
      errors.push(err.message);
    }
  }
  for (let k = 0; k < RETRIES_WHEN_FULL; k++) {
    try {
      store.appendBatch(batch(1_000_000 + k));
      errors.push('an append succeeded on the full disk');
    } catch (err) {
      if (!(err instanceof StoreWriteError)) throw err;
    }
  }
  return { acknowledged, errors };
}

const store = await openTsdb({ path: dir });
const { acknowledged, errors } = fill(store);
let closeError = '';
await store.close().catch((err: Error) => (closeError = err.message));

const reopened = await openTsdb({ path: dir });
const stored = new Map<string, number>();
for await (const s of reopened
  .querier(0, Number.MAX_SAFE_INTEGER)
  .select([new Matcher('=', '__name__', 'fill')]))
  for (const p of s.samples) stored.set(`${s.labels.key()}@${p.t}`, p.v);
const missing = acknowledged
  .flat()
  .filter((x) => stored.get(`${x.labels.key()}@${x.t}`) !== x.v).length;
await reopened.close().catch(() => undefined);
process.stdout.write(
  `${JSON.stringify({ acknowledgedBatches: acknowledged.length, firstError: errors[0], errors: errors.length, closeError, missing, storedSamples: stored.size })}\n`,
);

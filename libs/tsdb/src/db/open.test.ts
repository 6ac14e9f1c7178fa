import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Labels, staleMarker } from '@promethium/model';
import type { Sample } from '@promethium/model';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../errors.js';
import { TempStores, sample, selectAll } from '../testing/temp-store.js';
import { TSDB_FILE, openTsdb } from './open.js';
import { TSDB_SCHEMA_VERSION } from './schema.js';

const labels = Labels.fromRecord({ __name__: 'values' });

// Values a lossy encoding or a JSON round trip would mangle.
const specialValues: Sample[] = [
  { t: 1, v: Number.NaN },
  { t: 2, v: Infinity },
  { t: 3, v: -Infinity },
  { t: 4, v: -0 },
  { t: 5, v: 0 },
  { t: 6, v: Number.MIN_VALUE },
  { t: 7, v: -Number.MAX_VALUE },
  { t: 8, v: 0.1 + 0.2 },
  staleMarker(9),
  { t: 10, v: 2 ** 53 + 2 },
];

// The same values after a run of integers, so the chunk starts in the integer encoding.
const afterIntegers: Sample[] = [
  ...Array.from({ length: 5 }, (_, i) => ({ t: i - 5, v: 2 ** 53 - 1 - i })),
  ...specialValues,
];

function expectSameValues(got: readonly Sample[], want: readonly Sample[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((s, i) => {
    expect(s.t).toBe(want[i]!.t);
    expect(Object.is(s.v, want[i]!.v)).toBe(true);
    expect(s.stale).toBe(want[i]!.stale);
  });
}

describe('openTsdb', () => {
  let temp: TempStores;
  beforeEach(async () => {
    temp = await TempStores.create();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it.each([
    ['alone', specialValues],
    ['after integers', afterIntegers],
  ])(
    'round-trips NaN, infinities, -0 and staleness markers %s exactly, from the log and after checkpoints',
    async (_, values) => {
      const store = await temp.open();
      store.appendBatch(values.map((s) => ({ ...s, labels })));
      expectSameValues((await selectAll(store, -100, 100))[0]!.samples, values);
      // Killed before any checkpoint: only the write-ahead log holds the samples.
      const fromLog = await temp.open({ path: await temp.crashImage() });
      expectSameValues((await selectAll(fromLog, -100, 100))[0]!.samples, values);
      // Close checkpoints the open chunk; reopening reads it back.
      await store.close();
      const reopened = await temp.open();
      expectSameValues((await selectAll(reopened, -100, 100))[0]!.samples, values);
      // Enough later samples to cut the chunk holding the values into the chunks table.
      for (let t = 11; t < 400; t++) reopened.appendBatch([{ labels, t, v: t }]);
      reopened.checkpoint();
      await reopened.close();
      const cut = await temp.open();
      expectSameValues((await selectAll(cut, -100, 10))[0]!.samples, values);
    },
  );

  it('reloads series and their newest times on reopen and keeps appending to them', async () => {
    const first = await temp.open();
    first.appendBatch([sample({ a: '1' }, 10, 1), sample({ a: '2' }, 20, 2)]);
    first.appendBatch([sample({ a: '2' }, 30, 3)]);
    await first.close();
    const store = await temp.open({ outOfOrderWindowMs: 10 });
    expect(store.numSeries).toBe(2);
    expect(await store.indexStats()).toMatchObject({ minTime: 10, maxTime: 30 });
    expect(
      store.appendBatch([
        sample({ a: '2' }, 30, 3),
        sample({ a: '2' }, 25, 9),
        sample({ a: '2' }, 19, 9),
        sample({ a: '1' }, 10, 7),
      ]),
    ).toEqual({
      appended: 1,
      outOfOrder: 1,
      same: 1,
      rejected: { out_of_order: 0, duplicate_sample: 1, too_old: 1 },
    });
    expect(store.appendBatch([sample({ a: '3' }, 21, 1)])).toMatchObject({ appended: 1 });
    const got = await selectAll(store, 0, 100);
    expect(got.map((s) => [s.labels.get('a'), s.samples.map((x) => x.t)])).toEqual([
      ['1', [10]],
      ['2', [20, 25, 30]],
      ['3', [21]],
    ]);
  });

  it('creates the directory and <path>/tsdb.db in WAL mode with incremental vacuum', async () => {
    const path = join(temp.dir, 'nested', 'dir');
    const store = await openTsdb({ path });
    await store.close();
    const conn = new Database(join(path, TSDB_FILE), { readonly: true });
    try {
      expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(conn.pragma('user_version', { simple: true })).toBe(TSDB_SCHEMA_VERSION);
      expect(conn.pragma('auto_vacuum', { simple: true })).toBe(2);
    } finally {
      conn.close();
    }
  });

  it('logs the open with its counts', async () => {
    const lines: unknown[][] = [];
    const log = (...args: unknown[]) => lines.push(args);
    const store = await temp.open({ log });
    store.appendBatch([sample({ a: '1' }, 1, 1), sample({ a: '2' }, 1, 1)]);
    store.appendBatch([sample({ a: '1' }, 2, 1)]);
    const image = await temp.crashImage();
    await temp.open({ path: image, log });
    const opened = (file: string, series: number, records: number, samples: number) => [
      'info',
      'opened tsdb',
      {
        file,
        series,
        replayedRecords: records,
        replayedSamples: samples,
        replayMs: expect.any(Number),
      },
    ];
    expect(lines).toEqual([
      opened(join(temp.dir, TSDB_FILE), 0, 0, 0),
      opened(join(image, TSDB_FILE), 2, 2, 3),
    ]);
  });

  it('fails with StoreOpenError when the path is a file', async () => {
    const path = join(temp.dir, 'file');
    await writeFile(path, 'x');
    await expect(openTsdb({ path })).rejects.toThrow(StoreOpenError);
    await expect(openTsdb({ path })).rejects.toThrow(/cannot open .*file[/]tsdb.db/);
  });

  it.each([
    ['the old row-per-sample schema', 'PRAGMA user_version = 1', /schema version 1, /],
    [
      'malformed labels',
      `INSERT INTO series (ref, labels) VALUES (7, x'ff')`,
      /series 7 is corrupt/,
    ],
    ['a file that is not a database', undefined, /cannot open/],
  ])('refuses %s with StoreOpenError, leaving the file in place', async (_, statement, message) => {
    const file = join(temp.dir, TSDB_FILE);
    if (statement === undefined) {
      await writeFile(file, 'not a database '.repeat(100));
    } else {
      await (await temp.open()).close();
      const conn = new Database(file);
      conn.exec(statement);
      conn.close();
    }
    const opening = openTsdb({ path: temp.dir });
    await expect(opening).rejects.toThrow(StoreOpenError);
    await expect(opening).rejects.toThrow(message);
    expect(existsSync(file)).toBe(true);
  });
});

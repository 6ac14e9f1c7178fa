import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Labels, staleMarker } from '@promethium/model';
import type { Sample } from '@promethium/model';
import Database from 'better-sqlite3';
import { StoreOpenError } from './errors.js';
import { DB_FILE, openSqliteStore } from './open-store.js';
import { TempStores, sample, selectAll } from './testing/temp-store.js';

const labels = Labels.fromRecord({ __name__: 'values' });

// Values a REAL column or a JSON round trip would mangle.
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

function expectSameValues(got: readonly Sample[]): void {
  expect(got).toHaveLength(specialValues.length);
  got.forEach((s, i) => {
    const want = specialValues[i]!;
    expect(s.t).toBe(want.t);
    expect(Object.is(s.v, want.v)).toBe(true);
    expect(s.stale).toBe(want.stale);
  });
}

describe('openSqliteStore', () => {
  let temp: TempStores;
  beforeEach(async () => {
    temp = await TempStores.create();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('round-trips NaN, infinities, -0 and staleness markers exactly, across a reopen', async () => {
    const store = await temp.open();
    await store.appendBatch(specialValues.map((s) => ({ ...s, labels })));
    expectSameValues((await selectAll(store, 0, 100))[0]!.samples);
    await store.close();
    expectSameValues((await selectAll(await temp.open(), 0, 100))[0]!.samples);
  });

  it('reloads series, spans and counts on reopen and keeps appending to them', async () => {
    const first = await temp.open();
    await first.appendBatch([
      sample({ a: '1' }, 10, 1),
      sample({ a: '2' }, 20, 2),
      sample({ a: '2' }, 30, 3),
    ]);
    await first.close();
    const store = await temp.open();
    expect(store.stats()).toEqual({ series: 2, samples: 3 });
    expect(await store.appendBatch([sample({ a: '2' }, 30, 3), sample({ a: '2' }, 25, 9)])).toEqual(
      {
        appended: 1,
        duplicates: 1,
        outOfOrder: 1,
      },
    );
    expect(await store.appendBatch([sample({ a: '3' }, 1, 1)])).toMatchObject({ appended: 1 });
    const got = await selectAll(store, 0, 100);
    expect(got.map((s) => [s.labels.get('a'), s.samples.map((x) => x.t)])).toEqual([
      ['1', [10]],
      ['2', [20, 25, 30]],
      ['3', [1]],
    ]);
  });

  it('creates the directory and <path>/promethium.db in WAL mode', async () => {
    const path = join(temp.dir, 'nested', 'dir');
    const store = await openSqliteStore({ path });
    await store.close();
    const conn = new Database(join(path, DB_FILE), { readonly: true });
    try {
      expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(conn.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      conn.close();
    }
  });

  it('logs the open with its counts', async () => {
    const lines: unknown[][] = [];
    await temp.open({ log: (...args) => lines.push(args) });
    expect(lines).toEqual([
      ['info', 'opened series store', { file: join(temp.dir, DB_FILE), series: 0, samples: 0 }],
    ]);
  });

  it('fails with StoreOpenError when the path is a file', async () => {
    const path = join(temp.dir, 'file');
    await writeFile(path, 'x');
    await expect(openSqliteStore({ path })).rejects.toThrow(StoreOpenError);
    await expect(openSqliteStore({ path })).rejects.toThrow(/cannot open .*file[/]promethium.db/);
  });

  it.each([
    ['a newer schema version', 'PRAGMA user_version = 2', /schema version 2 is newer/],
    [
      'malformed labels',
      `INSERT INTO series (labels_key, labels) VALUES ('k', '[1')`,
      /malformed labels/,
    ],
    ['a file that is not a database', undefined, /cannot open/],
  ])('refuses %s and closes the file', async (_, statement, message) => {
    const file = join(temp.dir, DB_FILE);
    if (statement === undefined) {
      await writeFile(file, 'not a database '.repeat(100));
    } else {
      await (await temp.open()).close();
      const conn = new Database(file);
      conn.exec(statement);
      conn.close();
    }
    await expect(openSqliteStore({ path: temp.dir })).rejects.toThrow(message);
    expect(existsSync(file)).toBe(true);
  });
});

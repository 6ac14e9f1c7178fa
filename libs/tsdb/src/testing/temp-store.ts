import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '@promethium/model';
import type { LabeledSample, Matcher, Series } from '@promethium/model';
import { openSqliteStore } from '../open-store.js';
import type { SqliteStoreOptions } from '../open-store.js';
import type { SqliteStore } from '../sqlite-store.js';

/** A temporary directory for stores; dispose() closes every store opened and deletes it. */
export class TempStores {
  readonly #opened: SqliteStore[] = [];

  private constructor(readonly dir: string) {}

  /** Creates a fresh directory under the OS temp dir. */
  static async create(): Promise<TempStores> {
    return new TempStores(await mkdtemp(join(tmpdir(), 'tsdb-test-')));
  }

  /** Opens (or reopens) the store in the directory. */
  async open(opts: Partial<SqliteStoreOptions> = {}): Promise<SqliteStore> {
    const store = await openSqliteStore({ path: this.dir, ...opts });
    this.#opened.push(store);
    return store;
  }

  /** Closes the stores (closing twice is harmless) and removes the directory. */
  async dispose(): Promise<void> {
    for (const store of this.#opened) await store.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A sample of the series with these labels. */
export function sample(labels: Record<string, string>, t: number, v: number): LabeledSample {
  return { labels: Labels.fromRecord(labels), t, v };
}

/** Every series a select yields, in order. */
export async function selectAll(
  store: SqliteStore,
  mint: number,
  maxt: number,
  matchers: readonly Matcher[] = [],
): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of store.querier(mint, maxt).select(matchers)) out.push(s);
  return out;
}

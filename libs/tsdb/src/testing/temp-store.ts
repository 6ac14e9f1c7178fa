import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '@promethium/model';
import type { LabeledSample, Matcher, Series } from '@promethium/model';
import { TSDB_FILE, openTsdb } from '../db/open.js';
import type { TsdbOptions } from '../db/open.js';
import type { Tsdb } from '../db/tsdb.js';

/** A temporary directory for stores; dispose() closes every store opened and deletes it. */
export class TempStores {
  readonly #opened: Tsdb[] = [];
  #copies = 0;

  private constructor(readonly dir: string) {}

  /** Creates a fresh directory under the OS temp dir. */
  static async create(): Promise<TempStores> {
    return new TempStores(await mkdtemp(join(tmpdir(), 'tsdb-test-')));
  }

  /** Opens (or reopens) the store in the directory, or in `opts.path`. */
  async open(opts: Partial<TsdbOptions> = {}): Promise<Tsdb> {
    const store = await openTsdb({ path: this.dir, ...opts });
    this.#opened.push(store);
    return store;
  }

  /**
   * Copies the store's files, as they are now, into a new directory and returns its path:
   * what a process killed at this moment leaves behind. Open it with `open({ path })`;
   * reopening the live directory instead would leave two stores writing one file.
   */
  async crashImage(): Promise<string> {
    const image = join(this.dir, `crash-image-${++this.#copies}`);
    await mkdir(image);
    for (const suffix of ['', '-wal']) {
      const file = join(this.dir, TSDB_FILE + suffix);
      if (existsSync(file)) await copyFile(file, join(image, TSDB_FILE + suffix));
    }
    return image;
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
  store: Tsdb,
  mint: number,
  maxt: number,
  matchers: readonly Matcher[] = [],
): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of store.querier(mint, maxt).select(matchers)) out.push(s);
  return out;
}

import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { glob, readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ADDRESS_LABEL } from '@promethium/model';
import type { TargetGroup } from '@promethium/model';
import type { Discoverer } from '../discoverer.js';
import { FileSdError } from '../errors.js';

/** Settings of one `file_sd_configs` entry (paths already resolved). */
export interface FileSdOptions {
  files: readonly string[];
  refreshIntervalMs: number;
  /** Called for a file that cannot be read or parsed; its last good groups are kept. */
  onError(error: FileSdError): void;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Serves `file_sd_configs`: re-reads every file matching the patterns when a watched
 * directory changes and every refresh interval, as Prometheus does.
 */
export class FileDiscoverer implements Discoverer {
  // Groups per file from the last successful read; a file that fails keeps these.
  private lastGood = new Map<string, TargetGroup[]>();

  constructor(private readonly opts: FileSdOptions) {}

  async *run(signal: AbortSignal): AsyncIterable<TargetGroup[]> {
    const wake = new Wakeup(signal);
    const watchers = this.watchDirectories(() => wake.fire());
    const timer = setInterval(() => wake.fire(), this.opts.refreshIntervalMs);
    try {
      while (!signal.aborted) {
        yield await this.refresh();
        await wake.wait();
      }
    } finally {
      clearInterval(timer);
      for (const w of watchers) w.close();
    }
  }

  private watchDirectories(onChange: () => void): FSWatcher[] {
    const dirs = new Set(this.opts.files.map((f) => dirname(f)));
    const watchers: FSWatcher[] = [];
    for (const dir of dirs) {
      try {
        watchers.push(watch(dir, onChange).on('error', () => undefined));
      } catch {
        // A directory that does not exist yet is picked up by the refresh interval.
      }
    }
    return watchers;
  }

  private async refresh(): Promise<TargetGroup[]> {
    const current = new Map<string, TargetGroup[]>();
    for (const path of await this.listFiles()) {
      try {
        current.set(path, parseTargetFile(path, await readFile(path, 'utf8')));
      } catch (err) {
        this.opts.onError(
          err instanceof FileSdError ? err : new FileSdError(path, (err as Error).message, err),
        );
        const previous = this.lastGood.get(path);
        if (previous) current.set(path, previous);
      }
    }
    const out: TargetGroup[] = [];
    // Sources that vanished are sent empty so consumers drop them.
    for (const [path, groups] of this.lastGood) {
      const now = current.get(path)?.length ?? 0;
      for (let i = now; i < groups.length; i++)
        out.push({ source: `${path}:${i}`, targets: [], labels: {} });
    }
    for (const groups of current.values()) out.push(...groups);
    this.lastGood = current;
    return out;
  }

  private async listFiles(): Promise<string[]> {
    const found = new Set<string>();
    for (const pattern of this.opts.files) for await (const path of glob(pattern)) found.add(path);
    return [...found].sort();
  }
}

/** Parses one file_sd file (JSON or YAML by extension) into groups sourced `path:index`. */
export function parseTargetFile(path: string, text: string): TargetGroup[] {
  let doc: unknown;
  try {
    doc = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new FileSdError(path, (err as Error).message, err);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new FileSdError(path, 'expected a list of target groups');
  return doc.map((entry: unknown, i) => parseGroup(path, i, entry));
}

function parseGroup(path: string, index: number, entry: unknown): TargetGroup {
  const where = `group ${index}`;
  if (typeof entry !== 'object' || entry === null)
    throw new FileSdError(path, `${where}: expected a mapping`);
  const { targets = [], labels = {}, ...rest } = entry as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new FileSdError(path, `${where}: unknown field "${unknown}"`);
  if (!Array.isArray(targets) || !targets.every((t) => typeof t === 'string')) {
    throw new FileSdError(path, `${where}: targets must be a list of strings`);
  }
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    throw new FileSdError(path, `${where}: labels must be a mapping`);
  }
  const groupLabels: Record<string, string> = { __meta_filepath: path };
  for (const [name, value] of Object.entries(labels as Record<string, unknown>)) {
    if (!LABEL_NAME.test(name))
      throw new FileSdError(path, `${where}: invalid label name "${name}"`);
    if (typeof value !== 'string')
      throw new FileSdError(path, `${where}: label "${name}" must be a string`);
    groupLabels[name] = value;
  }
  return {
    source: `${path}:${index}`,
    targets: (targets as string[]).map((address) => ({ [ADDRESS_LABEL]: address })),
    labels: groupLabels,
  };
}

/** Coalesces change notifications into single wake-ups; wait() returns early on abort. */
class Wakeup {
  private pending = false;
  private resolve: (() => void) | undefined;

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.fire(), { once: true });
  }

  fire(): void {
    this.pending = true;
    this.resolve?.();
  }

  async wait(): Promise<void> {
    if (!this.pending) await new Promise<void>((r) => (this.resolve = r));
    this.resolve = undefined;
    this.pending = false;
    // Editors write files in several steps; let them settle before re-reading.
    await new Promise((r) => setTimeout(r, 50));
  }
}

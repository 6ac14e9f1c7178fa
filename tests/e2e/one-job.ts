import { expect } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Service, freePort, getJson } from './harness.js';

/** `promethium all` scraping one target under one job every second. */
export interface OneJob {
  /** The query API's base URL, e.g. `http://127.0.0.1:4321`. */
  readonly api: string;
  readonly service: Service;
  /** Stops the process and removes its data; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `promethium all` in a temporary directory, scraping `target` as job `job` every 1s. */
export async function startOneJob(job: string, target: string): Promise<OneJob> {
  const dir = await mkdtemp(join(tmpdir(), `promethium-${job}-`));
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global: { scrape_interval: 1s, scrape_timeout: 1s }',
      'scrape_configs:',
      `  - job_name: ${job}`,
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const service = new Service('all', [
    'all',
    `--config.file=${config}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
  ]);
  const stop = async () => {
    const code = await service.stop();
    await rm(dir, { recursive: true, force: true });
    return code;
  };
  return { api: `http://127.0.0.1:${port}`, service, stop };
}

/** One series of an instant vector as the query API returns it. */
export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Evaluates `expr` through /api/v1/query and returns the vector it yields. */
export async function instantVector(api: string, expr: string): Promise<VectorSample[]> {
  const { status, body } = await getJson(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const doc = body as { status: string; data: { resultType: string; result: VectorSample[] } };
  expect({ status, docStatus: doc.status, type: doc.data?.resultType }).toEqual({
    status: 200,
    docStatus: 'success',
    type: 'vector',
  });
  return doc.data.result;
}

/** The sample lines of a text-format body (neither blank nor `#` lines), one per sample. */
export function sampleLines(body: string): string[] {
  return body.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

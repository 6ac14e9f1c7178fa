import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { parsePrometheusConfig } from '@promethium/config';
import type { LabeledSample } from '@promethium/model';
import type { Appendable } from '@promethium/storage';
import { ScrapeLoop } from './scrape-loop.js';
import type { ScrapeLoopObserver } from './scrape-loop.js';
import type { ScrapeOutcome } from './scrape.js';
import { targetsFromGroups } from './target.js';

/** Records what each commit wrote. */
class RecordingAppendable implements Appendable {
  readonly commits: LabeledSample[][] = [];
  appender() {
    let pending: LabeledSample[] = [];
    return {
      append: (s: LabeledSample) => void pending.push(s),
      commit: async () => {
        this.commits.push(pending);
        pending = [];
      },
      rollback: () => (pending = []),
    };
  }
}

const names = (samples: LabeledSample[]) =>
  samples.map((s) => `${s.labels.toString()}${s.stale ? ' stale' : ` ${s.v}`}`);

describe('ScrapeLoop', () => {
  let server: Server;
  let respond: (res: ServerResponse) => void;
  let address: string;
  let loop: ScrapeLoop | undefined;
  let appendable: RecordingAppendable;
  const outcomes: ScrapeOutcome[] = [];
  const observer: ScrapeLoopObserver = {
    scraped: (_t, o) => void outcomes.push(o),
    appendFailed: () => undefined,
  };

  beforeEach(async () => {
    outcomes.length = 0;
    appendable = new RecordingAppendable();
    server = createServer((_req, res) => respond(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
    await new Promise((r) => server.close(r));
  });

  const startLoop = (extra = '', into: Appendable = appendable) => {
    const config = parsePrometheusConfig(
      `scrape_configs:\n  - job_name: t\n    scrape_interval: 50ms\n    scrape_timeout: 40ms\n${extra}`,
      'p.yml',
    ).config.scrapeConfigs[0]!;
    const [target] = targetsFromGroups(
      config,
      [{ source: '0', targets: [{ __address__: address }], labels: {} }],
      () => undefined,
    );
    loop = new ScrapeLoop(target!, into, observer);
    loop.start();
  };

  const commitsAfter = async (n: number) => {
    for (let i = 0; i < 400 && appendable.commits.length < n; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(appendable.commits.length).toBeGreaterThanOrEqual(n);
    return appendable.commits;
  };

  it('labels samples, reports up, and marks vanished series stale', async () => {
    let body = 'a{x="1"} 1\na{x="2"} 2\n';
    respond = (res) => res.end(body);
    startLoop();
    const [first] = await commitsAfter(1);
    const instance = `instance="${address}"`;
    expect(names(first!)).toEqual(
      expect.arrayContaining([
        `{__name__="a", ${instance}, job="t", x="1"} 1`,
        `{__name__="up", ${instance}, job="t"} 1`,
        `{__name__="scrape_samples_scraped", ${instance}, job="t"} 2`,
      ]),
    );
    body = 'a{x="1"} 1\n';
    const commits = await commitsAfter(appendable.commits.length + 2);
    const stale = commits.flat().filter((s) => s.stale);
    expect(names(stale)).toEqual([`{__name__="a", ${instance}, job="t", x="2"} stale`]);
    await loop!.stop();
    const last = appendable.commits.at(-1)!;
    expect(last.every((s) => s.stale)).toBe(true);
    expect(names(last)).toContain(`{__name__="a", ${instance}, job="t", x="1"} stale`);
  });

  it('renames a scraped label that clashes with a target label unless honor_labels', async () => {
    respond = (res) => res.end('a{job="inner"} 1\n');
    startLoop();
    const [first] = await commitsAfter(1);
    expect(first!.find((s) => s.labels.name === 'a')?.labels.toRecord()).toMatchObject({
      job: 't',
      exported_job: 'inner',
    });
  });

  it('skips the ticks that come while a write is held up instead of running them later', async () => {
    respond = (res) => res.end('a 1\n');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const scrapeTimes: number[] = [];
    const slow: Appendable = {
      appender: () => {
        let t = 0;
        return {
          append: (s) => void (t = s.t),
          commit: async () => {
            scrapeTimes.push(t);
            await held;
          },
          rollback: () => undefined,
        };
      },
    };
    startLoop('', slow);
    for (let i = 0; i < 400 && scrapeTimes.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    // Ten intervals pass while the first scrape's write is held.
    await new Promise((r) => setTimeout(r, 500));
    release();
    for (let i = 0; i < 400 && scrapeTimes.length < 3; i++)
      await new Promise((r) => setTimeout(r, 10));
    // Queued ticks would have run back to back; skipped ones leave the interval between scrapes.
    expect(scrapeTimes[2]! - scrapeTimes[1]!).toBeGreaterThanOrEqual(40);
  });

  it.each([
    [
      'a body that is not the text format',
      (res: ServerResponse) => res.end('<html>nope</html>'),
      'parse',
    ],
    ['an HTTP error', (res: ServerResponse) => res.writeHead(500).end(), 'http'],
    [
      'a target slower than the timeout',
      (res: ServerResponse) => void setTimeout(() => res.end('a 1\n'), 200),
      'timeout',
    ],
  ])('reports up=0 for %s', async (_name, handler, reason) => {
    respond = handler;
    startLoop();
    const [first] = await commitsAfter(1);
    expect(first!.find((s) => s.labels.name === 'up')?.v).toBe(0);
    expect(first!.filter((s) => s.labels.name === 'a')).toEqual([]);
    expect(outcomes[0]).toMatchObject({ ok: false, reason });
  });
});

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { parsePrometheusConfig } from '@promethium/config';
import type { LabeledSample } from '@promethium/model';
import type { Appendable } from '@promethium/storage';
import { ScrapeLoop } from './scrape-loop.js';
import type { ScrapeLoopObserver } from './scrape-loop.js';
import { JobScraper } from './scrape.js';
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
  let scraper: JobScraper | undefined;
  let appendable: RecordingAppendable;
  const outcomes: ScrapeOutcome[] = [];
  const observer: ScrapeLoopObserver = {
    scraped: (_t, o) => void outcomes.push(o),
    appendFailed: () => undefined,
  };

  beforeEach(async () => {
    outcomes.length = 0;
    appendable = new RecordingAppendable();
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      respond(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
    await scraper?.close();
    await new Promise((r) => server.close(r));
  });

  const startLoop = (extra = '', into: Appendable = appendable) => {
    const config = parsePrometheusConfig(
      `scrape_configs:\n  - job_name: t\n    scrape_interval: 50ms\n    scrape_timeout: 40ms\n${extra}`,
      'p.yml',
    ).config.scrapeConfigs[0]!;
    const {
      active: [target],
    } = targetsFromGroups(
      config,
      [{ source: '0', targets: [{ __address__: address }], labels: {} }],
      () => undefined,
    );
    scraper = new JobScraper(config);
    loop = new ScrapeLoop(target!, scraper, into, observer);
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
    expect(names(last)).toEqual(
      expect.arrayContaining([
        `{__name__="a", ${instance}, job="t", x="1"} stale`,
        `{__name__="up", ${instance}, job="t"} stale`,
      ]),
    );
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

  it('applies metric_relabel_configs and reports the synthetic series Prometheus writes', async () => {
    respond = (res) => res.end('keep 1\ndrop_me 2\nkeep{x="1"} 3\n');
    startLoop(
      '    metric_relabel_configs:\n      - source_labels: [__name__]\n        regex: drop_.*\n        action: drop\n',
    );
    const [first] = await commitsAfter(1);
    const value = (name: string) => first!.find((s) => s.labels.name === name)?.v;
    expect(first!.filter((s) => s.labels.name === 'drop_me')).toEqual([]);
    expect(value('scrape_samples_scraped')).toBe(3);
    expect(value('scrape_samples_post_metric_relabeling')).toBe(2);
    expect(value('scrape_series_added')).toBe(2);
    expect(value('scrape_duration_seconds')).toBeGreaterThanOrEqual(0);
    expect(loop!.health).toMatchObject({ health: 'up', lastError: '' });
  });

  it('fails a scrape over sample_limit with up 0 and says why', async () => {
    respond = (res) => res.end('a 1\nb 2\nc 3\n');
    startLoop('    sample_limit: 2\n');
    const [first] = await commitsAfter(1);
    expect(first!.find((s) => s.labels.name === 'up')?.v).toBe(0);
    expect(first!.filter((s) => s.labels.name === 'a')).toEqual([]);
    expect(first!.find((s) => s.labels.name === 'scrape_samples_scraped')?.v).toBe(3);
    expect(loop!.health).toMatchObject({ health: 'down', lastError: 'sample limit exceeded' });
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

  // Each bad scrape fails with Prometheus's error (up 0, lastError says why), after a good
  // scrape whose series then get staleness markers: nothing half-parsed is stored.
  it.each<[string, string, (res: ServerResponse) => void, string, string | RegExp]>([
    [
      'a body that is not the text format',
      '',
      (res) => res.end('<html>nope</html>'),
      'parse',
      /^line 1, column 1: expected metric name/,
    ],
    [
      'a malformed line after good ones',
      '',
      (res) => res.end('a 1\nb{x="1" 2\n'),
      'parse',
      /^line 2, column 9: expected ',' or '}' after the value of label "x", got '2'$/,
    ],
    [
      'an HTTP error',
      '',
      (res) => res.writeHead(500).end(),
      'http',
      'server returned HTTP status 500 Internal Server Error',
    ],
    [
      'a target slower than the timeout',
      '',
      (res) => void setTimeout(() => res.end('a 1\n'), 200),
      'timeout',
      /^Get "http:.*": context deadline exceeded$/,
    ],
    [
      'a slow-loris target trickling its body',
      '',
      (res) => {
        res.write('a 1\n');
        const drip = setInterval(() => res.write('#'), 5);
        res.on('close', () => clearInterval(drip));
      },
      'timeout',
      /context deadline exceeded$/,
    ],
    [
      'a body over body_size_limit',
      '    body_size_limit: 1KiB\n',
      (res) => res.end('a 1\n'.repeat(1000)),
      'body_size_limit',
      'body size limit exceeded',
    ],
    [
      'invalid UTF-8',
      '',
      (res) => res.end(Buffer.from([...Buffer.from('a 1\nb{x="'), 0xff, ...Buffer.from('"} 2\n')])),
      'parse',
      'invalid UTF-8 on line 2',
    ],
    [
      'a label over label_value_length_limit',
      '    label_value_length_limit: 20\n',
      (res) => res.end('a{x="a value well over twenty"} 1\n'),
      'rejected',
      'label_value_length_limit exceeded (metric: a, label name: x, value: "a value well over twenty", length: 24, limit: 20)',
    ],
    [
      'a missing Content-Type',
      '',
      (res) => {
        res.removeHeader('content-type');
        res.end('a 1\n');
      },
      'parse',
      'non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target',
    ],
  ])('reports up=0 for %s', async (_name, extra, handler, reason, error) => {
    respond = (res) => res.end('a 1\n');
    startLoop(extra);
    await commitsAfter(1);
    respond = handler;
    const commits = await commitsAfter(appendable.commits.length + 2);
    const failed = commits.find((c) => c.find((s) => s.labels.name === 'up')?.v === 0);
    expect(failed).toBeDefined();
    expect(names(failed!.filter((s) => s.labels.name === 'a'))).toEqual([
      `{__name__="a", instance="${address}", job="t"} stale`,
    ]);
    expect(loop!.health.health).toBe('down');
    expect(loop!.health.lastError).toMatch(error);
    const reasons = outcomes.map((o) => (o.ok ? 'rejected' : o.reason));
    expect(reasons).toContain(reason);
  });

  it('stores one sample of a series repeated in a scrape and keeps up 1', async () => {
    respond = (res) => res.end('a 1\na 2\n');
    startLoop();
    const [first] = await commitsAfter(1);
    expect(first!.filter((s) => s.labels.name === 'a').map((s) => s.v)).toEqual([1]);
    expect(first!.find((s) => s.labels.name === 'up')?.v).toBe(1);
  });
});

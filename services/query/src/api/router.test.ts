import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { Labels } from '@promethium/model';
import { Engine } from '@promethium/promql';
import type { QueryResult } from '@promethium/promql';
import type { Queryable } from '@promethium/storage';
import express from 'express';
import { createApiRouter } from './router.js';
import type { ApiLogger } from './router.js';
import { MemoryStore } from './testing/memory-store.js';

/** Never answers: every read stays pending. */
const hanging: Queryable = {
  querier: () => ({
    select: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }),
    }),
  }),
};

/** Fails every read. */
const broken: Queryable = {
  querier: () => ({
    select: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('disk on fire')) }),
    }),
  }),
};

/** Records what it is told. */
class RecordingLogger implements ApiLogger {
  readonly warnings: string[] = [];
  warn(fields: Record<string, unknown>, message: string): void {
    this.warnings.push(`${message} ${JSON.stringify(fields)}`);
  }
  debug(): void {}
}

/** An engine that remembers the signal of its last instant query. */
class SignalSpyEngine extends Engine {
  last: AbortSignal | undefined;
  override instantQuery(
    q: Queryable,
    expr: string,
    t: number,
    signal?: AbortSignal,
  ): Promise<QueryResult> {
    this.last = signal;
    return super.instantQuery(q, expr, t, signal);
  }
}

const T0 = 1_700_000_000_000;
const data = new MemoryStore([
  {
    labels: Labels.fromRecord({ __name__: 'up', job: 'b' }),
    samples: [
      { t: T0, v: 1 },
      { t: T0 + 60_000, v: 1e21 },
    ],
  },
  { labels: Labels.fromRecord({ __name__: 'up', job: 'a<&>' }), samples: [{ t: T0, v: 0.25 }] },
  { labels: Labels.fromRecord({ __name__: 'tiny' }), samples: [{ t: T0, v: 1e-7 }] },
]);

async function serve(
  mount: (app: express.Express) => void,
): Promise<{ server: Server; base: string }> {
  const app = express();
  mount(app);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1` };
}

const logger = new RecordingLogger();
const spy = new SignalSpyEngine();
let base = '';
const servers: Server[] = [];

beforeAll(async () => {
  const mounts: [string, Queryable, Engine][] = [
    ['', data, spy],
    ['/hanging', hanging, new Engine({ timeoutMs: 50 })],
    ['/broken', broken, new Engine()],
    ['/small', data, new Engine({ maxSamples: 1 })],
  ];
  const { server, base: url } = await serve((app) => {
    for (const [prefix, queryable, engine] of mounts) {
      app.use(
        `${prefix}/api/v1`,
        createApiRouter({ engine, queryable, labels: data, logger, now: () => T0 + 30_000 }),
      );
    }
  });
  servers.push(server);
  base = url.replace('/api/v1', '');
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function get(path: string): Promise<[number, string, string | null]> {
  const res = await fetch(`${base}${path}`);
  return [res.status, await res.text(), res.headers.get('content-type')];
}

const q = (params: Record<string, string>): string => new URLSearchParams(params).toString();

describe('successful queries', () => {
  const cases: [string, string][] = [
    [
      `/api/v1/query?${q({ query: 'up', time: String(T0 / 1000 + 0.123) })}`,
      '{"status":"success","data":{"resultType":"vector","result":[' +
        '{"metric":{"__name__":"up","job":"a\\u003c\\u0026\\u003e"},"value":[1700000000.123,"0.25"]},' +
        '{"metric":{"__name__":"up","job":"b"},"value":[1700000000.123,"1"]}]}}',
    ],
    // Without `time` the query runs at now() (T0 + 30s).
    [
      `/api/v1/query?${q({ query: 'tiny' })}`,
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"tiny"},"value":[1700000030,"1e-07"]}]}}',
    ],
    [
      `/api/v1/query?${q({ query: 'up{job="b"}[2m]', time: '2023-11-14T22:14:20Z' })}`,
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"b"},"values":[[1700000000,"1"],[1700000060,"1e+21"]]}]}}',
    ],
    [
      `/api/v1/query?${q({ query: '1e21', time: '1.5' })}`,
      '{"status":"success","data":{"resultType":"scalar","result":[1.5,"1000000000000000000000"]}}',
    ],
    [
      `/api/v1/query?${q({ query: '"a\\"b"', time: '2' })}`,
      '{"status":"success","data":{"resultType":"string","result":[2,"a\\"b"]}}',
    ],
    [
      `/api/v1/query?${q({ query: 'nothing', time: '2' })}`,
      '{"status":"success","data":{"resultType":"vector","result":[]}}',
    ],
    [
      `/api/v1/query_range?${q({ query: 'up{job="b"}', start: String(T0 / 1000), end: String(T0 / 1000 + 60), step: '30s' })}`,
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"b"},"values":[[1700000000,"1"],[1700000030,"1"],[1700000060,"1e+21"]]}]}}',
    ],
    [
      `/api/v1/query_range?${q({ query: '2', start: '0', end: '1', step: '0.5' })}`,
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[0,"2"],[0.500,"2"],[1,"2"]]}]}}',
    ],
  ];
  it.each(cases)('GET %s', async (path, body) => {
    expect(await get(path)).toEqual([200, body, 'application/json']);
  });

  describe('limit', () => {
    const TRUNCATED = ',"warnings":["results truncated due to limit"]';
    const a =
      '{"metric":{"__name__":"up","job":"a\\u003c\\u0026\\u003e"},"value":[1700000000,"0.25"]}';
    const b = '{"metric":{"__name__":"up","job":"b"},"value":[1700000000,"1"]}';
    const vector = (series: string[], warnings = '') =>
      `{"status":"success","data":{"resultType":"vector","result":[${series.join(',')}]}${warnings}}`;
    const instant = (query: string, limit: string) =>
      `/api/v1/query?${q({ query, time: String(T0 / 1000), limit })}`;
    const limited: [string, string][] = [
      [instant('up', '1'), vector([a], TRUNCATED)],
      [instant('up', '2'), vector([a, b])],
      [instant('up', '0'), vector([a, b])],
      [instant('up', '+1'), vector([a], TRUNCATED)],
      [instant('up', '9223372036854775807'), vector([a, b])],
      [
        instant('up[2m]', '1'),
        '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a\\u003c\\u0026\\u003e"},"values":[[1700000000,"0.25"]]}]}' +
          TRUNCATED +
          '}',
      ],
      [
        instant('2', '1'),
        '{"status":"success","data":{"resultType":"scalar","result":[1700000000,"2"]}}',
      ],
      [
        instant('"s"', '1'),
        '{"status":"success","data":{"resultType":"string","result":[1700000000,"s"]}}',
      ],
      [
        `/api/v1/query_range?${q({ query: 'up', start: String(T0 / 1000), end: String(T0 / 1000 + 30), step: '30', limit: '1' })}`,
        '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a\\u003c\\u0026\\u003e"},"values":[[1700000000,"0.25"],[1700000030,"0.25"]]}]}' +
          TRUNCATED +
          '}',
      ],
    ];
    it.each(limited)('GET %s', async (path, body) => {
      expect(await get(path)).toEqual([200, body, 'application/json']);
    });
  });

  it('takes POST form bodies, preferring them over the query string like Go', async () => {
    const res = await fetch(`${base}/api/v1/query?query=nothing&time=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: q({ query: 'up{job="b"}', time: String(T0 / 1000) }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"b"},"value":[1700000000,"1"]}]}}',
    );
    const range = await fetch(`${base}/api/v1/query_range?step=60`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: q({ query: 'up{job="b"}', start: String(T0 / 1000), end: String(T0 / 1000 + 60) }),
    });
    expect(JSON.parse(await range.text()).data.result[0].values).toEqual([
      [1700000000, '1'],
      [1700000060, '1e+21'],
    ]);
  });
});

describe('errors', () => {
  const bad = (error: string): string =>
    `{"status":"error","errorType":"bad_data","error":${JSON.stringify(error)}}`;
  const range = (params: Record<string, string>): string =>
    `/api/v1/query_range?${q({ query: 'up', start: '0', end: '60', step: '15', ...params })}`;
  const cases: [string, number, string][] = [
    [
      '/api/v1/query',
      400,
      bad('invalid parameter "query": unknown position: parse error: no expression found in input'),
    ],
    [
      `/api/v1/query?${q({ query: 'up{' })}`,
      400,
      bad('invalid parameter "query": 1:4: parse error: unexpected end of input inside braces'),
    ],
    [
      `/api/v1/query?${q({ query: 'foo{!a="b"}' })}`,
      400,
      bad(
        "invalid parameter \"query\": 1:5: parse error: unexpected character after '!' inside braces: 'a'",
      ),
    ],
    [
      `/api/v1/query?${q({ query: '*1' })}`,
      400,
      '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error: unexpected \\u003cop:*\\u003e"}',
    ],
    [
      `/api/v1/query?${q({ query: 'up', time: 'x' })}`,
      400,
      bad(
        'invalid parameter "time": invalid time value for \'time\': cannot parse "x" to a valid timestamp',
      ),
    ],
    [
      `/api/v1/query?${q({ query: 'up', timeout: 'soon' })}`,
      400,
      bad('invalid parameter "timeout": cannot parse "soon" to a valid duration'),
    ],
    [
      range({ start: 'x' }),
      400,
      bad('invalid parameter "start": cannot parse "x" to a valid timestamp'),
    ],
    [range({ end: '' }), 400, bad('invalid parameter "end": cannot parse "" to a valid timestamp')],
    [
      range({ end: '-1' }),
      400,
      bad('invalid parameter "end": end timestamp must not be before start time'),
    ],
    [
      range({ step: 'x' }),
      400,
      bad('invalid parameter "step": cannot parse "x" to a valid duration'),
    ],
    [
      range({ step: '1e20' }),
      400,
      bad('invalid parameter "step": cannot parse "1e20" to a valid duration. It overflows int64'),
    ],
    [
      range({ step: '0' }),
      400,
      bad(
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      ),
    ],
    [
      range({ step: '-5s' }),
      400,
      bad('invalid parameter "step": cannot parse "-5s" to a valid duration'),
    ],
    [
      range({ step: '-5' }),
      400,
      bad(
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      ),
    ],
    [
      range({ step: '0.0001' }),
      400,
      bad(
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      ),
    ],
    [
      range({ end: '11001', step: '1' }),
      400,
      bad(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      ),
    ],
    [
      range({ query: 'up[5m]' }),
      400,
      bad(
        'invalid parameter "query": invalid expression type "range vector" for range query, must be Scalar or instant Vector',
      ),
    ],
    [
      range({ timeout: 'x' }),
      400,
      bad('invalid parameter "timeout": cannot parse "x" to a valid duration'),
    ],
    [
      `/api/v1/query?${q({ query: 'up', limit: 'x' })}`,
      400,
      bad('invalid parameter "limit": strconv.Atoi: parsing "x": invalid syntax'),
    ],
    [
      `/api/v1/query?${q({ query: 'up', limit: '-1' })}`,
      400,
      bad('invalid parameter "limit": limit must be non-negative'),
    ],
    [
      `/api/v1/query?${q({ query: 'up', limit: '9223372036854775808' })}`,
      400,
      bad(
        'invalid parameter "limit": strconv.Atoi: parsing "9223372036854775808": value out of range',
      ),
    ],
    // As Prometheus, `limit` is checked before every other parameter.
    [
      `/api/v1/query?${q({ query: 'up', time: 'x', limit: '1.5' })}`,
      400,
      bad('invalid parameter "limit": strconv.Atoi: parsing "1.5": invalid syntax'),
    ],
    [
      range({ start: 'x', limit: '-3' }),
      400,
      bad('invalid parameter "limit": limit must be non-negative'),
    ],
    [
      `/small/api/v1/query_range?${q({ query: 'up', start: String(T0 / 1000), end: String(T0 / 1000 + 60), step: '60' })}`,
      422,
      '{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}',
    ],
    [
      `/hanging/api/v1/query?${q({ query: 'up' })}`,
      503,
      '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
    ],
    [
      `/api/v1/query?${q({ query: 'up', timeout: '0' })}`,
      503,
      '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
    ],
    [
      `/hanging/api/v1/query?${q({ query: 'up', timeout: '10ms' })}`,
      503,
      '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
    ],
    [
      `/broken/api/v1/query?${q({ query: 'up' })}`,
      500,
      '{"status":"error","errorType":"internal","error":"disk on fire"}',
    ],
  ];
  it.each(cases)('GET %s -> %d', async (path, status, body) => {
    expect(await get(path)).toEqual([status, body, 'application/json']);
  });

  it('the 11,000 point limit admits exactly 11,000 intervals', async () => {
    expect((await get(range({ end: '11000', step: '1', query: '1' })))[0]).toBe(200);
  });

  it('logs internal errors', async () => {
    await get(`/broken/api/v1/query?${q({ query: 'up' })}`);
    expect(logger.warnings.some((w) => w.includes('disk on fire'))).toBe(true);
  });

  it('cancels the query when the client goes away', async () => {
    const hangingSpy = new SignalSpyEngine();
    const { server, base: url } = await serve((app) =>
      app.use(
        '/api/v1',
        createApiRouter({ engine: hangingSpy, queryable: hanging, labels: data, logger }),
      ),
    );
    servers.push(server);
    const slow = new AbortController();
    const pending = fetch(`${url}/query?${q({ query: 'up' })}`, { signal: slow.signal }).catch(
      (e: unknown) => e,
    );
    while (!hangingSpy.last) await new Promise((r) => setTimeout(r, 5));
    slow.abort();
    await pending;
    if (!hangingSpy.last.aborted) await once(hangingSpy.last, 'abort');
    expect((hangingSpy.last.reason as DOMException).name).toBe('AbortError');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { BusTimeoutError, NoResponderError } from '@promethium/bus';
import { Labels } from '@promethium/model';
import { Engine } from '@promethium/promql';
import type { IndexStatsSource, LabelQueryable } from '@promethium/storage';
import express from 'express';
import { createApiRouter } from './router.js';
import { MemoryStore } from './testing/memory-store.js';
import { defaultStatus } from './status.js';

const T0 = 1_700_000_000_000;
const s = (rec: Record<string, string>, t: number) => ({
  labels: Labels.fromRecord(rec),
  samples: [{ t, v: 1 }],
});
const store = new MemoryStore([
  s({ __name__: 'up', job: 'api', instance: 'a:1' }, T0),
  s({ __name__: 'up', job: 'db', instance: 'b:1' }, T0 + 60_000),
  s({ __name__: 'http_requests_total', job: 'api', code: '200' }, T0),
  s({ __name__: 'odd.name', 'a.b': 'x<y' }, T0),
]);

/** Fails every label read and stats read with `err`. */
const failing = (err: Error): LabelQueryable & IndexStatsSource => ({
  labelQuerier: () => ({
    labelNames: () => Promise.reject(err),
    labelValues: () => Promise.reject(err),
  }),
  indexStats: () => Promise.reject(err),
});

const logger = { warn: () => undefined, debug: () => undefined };
let server: Server;
let base = '';

beforeAll(async () => {
  const app = express();
  const engine = new Engine();
  app.use('/api/v1', createApiRouter({ engine, queryable: store, labels: store, logger }));
  const mounts: [string, Error][] = [
    ['/down', new NoResponderError('no responders on prm.labels.v1.0')],
    ['/slow', new BusTimeoutError('no reply within 30000ms')],
  ];
  for (const [prefix, err] of mounts)
    app.use(
      `${prefix}/api/v1`,
      createApiRouter({ engine, queryable: store, labels: failing(err), logger }),
    );
  app.use(
    '/status/api/v1',
    createApiRouter({
      engine,
      queryable: store,
      labels: store,
      logger,
      status: {
        ...defaultStatus(T0),
        flags: { 'web.listen-address': '0.0.0.0:9090', 'query.timeout': '2m' },
        configYaml: () => 'global:\n  scrape_interval: 15s\n',
        build: { version: '9.9.9', revision: 'abc' },
      },
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function get(path: string): Promise<[number, string]> {
  const res = await fetch(`${base}${path}`);
  return [res.status, await res.text()];
}

const ok = (data: string, warnings?: string[]): string =>
  `{"status":"success","data":${data}${warnings ? `,"warnings":${JSON.stringify(warnings)}` : ''}}`;
const err = (type: string, message: string): string =>
  `{"status":"error","errorType":"${type}","error":${JSON.stringify(message)}}`;
const q = (params: [string, string][]): string => new URLSearchParams(params).toString();
const TRUNC = ['results truncated due to limit'];

describe('series and label endpoints', () => {
  const cases: [string, number, string][] = [
    [
      `/api/v1/series?${q([['match[]', 'up']])}`,
      200,
      ok(
        '[{"__name__":"up","instance":"a:1","job":"api"},{"__name__":"up","instance":"b:1","job":"db"}]',
      ),
    ],
    [
      `/api/v1/series?${q([
        ['match[]', 'up'],
        ['match[]', '{job="api"}'],
      ])}`,
      200,
      ok(
        '[{"__name__":"http_requests_total","code":"200","job":"api"},{"__name__":"up","instance":"a:1","job":"api"},{"__name__":"up","instance":"b:1","job":"db"}]',
      ),
    ],
    [
      `/api/v1/series?${q([
        ['match[]', 'up'],
        ['end', String(T0 / 1000 + 1)],
      ])}`,
      200,
      ok('[{"__name__":"up","instance":"a:1","job":"api"}]'),
    ],
    [
      `/api/v1/series?${q([
        ['match[]', 'up'],
        ['limit', '1'],
      ])}`,
      200,
      ok('[{"__name__":"up","instance":"a:1","job":"api"}]', TRUNC),
    ],
    [`/api/v1/series?${q([['match[]', 'nothing']])}`, 200, ok('[]')],
    [
      `/api/v1/series?${q([['match[]', '{"odd.name"}']])}`,
      200,
      ok('[{"__name__":"odd.name","a.b":"x\\u003cy"}]'),
    ],
    ['/api/v1/series', 400, err('bad_data', 'no match[] parameter provided')],
    [
      `/api/v1/series?${q([['match[]', 'up{']])}`,
      400,
      err(
        'bad_data',
        'invalid parameter "match[]": 1:4: parse error: unexpected end of input inside braces',
      ),
    ],
    [
      `/api/v1/series?${q([['match[]', '{job=""}']])}`,
      400,
      err(
        'bad_data',
        'invalid parameter "match[]": 1:1: parse error: vector selector must contain at least one non-empty matcher',
      ),
    ],
    [
      `/api/v1/series?${q([
        ['match[]', 'up'],
        ['limit', 'x'],
      ])}`,
      400,
      err('bad_data', 'invalid parameter "limit": strconv.Atoi: parsing "x": invalid syntax'),
    ],
    [
      `/api/v1/series?${q([
        ['match[]', 'up'],
        ['limit', '-1'],
      ])}`,
      400,
      err('bad_data', 'invalid parameter "limit": limit must be non-negative'),
    ],
    [
      `/api/v1/series?${q([
        ['match[]', 'up'],
        ['start', 'yesterday'],
      ])}`,
      400,
      err(
        'bad_data',
        'invalid parameter "start": invalid time value for \'start\': cannot parse "yesterday" to a valid timestamp',
      ),
    ],
    ['/api/v1/labels', 200, ok('["__name__","a.b","code","instance","job"]')],
    ['/api/v1/labels?limit=2', 200, ok('["__name__","a.b"]', TRUNC)],
    ['/api/v1/labels?limit=5', 200, ok('["__name__","a.b","code","instance","job"]')],
    [
      `/api/v1/labels?${q([
        ['match[]', 'up'],
        ['match[]', 'http_requests_total'],
      ])}`,
      200,
      ok('["__name__","code","instance","job"]'),
    ],
    [
      `/api/v1/labels?${q([['start', String(T0 / 1000 + 30)]])}`,
      200,
      ok('["__name__","instance","job"]'),
    ],
    [
      `/api/v1/labels?${q([['match[]', '{a=~".*"}']])}`,
      400,
      err(
        'bad_data',
        '1:1: parse error: vector selector must contain at least one non-empty matcher',
      ),
    ],
    ['/api/v1/label/job/values', 200, ok('["api","db"]')],
    ['/api/v1/label/__name__/values', 200, ok('["http_requests_total","odd.name","up"]')],
    ['/api/v1/label/__name__/values?limit=1', 200, ok('["http_requests_total"]', TRUNC)],
    [`/api/v1/label/job/values?${q([['match[]', 'up{instance="b:1"}']])}`, 200, ok('["db"]')],
    ['/api/v1/label/U__a_2e_b/values', 200, ok('["x\\u003cy"]')],
    ['/api/v1/label/nope/values', 200, ok('[]')],
    [
      '/api/v1/label/job/values?end=x',
      400,
      err(
        'bad_data',
        'invalid parameter "end": invalid time value for \'end\': cannot parse "x" to a valid timestamp',
      ),
    ],
    ['/down/api/v1/labels', 500, err('unavailable', 'no responders on prm.labels.v1.0')],
    ['/down/api/v1/label/job/values', 500, err('unavailable', 'no responders on prm.labels.v1.0')],
    ['/slow/api/v1/labels', 503, err('timeout', 'no reply within 30000ms')],
    ['/down/api/v1/status/tsdb', 500, err('unavailable', 'no responders on prm.labels.v1.0')],
    ['/slow/api/v1/status/tsdb', 500, err('internal', 'no reply within 30000ms')],
  ];
  it.each(cases)('GET %s -> %d', async (path, status, body) => {
    expect(await get(path)).toEqual([status, body]);
  });

  it('takes match[] from POST bodies and the query string together', async () => {
    const res = await fetch(`${base}/api/v1/series?${q([['match[]', 'http_requests_total']])}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: q([
        ['match[]', 'up{job="db"}'],
        ['limit', '5'],
      ]),
    });
    expect(await res.text()).toBe(
      ok(
        '[{"__name__":"http_requests_total","code":"200","job":"api"},{"__name__":"up","instance":"b:1","job":"db"}]',
      ),
    );
  });
});

describe('query tools and status endpoints', () => {
  const cases: [string, number, string][] = [
    ['/api/v1/metadata', 200, ok('{}')],
    [`/api/v1/query_exemplars?${q([['query', 'up']])}`, 200, ok('[]')],
    [`/api/v1/query_exemplars?${q([['query', 'time() + -(1)']])}`, 200, '{"status":"success"}'],
    [
      `/api/v1/query_exemplars?${q([['query', 'up{']])}`,
      400,
      err('bad_data', '1:4: parse error: unexpected end of input inside braces'),
    ],
    [
      `/api/v1/query_exemplars?${q([
        ['query', 'up'],
        ['start', '10'],
        ['end', '5'],
      ])}`,
      400,
      err('bad_data', 'end timestamp must not be before start timestamp'),
    ],
    [`/api/v1/format_query?${q([['query', 'up{job="a"}']])}`, 200, ok('"up{job=\\"a\\"}"')],
    // Past 100 bytes the pretty printer splits the query over indented lines.
    [
      `/api/v1/format_query?${q([['query', 'sum by (job, instance) (rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m]))']])}`,
      200,
      ok(
        JSON.stringify(
          'sum by (job, instance) (\n  rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m])\n)',
        ),
      ),
    ],
    [
      `/api/v1/format_query?${q([['query', '(']])}`,
      400,
      err('bad_data', 'invalid parameter "query": 1:2: parse error: unclosed left parenthesis'),
    ],
    [
      `/api/v1/parse_query?${q([['query', 'up offset 1m']])}`,
      200,
      ok(
        '{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"up"}],"name":"up","offset":60000,"offsetExpr":null,"smoothed":false,"startOrEnd":null,"timestamp":null,"type":"vectorSelector"}',
      ),
    ],
    [
      `/api/v1/parse_query?${q([['query', '-(1) + 2']])}`,
      200,
      ok(
        '{"bool":false,"lhs":{"expr":{"expr":{"type":"numberLiteral","val":"1"},"type":"parenExpr"},"op":"-","type":"unaryExpr"},"matching":null,"op":"+","rhs":{"type":"numberLiteral","val":"2"},"type":"binaryExpr"}',
      ),
    ],
    [
      `/api/v1/parse_query?${q([['query', 'rate(x[5m] @ start())']])}`,
      200,
      ok(
        '{"args":[{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"x"}],"name":"x","offset":0,"offsetExpr":null,"range":300000,"rangeExpr":null,"smoothed":false,"startOrEnd":"start","timestamp":null,"type":"matrixSelector"}],"func":{"argTypes":["matrix"],"name":"rate","returnType":"vector","variadic":0},"type":"call"}',
      ),
    ],
    [
      `/api/v1/parse_query?${q([['query', 'a / on(b) group_left(c) d @ 10']])}`,
      200,
      ok(
        '{"bool":false,"lhs":{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"a"}],"name":"a","offset":0,"offsetExpr":null,"smoothed":false,"startOrEnd":null,"timestamp":null,"type":"vectorSelector"},"matching":{"card":"many-to-one","fillValues":{"lhs":null,"rhs":null},"include":["c"],"labels":["b"],"on":true},"op":"/","rhs":{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"d"}],"name":"d","offset":0,"offsetExpr":null,"smoothed":false,"startOrEnd":null,"timestamp":10000,"type":"vectorSelector"},"type":"binaryExpr"}',
      ),
    ],
    [
      `/api/v1/parse_query?${q([['query', 'sum without (a) (x[5m] @ start())']])}`,
      400,
      err(
        'bad_data',
        'invalid parameter "query": 1:18: parse error: expected type instant vector in aggregation expression, got range vector',
      ),
    ],
    ['/status/api/v1/status/config', 200, ok('{"yaml":"global:\\n  scrape_interval: 15s\\n"}')],
    [
      '/status/api/v1/status/flags',
      200,
      ok('{"query.timeout":"2m","web.listen-address":"0.0.0.0:9090"}'),
    ],
    [
      '/status/api/v1/status/buildinfo',
      200,
      ok(
        `{"version":"9.9.9","revision":"abc","branch":"","buildUser":"","buildDate":"","goVersion":"${process.version}"}`,
      ),
    ],
    ['/api/v1/status/tsdb?limit=0', 400, err('bad_data', 'limit must be a positive number')],
    ['/api/v1/status/tsdb?limit=10001', 400, err('bad_data', 'limit must not exceed 10000')],
  ];
  it.each(cases)('GET %s -> %d', async (path, status, body) => {
    expect(await get(path)).toEqual([status, body]);
  });

  it('sums cardinality into Prometheus’s TSDB status shape, top `limit` per list', async () => {
    const [status, body] = await get('/api/v1/status/tsdb?limit=2');
    expect(status).toBe(200);
    expect(JSON.parse(body).data).toEqual({
      headStats: {
        numSeries: 4,
        numLabelPairs: 9,
        chunkCount: 0,
        minTime: T0,
        maxTime: T0 + 60_000,
      },
      seriesCountByMetricName: [
        { name: 'up', value: 2 },
        { name: 'http_requests_total', value: 1 },
      ],
      labelValueCountByLabelName: [
        { name: '__name__', value: 3 },
        { name: 'instance', value: 2 },
      ],
      memoryInBytesByLabelName: [
        { name: '__name__', value: 31 },
        { name: 'job', value: 8 },
      ],
      seriesCountByLabelValuePair: [
        { name: '__name__=up', value: 2 },
        { name: 'job=api', value: 2 },
      ],
    });
  });

  it('reports runtime information with Go-style times', async () => {
    const [status, body] = await get('/status/api/v1/status/runtimeinfo');
    expect(status).toBe(200);
    const data = JSON.parse(body).data;
    expect(data.startTime).toBe('2023-11-14T22:13:20Z');
    expect(data.reloadConfigSuccess).toBe(true);
    expect(Object.keys(data)).toEqual([
      'startTime',
      'CWD',
      'hostname',
      'serverTime',
      'reloadConfigSuccess',
      'lastConfigTime',
      'corruptionCount',
      'goroutineCount',
      'GOMAXPROCS',
      'GOMEMLIMIT',
      'GOGC',
      'GODEBUG',
      'storageRetention',
    ]);
  });
});

// Benchmark 7: end-to-end latency of the shared query set (../shared/bench/queries.tsv)
// through the HTTP API, on the shared README's backfilled data spread over 2 shards.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { queryBaseline } from './harness/baseline.mjs';
import { httpGetText } from './harness/http.mjs';
import { comment, figure, median } from './harness/report.mjs';
import { QUERIES_TSV } from './harness/shared-load.mjs';

const RUNS = 20;
/** A query whose first run takes longer than this gets fewer runs, so the whole stays ~3 min. */
const BUDGET_MS_PER_QUERY = 8_000;
const RANGE_SECONDS = 3600;
const STEP_SECONDS = 15;

/** The query set: `name<TAB>kind<TAB>expr` lines, `#` lines being comments. */
export function readQueries(text = readFileSync(QUERIES_TSV, 'utf8')) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => {
      const [name, kind, ...rest] = line.split('\t');
      if (!/^\w+$/.test(name ?? '') || (kind !== 'instant' && kind !== 'range') || !rest.length)
        throw new Error(`queries.tsv query ${i + 1}: expected name<TAB>instant|range<TAB>expr`);
      return { name, kind, expr: rest.join('\t') };
    });
}

function queryUrl(url, q, evalTime) {
  const expr = encodeURIComponent(q.expr);
  if (q.kind === 'instant') return `${url}/api/v1/query?query=${expr}&time=${evalTime}`;
  const range = `start=${evalTime - RANGE_SECONDS}&end=${evalTime}&step=${STEP_SECONDS}`;
  return `${url}/api/v1/query_range?query=${expr}&${range}`;
}

/** The number of series in a successful answer of the expected type; throws otherwise. */
function resultSize(text, q) {
  const answer = JSON.parse(text);
  const type = q.kind === 'instant' ? 'vector' : 'matrix';
  if (answer.status !== 'success' || answer.data?.resultType !== type)
    throw new Error(`query ${q.name} did not return a ${type}: ${text.slice(0, 300)}`);
  return answer.data.result.length;
}

/** Times one query: one warm-up (also sizing the run count), then up to RUNS timed runs. */
async function timeQuery(target, q) {
  const t0 = performance.now();
  const series = resultSize(await httpGetText(target, { timeoutMs: 120_000 }), q);
  const firstMs = performance.now() - t0;
  const runs = Math.max(3, Math.min(RUNS, Math.floor(BUDGET_MS_PER_QUERY / firstMs)));
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await httpGetText(target, { timeoutMs: 120_000 });
    times.push(performance.now() - start);
  }
  return { ms: median(times), runs, series };
}

/** Median latency per query of queries.tsv, with Prometheus's figure beside each. */
export const queryLatencyBenchmark = {
  name: 'query-latency',
  uses: ['backfilled-promethium'],
  async run({ fixture }) {
    const { url, evalTime, samples, loadSeconds } = await fixture('backfilled-promethium');
    comment(
      `query-latency: ${samples} samples written into 2 shards in ${loadSeconds.toFixed(0)} s; EVAL_TIME=${evalTime}; median of ${RUNS} over HTTP (keep-alive) unless noted`,
    );
    const prometheus = queryBaseline();
    for (const q of readQueries()) {
      const { ms, runs, series } = await timeQuery(queryUrl(url, q, evalTime), q);
      const note = runs < RUNS ? `; slow: median of ${runs} only` : '';
      const theirs = prometheus.get(q.name);
      comment(
        `${q.name} (${q.kind}, ${series} series${note}): ${q.expr}; prometheus: ${theirs === undefined ? 'no figure' : `${theirs} ms`}`,
      );
      figure(`query_${q.name}_ms`, ms, 'ms');
    }
  },
};

// Benchmark 5: HTTP API instant-query latency on the running end-to-end process, while
// it keeps ingesting.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGetText } from './harness/http.mjs';
import { comment, figure, progress } from './harness/report.mjs';
import { medianMs } from './harness/timing.mjs';

/**
 * Queries start once the process has been ingesting this long (warm-up + the e2e window):
 * a selector reads every sample in its 5 m lookback, so the latency grows with the data's
 * age, and `--only query` must query as much data as a full run does.
 */
const QUERY_AT_AGE_MS = 40_000;

const QUERIES = [
  { figure: 'query_vector_selector_ms', expr: 'bench_http_requests_total' },
  { figure: 'query_regex_matcher_ms', expr: 'bench_queue_depth{zone=~"z1.*"}' },
];

/** The number of series in a successful vector answer; throws on anything else. */
function vectorSize(text, expr) {
  const answer = JSON.parse(text);
  if (answer.status !== 'success' || answer.data?.resultType !== 'vector') {
    throw new Error(`query ${expr} did not return a vector: ${text.slice(0, 300)}`);
  }
  return answer.data.result.length;
}

/** Median latency of 20 `/api/v1/query` calls per query, after 2 warm-ups. */
export const queryBenchmark = {
  name: 'query',
  uses: ['loaded-promethium'],
  async run({ fixture }) {
    const { url, readyAt } = await fixture('loaded-promethium');
    const wait = readyAt + QUERY_AT_AGE_MS - performance.now();
    if (wait > 0) {
      progress(
        `waiting ${(wait / 1000).toFixed(0)} s until promethium has ingested for ${QUERY_AT_AGE_MS / 1000} s`,
      );
      await sleep(wait);
    }
    for (const q of QUERIES) {
      const target = `${url}/api/v1/query?query=${encodeURIComponent(q.expr)}`;
      let series = 0;
      const { ms } = await medianMs(
        async () => {
          series = vectorSize(await httpGetText(target), q.expr);
        },
        { warmup: 2, runs: 20 },
      );
      if (series === 0) throw new Error(`query ${q.expr} returned no series`);
      comment(
        `query: ${q.expr} -> ${series} series, median of 20 over HTTP (keep-alive), from ${QUERY_AT_AGE_MS / 1000} s after ready`,
      );
      figure(q.figure, ms, 'ms');
    }
  },
};

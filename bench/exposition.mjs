// Benchmark 1: parsePrometheusText on one 100,000-series body of the shared load.
import { parsePrometheusText } from '@promethium/exposition';
import { parseBaseline } from './harness/baseline.mjs';
import { comment, figure } from './harness/report.mjs';
import { medianMs } from './harness/timing.mjs';

/** Parse throughput (samples/s) and time per body (ms), median of 10 after 3 warm-ups. */
export const expositionBenchmark = {
  name: 'exposition',
  uses: ['scrape-body'],
  async run({ fixture }) {
    const body = await fixture('scrape-body');
    let samples = 0;
    const { ms } = await medianMs(
      () => {
        samples = parsePrometheusText(body.text).samples.length;
      },
      { warmup: 3, runs: 10 },
    );
    comment(
      `exposition: one body of ${samples} samples, ${(body.bytes / 1e6).toFixed(1)} MB, median of 10 parses`,
    );
    figure('exposition_parse_samples_per_sec', (samples / ms) * 1000, 'samples/s');
    figure('exposition_parse_ms_per_body', ms, 'ms');
    const baseline = parseBaseline();
    if (baseline) comment(`prometheus (shared README): ${baseline}`);
  },
};

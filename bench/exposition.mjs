// Benchmark 1: parsePrometheusText on one 100,000-series body of the shared load, as a
// first scrape reads it (no cache) and as later scrapes of the target do (SeriesTextCache).
import { SeriesTextCache, parsePrometheusText } from '@promethium/exposition';
import { parseBaseline } from './harness/baseline.mjs';
import { comment, figure } from './harness/report.mjs';
import { medianMs } from './harness/timing.mjs';

/** Parse throughput (samples/s, MB/s) and time per body (ms), median of 10 after 3 warm-ups. */
export const expositionBenchmark = {
  name: 'exposition',
  uses: ['scrape-body'],
  async run({ fixture }) {
    const body = await fixture('scrape-body');
    const cache = new SeriesTextCache();
    let samples = 0;
    for (const [mode, parse] of [
      ['cold', () => parsePrometheusText(body.text)],
      ['cached', () => parsePrometheusText(body.text, cache)],
    ]) {
      const { ms } = await medianMs(
        () => {
          samples = parse().samples.length;
        },
        { warmup: 3, runs: 10 },
      );
      figure(`exposition_parse_${mode}_samples_per_sec`, (samples / ms) * 1000, 'samples/s');
      figure(`exposition_parse_${mode}_mb_per_sec`, body.bytes / 1e6 / (ms / 1000), 'MB/s');
      figure(`exposition_parse_${mode}_ms_per_body`, ms, 'ms');
    }
    comment(
      `exposition: one body of ${samples} samples, ${(body.bytes / 1e6).toFixed(1)} MB, median of 10 parses; cold: no cache (a first scrape), cached: the target's SeriesTextCache from the scrape before`,
    );
    const baseline = parseBaseline();
    if (baseline) comment(`prometheus (shared README): ${baseline}`);
  },
};

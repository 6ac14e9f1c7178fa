#!/usr/bin/env node
// `node bench/run.mjs [--only <name>]`: runs the benchmarks against the built packages.
// stdout: only `name: value unit` figures and `# comment` lines; progress goes to stderr.
import { performance } from 'node:perf_hooks';
import { chunksBenchmark } from './chunks.mjs';
import { codecsBenchmark } from './codecs.mjs';
import { e2eBenchmark } from './e2e.mjs';
import { engineBenchmark } from './engine.mjs';
import { expositionBenchmark } from './exposition.mjs';
import { backfilledPromethiumFixture } from './fixtures/backfilled-promethium.mjs';
import { loadedPromethiumFixture } from './fixtures/loaded-promethium.mjs';
import { scrapeBodyFixture } from './fixtures/scrape-body.mjs';
import { handoverBenchmark } from './handover.mjs';
import { Fixtures } from './harness/fixtures.mjs';
import { closeHttpAgent } from './harness/http.mjs';
import { comment, progress } from './harness/report.mjs';
import { postingsBenchmark } from './postings.mjs';
import { queryLatencyBenchmark } from './query-latency.mjs';
import { queryBenchmark } from './query.mjs';
import { scrapeCapacityBenchmark } from './scrape-capacity.mjs';
import { selectBenchmark } from './select.mjs';
import { tsdbBenchmark } from './tsdb.mjs';
import { natsIngestBenchmark } from './nats-ingest.mjs';

const BENCHMARKS = [
  expositionBenchmark,
  codecsBenchmark,
  chunksBenchmark,
  e2eBenchmark,
  queryBenchmark,
  engineBenchmark,
  queryLatencyBenchmark,
  postingsBenchmark,
  tsdbBenchmark,
  natsIngestBenchmark,
  selectBenchmark,
  handoverBenchmark,
  scrapeCapacityBenchmark,
];
const FIXTURES = [scrapeBodyFixture, loadedPromethiumFixture, backfilledPromethiumFixture];

function usage() {
  return `usage: node bench/run.mjs [--only <name>]\nbenchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`;
}

/** The benchmarks the arguments select; exits with usage on bad arguments. */
function selected(argv) {
  if (argv.length === 0) return BENCHMARKS;
  const only =
    argv[0] === '--only' ? argv[1] : argv[0].startsWith('--only=') ? argv[0].slice(7) : undefined;
  const bench = BENCHMARKS.find((b) => b.name === only);
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(usage());
    process.exit(0);
  }
  if (!bench || argv.length > (argv[0] === '--only' ? 2 : 1)) {
    process.stderr.write(`bench: bad arguments ${JSON.stringify(argv)}\n${usage()}`);
    process.exit(2);
  }
  return [bench];
}

/** The index of the last selected benchmark using each fixture, so it is freed right after. */
function lastUses(benchmarks) {
  const last = new Map();
  benchmarks.forEach((b, i) => b.uses.forEach((f) => last.set(f, i)));
  return last;
}

async function main() {
  const benchmarks = selected(process.argv.slice(2));
  const fixtures = new Fixtures(FIXTURES);
  const last = lastUses(benchmarks);
  const failed = [];
  const started = performance.now();
  try {
    for (const [i, bench] of benchmarks.entries()) {
      progress(`${bench.name}: start`);
      const t0 = performance.now();
      try {
        await bench.run({ fixture: (name) => fixtures.get(name) });
      } catch (err) {
        failed.push(bench.name);
        comment(`${bench.name} FAILED: ${err.message.split('\n')[0]}`);
        progress(`${bench.name} failed: ${err.stack ?? err}`);
      }
      progress(`${bench.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      for (const [name, index] of last) if (index === i) await fixtures.release(name);
    }
  } finally {
    await fixtures.releaseAll();
    closeHttpAgent();
  }
  progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed.length > 0) {
    progress(`failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();

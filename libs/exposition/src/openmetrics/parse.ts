import { Ch, Cursor } from '../cursor.js';
import type { SeriesTextCache } from '../series-text-cache.js';
import type { ParseResult, ParsedSample } from '../types.js';
import { parseDescriptorLine } from './descriptor-line.js';
import { OpenMetricsFamilies } from './families.js';
import { MetricPointRules } from './metric-points.js';
import { SampleLineParser } from './sample-line.js';

export interface OpenMetricsOptions {
  /**
   * Enforce everything OpenMetrics 1.0 requires (what a conformance check wants). The
   * default accepts what a Prometheus scrape accepts: the spec's syntax (plus trailing
   * commas in label sets) and its `# EOF`, without its rules on metadata, families,
   * metrics, values and exemplars.
   */
  strict?: boolean;
  /** Carries a target's label sets from one scrape to the next (not used in strict mode). */
  cache?: SeriesTextCache;
}

/**
 * Parses an OpenMetrics 1.0 text exposition. Every line ends in `\n`; the last is
 * `# EOF`, whose line feed is optional. `_created` lines come out as samples of their
 * own, as Prometheus ingests them by default. Throws ExpositionError, naming line and
 * column, at the first error.
 */
export function parseOpenMetrics(body: string, options: OpenMetricsOptions = {}): ParseResult {
  const strict = options.strict === true;
  const c = new Cursor(body);
  const families = new OpenMetricsFamilies(c, strict);
  const cache = strict ? undefined : options.cache;
  const lines = new SampleLineParser(c, families, strict, cache);
  const rules = strict ? new MetricPointRules(c) : undefined;
  const samples: ParsedSample[] = [];
  cache?.begin();
  for (;;) {
    if (c.pos >= c.end) c.expected('"# EOF" as the last line');
    if (c.peek() === Ch.Hash) {
      if (parseDescriptorLine(c, families, strict)) break;
    } else {
      const sample = lines.parse();
      rules?.check(lines, sample);
      samples.push(sample);
    }
    if (c.pos >= c.end) c.expected('end of line and "# EOF" as the last line');
    c.endLine();
  }
  rules?.finish();
  cache?.complete();
  return { samples, metadata: families.metadata };
}

import { METRIC_NAME } from '@promethium/model';
import type { Labels } from '@promethium/model';
import type { Cursor } from '../cursor.js';
import type { ParsedSample } from '../types.js';
import type { Family } from './families.js';
import { pointLabelOf } from './family-types.js';
import { HistogramPoint } from './histogram-point.js';
import type { SampleFacts } from './sample-line.js';
import { checkSample } from './sample-rules.js';

/**
 * Strict mode's rules across the samples of a family. Its samples form metrics (samples
 * with equal labels, the point label left out), which must not be interleaved. A metric's
 * samples have timestamps all or none, never going backwards; without them the metric
 * has one metric point, so no sample twice. Equal timestamps are allowed: the spec has
 * ingestors keep the first. Histogram metric points are checked as HistogramPoint says.
 */
export class MetricPointRules {
  #family: Family | undefined;
  readonly #metrics = new Set<string>();
  #metric: string | undefined;
  #timed = false;
  #lastSeconds = 0;
  // Sample name and point label value of each sample of the current untimed metric.
  readonly #untimed = new Set<string>();
  #histogram: HistogramPoint | undefined;

  constructor(private readonly c: Cursor) {}

  check(line: SampleFacts, sample: ParsedSample): void {
    checkSample(this.c, line, sample);
    const { family } = line.kind;
    if (family !== this.#family) {
      this.#endPoint();
      this.#family = family;
      this.#metrics.clear();
      this.#metric = undefined;
    }
    const pointLabel = pointLabelOf(family.type, family.name);
    const labels = sample.labels.without(METRIC_NAME, pointLabel);
    this.#placeInMetric(line, family, labels);
    // Before the check for repeats, which a repeated le would otherwise meet first.
    if (family.type === 'histogram' || family.type === 'gaugehistogram') {
      this.#histogram ??= new HistogramPoint(
        family.type === 'gaugehistogram',
        `${family.type} ${describeMetric(family, labels)}`,
        this.c.line,
      );
      this.#histogram.add(this.c, line, sample.value);
    }
    if (!this.#timed) {
      const key = sample.name + '\xff' + sample.labels.get(pointLabel);
      if (this.#untimed.has(key)) {
        this.c.fail(
          `second ${sample.name} sample of ${describeMetric(family, labels)} without a timestamp`,
          line.nameAt,
        );
      }
      this.#untimed.add(key);
    }
  }

  /** Checks what only the end of the exposition completes. */
  finish(): void {
    this.#endPoint();
  }

  // Starts a metric or continues the current one, ending the metric point where the
  // timestamp moves on.
  #placeInMetric(line: SampleFacts, family: Family, labels: Labels): void {
    const c = this.c;
    const metric = labels.key();
    const seconds = line.timestampSeconds;
    const timed = seconds !== undefined;
    if (metric !== this.#metric) {
      if (this.#metrics.has(metric)) {
        c.fail(
          `samples of ${describeMetric(family, labels)} are interleaved with another metric's`,
          line.nameAt,
        );
      }
      this.#endPoint();
      this.#metrics.add(metric);
      this.#metric = metric;
      this.#timed = timed;
      this.#untimed.clear();
    } else if (timed !== this.#timed) {
      c.fail(
        `samples of ${describeMetric(family, labels)} must have timestamps all or none`,
        line.valueEnd,
      );
    } else if (timed && seconds !== this.#lastSeconds) {
      if (seconds < this.#lastSeconds) {
        c.fail(
          `timestamp goes backwards from the previous sample of ${describeMetric(family, labels)}`,
          line.timestampAt,
        );
      }
      this.#endPoint();
    }
    if (timed) this.#lastSeconds = seconds;
  }

  #endPoint(): void {
    this.#histogram?.close();
    this.#histogram = undefined;
  }
}

function describeMetric(family: Family, labels: Labels): string {
  return labels.size > 0 ? family.name + labels.toString() : family.name;
}

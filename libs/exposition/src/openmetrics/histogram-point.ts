import type { Cursor } from '../cursor.js';
import { ExpositionError } from '../errors.js';
import type { SampleFacts } from './sample-line.js';
import { bucketBound } from './sample-rules.js';

/**
 * One metric point of a histogram or gauge histogram, checked as its samples arrive
 * (buckets sorted by `le`, cumulative) and when it ends (an `+Inf` bucket, `_count`
 * equal to it, `_sum` and `_count` together, and the sign rules tying sums to negative
 * thresholds). End-of-point errors name the line the point began on.
 */
export class HistogramPoint {
  #buckets = 0;
  #lastLe = -Infinity;
  #lastValue = 0;
  #count: number | undefined;
  #hasSum = false;
  #negativeSum = false;
  #negativeLe = false;

  constructor(
    private readonly gauge: boolean,
    /** The histogram and its labels, for messages. */
    private readonly metric: string,
    private readonly line: number,
  ) {}

  add(c: Cursor, line: SampleFacts, value: number): void {
    switch (line.kind.suffix) {
      case '_bucket':
        this.#addBucket(c, line, value);
        break;
      case '_count':
      case '_gcount':
        this.#count = value;
        break;
      case '_sum':
      case '_gsum':
        this.#hasSum = true;
        this.#negativeSum = value < 0;
        break;
    }
  }

  #addBucket(c: Cursor, line: SampleFacts, value: number): void {
    const le = bucketBound(c, line);
    if (this.#buckets > 0 && le <= this.#lastLe) {
      c.fail(
        `bucket le="${line.pointLabel}" follows a bucket with le=${this.#lastLe} (buckets must be sorted by le, each le once)`,
        line.pointLabelAt,
      );
    }
    if (value < this.#lastValue) {
      c.fail(
        `bucket value ${value} is below the previous bucket's ${this.#lastValue} (buckets are cumulative)`,
        line.valueAt,
      );
    }
    this.#buckets++;
    this.#lastLe = le;
    this.#lastValue = value;
    if (le < 0) this.#negativeLe = true;
  }

  /** Checks the point as a whole; throws ExpositionError at the line it began on. */
  close(): void {
    const [count, sum] = this.gauge ? ['_gcount', '_gsum'] : ['_count', '_sum'];
    if (this.#lastLe !== Infinity) this.#fail('has no le="+Inf" bucket');
    if (this.#count !== undefined && this.#count !== this.#lastValue) {
      this.#fail(`has ${count} ${this.#count}, unlike its +Inf bucket's ${this.#lastValue}`);
    }
    if (this.#hasSum !== (this.#count !== undefined)) {
      this.#fail(`has ${this.#hasSum ? sum : count} without ${this.#hasSum ? count : sum}`);
    }
    if (!this.gauge && this.#hasSum && this.#negativeLe) {
      this.#fail('has a _sum although buckets have negative thresholds');
    }
    if (this.gauge && this.#negativeSum && !this.#negativeLe) {
      this.#fail('has a negative _gsum but no buckets with negative thresholds');
    }
  }

  #fail(problem: string): never {
    throw new ExpositionError(this.line, 1, `the metric point of ${this.metric} ${problem}`);
  }
}

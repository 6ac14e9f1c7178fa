import { kahanInc } from '../float/kahan.js';

/** Aggregations that reduce each group to one value. */
export type ReducingOp = 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar';

/** Folds the values of one group; created with the group's first value. */
interface Accumulator {
  add(v: number): void;
  result(): number;
}

class Sum implements Accumulator {
  #c = 0;
  constructor(private sum: number) {}
  add(v: number): void {
    [this.sum, this.#c] = kahanInc(v, this.sum, this.#c);
  }
  result(): number {
    return this.sum + this.#c;
  }
}

/**
 * Prometheus's mean: a direct Kahan sum divided at the end, unless the sum would overflow;
 * from then on an incremental mean, which cannot overflow for finite inputs.
 */
class Mean implements Accumulator {
  #count = 1;
  #c = 0;
  #mean: number | undefined;
  constructor(private sum: number) {}
  add(v: number): void {
    const n = ++this.#count;
    if (this.#mean === undefined) {
      const [sum, c] = kahanInc(v, this.sum, this.#c);
      if (sum !== Infinity && sum !== -Infinity) {
        [this.sum, this.#c] = [sum, c];
        return;
      }
      this.#mean = this.sum / (n - 1);
      this.#c /= n - 1;
    }
    const q = (n - 1) / n;
    [this.#mean, this.#c] = kahanInc(v / n, q * this.#mean, q * this.#c);
  }
  result(): number {
    if (this.#mean !== undefined) return this.#mean + this.#c;
    return this.sum / this.#count + this.#c / this.#count;
  }
}

class Count implements Accumulator {
  #n = 1;
  add(): void {
    this.#n++;
  }
  result(): number {
    return this.#n;
  }
}

/** min and max: NaN loses against any number, so NaN only when every value is NaN. */
class Extreme implements Accumulator {
  constructor(
    private value: number,
    private readonly better: (candidate: number, current: number) => boolean,
  ) {}
  add(v: number): void {
    if (this.better(v, this.value) || Number.isNaN(this.value)) this.value = v;
  }
  result(): number {
    return this.value;
  }
}

/** Welford's online variance; a first value of NaN or ±Inf makes the result NaN. */
class Variance implements Accumulator {
  #count = 1;
  #m2: number;
  constructor(
    private mean: number,
    private readonly sqrt: boolean,
  ) {
    this.#m2 = Number.isFinite(mean) ? 0 : NaN;
  }
  add(v: number): void {
    const n = ++this.#count;
    const delta = v - this.mean;
    this.mean += delta / n;
    this.#m2 += delta * (v - this.mean);
  }
  result(): number {
    const variance = this.#m2 / this.#count;
    return this.sqrt ? Math.sqrt(variance) : variance;
  }
}

function accumulator(op: ReducingOp, first: number): Accumulator {
  switch (op) {
    case 'sum':
      return new Sum(first);
    case 'avg':
      return new Mean(first);
    case 'count':
      return new Count();
    case 'group':
      return { add: () => undefined, result: () => 1 };
    case 'min':
      return new Extreme(first, (v, cur) => cur > v);
    case 'max':
      return new Extreme(first, (v, cur) => cur < v);
    case 'stddev':
      return new Variance(first, true);
    case 'stdvar':
      return new Variance(first, false);
  }
}

/** Reduces a non-empty list of values with `op` exactly as Prometheus does (same float results). */
export function reduce(op: ReducingOp, values: readonly number[]): number {
  return reduceSamples(
    op,
    values.map((v) => ({ v })),
  );
}

/** reduce over the `v` of each item, without first copying the values out. */
export function reduceSamples(op: ReducingOp, items: readonly { readonly v: number }[]): number {
  if (items.length === 0) throw new Error(`BUG: ${op} of an empty group`);
  const acc = accumulator(op, items[0]!.v);
  for (let i = 1; i < items.length; i++) acc.add(items[i]!.v);
  return acc.result();
}

import type { Cursor } from './cursor.js';
import type { MetricMetadata, MetricType } from './types.js';

const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

interface Family {
  readonly name: string;
  readonly type: MetricType;
}

/**
 * The metadata rules of the format: one HELP and one TYPE per metric name, and TYPE
 * before the first sample of its family. A histogram's `_bucket`, `_sum` and `_count`
 * samples (a summary's `_sum` and `_count`) belong to the family TYPE declared.
 */
export class Families {
  /** HELP and TYPE lines by metric name. */
  readonly metadata = new Map<string, MetricMetadata>();
  readonly #typed = new Set<string>();
  readonly #sampled = new Set<string>();
  // Sample name -> family; cleared by every TYPE line, which may change the answer.
  readonly #familyOf = new Map<string, Family>();

  constructor(private readonly c: Cursor) {}

  /** Records a HELP line; a second HELP for the name is an error at `nameAt`. */
  setHelp(name: string, help: string, nameAt: number): void {
    const meta = this.metadata.get(name);
    if (meta?.help !== undefined) this.c.fail(`second HELP line for metric name "${name}"`, nameAt);
    if (meta) meta.help = help;
    else this.metadata.set(name, { type: 'untyped', help });
  }

  /** Records a TYPE line, refusing unknown types, a second TYPE and a TYPE after samples. */
  setType(name: string, type: string, nameAt: number, typeAt: number): void {
    if (!TYPES.has(type)) {
      this.c.fail(
        `unknown metric type ${JSON.stringify(type)} (want counter, gauge, histogram, summary or untyped)`,
        typeAt,
      );
    }
    if (this.#typed.has(name)) this.c.fail(`second TYPE line for metric name "${name}"`, nameAt);
    if (this.#sampled.has(name)) {
      this.c.fail(`TYPE line for metric name "${name}" after samples of that metric`, nameAt);
    }
    this.#typed.add(name);
    const meta = this.metadata.get(name);
    if (meta) meta.type = type as MetricType;
    else this.metadata.set(name, { type: type as MetricType });
    this.#familyOf.clear();
  }

  /** Notes a sample of metric `name` and returns the type of the family it belongs to. */
  noteSample(name: string): MetricType {
    let family = this.#familyOf.get(name);
    if (family === undefined) {
      family = this.#resolve(name);
      this.#familyOf.set(name, family);
      this.#sampled.add(family.name);
    }
    return family.type;
  }

  #resolve(name: string): Family {
    if (!this.#typed.has(name)) {
      for (const suffix of ['_bucket', '_sum', '_count']) {
        if (!name.endsWith(suffix)) continue;
        const base = name.slice(0, -suffix.length);
        const type = this.#typed.has(base) ? this.metadata.get(base)?.type : undefined;
        if (type === 'histogram' || (type === 'summary' && suffix !== '_bucket')) {
          return { name: base, type };
        }
      }
    }
    return { name, type: this.#typed.has(name) ? this.metadata.get(name)!.type : 'untyped' };
  }
}

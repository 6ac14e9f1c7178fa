import type { Cursor } from '../cursor.js';
import type { MetricMetadata } from '../types.js';
import { SUFFIXES } from './family-types.js';
import type { OpenMetricsType } from './family-types.js';

/** The metadata lines of OpenMetrics. */
export type Descriptor = 'HELP' | 'TYPE' | 'UNIT';

/** One sample name a family owns. */
export interface SampleKind {
  readonly family: Family;
  readonly sampleName: string;
  /** What follows the family name: `_total`, `_bucket`, ... or ''. */
  readonly suffix: string;
}

/** A metric family: its name, what its metadata lines said, and its sample names. */
export class Family {
  type: OpenMetricsType = 'unknown';
  unit = '';
  hasSamples = false;
  readonly described = new Set<Descriptor>();
  kinds: readonly SampleKind[];

  constructor(readonly name: string) {
    this.kinds = this.#kindsOf('unknown');
  }

  setType(type: OpenMetricsType): void {
    this.type = type;
    this.kinds = this.#kindsOf(type);
  }

  #kindsOf(type: OpenMetricsType): SampleKind[] {
    return SUFFIXES[type].map((suffix) => ({
      family: this,
      sampleName: this.name + suffix,
      suffix,
    }));
  }
}

/**
 * Assigns lines to metric families. A family is the run of lines that a metadata line
 * or a sample line of a name foreign to the previous family begins; a sample belongs to
 * the current family when its name is one the family's type allows.
 *
 * Both modes check what Prometheus checks (a UNIT must be a suffix of the name). Strict
 * mode adds the spec's rules: metadata before samples and once per kind, no unit on info
 * and stateset, family names used once and not reserved, and no family whose sample names
 * could clash with another's (a gauge `a_created` beside a counter `a`).
 */
export class OpenMetricsFamilies {
  /** HELP, TYPE and UNIT by family name; empty HELP and UNIT count as absent. */
  readonly metadata = new Map<string, MetricMetadata>();
  #current: Family | undefined;
  // Strict mode: every family name and every sample name a family owns, with the owner.
  readonly #owners = new Map<string, Family>();

  constructor(
    private readonly c: Cursor,
    private readonly strict: boolean,
  ) {}

  /** Records a metadata line; `value` is the HELP text, the type or the unit. */
  describe(
    descriptor: Descriptor,
    name: string,
    value: string,
    nameAt: number,
    valueAt: number,
  ): void {
    const family = this.#current?.name === name ? this.#current : this.#begin(name, nameAt);
    if (this.strict) this.#checkDescriptor(family, descriptor, value, nameAt, valueAt);
    family.described.add(descriptor);
    let meta = this.metadata.get(name);
    if (meta === undefined) {
      meta = { type: family.type };
      this.metadata.set(name, meta);
    }
    if (descriptor === 'TYPE') {
      family.setType(value as OpenMetricsType);
      meta.type = family.type;
      if (this.strict) {
        for (const kind of family.kinds) this.#claim(family, kind.sampleName, nameAt);
      }
    } else if (descriptor === 'UNIT') {
      if (value !== '' && !name.endsWith('_' + value)) {
        this.c.fail(
          `unit "${value}" is not a suffix of metric name "${name}" (want a name ending in "_${value}")`,
          valueAt,
        );
      }
      family.unit = value;
      setOrDelete(meta, 'unit', value);
    } else {
      setOrDelete(meta, 'help', value);
    }
  }

  /** The family and kind of a sample named `name` (at `nameAt`), beginning a family if need be. */
  familyOf(name: string, nameAt: number): SampleKind {
    const current = this.#current;
    if (current !== undefined) {
      for (const kind of current.kinds) {
        if (kind.sampleName === name) {
          current.hasSamples = true;
          return kind;
        }
      }
    }
    if (this.strict) this.#checkForeignSample(name, nameAt);
    const family = this.#begin(name, nameAt);
    family.hasSamples = true;
    return family.kinds[0]!;
  }

  #begin(name: string, at: number): Family {
    const family = new Family(name);
    if (this.strict) {
      if (name.startsWith('_')) {
        this.c.fail(`metric family name "${name}" is reserved (names starting with '_' are)`, at);
      }
      this.#claim(family, name, at);
    }
    this.#current = family;
    return family;
  }

  #checkDescriptor(
    family: Family,
    descriptor: Descriptor,
    value: string,
    nameAt: number,
    valueAt: number,
  ): void {
    const { name } = family;
    if (family.hasSamples) {
      this.c.fail(`${descriptor} line for metric family "${name}" after its samples`, nameAt);
    }
    if (family.described.has(descriptor)) {
      this.c.fail(`second ${descriptor} line for metric family "${name}"`, nameAt);
    }
    const type = descriptor === 'TYPE' ? value : family.type;
    const unit = descriptor === 'UNIT' ? value : family.unit;
    if (unit !== '' && (type === 'info' || type === 'stateset')) {
      this.c.fail(`metric family "${name}" of type ${type} cannot have a unit`, valueAt);
    }
  }

  // A sample name the current family does not own: it may only begin a new family.
  #checkForeignSample(name: string, at: number): void {
    const owner = this.#owners.get(name);
    if (owner === undefined) return;
    if (owner === this.#current) {
      const want = owner.kinds.map((k) => k.sampleName).join(' or ');
      this.c.fail(
        `metric family "${owner.name}" of type ${owner.type} has no samples named "${name}" (want ${want})`,
        at,
      );
    }
    this.c.fail(
      `samples named "${name}" belong to metric family "${owner.name}", which ended earlier (families must not be interleaved)`,
      at,
    );
  }

  #claim(family: Family, sampleName: string, at: number): void {
    const owner = this.#owners.get(sampleName);
    if (owner === undefined) {
      this.#owners.set(sampleName, family);
      return;
    }
    if (owner === family) return;
    if (owner.name === family.name) {
      this.c.fail(
        `metric family "${family.name}" appears a second time (a family's lines must be contiguous)`,
        at,
      );
    }
    this.c.fail(
      `metric family "${family.name}" clashes with metric family "${owner.name}": both may have samples named "${sampleName}"`,
      at,
    );
  }
}

function setOrDelete(meta: MetricMetadata, key: 'help' | 'unit', value: string): void {
  if (value === '') delete meta[key];
  else meta[key] = value;
}

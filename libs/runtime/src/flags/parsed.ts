import type { FlagSpec, FlagType, FlagValue } from './spec.js';

/**
 * The outcome of parseFlags: every declared flag's value (given or default), positional
 * arguments, and whether help was asked for. Typed getters throw a BUG error when asked
 * for an undeclared flag or with the wrong type, so a typo fails at the first run.
 */
export class ParsedFlags {
  /** `values` holds each declared flag's values, `explicit` the names given on the command line. */
  constructor(
    readonly command: string,
    readonly help: boolean,
    readonly args: readonly string[],
    private readonly specs: ReadonlyMap<string, FlagSpec>,
    private readonly values: ReadonlyMap<string, readonly FlagValue[]>,
    private readonly explicit: ReadonlySet<string>,
  ) {}

  /** A string flag's value, or undefined when neither given nor defaulted. */
  string(name: string): string | undefined {
    return this.single(name, 'string') as string | undefined;
  }

  /** A number flag's value, or undefined when neither given nor defaulted. */
  number(name: string): number | undefined {
    return this.single(name, 'number') as number | undefined;
  }

  /** A duration flag's value in milliseconds, or undefined when neither given nor defaulted. */
  duration(name: string): number | undefined {
    return this.single(name, 'duration') as number | undefined;
  }

  /** A boolean flag's value; false when neither given nor defaulted. */
  boolean(name: string): boolean {
    return (this.single(name, 'boolean') as boolean | undefined) ?? false;
  }

  /** Every value of a repeatable string flag, in command-line order (the default when not given). */
  strings(name: string): string[] {
    const spec = this.spec(name, 'string');
    if (spec.repeatable !== true) throw new Error(`BUG: flag --${name} is not repeatable`);
    return [...(this.values.get(name) ?? [])] as string[];
  }

  /** Whether the flag appeared on the command line (as opposed to holding its default). */
  isSet(name: string): boolean {
    this.spec(name);
    return this.explicit.has(name);
  }

  private single(name: string, type: FlagType): FlagValue | undefined {
    const spec = this.spec(name, type);
    if (spec.repeatable === true)
      throw new Error(`BUG: flag --${name} is repeatable, use strings()`);
    return this.values.get(name)?.[0];
  }

  private spec(name: string, type?: FlagType): FlagSpec {
    const spec = this.specs.get(name);
    if (spec === undefined) throw new Error(`BUG: flag --${name} is not declared`);
    if (type !== undefined && spec.type !== type) {
      throw new Error(`BUG: flag --${name} is a ${spec.type} flag, read as ${type}`);
    }
    return spec;
  }
}

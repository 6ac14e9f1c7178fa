/** The value kinds a flag can hold; durations are stored in milliseconds. */
export type FlagType = 'string' | 'boolean' | 'number' | 'duration';

/** A flag's parsed value: string, number (number and duration flags, ms) or boolean. */
export type FlagValue = string | number | boolean;

/**
 * Declares one `--name` flag. `default` is typed like the flag, except that a duration
 * default may be written as text (`'1m'`) or as milliseconds. Only string flags may be
 * `repeatable`; `choices` restricts a string flag to an enumeration (kingpin's Enum).
 */
export interface FlagSpec {
  name: string;
  help: string;
  type: FlagType;
  default?: string | boolean | number;
  repeatable?: boolean;
  placeholder?: string;
  choices?: readonly string[];
}

/** Copies `specs` with the defaults named in `defaults` replaced; naming an undeclared flag is a BUG. */
export function withDefaults(
  specs: readonly FlagSpec[],
  defaults: Readonly<Record<string, string | boolean | number>>,
): FlagSpec[] {
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(defaults)) {
    if (!known.has(name)) throw new Error(`BUG: withDefaults names undeclared flag --${name}`);
  }
  return specs.map((s) => (s.name in defaults ? { ...s, default: defaults[s.name] } : s));
}

import { parseDuration } from '@promethium/model';
import { FlagError, toError } from '../errors.js';
import { ParsedFlags } from './parsed.js';
import type { FlagSpec, FlagValue } from './spec.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses kingpin-style flags: `--name=value`, `--name value`, `--flag` / `--no-flag` (and
 * `--flag=true|false`) for booleans, `--` ending the flags. `--help` or `-h` anywhere
 * before `--` yields `help: true` without validating the rest. Anything not starting with
 * `-` is a positional argument. Throws FlagError naming the flag for an unknown flag, a
 * missing or bad value, or a non-repeatable flag given twice.
 */
export function parseFlags(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  command: string,
): ParsedFlags {
  const byName = indexSpecs(specs);
  const end = argv.indexOf('--');
  const flagPart = end < 0 ? argv : argv.slice(0, end);
  const defaults = defaultValues(byName);
  if (flagPart.some((a) => a === '--help' || a === '-h')) {
    return new ParsedFlags(command, true, [], byName, defaults, new Set());
  }
  const given = new Map<string, FlagValue[]>();
  const args: string[] = [];
  const fail: FailAt = (flag, message, cause) => {
    throw new FlagError(flag, `${command}: ${message}, try --help`, { cause });
  };
  for (let i = 0; i < flagPart.length; i++) {
    const token = flagPart[i]!;
    if (!token.startsWith('-') || token === '-') {
      args.push(token);
      continue;
    }
    const { spec, flag, text, tookNext } = readFlag(token, flagPart[i + 1], byName, fail);
    if (tookNext) i++;
    const values = given.get(spec.name) ?? [];
    if (values.length > 0 && spec.repeatable !== true)
      fail(flag, `flag ${flag} cannot be repeated`);
    values.push(
      convert(spec, text, (message, cause) => fail(flag, `flag ${flag}: ${message}`, cause)),
    );
    given.set(spec.name, values);
  }
  if (end >= 0) args.push(...argv.slice(end + 1));
  const values = new Map([...defaults, ...given]);
  return new ParsedFlags(command, false, args, byName, values, new Set(given.keys()));
}

type FailAt = (flag: string, message: string, cause?: unknown) => never;

/** Resolves one `--flag[=value]` token (and the value after it, when it needs one). */
function readFlag(
  token: string,
  next: string | undefined,
  byName: ReadonlyMap<string, FlagSpec>,
  fail: FailAt,
): { spec: FlagSpec; flag: string; text: string; tookNext: boolean } {
  if (!token.startsWith('--')) fail(token, `unknown short flag ${token}`);
  const eq = token.indexOf('=');
  const flag = eq < 0 ? token : token.slice(0, eq);
  const inline = eq < 0 ? undefined : token.slice(eq + 1);
  const { spec, negated } = lookup(byName, flag.slice(2)) ?? fail(flag, `unknown flag ${flag}`);
  if (spec.type === 'boolean') {
    if (negated && inline !== undefined) fail(flag, `flag ${flag} takes no value`);
    return { spec, flag, text: negated ? 'false' : (inline ?? 'true'), tookNext: false };
  }
  if (inline !== undefined) return { spec, flag, text: inline, tookNext: false };
  if (next === undefined || next.startsWith('--')) fail(flag, `flag ${flag} expects a value`);
  return { spec, flag, text: next!, tookNext: true };
}

function lookup(
  byName: ReadonlyMap<string, FlagSpec>,
  name: string,
): { spec: FlagSpec; negated: boolean } | undefined {
  const spec = byName.get(name);
  if (spec !== undefined) return { spec, negated: false };
  const positive = name.startsWith('no-') ? byName.get(name.slice(3)) : undefined;
  return positive?.type === 'boolean' ? { spec: positive, negated: true } : undefined;
}

type Fail = (message: string, cause?: unknown) => never;

function convert(spec: FlagSpec, text: string, fail: Fail): FlagValue {
  switch (spec.type) {
    case 'string':
      if (spec.choices !== undefined && !spec.choices.includes(text)) {
        fail(`invalid value ${JSON.stringify(text)}, expected one of ${spec.choices.join(', ')}`);
      }
      return text;
    case 'boolean':
      if (text !== 'true' && text !== 'false') fail(`invalid boolean ${JSON.stringify(text)}`);
      return text === 'true';
    case 'number':
      if (!NUMBER.test(text)) fail(`invalid number ${JSON.stringify(text)}`);
      return Number(text);
    case 'duration':
      try {
        return parseDuration(text);
      } catch (err) {
        return fail(toError(err).message, err);
      }
  }
}

function indexSpecs(specs: readonly FlagSpec[]): Map<string, FlagSpec> {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) {
    if (spec.name === 'help' || byName.has(spec.name)) {
      throw new Error(`BUG: flag --${spec.name} is declared twice or shadows --help`);
    }
    if (spec.repeatable === true && spec.type !== 'string') {
      throw new Error(`BUG: flag --${spec.name}: only string flags may be repeatable`);
    }
    if (spec.choices !== undefined && spec.type !== 'string') {
      throw new Error(`BUG: flag --${spec.name}: only string flags may have choices`);
    }
    byName.set(spec.name, spec);
  }
  return byName;
}

/** Defaults go through the same conversion as command-line text, so a bad one is a BUG. */
function defaultValues(byName: ReadonlyMap<string, FlagSpec>): Map<string, FlagValue[]> {
  const values = new Map<string, FlagValue[]>();
  for (const spec of byName.values()) {
    const def = spec.default;
    if (def === undefined) continue;
    const bug: Fail = (message) => {
      throw new Error(`BUG: default of flag --${spec.name}: ${message}`);
    };
    if (spec.type === 'duration' && typeof def === 'number') values.set(spec.name, [def]);
    else if (typeof def !== (spec.type === 'duration' ? 'string' : spec.type))
      bug(`not a ${spec.type}`);
    else values.set(spec.name, [convert(spec, String(def), bug)]);
  }
  return values;
}

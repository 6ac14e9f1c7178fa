import { formatDuration } from '@promethium/model';
import type { FlagSpec, ParsedFlags } from '@promethium/runtime';

/**
 * Every flag's value as text, for /api/v1/status/flags: as given or defaulted, durations
 * in Prometheus's duration form, repeated flags joined with commas, unset flags empty.
 */
export function flagTexts(flags: ParsedFlags, specs: readonly FlagSpec[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) out[spec.name] = flagText(flags, spec);
  return out;
}

function flagText(flags: ParsedFlags, spec: FlagSpec): string {
  switch (spec.type) {
    case 'boolean':
      return String(flags.boolean(spec.name));
    case 'number': {
      const n = flags.number(spec.name);
      return n === undefined ? '' : String(n);
    }
    case 'duration': {
      const ms = flags.duration(spec.name);
      return ms === undefined ? '' : formatDuration(ms);
    }
    case 'string':
      return spec.repeatable === true
        ? flags.strings(spec.name).join(',')
        : (flags.string(spec.name) ?? '');
  }
}

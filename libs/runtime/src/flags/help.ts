import { formatDuration } from '@promethium/model';
import type { FlagSpec } from './spec.js';

const MAX_LEFT = 34;

/**
 * Renders kingpin-like usage text: a usage line, the description, then one line per flag
 * (`--help` first) with its placeholder, help, choices and default. Flags whose left
 * column is too wide get their help on the next line.
 */
export function formatHelp(
  command: string,
  description: string,
  specs: readonly FlagSpec[],
): string {
  const rows: [string, string][] = [['  -h, --help', 'Show this help and exit.']];
  for (const spec of specs) rows.push([`      ${flagColumn(spec)}`, helpColumn(spec)]);
  const width = Math.min(MAX_LEFT, Math.max(...rows.map(([left]) => left.length))) + 2;
  const lines = rows.map(([left, help]) =>
    left.length + 2 > width ? `${left}\n${' '.repeat(width)}${help}` : left.padEnd(width) + help,
  );
  return `usage: ${command} [<flags>]\n\n${description}\n\nFlags:\n${lines.join('\n')}\n`;
}

function flagColumn(spec: FlagSpec): string {
  if (spec.type === 'boolean') return `--[no-]${spec.name}`;
  const placeholder = spec.placeholder ?? `<${spec.type}>`;
  return `--${spec.name}=${placeholder}${spec.repeatable === true ? ' ...' : ''}`;
}

function helpColumn(spec: FlagSpec): string {
  let text = spec.help;
  if (spec.repeatable === true) text += ' Can be repeated.';
  if (spec.choices !== undefined) text += ` One of: ${spec.choices.join(', ')}.`;
  if (spec.default !== undefined) text += ` (default: ${formatDefault(spec)})`;
  return text;
}

function formatDefault(spec: FlagSpec): string {
  const def = spec.default;
  if (spec.type === 'duration') return typeof def === 'number' ? formatDuration(def) : String(def);
  return spec.type === 'string' ? JSON.stringify(def) : String(def);
}

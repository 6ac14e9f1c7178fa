import { ScriptParseError } from '../errors.js';
import { parseEval } from './eval.js';
import { parseLoad } from './load.js';
import type { Command, Script } from './types.js';

/**
 * Parses a `.test` script. Lines are trimmed and a line starting with `#` counts
 * as blank; a blank line ends a command's body. Command keywords are matched
 * case-insensitively. Throws ScriptParseError (`file:line[:column]: …`) for the
 * first invalid line; PromQL expressions themselves are not checked.
 */
export function parseScript(text: string, file = '<script>'): Script {
  const lines = text.split('\n').map((raw) => {
    const line = raw.trim();
    return line.startsWith('#') ? '' : line;
  });
  const commands: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const keyword = line.split(/[\t ]+/, 1)[0]!.toLowerCase();
    if (keyword === 'clear') {
      // `clear` has no body, so a command may follow on the very next line.
      commands.push({ kind: 'clear', line: i + 1 });
    } else if (keyword.startsWith('load')) {
      const { command, last } = parseLoad(file, lines, i);
      commands.push(command);
      i = last;
    } else if (keyword.startsWith('eval')) {
      const { command, last } = parseEval(file, lines, i);
      commands.push(command);
      i = last;
    } else {
      throw new ScriptParseError({ file, line: i + 1 }, `invalid command ${JSON.stringify(line)}`);
    }
  }
  return { file, commands };
}

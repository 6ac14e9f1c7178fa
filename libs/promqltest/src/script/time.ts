import { InvalidDurationError, parseDuration } from '@promethium/model';
import { ScriptParseError } from '../errors.js';
import type { LineRef } from '../errors.js';

/**
 * A time or duration of a script (`0`, `90s`, `1m30s`, `8000s`) in ms: times are
 * offsets from the Unix epoch. Throws ScriptParseError naming `what` on bad input.
 */
export function parseTime(at: LineRef, text: string, what: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    if (!(err instanceof InvalidDurationError)) throw err;
    throw new ScriptParseError(
      at,
      `invalid ${what} ${JSON.stringify(text)}: ${err.message}`,
      undefined,
      {
        cause: err,
      },
    );
  }
}

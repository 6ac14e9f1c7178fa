import { goUnquoteBytes } from '@promethium/model';
import { isValidUtf8 } from '../go.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Go's strconv.Unquote for a double-quoted string (quotes included), followed by the check
 * the matchers parser makes that the result is valid UTF-8 (`\x` and octal escapes write
 * single bytes). Undefined for anything either refuses.
 */
export function goUnquoteStrict(quoted: string): string | undefined {
  if (!quoted.startsWith('"') || !isValidUtf8(quoted)) return undefined;
  const bytes = goUnquoteBytes(quoted);
  if (bytes === undefined) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

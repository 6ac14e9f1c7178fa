const strict = new TextDecoder('utf-8', { fatal: true });

// Bytes of a UTF-8 sequence by its lead byte; 0 for a byte that cannot start one.
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Decodes UTF-8 bytes, keeping each byte that is not part of a valid sequence as the
 * lone surrogate U+DC00+byte (Python's "surrogateescape"). A Go string may hold such
 * bytes (`"\xff"`); the lone surrogate keeps it distinguishable from valid text, so
 * label name validation can refuse it and messages can print it as Go does.
 */
export function decodeUtf8Escaped(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    let out = '';
    for (let i = 0; i < bytes.length;) {
      const n = sequenceLength(bytes[i]!);
      const piece = n > 0 ? tryDecode(bytes.subarray(i, i + n)) : undefined;
      if (piece === undefined) {
        out += String.fromCharCode(0xdc00 + bytes[i]!);
        i++;
      } else {
        out += piece;
        i += n;
      }
    }
    return out;
  }
}

function tryDecode(sequence: Uint8Array): string | undefined {
  try {
    return strict.decode(sequence);
  } catch {
    return undefined;
  }
}

/** Go's %q of the bytes `s` stands for (see decodeUtf8Escaped): escaped bytes print as \xNN. */
export function goQuoteEscaped(s: string, quote: (text: string) => string): string {
  let out = '';
  let chunk = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      out += quote(chunk).slice(1, -1) + '\\x' + (code - 0xdc00).toString(16).padStart(2, '0');
      chunk = '';
    } else chunk += ch;
  }
  return `"${out}${quote(chunk).slice(1, -1)}"`;
}

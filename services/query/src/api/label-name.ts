const HEX_RUN = /^[0-9a-fA-F]+$/;

/**
 * Undoes Prometheus's `U__` value-encoding escape of a label name in a URL path
 * (`U__a_2e_b` → `a.b`, `__` → `_`); a name without the prefix, or one that is not a
 * valid escape, is returned unchanged, as Prometheus does.
 */
export function unescapeLabelName(name: string): string {
  if (!name.startsWith('U__')) return name;
  const body = name.slice(3);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '_') {
      out += ch;
      continue;
    }
    if (body[i + 1] === '_') {
      out += '_';
      i++;
      continue;
    }
    const end = body.indexOf('_', i + 1);
    const hex = end < 0 ? '' : body.slice(i + 1, end);
    const code = HEX_RUN.test(hex) ? parseInt(hex, 16) : NaN;
    if (!(code >= 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return name;
    out += String.fromCodePoint(code);
    i = end;
  }
  return out;
}

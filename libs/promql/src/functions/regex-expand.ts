/** A successful match: indexed captures (0 is the whole match) and named captures. */
export type RegexMatch = ArrayLike<string | undefined> & {
  readonly groups?: Readonly<Record<string, string | undefined>> | undefined;
};

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Go's `Regexp.Expand` over a match: `$1`, `${1}`, `$name`, `${name}` insert captures,
 * `$$` a dollar. A bare reference takes the longest run of letters, digits and `_`
 * (so `$1x` names group `1x`); unknown or unmatched groups insert nothing; a `$` that
 * starts no valid reference stays literal.
 */
export function expandTemplate(template: string, match: RegexMatch): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    if (template[dollar + 1] === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    const ref = readReference(template, dollar + 1);
    if (ref === undefined) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    out += capture(match, ref.name) ?? '';
    i = ref.end;
  }
  return out;
}

/** The reference starting at `from` (after the `$`), or undefined when there is none. */
function readReference(s: string, from: number): { name: string; end: number } | undefined {
  const braced = s[from] === '{';
  let i = braced ? from + 1 : from;
  const start = i;
  for (const ch of s.slice(start)) {
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === start) return undefined;
  const name = s.slice(start, i);
  if (!braced) return { name, end: i };
  return s[i] === '}' ? { name, end: i + 1 } : undefined;
}

function capture(match: RegexMatch, name: string): string | undefined {
  if (/^\d+$/.test(name)) {
    // Go reads leading zeros and huge numbers as names, which never exist.
    if ((name.length > 1 && name.startsWith('0')) || name.length > 8) return undefined;
    const n = Number(name);
    return n < match.length ? match[n] : undefined;
  }
  return match.groups?.[name];
}

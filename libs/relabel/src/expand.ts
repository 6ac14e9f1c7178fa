// Go's Regexp.Expand template rules, which Prometheus's replacement and target_label follow:
// `$$` is a literal `$`; `$name` takes the longest run of letters, digits and `_` as the name;
// `${name}` delimits it; an all-digit name without a leading zero is a group number; a name
// that is not a group, or a group that did not participate, expands to nothing; a `$` that
// starts no valid reference is kept as written.

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;
const GROUP_NUMBER = /^(?:0|[1-9][0-9]{0,7})$/;

/** Expands `template` with the groups of `match`. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  let i = 0;
  for (;;) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = readReference(template, i);
    if (ref === undefined) {
      out += '$';
      continue;
    }
    out += groupText(match, ref.name);
    i = ref.end;
  }
}

function readReference(template: string, start: number): { name: string; end: number } | undefined {
  const braced = template[start] === '{';
  let end = braced ? start + 1 : start;
  const nameStart = end;
  while (end < template.length) {
    const ch = String.fromCodePoint(template.codePointAt(end)!);
    if (!NAME_CHAR.test(ch)) break;
    end += ch.length;
  }
  if (end === nameStart) return undefined;
  const name = template.slice(nameStart, end);
  if (!braced) return { name, end };
  return template[end] === '}' ? { name, end: end + 1 } : undefined;
}

function groupText(match: RegExpExecArray, name: string): string {
  if (GROUP_NUMBER.test(name)) return match[Number(name)] ?? '';
  return match.groups?.[name] ?? '';
}

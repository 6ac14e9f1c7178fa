// Alternatives in the order Go's os.Expand tries them: ${special}, ${name}, a dangling "${",
// $special, $name. Shell special names are one character: * # $ @ ! ? - or a digit.
const REFERENCE = /\$(?:\{([*#$@!?\-0-9])\}|\{([^}]*)\}|\{|([*#$@!?\-0-9])|([A-Za-z0-9_]+))/g;

/** The outcome of expanding one string. */
export interface Expansion {
  readonly text: string;
  /** Variables referenced but unset or empty, in order of appearance. */
  readonly empty: string[];
}

/**
 * Expands `$NAME` and `${NAME}` as Prometheus does for external label values (Go's os.Expand):
 * `$$` is a literal `$`, a malformed `${...` is dropped, an unset variable becomes ''.
 */
export function expandEnv(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): Expansion {
  const empty: string[] = [];
  const expanded = text.replace(
    REFERENCE,
    (_match, bracedSpecial?: string, braced?: string, special?: string, plain?: string) => {
      const name = bracedSpecial ?? braced ?? special ?? plain ?? '';
      if (name === '') return ''; // "${}" or an unterminated "${": Go drops it.
      if (name === '$') return '$';
      const value = Object.hasOwn(env, name) ? (env[name] ?? '') : '';
      if (value === '') empty.push(name);
      return value;
    },
  );
  return { text: expanded, empty };
}

// Alertmanager's default matcher parsing ("fallback" mode of matcher/compat): the classic
// parser decides whenever it accepts the input, the UTF-8 parser covers what only it accepts
// (quoted or non-ASCII label names), and when both refuse the classic error is reported.
import { parseClassicMatcher, parseClassicMatchers } from './classic.js';
import { InvalidMatcherError } from './matcher.js';
import type { Matcher } from './matcher.js';
import { parseUtf8Matcher, parseUtf8Matchers } from './utf8.js';

/** Matchers parsed in fallback mode, with what Alertmanager would log about the input. */
export interface ParsedMatchers {
  matchers: Matcher[];
  /** Set when Alertmanager warns: the input is not valid for the UTF-8 parser, or reads differently there. */
  warning?: string;
}

function tryParse<T>(parse: () => T): { value: T } | { error: unknown } {
  try {
    return { value: parse() };
  } catch (error) {
    if (error instanceof InvalidMatcherError) return { error };
    throw error;
  }
}

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return (
    a.length === b.length &&
    a.every((m, i) => m.type === b[i]!.type && m.name === b[i]!.name && m.value === b[i]!.value)
  );
}

function decide(
  utf8: { value: Matcher[] } | { error: unknown },
  classic: { value: Matcher[] } | { error: unknown },
): ParsedMatchers {
  if ('error' in classic) {
    if ('error' in utf8) throw classic.error;
    return { matchers: utf8.value };
  }
  const matchers = classic.value;
  if ('error' in utf8) {
    const suggestion = matchers.map(String).join(',');
    return {
      matchers,
      warning: `not valid for the UTF-8 matchers parser (${(utf8.error as Error).message}); parsed with the classic parser as a fallback. Double-quote values and regexes and escape backslashes, e.g. ${suggestion}`,
    };
  }
  if (utf8.value.length > 0 && !sameMatchers(utf8.value, matchers)) {
    return {
      matchers,
      warning:
        'the UTF-8 and classic matchers parsers disagree on this input; the classic reading is used',
    };
  }
  return { matchers };
}

/** Like parseMatchers, with Alertmanager's warning about the input when it would log one. */
export function parseMatchersDetailed(input: string): ParsedMatchers {
  return decide(
    tryParse(() => parseUtf8Matchers(input)),
    tryParse(() => parseClassicMatchers(input)),
  );
}

/**
 * Parses zero or more matchers (`{a="1", b=~"x.*"}` or the same without braces) as
 * Alertmanager does by default. Throws InvalidMatcherError with Alertmanager's message.
 */
export function parseMatchers(input: string): Matcher[] {
  return parseMatchersDetailed(input).matchers;
}

/** Parses exactly one matcher, without braces, as Alertmanager does by default. */
export function parseMatcher(input: string): Matcher {
  if (input.startsWith('{') || input.endsWith('}')) {
    throw new InvalidMatcherError(`unexpected open or close brace: ${input}`);
  }
  const { matchers } = decide(
    tryParse(() => [parseUtf8Matcher(input)]),
    tryParse(() => [parseClassicMatcher(input)]),
  );
  return matchers[0]!;
}

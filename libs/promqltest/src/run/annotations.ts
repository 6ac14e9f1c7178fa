import type { AnnotationExpectation, Expectations, TextMatcher } from '../script/types.js';

const INFO_PREFIX = 'PromQL info:';

/** Whether `text` satisfies a matcher: any text, exactly `text`, or a regex match anywhere. */
export function textMatches(matcher: TextMatcher, text: string): boolean {
  switch (matcher.kind) {
    case 'any':
      return true;
    case 'exact':
      return matcher.text === text;
    case 'regex':
      return matcher.regex.test(text);
  }
}

/** A matcher for a message. */
export function describeMatcher(matcher: TextMatcher): string {
  switch (matcher.kind) {
    case 'any':
      return 'any text';
    case 'exact':
      return JSON.stringify(matcher.text);
    case 'regex':
      return `/${matcher.source}/`;
  }
}

/**
 * Splits the engine's annotations into warnings and infos. The engine reports one
 * list of strings where Prometheus keeps two kinds; Prometheus prefixes every info
 * with "PromQL info:", so that prefix marks an info and anything else counts as a
 * warning. This is best effort: it is exact only while the engine keeps those texts.
 */
export function splitAnnotations(annotations: readonly string[]): {
  warn: string[];
  info: string[];
} {
  const info = annotations.filter((a) => a.startsWith(INFO_PREFIX));
  const warn = annotations.filter((a) => !a.startsWith(INFO_PREFIX));
  return { warn, info };
}

/**
 * Checks annotations against `expect warn|info|no_warn|no_info` and the legacy
 * eval_warn/eval_info: once an annotation kind has expect lines, each line must match
 * some annotation and each annotation of that kind must match some line. Returns
 * why they differ, or undefined.
 */
export function checkAnnotations(
  expect: Expectations,
  annotations: readonly string[],
): string | undefined {
  const { warn, info } = splitAnnotations(annotations);
  return checkKind('warn', expect.warn, warn) ?? checkKind('info', expect.info, info);
}

function checkKind(
  kind: string,
  expect: AnnotationExpectation,
  actual: readonly string[],
): string | undefined {
  if ((expect.required || expect.matchers.length > 0) && actual.length === 0) {
    return `expected ${kind} annotations but got none`;
  }
  if (expect.forbidden && actual.length > 0)
    return `unexpected ${kind} annotations: ${JSON.stringify(actual)}`;
  for (const matcher of expect.matchers) {
    if (!actual.some((a) => textMatches(matcher, a))) {
      return `expected a ${kind} annotation matching ${describeMatcher(matcher)}, got ${JSON.stringify(actual)}`;
    }
  }
  if (expect.matchers.length === 0) return undefined;
  const stray = actual.find((a) => !expect.matchers.some((m) => textMatches(m, a)));
  return stray === undefined ? undefined : `unexpected ${kind} annotation ${JSON.stringify(stray)}`;
}

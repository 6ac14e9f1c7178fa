// How matchers are written in alertmanager.yml: `matchers` lists (new), and the deprecated
// `match` / `match_re` maps of label name to value or regex.
import { goQuote } from '@promethium/model';
import type { Cursor } from '../../yaml/cursor.js';
import { list, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { isValidUtf8 } from '../go.js';
import { InvalidMatcherError, Matcher, compareMatchers } from './matcher.js';
import { parseMatchersDetailed } from './parse.js';

// prometheus/common's model.LabelNameRE, which the legacy maps are checked against.
const CLASSIC_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Whether `name` is a label name in Alertmanager's default (UTF-8) mode, as `group_by`,
 * `equal` and route labels are checked: any non-empty UTF-8 text.
 */
export function isValidLabelName(name: string): boolean {
  return name !== '' && isValidUtf8(name);
}

/** Builds a matcher, reporting a bad regex at `at`. */
function matcherAt(at: Cursor, type: Matcher['type'], name: string, value: string): Matcher {
  try {
    return new Matcher(type, name, value);
  } catch (err) {
    if (err instanceof InvalidMatcherError) return at.fail(err.message);
    throw err;
  }
}

/**
 * A `matchers` list: each string holds one or more matchers in any syntax Alertmanager
 * accepts; the result is sorted as Alertmanager sorts it.
 */
export const matcherList: Decoder<Matcher[]> = (at) => {
  const matchers = list((item) => {
    const text = str(item);
    try {
      const { matchers: parsed, warning } = parseMatchersDetailed(text);
      if (warning !== undefined) item.warn(`matchers ${goQuote(text)}: ${warning}`);
      return parsed;
    } catch (err) {
      if (err instanceof InvalidMatcherError) return item.fail(err.message);
      throw err;
    }
  })(at);
  return matchers.flat().sort(compareMatchers);
};

function legacyName(at: Cursor, name: string): void {
  if (!CLASSIC_LABEL_NAME.test(name)) at.fail(`invalid label name ${goQuote(name)}`);
}

/** A legacy `match` map: label name to exact value (an empty value matches an absent label). */
export const matchMap: Decoder<Matcher[]> = (at) =>
  at
    .entries()
    .map((entry) => {
      legacyName(entry.keyAt, entry.key);
      return matcherAt(entry.value, '=', entry.key, entry.value.isNull ? '' : str(entry.value));
    })
    .sort(compareMatchers);

/**
 * A legacy `match_re` map: label name to regex. The matcher's value is the anchored form
 * Alertmanager builds (`^(?:<regex>)$`), which is what it prints and puts in group keys.
 */
export const matchReMap: Decoder<Matcher[]> = (at) =>
  at
    .entries()
    .map((entry) => {
      legacyName(entry.keyAt, entry.key);
      if (entry.value.isNull) entry.value.fail(`invalid regexp value for ${goQuote(entry.key)}`);
      const anchored = `^(?:${str(entry.value)})$`;
      return matcherAt(entry.value, '=~', entry.key, anchored);
    })
    .sort(compareMatchers);

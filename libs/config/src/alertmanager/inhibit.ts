import { goQuote } from '@promethium/model';
import { check, list, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object } from '../yaml/object.js';
import { isValidLabelName, matchMap, matchReMap, matcherList } from './matchers/config.js';
import type { InhibitRule } from './types.js';

const equalLabel = check(str, (name) =>
  isValidLabelName(name) ? undefined : `invalid label name ${goQuote(name)} in equal list`,
);

const inhibitShape = object({
  name: field('name', str, ''),
  sourceMatch: field('source_match', matchMap, []),
  sourceMatchRe: field('source_match_re', matchReMap, []),
  sourceMatchers: field('source_matchers', matcherList, []),
  targetMatch: field('target_match', matchMap, []),
  targetMatchRe: field('target_match_re', matchReMap, []),
  targetMatchers: field('target_matchers', matcherList, []),
  equal: field('equal', list(equalLabel), [] as string[]),
});

/**
 * An `inhibit_rules` entry: legacy `*_match` (sorted by name), then `*_match_re`, then
 * `*_matchers`, as Alertmanager assembles a rule.
 */
export const inhibitRule: Decoder<InhibitRule> = (at) => {
  const raw = inhibitShape(at);
  return {
    name: raw.name,
    sourceMatchers: [...raw.sourceMatch, ...raw.sourceMatchRe, ...raw.sourceMatchers],
    targetMatchers: [...raw.targetMatch, ...raw.targetMatchRe, ...raw.targetMatchers],
    equal: raw.equal,
  };
};

import { createHash } from 'node:crypto';
import type { Labels } from '@promethium/model';
import { LabelsBuilder } from './builder.js';
import { type RelabelConfig, isValidLabelName } from './config.js';
import { expandTemplate } from './expand.js';

/**
 * Applies the rules in order, as Prometheus does; undefined when a rule drops the set.
 * Labels starting with `__` are kept: dropping them is the caller's business.
 */
export function relabel(labels: Labels, configs: readonly RelabelConfig[]): Labels | undefined {
  const builder = new LabelsBuilder(labels);
  for (const config of configs) if (!applyRule(builder, config)) return undefined;
  return builder.labels();
}

/** Applies one rule; false when it drops the set. */
function applyRule(lb: LabelsBuilder, c: RelabelConfig): boolean {
  const value = c.sourceLabels.map((name) => lb.get(name)).join(c.separator);
  switch (c.action) {
    case 'drop':
      return !c.regex.test(value);
    case 'keep':
      return c.regex.test(value);
    case 'dropequal':
      return lb.get(c.targetLabel) !== value;
    case 'keepequal':
      return lb.get(c.targetLabel) === value;
    case 'replace':
      replace(lb, c, value);
      return true;
    case 'lowercase':
      lb.set(c.targetLabel, mapCodePoints(value, lowerCodePoint));
      return true;
    case 'uppercase':
      lb.set(c.targetLabel, mapCodePoints(value, upperCodePoint));
      return true;
    case 'hashmod':
      lb.set(c.targetLabel, hashMod(value, c.modulus));
      return true;
    case 'labelmap':
      for (const [name, labelValue] of lb.pairs()) {
        const match = c.regex.match(name);
        if (match !== undefined) lb.set(expandTemplate(c.replacement, match), labelValue);
      }
      return true;
    case 'labeldrop':
    case 'labelkeep':
      for (const [name] of lb.pairs())
        if (c.regex.test(name) === (c.action === 'labeldrop')) lb.delete(name);
      return true;
  }
}

function replace(lb: LabelsBuilder, c: RelabelConfig, value: string): void {
  const match = c.regex.match(value);
  if (match === undefined) return;
  const target = expandTemplate(c.targetLabel, match);
  if (!isValidLabelName(target)) return;
  // An empty result deletes the target label.
  lb.set(target, expandTemplate(c.replacement, match));
}

/** The last 8 bytes of the MD5 of `value`, big-endian, modulo `modulus`, in decimal. */
function hashMod(value: string, modulus: number): string {
  const digest = createHash('md5').update(value, 'utf8').digest();
  return (digest.readBigUInt64BE(8) % BigInt(modulus)).toString();
}

// Go maps case one code point at a time (Unicode's simple mappings); JavaScript applies the
// full mappings, which can turn one code point into several (ß to SS, İ to i̇). Where that
// happens Go keeps the letter in upper case (bar a few Greek letters with iota subscript, which
// differ here) and, in lower case (only İ), yields the first code point.
function mapCodePoints(text: string, map: (ch: string) => string): string {
  let out = '';
  for (const ch of text) out += map(ch);
  return out;
}

function lowerCodePoint(ch: string): string {
  const lower = ch.toLowerCase();
  return String.fromCodePoint(lower.codePointAt(0)!);
}

function upperCodePoint(ch: string): string {
  const upper = ch.toUpperCase();
  return [...upper].length === 1 ? upper : ch;
}

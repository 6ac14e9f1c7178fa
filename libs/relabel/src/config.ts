import RE2 from 're2';
import { goQuote } from '@promethium/model';
import { InvalidRelabelRegexError, RelabelRegex } from './regex.js';

/** The relabeling actions Prometheus knows. */
export const RELABEL_ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;

export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

/** One relabeling rule as written; an absent field takes Prometheus's default. */
export interface RelabelConfigSpec {
  sourceLabels?: readonly string[];
  /** Default `;`. */
  separator?: string;
  /** Default `(.*)`; anchored at both ends. */
  regex?: string;
  modulus?: number;
  targetLabel?: string;
  /** Default `$1`. */
  replacement?: string;
  /** Default `replace`; compared case-insensitively, as Prometheus does. */
  action?: string;
}

/** A validated relabeling rule, defaults applied. */
export interface RelabelConfig {
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  readonly regex: RelabelRegex;
  readonly modulus: number;
  /** May hold `$1`-style references for the replace action. */
  readonly targetLabel: string;
  readonly replacement: string;
  readonly action: RelabelAction;
}

/** A rule Prometheus would refuse; `field` names the spec field at fault. */
export class InvalidRelabelConfigError extends Error {
  override readonly name = 'InvalidRelabelConfigError';

  constructor(
    message: string,
    readonly field: keyof RelabelConfigSpec,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_SEPARATOR = ';';
const DEFAULT_REGEX = '(.*)';
const DEFAULT_REPLACEMENT = '$1';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// A label name in which `$1`, `$name` or `${name}` references may stand for characters.
const LABEL_NAME_TEMPLATE = new RE2('^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$');

/** Whether `name` is a valid label name (`[a-zA-Z_][a-zA-Z0-9_]*`). */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Applies the defaults to `spec` and validates it as Prometheus does; throws InvalidRelabelConfigError. */
export function newRelabelConfig(spec: RelabelConfigSpec): RelabelConfig {
  const config: RelabelConfig = {
    sourceLabels: spec.sourceLabels ?? [],
    separator: spec.separator ?? DEFAULT_SEPARATOR,
    regex: compileRegex(spec.regex ?? DEFAULT_REGEX),
    modulus: spec.modulus ?? 0,
    targetLabel: spec.targetLabel ?? '',
    replacement: spec.replacement ?? DEFAULT_REPLACEMENT,
    action: parseAction(spec.action ?? 'replace'),
  };
  const problem = findProblem(config, spec);
  if (problem !== undefined) throw new InvalidRelabelConfigError(problem[1], problem[0]);
  return config;
}

function compileRegex(source: string): RelabelRegex {
  try {
    return new RelabelRegex(source);
  } catch (err) {
    if (err instanceof InvalidRelabelRegexError)
      throw new InvalidRelabelConfigError(err.message, 'regex', { cause: err });
    throw err;
  }
}

function parseAction(text: string): RelabelAction {
  const action = RELABEL_ACTIONS.find((a) => a === text.toLowerCase());
  if (action === undefined)
    throw new InvalidRelabelConfigError(`unknown relabel action ${goQuote(text)}`, 'action');
  return action;
}

type Problem = [keyof RelabelConfigSpec, string];

const NEEDS_TARGET: ReadonlySet<RelabelAction> = new Set([
  'replace',
  'hashmod',
  'lowercase',
  'uppercase',
  'keepequal',
  'dropequal',
]);
const TARGET_ONLY: ReadonlySet<RelabelAction> = new Set([
  'lowercase',
  'uppercase',
  'keepequal',
  'dropequal',
]);

// The checks of Prometheus's RelabelConfig.Validate, in its order.
function findProblem(c: RelabelConfig, spec: RelabelConfigSpec): Problem | undefined {
  const { action } = c;
  if (action === 'hashmod' && c.modulus === 0)
    return ['modulus', 'relabel configuration for hashmod requires non-zero modulus'];
  if (NEEDS_TARGET.has(action) && c.targetLabel === '')
    return [
      'targetLabel',
      `relabel configuration for ${action} action requires 'target_label' value`,
    ];
  const invalidTarget: Problem = [
    'targetLabel',
    `${goQuote(c.targetLabel)} is invalid 'target_label' for ${action} action`,
  ];
  if (action === 'replace' && !isValidTargetTemplate(c.targetLabel)) return invalidTarget;
  if (TARGET_ONLY.has(action) && !isValidLabelName(c.targetLabel)) return invalidTarget;
  if (TARGET_ONLY.has(action) && c.replacement !== DEFAULT_REPLACEMENT)
    return ['replacement', `'replacement' can not be set for ${action} action`];
  if (action === 'labelmap' && !LABEL_NAME_TEMPLATE.test(c.replacement))
    return [
      'replacement',
      `${goQuote(c.replacement)} is invalid 'replacement' for ${action} action`,
    ];
  if (action === 'hashmod' && !isValidLabelName(c.targetLabel)) return invalidTarget;
  if (action === 'keepequal' || action === 'dropequal') return extraFieldOfEqual(c, spec);
  if (action === 'labeldrop' || action === 'labelkeep') return extraFieldOfLabelFilter(c, spec);
  return undefined;
}

function isValidTargetTemplate(target: string): boolean {
  return target.includes('$') ? LABEL_NAME_TEMPLATE.test(target) : isValidLabelName(target);
}

// Prometheus refuses any regex written out here, even the default one.
function extraFieldOfEqual(c: RelabelConfig, spec: RelabelConfigSpec): Problem | undefined {
  const field = firstSet([
    ['regex', spec.regex !== undefined],
    ['modulus', c.modulus !== 0],
    ['separator', c.separator !== DEFAULT_SEPARATOR],
    ['replacement', c.replacement !== DEFAULT_REPLACEMENT],
  ]);
  const message = `${c.action} action requires only 'source_labels' and \`target_label\`, and no other fields`;
  return field === undefined ? undefined : [field, message];
}

function extraFieldOfLabelFilter(c: RelabelConfig, spec: RelabelConfigSpec): Problem | undefined {
  const field = firstSet([
    ['sourceLabels', spec.sourceLabels !== undefined],
    ['targetLabel', c.targetLabel !== ''],
    ['modulus', c.modulus !== 0],
    ['separator', c.separator !== DEFAULT_SEPARATOR],
    ['replacement', c.replacement !== DEFAULT_REPLACEMENT],
  ]);
  const message = `${c.action} action requires only 'regex', and no other fields`;
  return field === undefined ? undefined : [field, message];
}

function firstSet(
  fields: readonly (readonly [keyof RelabelConfigSpec, boolean])[],
): keyof RelabelConfigSpec | undefined {
  return fields.find(([, set]) => set)?.[0];
}

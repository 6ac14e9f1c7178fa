import { goQuote, goQuoteTruncated } from '@promethium/model';

/** Binary and set operators, plus `@`, as Prometheus groups them. */
export const OPERATOR_TYPES = [
  'ADD',
  'SUB',
  'MUL',
  'DIV',
  'MOD',
  'POW',
  'EQLC',
  'NEQ',
  'LSS',
  'LTE',
  'GTR',
  'GTE',
  'TRIM_UPPER',
  'TRIM_LOWER',
  'EQL_REGEX',
  'NEQ_REGEX',
  'LAND',
  'LOR',
  'LUNLESS',
  'ATAN2',
  'AT',
] as const;

/** Aggregation operators. */
export const AGGREGATOR_TYPES = [
  'SUM',
  'AVG',
  'COUNT',
  'MIN',
  'MAX',
  'GROUP',
  'STDDEV',
  'STDVAR',
  'TOPK',
  'BOTTOMK',
  'COUNT_VALUES',
  'QUANTILE',
  'LIMITK',
  'LIMIT_RATIO',
] as const;

/** Modifier keywords. */
export const KEYWORD_TYPES = [
  'OFFSET',
  'BY',
  'WITHOUT',
  'ON',
  'IGNORING',
  'GROUP_LEFT',
  'GROUP_RIGHT',
  'FILL',
  'FILL_LEFT',
  'FILL_RIGHT',
  'ANCHORED',
  'SMOOTHED',
  'BOOL',
] as const;

/** Words that start `@` values and duration expressions, or name experimental functions. */
export const PREPROCESSOR_TYPES = ['START', 'END', 'STEP', 'RANGE', 'MAX_OF', 'MIN_OF'] as const;

/** An operator token type. */
export type OperatorType = (typeof OPERATOR_TYPES)[number];
/** An aggregator token type. */
export type AggregatorType = (typeof AGGREGATOR_TYPES)[number];
/** A keyword token type. */
export type KeywordType = (typeof KEYWORD_TYPES)[number];
/** A preprocessor token type. */
export type PreprocessorType = (typeof PREPROCESSOR_TYPES)[number];

/** Every kind of token the lexer produces. */
export type TokenType =
  | 'EOF'
  | 'COMMENT'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'COLON'
  | 'EQL'
  | OperatorType
  | AggregatorType
  | KeywordType
  | PreprocessorType;

/**
 * One token. `text` is the source text (a STRING keeps its quotes); `value` is the
 * decoded content of a STRING and empty otherwise; `offset` indexes the input.
 */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly offset: number;
  readonly value: string;
}

/** Words the lexer turns into tokens other than identifiers, by lower-case spelling. */
export const WORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['and', 'LAND'],
  ['or', 'LOR'],
  ['unless', 'LUNLESS'],
  ['atan2', 'ATAN2'],
  ...AGGREGATOR_TYPES.map((t): [string, TokenType] => [t.toLowerCase(), t]),
  ...KEYWORD_TYPES.map((t): [string, TokenType] => [t.toLowerCase(), t]),
  ...PREPROCESSOR_TYPES.map((t): [string, TokenType] => [t.toLowerCase(), t]),
  ['inf', 'NUMBER'],
  ['nan', 'NUMBER'],
]);

const operators = new Set<TokenType>(OPERATOR_TYPES);
const aggregators = new Set<TokenType>(AGGREGATOR_TYPES);
const keywords = new Set<TokenType>(KEYWORD_TYPES);

/** Whether the token type is an aggregation operator. */
export function isAggregator(type: TokenType): type is AggregatorType {
  return aggregators.has(type);
}

const utf8 = new TextEncoder();

function quoted(text: string): string {
  return utf8.encode(text).length > 10 ? goQuoteTruncated(text) : goQuote(text);
}

const NAMED: Partial<Record<TokenType, string>> = {
  IDENTIFIER: 'identifier',
  METRIC_IDENTIFIER: 'metric identifier',
  NUMBER: 'number',
  DURATION: 'duration',
  STRING: 'string',
  COMMENT: 'comment',
};

/** How Prometheus names a token in "unexpected …" messages, e.g. `identifier "foo"`, `<op:+>`. */
export function describeToken(token: Token): string {
  if (token.type === 'EOF') return 'end of input';
  if (token.type === 'IDENTIFIER' || token.type === 'METRIC_IDENTIFIER') {
    return `${NAMED[token.type]} ${goQuote(token.text)}`;
  }
  if (keywords.has(token.type)) return `<${token.text}>`;
  if (operators.has(token.type)) return `<op:${token.text}>`;
  if (aggregators.has(token.type)) return `<aggr:${token.text}>`;
  const name = NAMED[token.type];
  return name === undefined ? quoted(token.text) : `${name} ${quoted(token.text)}`;
}

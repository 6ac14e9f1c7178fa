import type {
  AggregateExpr,
  BinaryExpr,
  Call,
  Expr,
  ParenExpr,
  SubqueryExpr,
  UnaryExpr,
} from '../parser/ast.js';
import { aggregateHead, binaryOperator, formatExpr, subquerySuffix } from './printer.js';

// Prometheus's maxCharactersPerLine: a node whose one-line form is longer is split.
const MAX_LINE_BYTES = 100;
const INDENT = '  ';

/**
 * `expr` as Prometheus's parser.Prettify writes it (the answer of /api/v1/format_query):
 * every node whose canonical one-line form (formatExpr) exceeds 100 bytes is split over
 * lines, each nesting level indented by two spaces; shorter nodes, selectors and literals
 * stay on one line.
 */
export function prettify(expr: Expr): string {
  return pretty(expr, 0);
}

/**
 * `e` printed at nesting `level`. A level above 0 means the parent has started a new line,
 * so `e` begins with its own indentation.
 */
function pretty(e: Expr, level: number): string {
  switch (e.kind) {
    case 'AggregateExpr':
      return prettyAggregate(e, level);
    case 'BinaryExpr':
      return prettyBinary(e, level);
    case 'Call':
      return prettyCall(e, level);
    case 'ParenExpr':
      return prettyParen(e, level);
    case 'SubqueryExpr':
      return prettySubquery(e, level);
    case 'UnaryExpr':
      return prettyUnary(e, level);
    default:
      return indent(level) + formatExpr(e);
  }
}

/** `sum by (job) (` / param, / expression / `)`, the body one level deeper. */
function prettyAggregate(e: AggregateExpr, level: number): string {
  const line = formatExpr(e);
  if (!tooLong(line)) return indent(level) + line;
  const param = e.param ? `${pretty(e.param, level + 1)},\n` : '';
  return `${indent(level)}${aggregateHead(e)}(\n${param}${pretty(e.expr, level + 1)}\n${indent(level)})`;
}

/** Both operands one level deeper, the operator with its modifiers alone between them. */
function prettyBinary(e: BinaryExpr, level: number): string {
  const line = formatExpr(e);
  if (!tooLong(line)) return indent(level) + line;
  return `${pretty(e.lhs, level + 1)}\n${indent(level)}${binaryOperator(e)}\n${pretty(e.rhs, level + 1)}`;
}

/** `name(` / one argument a line, comma-separated / `)`. */
function prettyCall(e: Call, level: number): string {
  const line = formatExpr(e);
  if (!tooLong(line)) return indent(level) + line;
  const args = e.args.map((arg) => pretty(arg, level + 1)).join(',\n');
  return `${indent(level)}${e.func}(\n${args}\n${indent(level)})`;
}

function prettyParen(e: ParenExpr, level: number): string {
  const line = formatExpr(e);
  if (!tooLong(line)) return indent(level) + line;
  return `${indent(level)}(\n${pretty(e.expr, level + 1)}\n${indent(level)})`;
}

/**
 * The inner expression at this level with the `[range:step]` suffix on its last line. A
 * subquery short enough for one line is written without indentation, exactly as
 * Prometheus's SubqueryExpr.Pretty does, so format_query answers the same text.
 */
function prettySubquery(e: SubqueryExpr, level: number): string {
  const line = formatExpr(e);
  if (!tooLong(line)) return line;
  return pretty(e.expr, level) + subquerySuffix(e);
}

/** The sign, then the operand at this level with its leading indentation dropped. */
function prettyUnary(e: UnaryExpr, level: number): string {
  return `${indent(level)}${e.op}${pretty(e.expr, level).trim()}`;
}

function tooLong(line: string): boolean {
  return utf8Length(line) > MAX_LINE_BYTES;
}

function indent(level: number): string {
  return INDENT.repeat(level);
}

/** Bytes of `s` in UTF-8, the length Go measures; a lone surrogate counts as U+FFFD. */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

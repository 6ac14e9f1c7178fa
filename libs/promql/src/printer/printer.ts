import { METRIC_NAME, formatDuration, goQuote as quoteText } from '@promethium/model';
import { goQuoteEscaped } from '../lexer/utf8.js';
import type { Matcher } from '@promethium/model';
import type {
  AggregateExpr,
  AtModifier,
  BinaryExpr,
  DurationExpr,
  Expr,
  NumberLiteral,
  SubqueryExpr,
  TimeModifiers,
  VectorMatching,
  VectorSelector,
} from '../parser/ast.js';
import { formatFloat, formatG } from '../float/go-float.js';

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Strings may hold bytes that are not UTF-8 (see decodeUtf8Escaped); print them as \xNN.
const goQuote = (s: string): string => goQuoteEscaped(s, quoteText);

/**
 * Canonical single-line PromQL for `expr`, as Prometheus's String() writes it (the
 * form /api/v1/format_query builds on). Parsing the result gives back the same tree.
 */
export function formatExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'NumberLiteral':
      return formatNumber(expr);
    case 'StringLiteral':
      return goQuote(expr.value);
    case 'VectorSelector':
      return formatVector(expr);
    case 'MatrixSelector': {
      const vs = expr.selector;
      const range = expr.rangeExpr
        ? formatDurationNode(expr.rangeExpr)
        : formatDuration(expr.rangeMs);
      return `${selectorBase(vs)}[${range}]${extended(vs)}${formatAt(vs.at)}${formatOffset(vs)}`;
    }
    case 'SubqueryExpr':
      return formatExpr(expr.expr) + subquerySuffix(expr);
    case 'ParenExpr':
      return `(${formatExpr(expr.expr)})`;
    case 'UnaryExpr':
      return expr.op + formatExpr(expr.expr);
    case 'BinaryExpr':
      return formatBinary(expr);
    case 'AggregateExpr':
      return formatAggregate(expr);
    case 'Call':
      return `${expr.func}(${expr.args.map(formatExpr).join(', ')})`;
  }
}

function formatNumber(n: NumberLiteral): string {
  if (!n.duration) return formatFloat(n.value);
  const text = formatDuration(Math.abs(n.value) * 1000);
  return n.value < 0 ? `-${text}` : text;
}

/** A duration expression as written inside brackets or after `offset`. */
function formatDurationNode(d: DurationExpr | NumberLiteral): string {
  if (d.kind === 'NumberLiteral') return formatNumber(d);
  const body = durationBody(d);
  return d.wrapped ? `(${body})` : body;
}

function durationBody(d: DurationExpr): string {
  switch (d.op) {
    case 'step':
    case 'range':
      return `${d.op}()`;
    case 'min_of':
    case 'max_of':
      return `${d.op}(${formatDurationNode(operand(d.lhs))}, ${formatDurationNode(operand(d.rhs))})`;
  }
  const rhs = formatDurationNode(operand(d.rhs));
  if (d.lhs === undefined) return d.op === '-' ? `-${rhs}` : rhs;
  return `${formatDurationNode(d.lhs)} ${d.op} ${rhs}`;
}

function operand<T>(node: T | undefined): T {
  if (node === undefined) throw new Error('BUG: duration expression without its operand');
  return node;
}

function formatMatcher(m: Matcher): string {
  const name = LEGACY_NAME.test(m.name) ? m.name : goQuote(m.name);
  return `${name}${m.type}${goQuote(m.value)}`;
}

function selectorBase(vs: VectorSelector): string {
  const shown = vs.matchers
    .filter(
      (m) => !(m.name === METRIC_NAME && m.type === '=' && m.value === vs.name && m.value !== ''),
    )
    .map(formatMatcher)
    .sort();
  return shown.length === 0 ? vs.name : `${vs.name}{${shown.join(',')}}`;
}

function formatVector(vs: VectorSelector): string {
  return selectorBase(vs) + formatAt(vs.at) + extended(vs) + formatOffset(vs);
}

function extended(vs: VectorSelector): string {
  if (vs.anchored) return ' anchored';
  return vs.smoothed ? ' smoothed' : '';
}

function formatAt(at: AtModifier | undefined): string {
  if (at === undefined) return '';
  if (at.kind !== 'timestamp') return ` @ ${at.kind}()`;
  return ` @ ${(at.ms / 1000).toFixed(3)}`;
}

function formatOffset(t: TimeModifiers): string {
  if (t.offsetExpr) return ` offset ${formatDurationNode(t.offsetExpr)}`;
  if (t.offsetMs === 0) return '';
  return ` offset ${formatDuration(t.offsetMs)}`;
}

/** The `[range:step] @ … offset …` that follows a subquery's inner expression. */
export function subquerySuffix(sq: SubqueryExpr): string {
  const range = sq.rangeExpr ? formatDurationNode(sq.rangeExpr) : formatDuration(sq.rangeMs);
  let step = '';
  if (sq.stepMs !== 0) step = formatDuration(sq.stepMs);
  else if (sq.stepExpr) step = formatDurationNode(sq.stepExpr);
  return `[${range}:${step}]${formatAt(sq.at)}${formatOffset(sq)}`;
}

function formatLabels(labels: readonly string[]): string {
  return labels.map((l) => (LEGACY_NAME.test(l) ? l : goQuote(l))).join(', ');
}

function formatBinary(b: BinaryExpr): string {
  return `${formatExpr(b.lhs)} ${binaryOperator(b)} ${formatExpr(b.rhs)}`;
}

/** The operator of `b` with its `bool` and vector matching modifiers, e.g. `+ on (job) group_left ()`. */
export function binaryOperator(b: BinaryExpr): string {
  const bool = b.returnBool ? ' bool' : '';
  const matching = b.matching ? formatMatching(b.matching) : '';
  return `${b.op}${bool}${matching}`;
}

function formatMatching(m: VectorMatching): string {
  const grouped = m.card === 'many-to-one' || m.card === 'one-to-many';
  let out = '';
  if (m.labels.length > 0 || m.on || grouped) {
    out += ` ${m.on ? 'on' : 'ignoring'} (${formatLabels(m.labels)})`;
  }
  if (grouped) {
    out += ` group_${m.card === 'many-to-one' ? 'left' : 'right'} (${formatLabels(m.include)})`;
  }
  const { fillLhs: l, fillRhs: r } = m;
  if (l !== undefined && r !== undefined && l === r) return `${out} fill (${formatG(l)})`;
  if (l !== undefined) out += ` fill_left (${formatG(l)})`;
  if (r !== undefined) out += ` fill_right (${formatG(r)})`;
  return out;
}

function formatAggregate(a: AggregateExpr): string {
  const param = a.param ? `${formatExpr(a.param)}, ` : '';
  return `${aggregateHead(a)}(${param}${formatExpr(a.expr)})`;
}

/** What precedes an aggregation's parenthesis: `sum`, or `sum by (job) ` with its trailing space. */
export function aggregateHead(a: AggregateExpr): string {
  if (a.without) return `${a.op} without (${formatLabels(a.grouping)}) `;
  if (a.grouping.length > 0) return `${a.op} by (${formatLabels(a.grouping)}) `;
  return a.op;
}

import type { AggregatorType } from '../lexer/token.js';
import { parseArgs } from './call.js';
import { parseGroupingLabels } from './grouping.js';
import type { Parser } from './parser.js';
import { documentedType, valueTypeOf } from './ast.js';
import type { AggregateExpr, AggregateOp, Expr, ValueType } from './ast.js';

const PARAM_TYPES: Partial<Record<AggregateOp, ValueType>> = {
  topk: 'scalar',
  bottomk: 'scalar',
  quantile: 'scalar',
  limitk: 'scalar',
  limit_ratio: 'scalar',
  count_values: 'string',
};

const EXPERIMENTAL = new Set<AggregateOp>(['limitk', 'limit_ratio']);

interface Grouping {
  grouping: string[];
  without: boolean;
}

/** Parses `op [by|without (…)] ([param,] expr) [by|without (…)]`. */
export function parseAggregate(p: Parser): AggregateExpr {
  const token = p.take();
  const op = token.type.toLowerCase() as Lowercase<AggregatorType>;
  let modifier = parseModifier(p);
  if (p.peek().type !== 'LEFT_PAREN') p.unexpected('aggregation');
  const args = parseArgs(p, 'aggregation');
  modifier ??= parseModifier(p);
  const pos = { start: token.offset, end: p.lastTokenEnd };
  if (args.length === 0) p.fail(pos.start, 'no arguments for aggregate expression provided');
  const paramType = PARAM_TYPES[op];
  if (paramType && EXPERIMENTAL.has(op) && !p.options.experimentalFunctions) {
    p.fail(
      pos.start,
      `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`,
    );
  }
  const want = paramType ? 2 : 1;
  if (args.length !== want) {
    p.fail(
      pos.start,
      `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`,
    );
  }
  const expr = args[want - 1]!;
  const param = paramType ? args[0] : undefined;
  expectType(p, expr, 'vector', 'aggregation expression');
  if (param && paramType) expectType(p, param, paramType, 'aggregation parameter');
  const { grouping, without } = modifier ?? { grouping: [], without: false };
  return { kind: 'AggregateExpr', op, expr, param, grouping, without, pos };
}

function parseModifier(p: Parser): Grouping | undefined {
  const type = p.peek().type;
  if (type !== 'BY' && type !== 'WITHOUT') return undefined;
  p.take();
  return { grouping: parseGroupingLabels(p), without: type === 'WITHOUT' };
}

function expectType(p: Parser, expr: Expr, want: ValueType, context: string): void {
  const got = valueTypeOf(expr);
  if (got !== want) {
    p.fail(
      expr.pos.start,
      `expected type ${documentedType(want)} in ${context}, got ${documentedType(got)}`,
    );
  }
}

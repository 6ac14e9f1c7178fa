import { FUNCTIONS } from '@promethium/promql';
import type { DurationExpr, Expr, NumberLiteral, TimeModifiers } from '@promethium/promql';
import type { Matcher } from '@promethium/model';
import type { Request, Response } from 'express';
import { formatFloat, jsonString, send, successBody } from './json.js';
import { formValues } from './params.js';
import { parse, queryParamError } from './query-tools.js';

/** A JSON value as Go's encoding/json writes a map[string]any tree. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** GET/POST /parse_query: the query's syntax tree in Prometheus 3's JSON shape (the UI's tree view). */
export function parseQuery(req: Request, res: Response): void {
  const expr = parse(formValues(req)('query'), queryParamError);
  send(res, 200, successBody(goJson(translate(expr)), []));
}

/** Encodes as Go does a map tree: object keys sorted, strings escaped as Go escapes them. */
export function goJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${jsonString(k)}:${goJson(v[k]!)}`).join(',')}}`;
}

function matchers(list: readonly Matcher[]): Json {
  return list.map((m) => ({ name: m.name, value: m.value, type: m.type }));
}

function timeFields(t: TimeModifiers): { [key: string]: Json } {
  return {
    offset: t.offsetMs,
    offsetExpr: duration(t.offsetExpr),
    timestamp: t.at?.kind === 'timestamp' ? t.at.ms : null,
    startOrEnd: t.at === undefined || t.at.kind === 'timestamp' ? null : t.at.kind,
  };
}

function duration(node: DurationExpr | NumberLiteral | undefined): Json {
  if (node === undefined) return null;
  if (node.kind === 'NumberLiteral')
    return { type: 'numberLiteral', val: formatFloat(node.value), duration: node.duration };
  return {
    type: 'durationExpr',
    op: node.op,
    lhs: duration(node.lhs),
    rhs: duration(node.rhs),
    wrapped: node.wrapped,
  };
}

/** The tree of one expression, node by node as Prometheus's translateAST builds it. */
export function translate(node: Expr | undefined): Json {
  if (node === undefined) return null;
  switch (node.kind) {
    case 'AggregateExpr':
      return {
        type: 'aggregation',
        op: node.op,
        expr: translate(node.expr),
        param: translate(node.param),
        grouping: [...node.grouping],
        without: node.without,
      };
    case 'BinaryExpr': {
      const m = node.matching;
      const matching: Json = m
        ? {
            card: m.card,
            labels: [...m.labels],
            on: m.on,
            include: [...m.include],
            fillValues: { lhs: m.fillLhs ?? null, rhs: m.fillRhs ?? null },
          }
        : null;
      return {
        type: 'binaryExpr',
        op: node.op,
        lhs: translate(node.lhs),
        rhs: translate(node.rhs),
        matching,
        bool: node.returnBool,
      };
    }
    case 'Call': {
      const f = FUNCTIONS.get(node.func);
      return {
        type: 'call',
        func: {
          name: node.func,
          argTypes: [...(f?.argTypes ?? [])],
          variadic: f?.variadic ?? 0,
          returnType: f?.returnType ?? 'none',
        },
        args: node.args.map(translate),
      };
    }
    case 'MatrixSelector': {
      const vs = node.selector;
      return {
        type: 'matrixSelector',
        name: vs.name,
        range: node.rangeMs,
        rangeExpr: duration(node.rangeExpr),
        matchers: matchers(vs.matchers),
        anchored: vs.anchored,
        smoothed: vs.smoothed,
        ...timeFields(vs),
      };
    }
    case 'SubqueryExpr':
      return {
        type: 'subquery',
        expr: translate(node.expr),
        range: node.rangeMs,
        rangeExpr: duration(node.rangeExpr),
        step: node.stepMs,
        stepExpr: duration(node.stepExpr),
        ...timeFields(node),
      };
    case 'NumberLiteral':
      return { type: 'numberLiteral', val: formatFloat(node.value) };
    case 'StringLiteral':
      return { type: 'stringLiteral', val: node.value };
    case 'ParenExpr':
      return { type: 'parenExpr', expr: translate(node.expr) };
    case 'UnaryExpr':
      return { type: 'unaryExpr', op: node.op, expr: translate(node.expr) };
    case 'VectorSelector':
      return {
        type: 'vectorSelector',
        name: node.name,
        matchers: matchers(node.matchers),
        anchored: node.anchored,
        smoothed: node.smoothed,
        ...timeFields(node),
      };
  }
}

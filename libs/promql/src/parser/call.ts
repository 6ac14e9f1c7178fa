import { goQuote } from '@promethium/model';
import { FUNCTIONS } from './functions.js';
import type { FunctionSignature } from './functions.js';
import type { Parser } from './parser.js';
import { documentedType, valueTypeOf } from './ast.js';
import type { Call, Expr, ValueType } from './ast.js';

/**
 * Parses `(arg, …)`; `context` names the construct in "unexpected" messages.
 * A trailing comma is refused, as in Prometheus.
 */
export function parseArgs(p: Parser, context: string): Expr[] {
  p.take();
  const args: Expr[] = [];
  if (p.peek().type === 'RIGHT_PAREN') {
    p.take();
    return args;
  }
  for (;;) {
    args.push(p.parseBinary(0));
    const separator = p.peek();
    if (separator.type === 'RIGHT_PAREN') break;
    if (separator.type !== 'COMMA') p.unexpected(context);
    p.take();
    if (p.peek().type === 'RIGHT_PAREN') {
      p.fail(separator.offset, 'trailing commas not allowed in function call args');
    }
  }
  p.take();
  return args;
}

/** Parses `name(args…)` and checks it against the function table. */
export function parseCall(p: Parser): Call {
  const name = p.take();
  const fn = FUNCTIONS.get(name.text);
  if (fn === undefined) p.fail(name.offset, `unknown function with name ${goQuote(name.text)}`);
  if (fn.experimental && !p.options.experimentalFunctions) {
    p.fail(name.offset, `function ${goQuote(fn.name)} is not enabled`);
  }
  const args = parseArgs(p, '');
  const call: Call = {
    kind: 'Call',
    func: fn.name,
    args,
    pos: { start: name.offset, end: p.lastTokenEnd },
  };
  checkArgCount(p, call, fn);
  if (fn.name === 'info' && args.length > 1) checkInfoSelector(p, call, args[1]!);
  args.forEach((arg, i) => {
    const want = argType(fn, i);
    const got = valueTypeOf(arg);
    if (want !== undefined && got !== want) {
      p.fail(
        arg.pos.start,
        `expected type ${documentedType(want)} in call to function ${goQuote(fn.name)}, got ${documentedType(got)}`,
      );
    }
  });
  return call;
}

function argType(fn: FunctionSignature, i: number): ValueType | undefined {
  if (i < fn.argTypes.length) return fn.argTypes[i];
  return fn.variadic === 0 ? undefined : fn.argTypes.at(-1);
}

function checkArgCount(p: Parser, call: Call, fn: FunctionSignature): void {
  const declared = fn.argTypes.length;
  const got = call.args.length;
  const name = goQuote(fn.name);
  if (fn.variadic === 0) {
    if (declared !== got) {
      p.fail(call.pos.start, `expected ${declared} argument(s) in call to ${name}, got ${got}`);
    }
    return;
  }
  const least = declared - 1;
  if (got < least) {
    p.fail(call.pos.start, `expected at least ${least} argument(s) in call to ${name}, got ${got}`);
  }
  if (fn.variadic > 0 && got > least + fn.variadic) {
    p.fail(
      call.pos.start,
      `expected at most ${least + fn.variadic} argument(s) in call to ${name}, got ${got}`,
    );
  }
}

// info()'s second argument selects info series by labels only.
function checkInfoSelector(p: Parser, call: Call, arg: Expr): void {
  const type = valueTypeOf(arg);
  if (type !== 'vector') {
    p.fail(
      call.pos.start,
      `expected type instant vector in call to function "info", got ${documentedType(type)}`,
    );
  }
  if (arg.kind !== 'VectorSelector') p.fail(arg.pos.start, 'expected label selectors only');
  if (arg.name !== '') {
    p.fail(arg.pos.start, 'expected label selectors only, got vector selector instead');
  }
}

// Executes parse trees as Go's text/template does: dot and variables, pipelines passing each
// command's result as the next one's last argument, fields, map keys and methods, function
// calls with Go's argument-count checks, and Go's error texts with the template location.
import type {
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { BUILTINS, zeroElement } from './builtins.js';
import { TemplateArgumentError, TemplateExecError, errorMessage } from './errors.js';
import { formatValue } from './fmt.js';
import { type TemplateFunction, arity } from './function.js';
import { HtmlContext } from './html.js';
import { quote } from './strconv.js';
import { GoTime } from './time.js';
import {
  findMethod,
  isTrue,
  kindOf,
  sliceElements,
  sortedEntries,
  typeName,
  utf8Length,
} from './values.js';

// Local names for the builtins on hot paths: jest runs this code in a VM context, where every
// global lookup is slow.
const { hasOwn, getPrototypeOf, getOwnPropertyDescriptor } = Object;
const JsDate = Date;
const JsMap = Map;
/** Range indexes as Go ints, made once. */
const INDEXES = Array.from({ length: 1024 }, (_, i) => BigInt(i));

/** Go's missingkey option: what a missing map key evaluates to. */
export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecOptions {
  /** Finds the template a {{template}} action names. */
  readonly lookup: (name: string) => Tree | undefined;
  /** Functions by name, consulted before the builtins. */
  readonly functions: ReadonlyMap<string, TemplateFunction>;
  readonly missingKey: MissingKey;
  /** Escape printed values for HTML (see html.ts). */
  readonly html: boolean;
}

/** Template calls nested deeper than this fail instead of exhausting the stack. */
const MAX_EXEC_DEPTH = 1000;

/** Stands for "no value passed down the pipeline", distinct from every template value. */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

type Signal = 'break' | 'continue' | undefined;

interface Variable {
  readonly name: string;
  value: unknown;
}

type Located = Node | ArgNode | CommandNode;

/** Runs `tree` with `data` as dot and `$`; throws TemplateExecError. */
export function execute(tree: Tree, data: unknown, options: ExecOptions): string {
  const state = new State(tree, data, options);
  try {
    state.walk(data, tree.root);
  } catch (e) {
    if (e instanceof TemplateExecError) throw e;
    throw state.error(errorMessage(e), e);
  }
  return state.out;
}

class State {
  out = '';
  vars: Variable[];
  node: Located | undefined;
  depth = 0;
  readonly html: HtmlContext | undefined;

  constructor(
    public tree: Tree,
    data: unknown,
    readonly options: ExecOptions,
  ) {
    this.vars = [{ name: '$', value: data }];
    this.html = options.html ? new HtmlContext() : undefined;
  }

  at(node: Located): void {
    this.node = node;
  }

  error(message: string, cause?: unknown): TemplateExecError {
    const { tree, node } = this;
    if (node === undefined) {
      return new TemplateExecError(`template: ${tree.name}: ${message}`, tree.name, 0, 0, {
        cause,
      });
    }
    const lineStart = tree.text.lastIndexOf('\n', node.pos - 1) + 1;
    const line = countLines(tree.text, node.pos);
    const byteColumn = utf8Length(tree.text.slice(lineStart, node.pos));
    return new TemplateExecError(
      `template: ${tree.parseName}:${line}:${byteColumn}: executing ${quote(tree.name)} at <${nodeString(node)}>: ${message}`,
      tree.name,
      line,
      node.pos - lineStart + 1,
      { cause },
    );
  }

  errorf(message: string, cause?: unknown): never {
    throw this.error(message, cause);
  }

  walk(dot: unknown, node: Node): Signal {
    this.at(node);
    switch (node.type) {
      case 'text':
        this.html?.feed(node);
        this.out += node.text;
        return undefined;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, node.pipe, value);
        return undefined;
      }
      case 'list':
        for (const n of node.nodes) {
          const signal = this.walk(dot, n);
          if (signal !== undefined) return signal;
        }
        return undefined;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        this.walkTemplate(dot, node);
        return undefined;
      case 'break':
      case 'continue':
        return node.type;
    }
  }

  walkIfOrWith(dot: unknown, node: BranchNode): Signal {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    let signal: Signal;
    if (isTrue(value)) signal = this.walk(node.type === 'with' ? value : dot, node.list);
    else if (node.elseList !== undefined) signal = this.walk(dot, node.elseList);
    this.vars.length = mark;
    return signal;
  }

  walkRange(dot: unknown, node: BranchNode): undefined {
    this.at(node);
    const outer = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const iterate = (index: unknown, elem: unknown): Signal => {
      if (decl.length > 0) this.setRangeVar(node.pipe, decl.length === 1 ? 0 : 1, elem);
      if (decl.length > 1) this.setRangeVar(node.pipe, 0, index);
      const signal = this.walk(elem, node.list);
      this.vars.length = mark;
      return signal;
    };
    let ran = false;
    for (const [index, elem] of this.rangeItems(value, node)) {
      ran = true;
      if (iterate(index, elem) === 'break') break;
    }
    if (!ran && node.elseList !== undefined) this.walk(dot, node.elseList);
    this.vars.length = outer;
    return undefined;
  }

  /** Sets the i-th variable a range declared (or assigns it, for `range $i, $e = ...`). */
  setRangeVar(pipe: PipeNode, i: number, value: unknown): void {
    const name = pipe.decl[i]!.idents[0]!;
    if (pipe.isAssign) {
      this.setVar(name, value);
      return;
    }
    this.vars[this.vars.length - pipe.decl.length + i]!.value = value;
  }

  *rangeItems(value: unknown, node: BranchNode): Generator<[unknown, unknown]> {
    switch (kindOf(value)) {
      case 'slice': {
        const elements = sliceElements(value as unknown[]);
        for (let i = 0; i < elements.length; i++) yield [INDEXES[i] ?? BigInt(i), elements[i]];
        return;
      }
      case 'map':
        yield* sortedEntries(value as Map<unknown, unknown>);
        return;
      case 'int':
      case 'float': {
        const n = rangeCount(value);
        if (n === undefined) break;
        if (node.pipe.decl.length > 1) {
          this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
        }
        for (let i = 0n; i < n; i++) yield [i, i];
        return;
      }
      case 'invalid':
      case 'nil':
        return;
    }
    this.errorf(`range can't iterate over ${formatValue(value)}`);
  }

  walkTemplate(dot: unknown, node: TemplateNode): void {
    this.at(node);
    const tree = this.options.lookup(node.name);
    if (tree === undefined) this.errorf(`template ${quote(node.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH)
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = node.pipe === undefined ? undefined : this.evalPipeline(dot, node.pipe);
    const saved = { vars: this.vars, tree: this.tree };
    this.vars = [{ name: '$', value: newDot }];
    this.tree = tree;
    this.depth++;
    this.walk(newDot, tree.root);
    this.depth--;
    this.vars = saved.vars;
    this.tree = saved.tree;
  }

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      const name = v.idents[0]!;
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
    }
  }

  evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  idealConstant(n: NumberNode): unknown {
    this.at(n);
    if (n.value.kind === 'uint') this.errorf(`${n.text} overflows int`);
    return n.value.value;
  }

  evalFieldNode(dot: unknown, field: FieldNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.idents, args, final);
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil')
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  evalVariableNode(dot: unknown, v: VariableNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.idents[0]!);
    if (v.idents.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.idents.slice(1), args, final);
  }

  /** `.X.Y.Z` from `receiver`; only the last element may take arguments. */
  evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: Located,
    idents: readonly string[],
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    // A nil that starts a chain has been through a pipeline, which Go turns into no value;
    // only a nil met along the chain is a nil pointer.
    let r: unknown = receiver === null ? undefined : receiver;
    for (let i = 0; i < idents.length - 1; i++)
      r = this.evalField(dot, idents[i]!, node, [], MISSING, r);
    return this.evalField(dot, idents[idents.length - 1]!, node, args, final, r);
  }

  evalField(
    dot: unknown,
    name: string,
    node: Located,
    args: readonly ArgNode[],
    final: Final,
    receiver: unknown,
  ): unknown {
    if (receiver === undefined) {
      if (this.options.missingKey === 'error')
        this.errorf(`nil data; no entry for key ${quote(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const r = receiver instanceof JsDate ? GoTime.fromDate(receiver) : receiver;
    if (typeof r === 'object') {
      const method = findMethod(r, name);
      if (method !== undefined)
        return this.evalCall(dot, method, false, node, name, args.slice(1), final, r);
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    const kind = kindOf(r);
    if (kind === 'map') {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return this.mapKey(r as Map<unknown, unknown> | Record<string, unknown>, name);
    }
    if (kind === 'struct' && hasField(r as object, name)) {
      if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
      return (r as Record<string, unknown>)[name];
    }
    return this.errorf(`can't evaluate field ${name} in type ${typeName(r)}`);
  }

  mapKey(m: Map<unknown, unknown> | Record<string, unknown>, key: string): unknown {
    if (m instanceof JsMap) {
      if (m.has(key)) return m.get(key);
    } else if (hasOwn(m, key)) {
      return m[key];
    }
    switch (this.options.missingKey) {
      case 'zero':
        return zeroElement(m);
      case 'error':
        return this.errorf(`map has no entry for key ${quote(key)}`);
      default:
        return undefined;
    }
  }

  lookupFunction(name: string): { fn: TemplateFunction; builtin: boolean } | undefined {
    const fn = this.options.functions.get(name);
    if (fn !== undefined) return { fn, builtin: false };
    const builtin = BUILTINS[name];
    return builtin === undefined ? undefined : { fn: builtin, builtin: true };
  }

  evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: Located,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.at(node);
    const found = this.lookupFunction(node.name);
    if (found === undefined) this.errorf(`${quote(node.name)} is not a defined function`);
    return this.evalCall(
      dot,
      found.fn,
      found.builtin,
      cmd,
      node.name,
      args.slice(1),
      final,
      undefined,
    );
  }

  /** Calls a function or method with evaluated arguments, `final` last. */
  evalCall(
    dot: unknown,
    fn: TemplateFunction,
    builtin: boolean,
    node: Located,
    name: string,
    args: readonly ArgNode[],
    final: Final,
    receiver: unknown,
  ): unknown {
    const numIn = args.length + (final === MISSING ? 0 : 1);
    const { count, variadic } = arity(fn);
    if (variadic && numIn < count) {
      this.errorf(`wrong number of args for ${name}: want at least ${count} got ${args.length}`);
    }
    if (!variadic && numIn !== count)
      this.errorf(`wrong number of args for ${name}: want ${count} got ${numIn}`);
    if (builtin && (name === 'and' || name === 'or')) return this.andOr(dot, name, args, final);
    const argv = args.map((a) => this.evalArg(dot, a));
    if (final !== MISSING) argv.push(final);
    if (builtin && name === 'call') return this.callValue(node, nodeString(args[0] ?? node), argv);
    return this.invoke(node, name, fn, receiver, argv);
  }

  /** `and` and `or` evaluate arguments only until one decides the result. */
  andOr(dot: unknown, name: 'and' | 'or', args: readonly ArgNode[], final: Final): unknown {
    let v: unknown;
    for (const arg of args) {
      v = this.evalArg(dot, arg);
      if (isTrue(v) === (name === 'or')) return v;
    }
    return final === MISSING ? v : final;
  }

  /** The builtin `call`: invokes a function value with the remaining arguments. */
  callValue(node: Located, calleeName: string, argv: unknown[]): unknown {
    const [fn, ...rest] = argv;
    if (fn === undefined || fn === null) this.errorf('error calling call: call of nil');
    if (typeof fn !== 'function') {
      this.errorf(`error calling call: non-function ${calleeName} of type ${typeName(fn)}`);
    }
    const f = fn as TemplateFunction;
    const { count, variadic } = arity(f);
    if (variadic ? rest.length < count : rest.length !== count) {
      const want = variadic ? `at least ${count}` : String(count);
      this.errorf(
        `error calling call: wrong number of args for ${calleeName}: got ${rest.length} want ${want}`,
      );
    }
    return this.invoke(node, 'call', f, undefined, rest);
  }

  invoke(
    node: Located,
    name: string,
    fn: TemplateFunction,
    receiver: unknown,
    argv: unknown[],
  ): unknown {
    try {
      return (fn as (...a: unknown[]) => unknown).apply(receiver, argv);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      if (e instanceof TemplateArgumentError) this.errorf(e.message, e);
      return this.errorf(`error calling ${name}: ${errorMessage(e)}`, e);
    }
  }

  evalArg(dot: unknown, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldNode(dot, n, [n], MISSING);
      case 'variable':
        return this.evalVariableNode(dot, n, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, n, [n], MISSING);
      case 'chain':
        return this.evalChainNode(dot, n, [n], MISSING);
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
  }

  printValue(node: Node, pipe: PipeNode, value: unknown): void {
    this.at(node);
    if (typeof value === 'function') {
      this.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    }
    if (this.html !== undefined) {
      try {
        this.out += this.html.print(value, this.predefinedEscaper(pipe));
      } catch (e) {
        this.errorf(errorMessage(e), e);
      }
      return;
    }
    this.out += value === undefined || value === null ? '<no value>' : formatValue(value);
  }

  /** A pipeline ending in the builtin html or urlquery, which HTML mode must not repeat. */
  predefinedEscaper(pipe: PipeNode): 'html' | 'urlquery' | undefined {
    const last = pipe.cmds[pipe.cmds.length - 1]?.args[0];
    if (last?.type !== 'identifier' || (last.name !== 'html' && last.name !== 'urlquery'))
      return undefined;
    return this.lookupFunction(last.name)?.builtin === true ? last.name : undefined;
  }
}

/** The iteration count of Go 1.22's range over an integer; undefined for a non-integer. */
function rangeCount(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

/** A struct field: an own property, or an accessor a class defines. */
function hasField(obj: object, name: string): boolean {
  if (hasOwn(obj, name)) return true;
  for (
    let p = getPrototypeOf(obj) as object | null;
    p !== null && p !== Object.prototype;
    p = getPrototypeOf(p) as object | null
  ) {
    const desc = getOwnPropertyDescriptor(p, name);
    if (desc !== undefined) return desc.get !== undefined;
  }
  return false;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

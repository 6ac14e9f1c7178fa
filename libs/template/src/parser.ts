// Go's text/template/parse: tokens to trees, with Go's grammar, checks and error texts
// ("template: name:3: unexpected "}" in operand"). Functions must exist at parse time and
// variables must be declared before use, so bad templates fail when configuration loads.
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  ListNode,
  Node,
  NumberValue,
  PipeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from './ast.js';
import { goUnquote } from '@promethium/model';
import { isEmptyTree, nodeString } from './ast.js';
import { TemplateParseError } from './errors.js';
import { type Token, type TokenType, describeToken, lex } from './lexer.js';
import { parseFloatLiteral, quote, underscoresOK } from './strconv.js';

export interface ParseOptions {
  /** Whether a function of this name is defined (builtin or registered). */
  readonly hasFunction: (name: string) => boolean;
}

/** The ends of item lists: {{end}} and {{else}}, which only parsing sees. */
interface Terminator {
  readonly type: 'end' | 'else';
  readonly pos: number;
}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

/**
 * Parses `text` as the template `name`, returning it and the templates it defines, keyed by
 * name. Throws TemplateParseError with Go's message.
 */
export function parseTemplates(
  name: string,
  text: string,
  options: ParseOptions,
): Map<string, Tree> {
  const tokens = lex(text, {
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  });
  const parser = new Parser(name, text, tokens, options);
  return parser.parse();
}

class Parser {
  i = 0;
  /** The furthest token read, whose line Go's errors report. */
  furthest = 0;
  vars: string[] = ['$'];
  rangeDepth = 0;
  actionLine = 0;
  readonly treeSet = new Map<string, Tree>();

  constructor(
    readonly parseName: string,
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly options: ParseOptions,
  ) {}

  parse(): Map<string, Tree> {
    const root = this.list(this.peek().pos);
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const mark = this.i;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = mark;
      }
      const n = this.textOrAction();
      if (isTerminator(n)) this.errorf(`unexpected {{${n.type}}}`);
      root.nodes.push(n);
    }
    this.add(this.parseName, root);
    return this.treeSet;
  }

  // Token access with unlimited backup: the lexer has already produced every token.

  /** The token at the cursor; past the end, the final eof or error token again. */
  at(i: number): Token {
    const index = Math.min(i, this.tokens.length - 1);
    this.furthest = Math.max(this.furthest, index);
    return this.tokens[index]!;
  }

  next(): Token {
    return this.at(this.i++);
  }

  backup(): void {
    this.i--;
  }

  peek(): Token {
    return this.at(this.i);
  }

  nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(message: string): never {
    const token = this.tokens[this.furthest]!;
    throw new TemplateParseError(
      `template: ${this.parseName}:${token.line}: ${message}`,
      this.parseName,
      token.line,
      this.column(token.pos),
    );
  }

  column(pos: number): number {
    return pos - this.text.lastIndexOf('\n', pos - 1);
  }

  expect(expected: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== expected) this.unexpected(t, context);
    return t;
  }

  unexpected(t: Token, context: string): never {
    if (t.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(t.val + extra);
    }
    this.errorf(`unexpected ${describeToken(t)} in ${context}`);
  }

  list(pos: number): ListNode {
    return { type: 'list', pos, nodes: [] };
  }

  /** Records a tree; a second non-empty definition of a name in one parse is an error. */
  add(name: string, root: ListNode): void {
    const existing = this.treeSet.get(name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(name, { name, parseName: this.parseName, root, text: this.text });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(name)}`);
  }

  /** Parses a body with fresh variables, as Go parses defines and blocks as separate trees. */
  nestedBody(context: string): ListNode {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.rangeDepth = 0;
    const { list, end } = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected {{${end.type}}} in ${context}`);
    this.vars = saved.vars;
    this.rangeDepth = saved.rangeDepth;
    return list;
  }

  parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = this.unquote(token.val);
    this.expect('rightDelim', context);
    this.add(name, this.nestedBody(context));
  }

  itemList(): { list: ListNode; end: Terminator } {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isTerminator(n)) return { list, end: n };
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node | Terminator {
    const t = this.nextNonSpace();
    if (t.type === 'text') return { type: 'text', pos: t.pos, text: t.val };
    if (t.type !== 'leftDelim') this.unexpected(t, 'input');
    this.actionLine = t.line;
    try {
      return this.action();
    } finally {
      this.actionLine = 0;
    }
  }

  action(): Node | Terminator {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(t);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.branch(t.type);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const start = this.peek();
    return { type: 'action', pos: start.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const decl: VariableNode[] = [];
    let isAssign = false;
    const pos = this.peekNonSpace().pos;
    this.declarations(context, decl, (assign) => (isAssign = assign));
    const cmds: CommandNode[] = [];
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(cmds, context);
        return { type: 'pipe', pos, isAssign, decl, cmds };
      }
      if (!OPERAND_STARTS.has(t.type)) this.unexpected(t, context);
      this.backup();
      cmds.push(this.command());
    }
  }

  /** `$x :=`, `$x =` and range's `$i, $e :=` at the start of a pipeline. */
  declarations(context: string, decl: VariableNode[], setAssign: (assign: boolean) => void): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') return;
      const mark = this.i;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        setAssign(next.type === 'assign');
        this.nextNonSpace();
        decl.push({ type: 'variable', pos: v.pos, idents: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        decl.push({ type: 'variable', pos: v.pos, idents: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = mark;
      return;
    }
  }

  checkPipeline(cmds: readonly CommandNode[], context: string): void {
    if (cmds.length === 0) this.errorf(`missing value for ${context}`);
    cmds.slice(1).forEach((c, i) => {
      const first = c.args[0]!.type;
      if (
        first === 'bool' ||
        first === 'dot' ||
        first === 'nil' ||
        first === 'number' ||
        first === 'string'
      ) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  branch(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    const body = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (body.end.type === 'else') elseList = this.elseBranch(context, body.end);
    this.vars.length = mark;
    return { type: context, pos: pipe.pos, pipe, list: body.list, elseList };
  }

  /** After {{else}}: `else if` and `else with` chain without their own {{end}}. */
  elseBranch(context: 'if' | 'range' | 'with', at: Terminator): ListNode {
    const t = this.peek();
    if ((context === 'if' && t.type === 'if') || (context === 'with' && t.type === 'with')) {
      this.next();
      const list = this.list(at.pos);
      list.nodes.push(this.branch(context));
      return list;
    }
    const { list, end } = this.itemList();
    if (end.type !== 'end') this.errorf(`expected end; found {{${end.type}}}`);
    return list;
  }

  elseControl(): Terminator {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: peek.pos };
    return { type: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  loopControl(t: Token): Node {
    const name = `{{${t.val}}}`;
    const closing = this.nextNonSpace();
    if (closing.type !== 'rightDelim') this.unexpected(closing, name);
    if (this.rangeDepth === 0) this.errorf(`${name} outside {{range}}`);
    return { type: t.type as 'break' | 'continue', pos: t.pos };
  }

  blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.add(name, this.nestedBody(context));
    return { type: 'template', pos: t.pos, name, pipe };
  }

  templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: t.pos, name, pipe };
  }

  templateName(t: Token, context: string): string {
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, context);
    return this.unquote(t.val);
  }

  unquote(text: string): string {
    const s = goUnquote(text);
    if (s === undefined) this.errorf('invalid syntax');
    return s;
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) cmd.args.push(operand);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  /** A term and the fields chained onto it: `.A.B`, `$x.A`, `(pipeline).A`. */
  operand(): ArgNode | undefined {
    const node = this.term();
    if (node === undefined) return undefined;
    if (this.peek().type !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, idents: [...node.idents, ...fields] };
      case 'variable':
        return { type: 'variable', pos, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
      default:
        return { type: 'chain', pos, node, fields };
    }
  }

  term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.options.hasFunction(t.val)) this.errorf(`function ${quote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable':
        return this.useVar(t);
      case 'field':
        return { type: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'number':
        return { type: 'number', pos: t.pos, text: t.val, value: this.number(t) };
      case 'complex':
        return this.errorf(`complex number ${t.val} is not supported`);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t.val) };
    }
    this.backup();
    return undefined;
  }

  useVar(t: Token): VariableNode {
    if (!this.vars.includes(t.val)) this.errorf(`undefined variable ${quote(t.val)}`);
    return { type: 'variable', pos: t.pos, idents: [t.val] };
  }

  number(t: Token): NumberValue {
    if (t.type === 'charConstant') {
      const s = goUnquote(t.val);
      if (s === undefined) this.errorf(`malformed character constant: ${t.val}`);
      return { kind: 'int', value: BigInt(s.codePointAt(0)!) };
    }
    if (t.val.endsWith('i') && parseFloatLiteral(t.val.slice(0, -1)) !== undefined) {
      this.errorf(`complex number ${t.val} is not supported`);
    }
    const value = numberValue(t.val);
    if (typeof value === 'string') this.errorf(value);
    return value;
  }
}

const OPERAND_STARTS = new Set<TokenType>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

function isTerminator(n: Node | Terminator): n is Terminator {
  return n.type === 'end' || n.type === 'else';
}

/** Types a numeric literal as Go's parser and idealConstant do, or returns Go's error text. */
function numberValue(text: string): NumberValue | string {
  const int = parseGoInt(text);
  if (int !== undefined && int >= MIN_INT64 && int <= MAX_UINT64) {
    const isFloatSyntax = /[.eEpP]/.test(text) && !/^[+-]?0[xX]/.test(text);
    if (!isFloatSyntax) return int <= MAX_INT64 ? { kind: 'int', value: int } : { kind: 'uint' };
  }
  const f = parseFloatLiteral(text);
  if (f === undefined) return `illegal number syntax: ${quote(text)}`;
  if (!/[.eEpP]/.test(text)) return `integer overflow: ${quote(text)}`;
  return { kind: 'float', value: f };
}

/** Go's strconv.ParseInt(text, 0, ...) without the range limit: prefixes, underscores, sign. */
function parseGoInt(text: string): bigint | undefined {
  // A leading 0 followed by more digits is an octal prefix, as in Go.
  const m = /^([+-]?)(0[xX]|0[oO]|0[bB]|0(?=.))?([0-9a-fA-F_]+)$/.exec(text);
  if (m === null) return undefined;
  const [, sign, prefix = '', digits = ''] = m;
  const base = prefix === '' ? 10 : /[xX]/.test(prefix) ? 16 : /[bB]/.test(prefix) ? 2 : 8;
  if (!underscoresOK(prefix + digits)) return undefined;
  const clean = digits.replaceAll('_', '');
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^\d+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!valid.test(clean)) return undefined;
  const literal = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base]! + clean;
  const v = BigInt(literal);
  return sign === '-' ? -v : v;
}

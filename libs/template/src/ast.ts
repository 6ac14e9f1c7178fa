// Parse trees of templates, shaped as text/template/parse's nodes. `pos` is the node's offset
// in the source text of its tree, from which error messages compute line and column.
import { quote } from './strconv.js';

export interface ListNode {
  readonly type: 'list';
  readonly pos: number;
  readonly nodes: Node[];
}

export interface TextNode {
  readonly type: 'text';
  readonly pos: number;
  readonly text: string;
}

export interface ActionNode {
  readonly type: 'action';
  readonly pos: number;
  readonly pipe: PipeNode;
}

export interface BranchNode {
  readonly type: 'if' | 'with' | 'range';
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface TemplateNode {
  readonly type: 'template';
  readonly pos: number;
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}

export interface LoopControlNode {
  readonly type: 'break' | 'continue';
  readonly pos: number;
}

export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface PipeNode {
  readonly type: 'pipe';
  readonly pos: number;
  readonly isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode {
  readonly type: 'command';
  readonly pos: number;
  readonly args: ArgNode[];
}

export interface FieldNode {
  readonly type: 'field';
  readonly pos: number;
  /** The field names, without dots: `.A.B` is ['A', 'B']. */
  readonly idents: readonly string[];
}

export interface ChainNode {
  readonly type: 'chain';
  readonly pos: number;
  readonly node: ArgNode;
  readonly fields: readonly string[];
}

export interface IdentifierNode {
  readonly type: 'identifier';
  readonly pos: number;
  readonly name: string;
}

export interface VariableNode {
  readonly type: 'variable';
  readonly pos: number;
  /** The variable and any fields after it: `$x.A` is ['$x', 'A']. */
  readonly idents: readonly string[];
}

export interface DotNode {
  readonly type: 'dot';
  readonly pos: number;
}

export interface NilNode {
  readonly type: 'nil';
  readonly pos: number;
}

export interface BoolNode {
  readonly type: 'bool';
  readonly pos: number;
  readonly value: boolean;
}

/** A numeric constant, typed by its syntax as Go's idealConstant types it. */
export type NumberValue =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'uint' };

export interface NumberNode {
  readonly type: 'number';
  readonly pos: number;
  readonly text: string;
  readonly value: NumberValue;
}

export interface StringNode {
  readonly type: 'string';
  readonly pos: number;
  /** The literal as written, quotes included. */
  readonly quoted: string;
  readonly text: string;
}

export type ArgNode =
  | FieldNode
  | ChainNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** One named template: the body of a file or of a define or block. */
export interface Tree {
  readonly name: string;
  /** The name given to the parse that produced this tree, for error locations. */
  readonly parseName: string;
  readonly root: ListNode;
  /** The full text that was parsed, for computing error locations. */
  readonly text: string;
}

/** Go's Node.String(), used as the `<...>` context of execution errors. */
export function nodeString(n: Node | ArgNode | CommandNode): string {
  switch (n.type) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range': {
      const body = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      return n.elseList === undefined
        ? `${body}{{end}}`
        : `${body}{{else}}${nodeString(n.elseList)}{{end}}`;
    }
    case 'template':
      return n.pipe === undefined
        ? `{{template ${quote(n.name)}}}`
        : `{{template ${quote(n.name)} ${nodeString(n.pipe)}}}`;
    case 'break':
    case 'continue':
      return `{{${n.type}}}`;
    default:
      return argString(n);
  }
}

function argString(n: ArgNode | CommandNode): string {
  switch (n.type) {
    case 'pipe': {
      const decl =
        n.decl.length === 0 ? '' : n.decl.map(argString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return decl + n.cmds.map(argString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${argString(a)})` : argString(a))).join(' ');
    case 'field':
      return n.idents.map((id) => '.' + id).join('');
    case 'chain': {
      const base = n.node.type === 'pipe' ? `(${argString(n.node)})` : argString(n.node);
      return base + n.fields.map((f) => '.' + f).join('');
    }
    case 'identifier':
      return n.name;
    case 'variable':
      return n.idents.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}

/** Whether a tree holds nothing but whitespace (so a later empty parse does not replace it). */
export function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

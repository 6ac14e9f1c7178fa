import { describe, expect, it } from '@jest/globals';
import { nodeString } from './ast.js';
import { BUILTINS } from './builtins.js';
import { TemplateParseError } from './errors.js';
import { lex } from './lexer.js';
import { parseTemplates } from './parser.js';

const hasFunction = (name: string): boolean => Object.hasOwn(BUILTINS, name) || name === 'contains';

function parse(text: string, name = 'root'): Map<string, string> {
  const trees = parseTemplates(name, text, { hasFunction });
  return new Map([...trees].map(([n, t]) => [n, nodeString(t.root)]));
}

function parseError(text: string, name = 'root'): TemplateParseError {
  try {
    parseTemplates(name, text, { hasFunction });
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateParseError);
    return e as TemplateParseError;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

describe('lexer', () => {
  const tokens = (text: string): string[] =>
    lex(text, { breakOK: true, continueOK: true }).map((t) => `${t.type}:${t.val}`);

  it('splits text and actions', () => {
    expect(tokens('a{{.X}}b')).toEqual([
      'text:a',
      'leftDelim:{{',
      'field:.X',
      'rightDelim:}}',
      'text:b',
      'eof:',
    ]);
  });

  it('reads every kind of token inside an action', () => {
    expect(tokens('{{$x := .A.B | f 1 -2.5 0x1F \'a\' "s" `r` true nil ( ) $ , = . }}')).toEqual([
      'leftDelim:{{',
      'variable:$x',
      'space: ',
      'declare::=',
      'space: ',
      'field:.A',
      'field:.B',
      'space: ',
      'pipe:|',
      'space: ',
      'identifier:f',
      'space: ',
      'number:1',
      'space: ',
      'number:-2.5',
      'space: ',
      'number:0x1F',
      'space: ',
      "charConstant:'a'",
      'space: ',
      'string:"s"',
      'space: ',
      'rawString:`r`',
      'space: ',
      'bool:true',
      'space: ',
      'nil:nil',
      'space: ',
      'leftParen:(',
      'space: ',
      'rightParen:)',
      'space: ',
      'variable:$',
      'space: ',
      'char:,',
      'space: ',
      'assign:=',
      'space: ',
      'dot:.',
      'space: ',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('trims the space the markers point at', () => {
    expect(tokens('a \n{{- 1 -}}\n\t b')).toEqual([
      'text:a',
      'leftDelim:{{',
      'number:1',
      'rightDelim:}}',
      'text:b',
      'eof:',
    ]);
    // Without a space after it, "{{-3}}" is a negative number, not a trim marker.
    expect(tokens('a {{-3}}')).toEqual([
      'text:a ',
      'leftDelim:{{',
      'number:-3',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('drops comments, trimming around them when asked', () => {
    expect(tokens('a {{/* c */}} b')).toEqual(['text:a ', 'text: b', 'eof:']);
    expect(tokens('a {{- /* c\n */ -}} b')).toEqual(['text:a', 'text:b', 'eof:']);
  });

  it('reads break and continue as identifiers when a function has their name', () => {
    const t = lex('{{break}}', { breakOK: false, continueOK: true });
    expect(t[1]!.type).toBe('identifier');
  });

  it('counts lines across text, actions and comments', () => {
    const t = lex('a\nb{{/*\n*/}}\n{{\n.X}}', { breakOK: true, continueOK: true });
    expect(t.map((x) => x.line)).toEqual([1, 3, 4, 4, 5, 5, 5]);
  });
});

describe('parse errors', () => {
  it.each([
    ['line1\n{{', 'template: root:2: unclosed action'],
    ['line1\n{{define `x`}}line2\n{{', 'template: root:3: unclosed action'],
    ['line1\n{{"x"\n"y"\n', 'template: root:4: unclosed action started at root:2'],
    ['{{\n\n\n\n\n', 'template: root:6: unclosed action started at root:1'],
    ['line1\n{{\nx\n}}', 'template: root:3: function "x" not defined'],
    ['{{foo}}', 'template: root:1: function "foo" not defined'],
    ['{{/*}}', 'template: root:1: unclosed comment'],
    ['{{/*\nhello\n}}', 'template: root:1: unclosed comment'],
    ['{{/* a */ 1}}', 'template: root:1: comment ends before closing delimiter'],
    ['{{.X (1 2 3}}', 'template: root:1: unclosed left paren'],
    ['{{.X 1 2 3 ) }}', 'template: root:1: unexpected right paren'],
    ['{{(.X 1 2 3', 'template: root:1: unclosed action'],
    ['{{`x`3}}', 'template: root:1: unexpected "3" in operand'],
    ['{{a#}}', "template: root:1: bad character U+0023 '#'"],
    ["{{'a}}", 'template: root:1: unterminated character constant'],
    ['{{"a}}', 'template: root:1: unterminated quoted string'],
    ['{{`a}}', 'template: root:1: unterminated raw quoted string'],
    ['{{0xi}}', 'template: root:1: illegal number syntax: "0xi"'],
    ['{{3k}}', 'template: root:1: bad number syntax: "3k"'],
    [
      '{{define `a`}}a{{end}}{{define `a`}}b{{end}}',
      'template: root:1: template: multiple definition of template "a"',
    ],
    ['{{range .X}}', 'template: root:1: unexpected EOF'],
    [
      '{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}',
      'template: root:1: unexpected ":=" in operand',
    ],
    ['{{$a,$b,$c := 23}}', 'template: root:1: too many declarations in command'],
    ['{{$a}}', 'template: root:1: undefined variable "$a"'],
    ['{{true.any}}', 'template: root:1: unexpected . after term "true"'],
    ['{{12|false}}', 'template: root:1: non executable command in pipeline stage 2'],
    ['{{ ( ) }}', 'template: root:1: missing value for parenthesized pipeline'],
    ['{{ $v := `\n` }} {{', 'template: root:2: unclosed action'],
    ['{{range $k}}{{end}}', 'template: root:1: undefined variable "$k"'],
    ['{{range $k,}}{{end}}', 'template: root:1: missing value for range'],
    ['{{range $k, $v := }}{{end}}', 'template: root:1: missing value for range'],
    ['{{range $k, .}}{{end}}', 'template: root:1: range can only initialize variables'],
    ['{{range $k, 123 := .}}{{end}}', 'template: root:1: range can only initialize variables'],
    ['{{range $a, $b, $c := .}}{{end}}', 'template: root:1: too many declarations in range'],
    ['{{end}}', 'template: root:1: unexpected {{end}}'],
    ['{{else}}', 'template: root:1: unexpected {{else}}'],
    ['{{if 1}}a{{else}}b{{else}}c{{end}}', 'template: root:1: expected end; found {{else}}'],
    ['{{define "a"}}x{{else}}y{{end}}', 'template: root:1: unexpected {{else}} in define clause'],
    ['{{define 1}}{{end}}', 'template: root:1: unexpected "1" in define clause'],
    ['{{template .X}}', 'template: root:1: unexpected ".X" in template clause'],
    ['{{block "x"}}{{end}}', 'template: root:1: missing value for block clause'],
    ['{{if}}{{end}}', 'template: root:1: missing value for if'],
    ['{{ }}', 'template: root:1: missing value for command'],
    ['{{if 1}}{{define "x"}}{{end}}{{end}}', 'template: root:1: unexpected <define> in command'],
    ['{{break}}', 'template: root:1: {{break}} outside {{range}}'],
    ['{{range .}}{{else}}{{continue}}{{end}}', 'template: root:1: {{continue}} outside {{range}}'],
    ['{{range .}}{{break 1}}{{end}}', 'template: root:1: unexpected "1" in {{break}}'],
    [
      '{{define "x"}}{{break}}{{end}}{{range .}}{{end}}',
      'template: root:1: {{break}} outside {{range}}',
    ],
    ['{{1 2 :}}', 'template: root:1: expected :='],
    ['{{\u00a0}}', 'template: root:1: unrecognized character in action: U+00A0'],
    ['{{"\\q"}}', 'template: root:1: invalid syntax'],
    ["{{'ab'}}", "template: root:1: malformed character constant: 'ab'"],
    ['{{1+2i}}', 'template: root:1: complex number 1+2i is not supported'],
    ['{{3i}}', 'template: root:1: complex number 3i is not supported'],
    ['{{99999999999999999999}}', 'template: root:1: integer overflow: "99999999999999999999"'],
    ['{{089}}', 'template: root:1: integer overflow: "089"'],
    ['{{nil.X}}', 'template: root:1: unexpected . after term "nil"'],
  ])('%j', (text, message) => {
    expect(parseError(text).message).toBe(message);
  });

  it('words operand errors as Go does', () => {
    expect(parseError('a\nb\n{{ 1 } }}', 'x').message).toBe(
      'template: x:3: unexpected "}" in operand',
    );
  });

  it('reports the template name, line and column of the failure', () => {
    const e = parseError('ok\n  {{ foo }}', 'x');
    expect(e.message).toBe('template: x:2: function "foo" not defined');
    expect(e).toMatchObject({ templateName: 'x', line: 2, column: 6 });
  });

  it('does not let variables declared in a control escape past its end', () => {
    expect(parseError('{{if true}}{{$x := 1}}{{end}}{{$x}}').message).toBe(
      'template: root:1: undefined variable "$x"',
    );
    expect(parseError('{{with $y := 1}}{{end}}{{$y}}').message).toContain(
      'undefined variable "$y"',
    );
    expect(parseError('{{range $i, $e := .}}{{end}}{{$i}}').message).toContain(
      'undefined variable "$i"',
    );
  });

  it('gives defined templates their own variables', () => {
    expect(parseError('{{$x := 1}}{{define "t"}}{{$x}}{{end}}').message).toContain(
      'undefined variable "$x"',
    );
  });
});

describe('parse trees', () => {
  it('prints back every construct', () => {
    const text =
      '{{/* c */}}{{$x := .A.B}}{{$x = 2}}{{if .C}}c{{else if .D}}d{{else}}e{{end}}' +
      '{{range $i, $e := .L}}{{$i}}{{break}}{{continue}}{{else}}none{{end}}' +
      '{{with $v := .W}}{{$v.F}}{{else with .V}}v{{end}}{{template "t" .}}' +
      '{{(len .X).Y}}{{printf "%d" 1 | printf "%s"}}{{ $ }}{{nil | print}}';
    expect(parse(text).get('root')).toBe(
      '{{$x := .A.B}}{{$x = 2}}{{if .C}}c{{else}}{{if .D}}d{{else}}e{{end}}{{end}}' +
        '{{range $i, $e := .L}}{{$i}}{{break}}{{continue}}{{else}}none{{end}}' +
        '{{with $v := .W}}{{$v.F}}{{else}}{{with .V}}v{{end}}{{end}}{{template "t" .}}' +
        '{{(len .X).Y}}{{printf "%d" 1 | printf "%s"}}{{$}}{{nil | print}}',
    );
  });

  it('defines templates with define and block', () => {
    const trees = parse('a{{block "inner" .}}bar{{.}}baz{{end}}b{{define "x"}}X{{end}}', 'outer');
    expect(trees.get('outer')).toBe('a{{template "inner" .}}b');
    expect(trees.get('inner')).toBe('bar{{.}}baz');
    expect(trees.get('x')).toBe('X');
  });

  it('lets a non-empty definition replace an empty one in the same text', () => {
    expect(parse('{{define "a"}} {{end}}{{define "a"}}x{{end}}').get('a')).toBe('x');
    expect(parse('{{define "root"}}x{{end}}  ').get('root')).toBe('x');
  });

  it('types numbers as Go does', () => {
    const numbers = (text: string): unknown => {
      const root = parseTemplates('n', `{{${text}}}`, { hasFunction }).get('n')!.root;
      const action = root.nodes[0] as { pipe: { cmds: { args: { value: unknown }[] }[] } };
      return action.pipe.cmds[0]!.args[0]!.value;
    };
    expect(numbers('42')).toEqual({ kind: 'int', value: 42n });
    expect(numbers('-7')).toEqual({ kind: 'int', value: -7n });
    expect(numbers('0x1E')).toEqual({ kind: 'int', value: 30n });
    expect(numbers('0o17')).toEqual({ kind: 'int', value: 15n });
    expect(numbers('017')).toEqual({ kind: 'int', value: 15n });
    expect(numbers('0b101')).toEqual({ kind: 'int', value: 5n });
    expect(numbers('1_000')).toEqual({ kind: 'int', value: 1000n });
    expect(numbers("'a'")).toEqual({ kind: 'int', value: 97n });
    expect(numbers("'\\n'")).toEqual({ kind: 'int', value: 10n });
    expect(numbers("'日'")).toEqual({ kind: 'int', value: 0x65e5n });
    expect(numbers('1.0')).toEqual({ kind: 'float', value: 1 });
    expect(numbers('1e3')).toEqual({ kind: 'float', value: 1000 });
    expect(numbers('.5')).toEqual({ kind: 'float', value: 0.5 });
    expect(numbers('0x1p-2')).toEqual({ kind: 'float', value: 0.25 });
    expect(numbers('18446744073709551615')).toEqual({ kind: 'uint' });
  });

  it('unquotes strings as Go does', () => {
    const text = (literal: string): string =>
      (
        parseTemplates('s', `{{${literal}}}`, { hasFunction }).get('s')!.root.nodes[0] as {
          pipe: { cmds: { args: { text: string }[] }[] };
        }
      ).pipe.cmds[0]!.args[0]!.text;
    expect(text('"a\\tb\\n\\"\\\\"')).toBe('a\tb\n"\\');
    expect(text('"\\x41\\101\\u00e9\\U0001F600"')).toBe('AAé😀');
    expect(text('"\\xc3\\xa9"')).toBe('é');
    expect(text('`raw\\n\r\nx`')).toBe('raw\\n\nx');
  });
});

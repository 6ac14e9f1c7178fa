import { describe, expect, it } from '@jest/globals';
import { TemplateEngine } from './engine.js';
import { TemplateExecError } from './errors.js';
import { type TemplateFunction, variadic } from './function.js';
import { SafeHtml } from './values.js';

// Expected outputs follow Go's text/template documentation and behaviour.

class Pair {
  constructor(
    readonly Name: string,
    readonly Value: string,
  ) {}
}

class KV extends Map<string, string> {
  SortedPairs(): Pair[] {
    return [...this.keys()].sort().map((k) => new Pair(k, this.get(k)!));
  }

  Names(): string[] {
    return this.SortedPairs().map((p) => p.Name);
  }
}

class Alerts extends Array<Alert> {
  Firing(): Alert[] {
    return this.filter((a) => a.Status === 'firing');
  }
}

class Alert {
  constructor(
    readonly Status: string,
    readonly Labels: KV,
  ) {}

  get Summary(): string {
    return `${this.Labels.get('alertname')} is ${this.Status}`;
  }

  Label(name: string): string {
    return this.Labels.get(name) ?? '';
  }

  Join(sep: string, ...more: string[]): string {
    return [this.Status, ...more].join(sep);
  }
}

// A method with a rest parameter declares its minimum argument count, as a Go `...` method.
variadic(1, Alert.prototype.Join);

const alerts = Alerts.from([
  new Alert(
    'firing',
    new KV([
      ['alertname', 'Down'],
      ['job', 'node'],
    ]),
  ),
  new Alert(
    'resolved',
    new KV([
      ['alertname', 'Up'],
      ['job', 'db'],
    ]),
  ),
]);

const defaultEngine = new TemplateEngine({
  functions: {
    upper: (s: string) => s.toUpperCase(),
    fail: () => {
      throw new Error('boom');
    },
    add: (a: bigint, b: bigint) => a + b,
    list: variadic(0, (...xs: unknown[]) => xs),
    identity: (x: unknown) => x,
  },
});

function run(text: string, data?: unknown, engine = defaultEngine): string {
  return engine.executeText(text, data, { name: 'test' });
}

function execError(text: string, data?: unknown, engine = defaultEngine): string {
  try {
    run(text, data, engine);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return (e as Error).message;
  }
  throw new Error(`${text} executed`);
}

describe('text, comments and trimming', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{23 -}} < {{- 45}}', '23<45'],
    ['a  {{- /* comment */ -}}  b', 'ab'],
    ['a {{/* a\nmulti-line comment */}} b', 'a  b'],
    ['{{- "x" -}}\n\t\n', 'x'],
    ['\n  {{- if true -}}\n  yes\n  {{- end -}}\n', 'yes'],
    ['{{ "a" }}\n{{- "b" }}', 'ab'],
  ])('%j', (text, want) => {
    expect(run(text)).toBe(want);
  });
});

describe('literals', () => {
  it.each([
    ['{{"\\"output\\""}}', '"output"'],
    ['{{`"output"`}}', '"output"'],
    ['{{printf "%q" "output"}}', '"output"'],
    ['{{"output" | printf "%q"}}', '"output"'],
    ['{{printf "%q" (print "out" "put")}}', '"output"'],
    ['{{"put" | printf "%s%s" "out" | printf "%q"}}', '"output"'],
    ['{{"output" | printf "%s" | printf "%q"}}', '"output"'],
    ['{{with "output"}}{{printf "%q" .}}{{end}}', '"output"'],
    ['{{with $x := "output" | printf "%q"}}{{$x}}{{end}}', '"output"'],
    ['{{with $x := "output"}}{{printf "%q" $x}}{{end}}', '"output"'],
    ['{{with $x := "output"}}{{$x | printf "%q"}}{{end}}', '"output"'],
    [
      '{{1}} {{-2}} {{1.5}} {{1e6}} {{1.0}} {{0x1F}} {{0o17}} {{0b11}} {{1_000}}',
      '1 -2 1.5 1e+06 1 31 15 3 1000',
    ],
    ["{{'a'}} {{'\\n'}} {{printf \"%c\" 'é'}}", '97 10 é'],
    ['{{true}} {{false}}', 'true false'],
    ['{{"\\u00e9\\t\\x41"}}', 'é\tA'],
  ])('%j', (text, want) => {
    expect(run(text)).toBe(want);
  });

  it('rejects nil as a command and integers that do not fit', () => {
    expect(execError('{{nil}}')).toBe(
      'template: test:1:2: executing "test" at <nil>: nil is not a command',
    );
    expect(execError('{{18446744073709551615}}')).toContain('18446744073709551615 overflows int');
  });
});

describe('fields, keys and methods', () => {
  const data = {
    Name: 'n',
    Nested: { Deep: { Value: 42n } },
    Labels: new Map([['job', 'node']]),
    Alerts: alerts,
    Empty: null,
    Fn: (a: string) => `called ${a}`,
  };

  it.each([
    ['{{.Name}}', 'n'],
    ['{{.Nested.Deep.Value}}', '42'],
    ['{{.Labels.job}}', 'node'],
    ['{{$x := .Nested}}{{$x.Deep.Value}}', '42'],
    ['{{(index .Alerts 0).Labels.job}}', 'node'],
    ['{{range .Alerts}}{{.Summary}};{{end}}', 'Down is firing;Up is resolved;'],
    ['{{range .Alerts.Firing}}{{.Labels.alertname}}{{end}}', 'Down'],
    ['{{(index .Alerts 0).Label "job"}}', 'node'],
    [
      '{{with index .Alerts 0}}{{.Label "alertname"}} {{.Join "-" "a" "b"}}{{end}}',
      'Down firing-a-b',
    ],
    ['{{"job" | (index .Alerts 1).Label}}', 'db'],
    [
      '{{range (index .Alerts 0).Labels.SortedPairs}}{{.Name}}={{.Value}},{{end}}',
      'alertname=Down,job=node,',
    ],
    ['{{(index .Alerts 0).Labels.Names}}', '[alertname job]'],
    ['{{call .Fn "x"}}', 'called x'],
    ['{{.Missing}}', '<no value>'],
    ['{{.Missing.Deeper}}', '<no value>'],
    ['{{.Labels.missing}}', '<no value>'],
  ])('%j', (text, want) => {
    expect(run(text, data)).toBe(want);
  });

  it('reports Go errors for fields that cannot be evaluated', () => {
    expect(execError('{{.Name.Foo}}', data)).toBe(
      'template: test:1:7: executing "test" at <.Name.Foo>: can\'t evaluate field Foo in type string',
    );
    expect(execError('{{(index .Alerts 0).Nope}}', data)).toContain(
      "can't evaluate field Nope in type Alert",
    );
    expect(execError('{{.Empty.X}}', data)).toContain('nil pointer evaluating interface {}.X');
    expect(execError('{{.Name 1}}', data)).toContain('Name is not a method but has arguments');
    expect(execError('{{(index .Alerts 0).Status 1}}', data)).toContain(
      'Status has arguments but cannot be invoked as function',
    );
    expect(execError('{{(index .Alerts 0).Label}}', data)).toContain(
      'wrong number of args for Label: want 1 got 0',
    );
    expect(execError('{{(index .Alerts 0).Join}}', data)).toContain(
      'wrong number of args for Join: want at least 1 got 0',
    );
    expect(execError('{{.Fn}}', data)).toContain("can't print {{.Fn}} of type func");
    expect(execError('{{.Alerts.length}}', data)).toContain(
      "can't evaluate field length in type Alerts",
    );
  });

  it('treats a Date as a time.Time', () => {
    const at = { T: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) };
    expect(run('{{.T.Format "2006-01-02 15:04"}} {{.T.Unix}} {{.T}}', at)).toBe(
      '2024-01-02 03:04 1704164645 2024-01-02 03:04:05 +0000 UTC',
    );
  });
});

describe('missing keys', () => {
  const data = { m: { a: 'x' }, labels: new Map([['a', 'x']]), counts: { a: 1 } };

  it('prints <no value> by default', () => {
    expect(run('{{.m.b}}|{{index .m "b"}}|{{.nothing}}', data)).toBe('<no value>||<no value>');
  });

  it('gives the zero value of the map element with missingkey=zero', () => {
    const zero = new TemplateEngine({ missingKey: 'zero' });
    expect(run('[{{.m.b}}][{{.labels.b}}][{{.counts.b}}][{{.nothing}}]', data, zero)).toBe(
      '[][][0][<no value>]',
    );
    expect(run('{{if .m.b}}yes{{else}}no{{end}}', data, zero)).toBe('no');
  });

  it('fails with missingkey=error', () => {
    const strict = new TemplateEngine({ missingKey: 'error' });
    expect(execError('{{.m.b}}', data, strict)).toBe(
      'template: test:1:4: executing "test" at <.m.b>: map has no entry for key "b"',
    );
    expect(execError('{{.Foo}}', undefined, strict)).toBe(
      'template: test:1:2: executing "test" at <.Foo>: nil data; no entry for key "Foo"',
    );
  });
});

describe('variables', () => {
  it.each([
    ['{{$}}', 'dot', 'dot'],
    ['{{$x := 1}}{{$x}}', null, '1'],
    ['{{$x := 1}}{{$x = 2}}{{$x}}', null, '2'],
    ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', null, '2'],
    ['{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}', null, '21'],
    ['{{with .}}{{$.a}}{{.}}{{end}}', { a: 'A' }, 'Amap[a:A]'],
    ['{{range $i, $e := .}}{{$i}}{{$e}}{{end}}', ['a', 'b'], '0a1b'],
    ['{{range $e := .}}{{$e}}{{end}}', ['a', 'b'], 'ab'],
    ['{{$i := 0}}{{range $i = .}}{{end}}{{$i}}', ['a', 'b'], 'b'],
    ['{{define "t"}}{{$}}{{end}}{{$x := 5}}{{template "t" "T"}}', null, 'T'],
  ])('%j', (text, data, want) => {
    expect(run(text, data)).toBe(want);
  });
});

describe('if and with', () => {
  const truthy: [string, unknown, boolean][] = [
    ['empty string', '', false],
    ['string', 'x', true],
    ['zero int', 0n, false],
    ['int', 1n, true],
    ['zero float', 0, false],
    ['float', 0.5, true],
    ['false', false, false],
    ['true', true, true],
    ['nil', null, false],
    ['no value', undefined, false],
    ['empty array', [], false],
    ['array', [0], true],
    ['empty map', {}, false],
    ['map', { a: 0 }, true],
    ['empty Map', new Map(), false],
    ['struct', new Pair('', ''), true],
    ['empty SafeHtml', new SafeHtml(''), false],
  ];

  it.each(truthy)('treats %s as %s', (_, value, truth) => {
    expect(run('{{if .v}}T{{else}}F{{end}}', { v: value })).toBe(truth ? 'T' : 'F');
  });

  it.each([
    ['{{if .a}}A{{else if .b}}B{{else}}C{{end}}', { a: 0n, b: 1n }, 'B'],
    ['{{if .a}}A{{else if .b}}B{{else if .c}}C{{else}}D{{end}}', {}, 'D'],
    ['{{with .a}}{{.}}{{else}}none{{end}}', { a: 'x' }, 'x'],
    ['{{with .a}}{{.}}{{else}}none{{end}}', {}, 'none'],
    ['{{with .a}}A{{else with .b}}{{.}}{{else}}C{{end}}', { b: 'B' }, 'B'],
    ['{{with .a}}A{{else with .b}}{{.}}{{else}}C{{end}}', {}, 'C'],
    ['{{with $x := .a}}{{$x}}{{.}}{{end}}', { a: 'x' }, 'xx'],
    ['{{if and .a .b}}both{{end}}', { a: 1n, b: 'b' }, 'both'],
  ])('%j', (text, data, want) => {
    expect(run(text, data)).toBe(want);
  });
});

describe('range', () => {
  it.each([
    ['{{range .}}[{{.}}]{{end}}', ['a', 'b', 'c'], '[a][b][c]'],
    ['{{range .}}[{{.}}]{{else}}empty{{end}}', [], 'empty'],
    ['{{range .}}x{{else}}empty{{end}}', null, 'empty'],
    ['{{range .}}x{{else}}empty{{end}}', undefined, 'empty'],
    [
      '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}',
      { zeta: 1n, alpha: 2n, mid: 3n },
      'alpha=2;mid=3;zeta=1;',
    ],
    [
      '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}',
      new Map([
        [10n, 'ten'],
        [9n, 'nine'],
        [100n, 'c'],
      ]),
      '9=nine;10=ten;100=c;',
    ],
    [
      '{{range .}}{{.}}{{end}}',
      new Map([
        ['b', 2n],
        ['a', 1n],
        ['B', 0n],
      ]),
      '012',
    ],
    ['{{range 3}}{{.}}{{end}}', null, '012'],
    ['{{range $i := 3}}{{$i}}{{end}}', null, '012'],
    ['{{range 0}}x{{else}}none{{end}}', null, 'none'],
    ['{{range .}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}', [1n, 2n, 3n, 4n], '12'],
    ['{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}', [1n, 2n, 3n], '13'],
    [
      '{{range $i, $e := .}}{{range .}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}};{{end}}',
      [[1n, 2n, 3n], [4n]],
      '1;4;',
    ],
    ['{{range .}}{{.}}{{end}}', new Set(['x', 'y']), 'xy'],
  ])('%j', (text, data, want) => {
    expect(run(text, data)).toBe(want);
  });

  it('refuses values that cannot be ranged over', () => {
    expect(execError('{{range .}}{{end}}', 'str')).toBe(
      'template: test:1:8: executing "test" at <.>: range can\'t iterate over str',
    );
    expect(execError('{{range $i, $e := 3}}{{end}}')).toContain(
      "can't use 3 to iterate over more than one variable",
    );
    expect(execError('{{range 1.5}}{{end}}')).toContain("range can't iterate over 1.5");
  });
});

describe('define, template and block', () => {
  it.each([
    [
      '{{define "T1"}}ONE{{end}}{{define "T2"}}TWO{{end}}{{define "T3"}}{{template "T1"}} {{template "T2"}}{{end}}{{template "T3"}}',
      'ONE TWO',
    ],
    [
      '{{define "x"}}[{{.}}]{{end}}{{template "x" "a"}}{{template "x" 1}}{{template "x"}}',
      '[a][1][<no value>]',
    ],
    ['a{{block "inner" .}}bar{{.}}baz{{end}}b', 'abarxbazb'],
    [
      '{{define "list"}}{{range .}}{{.}}{{template "sep"}}{{end}}{{end}}{{define "sep"}},{{end}}{{template "list" .}}',
      '1,2,',
    ],
  ])('%j', (text, want) => {
    const data = text.includes('list') ? [1n, 2n] : 'x';
    expect(run(text, data)).toBe(want);
  });

  it('reports undefined templates and runaway recursion', () => {
    expect(execError('{{template "nope"}}')).toBe(
      'template: test:1:11: executing "test" at <{{template "nope"}}>: template "nope" not defined',
    );
    expect(execError('{{define "r"}}{{template "r" .}}{{end}}{{template "r"}}')).toContain(
      'exceeded maximum template depth (1000)',
    );
  });

  it('locates errors inside the template being executed', () => {
    const e = execError('{{define "inner"}}\n  {{.X.Y}}{{end}}{{template "inner" "s"}}');
    expect(e).toBe(
      // Go places a field chain at its second element.
      'template: test:2:6: executing "inner" at <.X.Y>: can\'t evaluate field X in type string',
    );
  });
});

describe('builtin functions', () => {
  it.each([
    ['{{and 1 0 2}}', '0'],
    ['{{and 1 2}}', '2'],
    ['{{or 0 "" "x" 1}}', 'x'],
    ['{{or 0 ""}}', ''],
    ['{{and false (index .list 5)}}', 'false'],
    ['{{or true (fail)}}', 'true'],
    ['{{0 | and 1}}', '0'],
    ['{{not 0}} {{not "x"}}', 'true false'],
    ['{{len "héllo"}} {{len .list}} {{len .map}} {{len ""}}', '6 3 2 0'],
    ['{{index .list 1}} {{index .map "b"}} {{index .nested 1 0}} {{index "abc" 1}}', '2 B 3 98'],
    ['{{index .map "zz"}}', ''],
    ['{{index .list}}', '[1 2 3]'],
    [
      '{{slice .list 1}} {{slice .list 1 2}} {{slice .list}} {{slice "hello" 1 3}} {{slice .list 0 1 2}}',
      '[2 3] [2] [1 2 3] el [1]',
    ],
    ['{{print 1 2 "a" "b" 3}}', '1 2ab3'],
    ['{{println "a" 1}}', 'a 1\n'],
    ['{{printf "%d-%s-%v-%.2f" 3 "x" .list 1.5}}', '3-x-[1 2 3]-1.50'],
    [
      '{{eq 1 1}} {{eq 1 2}} {{eq "a" "b" "a"}} {{eq .nothing "x"}} {{eq .nothing .nada}}',
      'true false true false true',
    ],
    ['{{ne 1 2}} {{ne "a" "a"}}', 'true false'],
    [
      '{{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}} {{lt "a" "b"}} {{lt 1.5 2.5}}',
      'true true true false true true',
    ],
    ['{{lt 1 1.5}} {{eq 2 2.0}} {{gt .count 2}}', 'true true true'],
    ['{{html "<a href=\'x\'>&</a>"}}', '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
    ['{{html 1 2}}', '1 2'],
    ['{{js "a\'b\\"c<d>e&f=g\\n"}}', 'a\\\'b\\"c\\u003Cd\\u003Ee\\u0026f\\u003Dg\\u000A'],
    ['{{urlquery "a b&c=d/é"}}', 'a+b%26c%3Dd%2F%C3%A9'],
    ['{{.nothing | html}}', '&lt;no value&gt;'],
    ['{{call .fn 2}}', '4'],
    ['{{add 1 2}} {{list 1 "a"}}', '3 [1 a]'],
    ['{{upper "x" | printf "%s!"}}', 'X!'],
  ])('%j', (text, want) => {
    const data = {
      list: [1n, 2n, 3n],
      map: { a: 'A', b: 'B' },
      nested: [[1n], [3n, 4n]],
      count: 3,
      fn: (x: bigint) => x * 2n,
    };
    expect(run(text, data)).toBe(want);
  });

  it.each([
    ['{{index .list 5}}', 'error calling index: index out of range: 5'],
    ['{{index .list -1}}', 'error calling index: index out of range: -1'],
    ['{{index .list "a"}}', 'error calling index: cannot index slice/array with type string'],
    ['{{index 1 1}}', "error calling index: can't index item of type int"],
    ['{{index .nothing 1}}', 'error calling index: index of untyped nil'],
    ['{{slice .list 2 1}}', 'error calling slice: invalid slice index: 2 > 1'],
    ['{{slice "abc" 0 1 2}}', 'error calling slice: cannot 3-index slice a string'],
    ['{{len 3}}', 'error calling len: len of type int'],
    ['{{eq 1 "a"}}', 'error calling eq: incompatible types for comparison: int and string'],
    ['{{eq .list .list}}', 'error calling eq: non-comparable type []interface {}'],
    ['{{lt true false}}', 'error calling lt: invalid type for comparison'],
    ['{{eq 1}}', 'error calling eq: missing argument for comparison'],
    ['{{not}}', 'wrong number of args for not: want 1 got 0'],
    ['{{ne 1 2 3}}', 'wrong number of args for ne: want 2 got 3'],
    ['{{and}}', 'wrong number of args for and: want at least 1 got 0'],
    ['{{printf 1}}', 'wrong type for value; expected string; got int'],
    ['{{call .list}}', 'error calling call: non-function .list of type []interface {}'],
    ['{{call .nothing}}', 'error calling call: call of nil'],
    ['{{call .fn}}', 'error calling call: wrong number of args for .fn: got 0 want 1'],
    ['{{fail}}', 'error calling fail: boom'],
    ['{{"x" 1}}', 'can\'t give argument to non-function "x"'],
    ['{{(1) 2}}', "can't give argument to non-function 1"],
    ['{{1 | 2}}', 'non executable command in pipeline stage 2'],
  ])('%j fails', (text, message) => {
    const data = { list: [1n, 2n, 3n], fn: (x: bigint) => x };
    let got: string;
    try {
      got = run(text, data);
    } catch (e) {
      got = (e as Error).message;
    }
    expect(got).toContain(message);
  });

  it('locates function errors at the command, as Go does', () => {
    expect(execError('{{ "one" | fail }}')).toBe(
      'template: test:1:11: executing "test" at <fail>: wrong number of args for fail: want 0 got 1',
    );
    expect(execError('{{ fail }}')).toBe(
      'template: test:1:3: executing "test" at <fail>: error calling fail: boom',
    );
  });

  it('lets engine functions replace builtins', () => {
    const engine = new TemplateEngine({
      functions: { len: ((s: string) => `mine:${s}`) as TemplateFunction },
    });
    expect(run('{{len "abc"}}', null, engine)).toBe('mine:abc');
  });
});

describe('printing values', () => {
  it.each([
    [[1n, 'a', 2.5, null], '[1 a 2.5 <nil>]'],
    [{ b: [1n], a: { c: true } }, 'map[a:map[c:true] b:[1]]'],
    [new Pair('n', 'v'), '{n v}'],
    [1234567, '1.234567e+06'],
    [0.000001, '1e-06'],
    [100000, '100000'],
    [null, '<no value>'],
  ])('prints %j as Go does', (value, want) => {
    expect(run('{{.}}', value)).toBe(want);
  });
});

describe('execution options', () => {
  it('keeps executions independent and repeatable', () => {
    const set = defaultEngine.parse('t', '{{range .}}{{$x := .}}{{$x}}{{end}}');
    expect(set.execute('t', [1n, 2n])).toBe('12');
    expect(set.execute('t', ['a'])).toBe('a');
  });
});

import { describe, expect, it } from '@jest/globals';
import { TemplateEngine } from './engine.js';
import { TemplateExecError, TemplateParseError } from './errors.js';
import { variadic } from './function.js';

describe('TemplateEngine', () => {
  const engine = new TemplateEngine({ functions: { upper: (s: string) => s.toUpperCase() } });

  it('parses a set whose templates call each other', () => {
    const set = engine.parse(
      'main',
      '{{define "greet"}}hello {{.}}{{end}}{{template "greet" upper .}}!',
    );
    expect(set.execute('main', 'bob')).toBe('hello BOB!');
    expect(set.execute('greet', 'ann')).toBe('hello ann');
    expect(set.names().sort()).toEqual(['greet', 'main']);
    expect(set.has('greet')).toBe(true);
  });

  it('resolves template calls across several parsed files, later definitions winning', () => {
    const set = engine.newSet();
    set.parse(
      'default.tmpl',
      '{{define "title"}}default title{{end}}{{define "body"}}[{{template "title" .}}]{{end}}',
    );
    expect(set.execute('body', null)).toBe('[default title]');
    set.parse('user.tmpl', '{{define "title"}}user title{{end}}');
    expect(set.execute('body', null)).toBe('[user title]');
  });

  it('does not let an empty definition replace a non-empty one', () => {
    const set = engine.parse('a', '{{define "t"}}kept{{end}}');
    set.parse('b', '{{define "t"}}  \n {{end}}');
    expect(set.execute('t', null)).toBe('kept');
  });

  it('leaves the set unchanged when a parse fails', () => {
    const set = engine.parse('a', '{{define "t"}}one{{end}}');
    expect(() => set.parse('b', '{{define "t"}}two{{end}}{{oops}}')).toThrow(TemplateParseError);
    expect(set.execute('t', null)).toBe('one');
  });

  it('executes configuration strings against a set without keeping their definitions', () => {
    const set = engine.parse('defaults', '{{define "name"}}set{{end}}');
    expect(set.executeText('{{define "name"}}local{{end}}{{template "name"}}', null)).toBe('local');
    expect(set.executeText('{{template "name"}}', null)).toBe('set');
    expect(set.has('')).toBe(false);
  });

  it('caches parsed configuration strings', () => {
    const set = engine.newSet();
    const text = '{{.}}';
    expect(set.executeText(text, 1n)).toBe('1');
    expect(set.executeText(text, 2n)).toBe('2');
    expect(() => set.executeText('{{', null)).toThrow('template: :1: unclosed action');
    expect(() => set.executeText('{{', null)).toThrow(TemplateParseError);
  });

  it('clones sets independently', () => {
    const set = engine.parse('a', '{{define "t"}}one{{end}}');
    const copy = set.clone();
    copy.parse('b', '{{define "t"}}two{{end}}');
    expect(set.execute('t', null)).toBe('one');
    expect(copy.execute('t', null)).toBe('two');
  });

  it('reports templates a set does not have as Go does', () => {
    const set = engine.newSet('root');
    expect(() => set.execute('missing', null)).toThrow(
      new TemplateExecError(
        'template: no template "missing" associated with template "root"',
        'missing',
        0,
        0,
      ),
    );
  });

  it('replaces functions for one execution', () => {
    const withPlaceholder = new TemplateEngine({
      functions: { routeLabels: (_name: string) => '' },
    });
    const set = withPlaceholder.parse('t', '{{ routeLabels "team" }}');
    expect(set.execute('t', null)).toBe('');
    expect(
      set.execute('t', null, { functions: { routeLabels: (name: string) => `<${name}>` } }),
    ).toBe('<team>');
    expect(
      withPlaceholder.executeText('{{ extra 1 }}', null, {
        functions: { extra: (n: bigint) => n + 1n },
      }),
    ).toBe('2');
  });

  it('names anonymous templates in errors as asked', () => {
    expect(() => engine.executeText('{{ .X.Y }}', { X: 'x' }, { name: 'annotation' })).toThrow(
      'template: annotation:1:5: executing "annotation" at <.X.Y>: can\'t evaluate field Y in type string',
    );
  });

  it('validates function maps as Go does', () => {
    expect(() => new TemplateEngine({ functions: { 'not-an-identifier': () => 1 } })).toThrow(
      'function name "not-an-identifier" is not a valid identifier',
    );
    expect(() => new TemplateEngine({ functions: { x: 1 as never } })).toThrow(
      'value for x not a function',
    );
  });

  it('checks argument counts, honouring variadic functions', () => {
    const e = new TemplateEngine({
      functions: { sum: variadic(1, (...xs: bigint[]) => xs.reduce((a, b) => a + b, 0n)) },
    });
    expect(e.executeText('{{ sum 1 2 3 }}', null)).toBe('6');
    expect(() => e.executeText('{{ sum }}', null)).toThrow(
      'wrong number of args for sum: want at least 1 got 0',
    );
  });

  it('wraps errors from data methods in Go’s form', () => {
    class Data {
      Fail(): string {
        throw new RangeError('bad data');
      }
    }
    expect(() => engine.executeText('{{ .Fail }}', new Data(), { name: 't' })).toThrow(
      'template: t:1:3: executing "t" at <.Fail>: error calling Fail: bad data',
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { TemplateEngine } from './engine.js';
import { alertmanagerFunctions } from './functions/alertmanager.js';

// Expected outputs are html/template's for the same templates.
const engine = new TemplateEngine({ functions: alertmanagerFunctions });

function html(text: string, data?: unknown): string {
  return engine.executeText(text, data, { name: 'h', html: true });
}

describe('HTML mode', () => {
  it.each([
    ['{{ . }}', `a+b<c>&'"`, 'a&#43;b&lt;c&gt;&amp;&#39;&#34;'],
    ['{{ . | safeHtml }}', '<b>bold</b>', '<b>bold</b>'],
    ['{{ .Missing }}|{{ . }}', null, '|'],
    ['<p title="{{ . }}">x</p>', 'a"b<', '<p title="a&#34;b&lt;">x</p>'],
    ["<p title='{{ . }}'>x</p>", "it's", "<p title='it&#39;s'>x</p>"],
    ['<p title={{ . }}>x</p>', 'a b=c', '<p title=a&#32;b&#61;c>x</p>'],
    ['<p title="{{ . | safeHtml }}">', '<b>x</b> &amp; y', '<p title="x &amp; y">'],
    ['<title>{{ . }}</title>', '<b>', '<title>&lt;b&gt;</title>'],
    ['<textarea>{{ . | safeHtml }}</textarea>', '<b>&amp;', '<textarea>&lt;b&gt;&amp;</textarea>'],
    ['<a href="{{ . }}">x</a>', 'javascript:alert(1)', '<a href="#ZgotmplZ">x</a>'],
    [
      '<a href="{{ . }}">x</a>',
      'http://example.com/a b?q=1&r=2',
      '<a href="http://example.com/a%20b?q=1&amp;r=2">x</a>',
    ],
    ['<a href="{{ . | safeUrl }}">x</a>', 'javascript:ok()', '<a href="javascript:ok%28%29">x</a>'],
    ['<a href="/search?q={{ . }}">x</a>', 'a b&c/d', '<a href="/search?q=a%20b%26c%2fd">x</a>'],
    [
      '<a href="/search?q={{ . | urlquery }}">x</a>',
      'a b&c',
      '<a href="/search?q=a&#43;b%26c">x</a>',
    ],
    ['<a href="/{{ . }}">x</a>', 'p?q', '<a href="/p?q">x</a>'],
    ['<img src={{ . }}>', 'data:x', '<img src=#ZgotmplZ>'],
    ['<a data-url="{{ . }}">', 'vbscript:x', '<a data-url="#ZgotmplZ">'],
    ['{{ . | html }}', '<b>', '&lt;b&gt;'],
    ['<p title="{{ . | html }}">', '<b>', '<p title="&lt;b&gt;">'],
    ['<input {{ . }}>', 'checked', '<input checked>'],
    ['<input {{ . }}>', 'onclick', '<input ZgotmplZ>'],
    ['<input {{ . }}="x">', 'a b', '<input ZgotmplZ="x">'],
    ['<!-- {{ . }} -->', 'secret', '<!--  -->'],
    [
      '<script>x</script><style>y</style>{{ . }}',
      '<i>',
      '<script>x</script><style>y</style>&lt;i&gt;',
    ],
    ['<p>{{ . }}</p><br/>{{ . }}', '<', '<p>&lt;</p><br/>&lt;'],
    [
      '{{define "u"}}{{.}}{{end}}<a href="{{template "u" .}}">',
      'javascript:x',
      '<a href="#ZgotmplZ">',
    ],
    ['{{ . }}', [1n, '<'], '[1 &lt;]'],
  ])('%j with %j', (text, data, want) => {
    expect(html(text, data)).toBe(want);
  });

  it.each([
    ['<script>var x = {{ . }}</script>', 'actions inside <script> are not supported in HTML mode'],
    ['<style>{{ . }}</style>', 'actions inside <style> are not supported in HTML mode'],
    [
      '<a onclick="f({{ . }})">',
      'actions inside the onclick attribute are not supported in HTML mode',
    ],
    [
      '<p style="color: {{ . }}">',
      'actions inside the style attribute are not supported in HTML mode',
    ],
  ])('refuses %j, which would need JavaScript or CSS escaping', (text, message) => {
    expect(() => html(text, 'x')).toThrow(message);
  });

  it('prints the same template unescaped in text mode', () => {
    expect(engine.executeText('<a href="{{ . }}">', 'javascript:x')).toBe(
      '<a href="javascript:x">',
    );
  });

  it('tracks context across repeated executions of the same template', () => {
    const set = engine.parse('t', '{{range .}}<a href="{{.}}">{{.}}</a>{{end}}');
    const out = set.execute('t', ['javascript:x', 'http://ok'], { html: true });
    expect(out).toBe('<a href="#ZgotmplZ">javascript:x</a><a href="http://ok">http://ok</a>');
    expect(set.execute('t', ['x<'], { html: true })).toBe('<a href="x%3c">x&lt;</a>');
  });
});

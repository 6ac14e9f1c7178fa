import { describe, expect, it } from '@jest/globals';
import { TemplateEngine } from './engine.js';
import { TemplateExecError, TemplateParseError } from './errors.js';
import { alertmanagerFunctions } from './functions/alertmanager.js';

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '{{',
  '}}',
  '{{- ',
  ' -}}',
  ' ',
  '\n',
  'if ',
  'else ',
  'end',
  'range ',
  'with ',
  'define ',
  'template ',
  'block ',
  'break',
  'continue',
  '.',
  '.A',
  '.B.C',
  '$',
  '$x',
  '$y',
  ':=',
  '=',
  '|',
  '(',
  ')',
  ',',
  '"s"',
  '"\\n"',
  '`raw`',
  "'c'",
  '1',
  '-2',
  '3.5',
  '0x1f',
  '1e3',
  'true',
  'nil',
  'print',
  'printf "%d"',
  'len',
  'index',
  'and',
  'or',
  'not',
  'eq',
  'lt',
  'slice',
  'html',
  'js',
  'urlquery',
  'call',
  'toUpper',
  'join ","',
  'text',
  '/*',
  '*/',
  '#',
  'é',
  '\u00a0',
  '"',
  '`',
  "'",
  '1i',
  '0b',
  '\\',
  '-',
  '}',
  '{',
];

const CORPUS = [
  '{{range $i, $e := .L}}{{$i}}={{$e}}{{else}}none{{end}}',
  '{{if and .A (not .B)}}yes{{else if .C}}maybe{{else}}no{{end}}',
  '{{define "t"}}{{.}}{{end}}{{template "t" .A}}{{block "b" .}}x{{end}}',
  '{{with $x := .A}}{{$x | printf "%v"}}{{end}}{{- /* c */ -}}',
  '{{ .L | join ", " | toUpper }} {{ len .L }} {{ index .M "k" }} {{ slice .L 1 }}',
  '{{range .L}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{continue}}{{end}}',
  "{{ (print 1 2).X }} {{ $ }} {{ 1.5e3 }} {{ 'a' }} {{ `r` }} {{ nil | print }}",
];

function randomTemplate(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 24);
  let out = '';
  for (let i = 0; i < n; i++) out += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)];
  return out;
}

function mutate(rand: () => number, text: string): string {
  let s = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const len = Math.floor(rand() * 4);
    switch (Math.floor(rand() * 4)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1:
        s = s.slice(0, at) + FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + s.slice(at, at + len).repeat(2) + s.slice(at + len);
    }
  }
  return s;
}

const engine = new TemplateEngine({ functions: alertmanagerFunctions });
const DATA = { A: 'a', B: { C: 1n }, L: ['a', 'b', 'c'], M: { k: 'v' } };

/** Parses and, when that works, executes; anything but the two template errors fails the test. */
function check(text: string): 'parsed' | 'rejected' {
  let set;
  try {
    set = engine.parse('fuzz', text);
  } catch (e) {
    if (!(e instanceof TemplateParseError))
      throw new Error(`${JSON.stringify(text)} threw ${String(e)}`);
    expect(e.message.startsWith('template: fuzz:')).toBe(true);
    return 'rejected';
  }
  // Long literal numbers could make range loop for a long time, as in Go.
  if (/\d{4,}/.test(text)) return 'parsed';
  try {
    set.execute('fuzz', DATA);
    set.execute('fuzz', DATA, { html: true });
  } catch (e) {
    if (!(e instanceof TemplateExecError))
      throw new Error(`${JSON.stringify(text)} threw ${String(e)}`);
  }
  return 'parsed';
}

describe('fuzzing', () => {
  it.each([1, 2, 3, 4])(
    'random templates parse or fail with TemplateParseError (seed %i)',
    (seed) => {
      const rand = prng(seed);
      const outcomes = { parsed: 0, rejected: 0 };
      for (let i = 0; i < 1000; i++) outcomes[check(randomTemplate(rand))]++;
      expect(outcomes.rejected).toBeGreaterThan(0);
    },
  );

  it.each([5, 6, 7, 8])(
    'mutated templates parse or fail with TemplateParseError (seed %i)',
    (seed) => {
      const rand = prng(seed);
      const outcomes = { parsed: 0, rejected: 0 };
      for (let i = 0; i < 1000; i++) {
        outcomes[check(mutate(rand, CORPUS[Math.floor(rand() * CORPUS.length)]!))]++;
      }
      expect(outcomes.parsed).toBeGreaterThan(0);
      expect(outcomes.rejected).toBeGreaterThan(0);
    },
  );

  it('accepts every corpus template as written', () => {
    for (const text of CORPUS) expect(check(text)).toBe('parsed');
  });
});

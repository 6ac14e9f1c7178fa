import { describe, expect, it } from '@jest/globals';
import { isSeq } from 'yaml';
import { ConfigError } from '../errors.js';
import {
  bool,
  check,
  decodeYaml,
  duration,
  list,
  nonNull,
  oneOf,
  record,
  str,
} from './decoders.js';
import type { Decoder } from './decoders.js';
import { field, object, optional, required } from './object.js';

const server = object(
  {
    name: required(
      'name',
      check(str, (v) => (v === '' ? 'must not be empty' : undefined)),
    ),
    port: field('port', str, '80'),
    tls: field('tls', bool, false),
    timeout: field('timeout', duration, 10_000),
    mode: field('mode', oneOf(['a', 'b']), 'a'),
    tags: field('tags', list(str), [] as string[]),
    labels: field(
      'labels',
      record(str, (k) => (k.startsWith('_') ? 'reserved' : undefined)),
      {},
    ),
    note: optional('note', str),
  },
  {
    unsupported: ['legacy'],
    check: (v, at) => {
      if (v.tls && v.port === '80') at('port').fail('port 80 with tls');
    },
  },
);
const file = object({ servers: field('servers', list(nonNull(server, 'empty server')), []) });

function decode(text: string) {
  return decodeYaml(text, 'test.yml', file);
}

function failure(text: string): string {
  try {
    decode(text);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('object decoding', () => {
  it('applies fallbacks and keeps values as written', () => {
    const { value, warnings } = decode(`
servers:
  - name: web
    port: 8080
    tls: yes
    timeout: 1m30s
    mode: b
    tags: [x, 1.0]
    labels: {env: prod, empty: }
    note: "hi"
  - name: 404
`);
    expect(value.servers).toEqual([
      {
        name: 'web',
        port: '8080',
        tls: true,
        timeout: 90_000,
        mode: 'b',
        tags: ['x', '1.0'],
        labels: { env: 'prod', empty: '' },
        note: 'hi',
      },
      {
        name: '404',
        port: '80',
        tls: false,
        timeout: 10_000,
        mode: 'a',
        tags: [],
        labels: {},
        note: undefined,
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('treats an empty value as absent and an empty document as all fallbacks', () => {
    expect(
      decode('servers:\n  - name: a\n    port:\n    tags: ~\n').value.servers[0],
    ).toMatchObject({ port: '80', tags: [] });
    expect(decode('').value).toEqual({ servers: [] });
    expect(decode('# only a comment\n').value).toEqual({ servers: [] });
  });

  it('warns about unsupported fields, once per occurrence, without reading them', () => {
    const { warnings } = decode(
      'servers:\n  - name: a\n    legacy: {any: [thing]}\n  - name: b\n    legacy: 1\n',
    );
    expect(warnings).toEqual([
      'test.yml:3:5: servers[0].legacy: not supported yet, ignored',
      'test.yml:5:5: servers[1].legacy: not supported yet, ignored',
    ]);
  });

  it('builds records with own keys only', () => {
    const { value } = decodeYaml('__proto__: x\nconstructor: y\n', 'test.yml', record(str));
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('follows aliases and merge keys, explicit keys winning', () => {
    const withDefaults = object(
      { servers: field('servers', list(server), []) },
      { unsupported: ['defaults'] },
    );
    const { value } = decodeYaml(
      `
defaults: &defaults
  port: 9000
  tags: [shared]
servers:
  - <<: *defaults
    name: a
  - <<: [{port: 1}, *defaults]
    name: b
    tags: [own]
`,
      'test.yml',
      withDefaults,
    );
    expect(value.servers.map((s) => [s.name, s.port, s.tags])).toEqual([
      ['a', '9000', ['shared']],
      ['b', '1', ['own']],
    ]);
  });

  it.each([
    [
      'unknown field',
      'servers:\n  - name: a\n    prot: 1\n',
      'test.yml:3:5: servers[0].prot: unknown field',
    ],
    ['unknown top-level field', 'server: []\n', 'test.yml:1:1: server: unknown field'],
    [
      'duplicate key',
      'servers:\n  - name: a\n    name: b\n',
      'test.yml:3:5: servers[0].name: duplicate key',
    ],
    ['duplicate section', 'servers: []\nservers: []\n', 'test.yml:2:1: servers: duplicate key'],
    [
      'missing required field',
      'servers:\n  - port: 1\n',
      'test.yml:2:5: servers[0].name: missing required field',
    ],
    [
      'empty required field',
      'servers:\n  - name:\n',
      'test.yml:2:10: servers[0].name: required field is empty',
    ],
    ['validator', 'servers:\n  - name: ""\n', 'test.yml:2:11: servers[0].name: must not be empty'],
    ['null list item', 'servers:\n  -\n', 'test.yml:2:4: servers[0]: empty server'],
    [
      'string expected',
      'servers:\n  - name: [a]\n',
      'test.yml:2:11: servers[0].name: expected a string, got a sequence',
    ],
    [
      'mapping expected',
      'servers:\n  - name\n',
      'test.yml:2:5: servers[0]: expected a mapping, got "name"',
    ],
    [
      'sequence expected',
      'servers: {a: 1}\n',
      'test.yml:1:10: servers: expected a sequence, got a mapping',
    ],
    ['top level not a mapping', '- a\n', 'test.yml:1:1: expected a mapping, got a sequence'],
    [
      'boolean expected',
      'servers:\n  - {name: a, tls: maybe}\n',
      'test.yml:2:20: servers[0].tls: expected a boolean, got "maybe"',
    ],
    [
      'quoted boolean',
      'servers:\n  - {name: a, tls: "true"}\n',
      'test.yml:2:20: servers[0].tls: expected a boolean, got a quoted string',
    ],
    [
      'invalid duration',
      'servers:\n  - {name: a, timeout: 10x}\n',
      'test.yml:2:24: servers[0].timeout: unknown unit "x" in duration "10x"',
    ],
    [
      'numeric duration',
      'servers:\n  - {name: a, timeout: 15}\n',
      'test.yml:2:24: servers[0].timeout: not a valid duration string: "15"',
    ],
    [
      'enum',
      'servers:\n  - {name: a, mode: c}\n',
      'test.yml:2:21: servers[0].mode: must be one of "a", "b"; got "c"',
    ],
    [
      'record key',
      'servers:\n  - name: a\n    labels: {_x: 1}\n',
      'test.yml:3:14: servers[0].labels._x: reserved',
    ],
    [
      'cross-field check',
      'servers:\n  - {name: a, tls: true}\n',
      'test.yml:2:5: servers[0].port: port 80 with tls',
    ],
    [
      'non-string key',
      'servers:\n  - {name: a, labels: {[x]: 1}}\n',
      'test.yml:2:24: servers[0].labels: mapping keys must be strings',
    ],
    [
      'binary that is not UTF-8',
      'servers:\n  - name: !!binary "/w=="\n',
      'test.yml:2:20: servers[0].name: not valid UTF-8',
    ],
    [
      'syntax error',
      'servers: [a\n',
      'test.yml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'tab indentation',
      'servers:\n\t- name: a\n',
      'test.yml:2:1: invalid YAML: Tabs are not allowed as indentation',
    ],
    [
      'several documents',
      'servers: []\n---\nservers: []\n',
      'test.yml:2:1: invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments()',
    ],
    ['unknown alias', 'servers: *nope\n', 'test.yml:1:10: servers: unknown alias *nope'],
    [
      'merge of a scalar',
      'servers:\n  - {<<: x, name: a}\n',
      'test.yml:2:10: servers[0]: merge key needs a mapping, got "x"',
    ],
    [
      'merge cycle',
      'servers:\n  - &s\n    name: a\n    <<: *s\n',
      'test.yml:3:5: servers[0]: merge key refers to an enclosing mapping',
    ],
  ])('reports %s', (_name, text, message) => {
    expect(failure(text)).toBe(message);
  });

  it('carries the position and path as fields of the error', () => {
    let error: unknown;
    try {
      decode('servers:\n  - name: a\n    prot: 1\n');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      name: 'ConfigError',
      code: 'config_invalid',
      file: 'test.yml',
      line: 3,
      column: 5,
      path: 'servers[0].prot',
      detail: 'unknown field',
    });
  });

  it('stops alias bombs instead of expanding them', () => {
    // Eight levels of ten aliases each would expand to 10^8 strings.
    const lines = ['anchors:', '  a: &a [x, x, x, x, x, x, x, x, x, x]'];
    const names = 'abcdefgh';
    for (let i = 1; i < names.length; i++) {
      lines.push(
        `  ${names[i]}: &${names[i]} [${Array(10)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`,
      );
    }
    lines.push('bomb: *h');
    const leaves: Decoder<number> = (at) =>
      isSeq(at.node) ? at.items().reduce((n, item) => n + leaves(item), 0) : 1;
    const decoder = object({ bomb: field('bomb', leaves, 0) }, { unsupported: ['anchors'] });
    expect(() => decodeYaml(lines.join('\n'), 'test.yml', decoder)).toThrow(
      'test.yml:3:46: bomb[0][0][0][8][9][6][9]: more than 10000 alias expansions',
    );
  });
});

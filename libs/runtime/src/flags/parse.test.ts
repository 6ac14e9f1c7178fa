import { describe, expect, it } from '@jest/globals';
import { FlagError } from '../errors.js';
import { commonFlags } from './common.js';
import { parseFlags } from './parse.js';
import type { FlagSpec } from './spec.js';
import { withDefaults } from './spec.js';

const specs: FlagSpec[] = [
  { name: 'config.file', type: 'string', default: 'prometheus.yml', help: 'Config.' },
  { name: 'web.enable-lifecycle', type: 'boolean', help: 'Lifecycle.' },
  { name: 'web.cors', type: 'boolean', default: true, help: 'CORS.' },
  { name: 'query.max-samples', type: 'number', default: 50000000, help: 'Max samples.' },
  { name: 'query.timeout', type: 'duration', default: '2m', help: 'Timeout.' },
  { name: 'rules.interval', type: 'duration', default: 15000, help: 'Interval.' },
  { name: 'enable-feature', type: 'string', repeatable: true, help: 'Features.' },
  {
    name: 'log.level',
    type: 'string',
    default: 'info',
    choices: ['debug', 'info'],
    help: 'Level.',
  },
];

describe('parseFlags', () => {
  it('returns defaults when nothing is given', () => {
    const f = parseFlags([], specs, 'svc');
    expect(f.help).toBe(false);
    expect(f.string('config.file')).toBe('prometheus.yml');
    expect(f.boolean('web.enable-lifecycle')).toBe(false);
    expect(f.boolean('web.cors')).toBe(true);
    expect(f.number('query.max-samples')).toBe(50000000);
    expect(f.duration('query.timeout')).toBe(120_000);
    expect(f.duration('rules.interval')).toBe(15_000);
    expect(f.strings('enable-feature')).toEqual([]);
    expect(f.isSet('config.file')).toBe(false);
    expect(f.args).toEqual([]);
  });

  it.each([
    [['--config.file=a.yml'], 'config.file', 'a.yml'],
    [['--config.file', 'b.yml'], 'config.file', 'b.yml'],
    [['--config.file='], 'config.file', ''],
    [['--config.file', '-'], 'config.file', '-'],
    [['--config.file=x=y'], 'config.file', 'x=y'],
    [['--web.enable-lifecycle'], 'web.enable-lifecycle', true],
    [['--web.enable-lifecycle=false'], 'web.enable-lifecycle', false],
    [['--no-web.cors'], 'web.cors', false],
    [['--web.cors=true'], 'web.cors', true],
    [['--query.max-samples=12.5'], 'query.max-samples', 12.5],
    [['--query.max-samples', '-3'], 'query.max-samples', -3],
    [['--query.max-samples=1e3'], 'query.max-samples', 1000],
    [['--query.timeout=1h30m'], 'query.timeout', 5_400_000],
    [['--query.timeout', '0'], 'query.timeout', 0],
    [['--log.level=debug'], 'log.level', 'debug'],
  ])('%j sets %s to %j', (argv, name, want) => {
    const f = parseFlags(argv, specs, 'svc');
    const spec = specs.find((s) => s.name === name)!;
    const got =
      spec.type === 'boolean'
        ? f.boolean(name)
        : spec.type === 'number'
          ? f.number(name)
          : spec.type === 'duration'
            ? f.duration(name)
            : f.string(name);
    expect(got).toBe(want);
    expect(f.isSet(name)).toBe(true);
  });

  it('collects a repeatable flag in order and keeps positional arguments', () => {
    const f = parseFlags(
      ['all', '--enable-feature=a', 'x', '--enable-feature', 'b', '--', '--not-a-flag'],
      specs,
      'svc',
    );
    expect(f.strings('enable-feature')).toEqual(['a', 'b']);
    expect(f.args).toEqual(['all', 'x', '--not-a-flag']);
  });

  it.each([
    [['--bogus'], '--bogus', 'svc: unknown flag --bogus, try --help'],
    [['--bogus=1'], '--bogus', 'svc: unknown flag --bogus, try --help'],
    [['-x'], '-x', 'svc: unknown short flag -x, try --help'],
    [['--no-config.file'], '--no-config.file', 'svc: unknown flag --no-config.file, try --help'],
    [['--config.file'], '--config.file', 'svc: flag --config.file expects a value, try --help'],
    [
      ['--config.file', '--web.cors'],
      '--config.file',
      'svc: flag --config.file expects a value, try --help',
    ],
    [
      ['--config.file=a', '--config.file=b'],
      '--config.file',
      'svc: flag --config.file cannot be repeated, try --help',
    ],
    [['--no-web.cors=true'], '--no-web.cors', 'svc: flag --no-web.cors takes no value, try --help'],
    [['--web.cors=yes'], '--web.cors', 'svc: flag --web.cors: invalid boolean "yes", try --help'],
    [
      ['--query.max-samples=ten'],
      '--query.max-samples',
      'svc: flag --query.max-samples: invalid number "ten", try --help',
    ],
    [
      ['--query.max-samples='],
      '--query.max-samples',
      'svc: flag --query.max-samples: invalid number "", try --help',
    ],
    [
      ['--query.max-samples=0x10'],
      '--query.max-samples',
      'svc: flag --query.max-samples: invalid number "0x10", try --help',
    ],
    [
      ['--query.timeout=5x'],
      '--query.timeout',
      'svc: flag --query.timeout: unknown unit "x" in duration "5x", try --help',
    ],
    [
      ['--query.timeout=-1s'],
      '--query.timeout',
      'svc: flag --query.timeout: not a valid duration string: "-1s", try --help',
    ],
    [
      ['--log.level=trace'],
      '--log.level',
      'svc: flag --log.level: invalid value "trace", expected one of debug, info, try --help',
    ],
  ])('%j is refused naming %s', (argv, flag, message) => {
    let caught: unknown;
    try {
      parseFlags(argv, specs, 'svc');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FlagError);
    expect((caught as FlagError).flag).toBe(flag);
    expect((caught as FlagError).code).toBe('invalid_flag');
    expect((caught as FlagError).message).toBe(message);
  });

  it('keeps the duration parser error as the cause', () => {
    expect(() => parseFlags(['--query.timeout=1.5s'], specs, 'svc')).toThrow(
      expect.objectContaining({ cause: expect.any(Error) }),
    );
  });

  it.each([[['--help']], [['-h']], [['--bogus', '--help']], [['--config.file=x', '-h', 'arg']]])(
    '%j asks for help without validating the rest',
    (argv) => {
      const f = parseFlags(argv, specs, 'svc');
      expect(f.help).toBe(true);
      expect(f.string('config.file')).toBe('prometheus.yml');
    },
  );

  it('treats --help after -- as a positional argument', () => {
    const f = parseFlags(['--', '--help'], specs, 'svc');
    expect(f.help).toBe(false);
    expect(f.args).toEqual(['--help']);
  });

  it.each<[string, FlagSpec[]]>([
    ['duplicate names', [specs[0]!, specs[0]!]],
    ['a flag called help', [{ name: 'help', type: 'boolean', help: '' }]],
    ['a repeatable number', [{ name: 'n', type: 'number', repeatable: true, help: '' }]],
    ['choices on a number', [{ name: 'n', type: 'number', choices: ['1'], help: '' }]],
    ['a default of the wrong type', [{ name: 'n', type: 'number', default: '1', help: '' }]],
    ['a bad duration default', [{ name: 'd', type: 'duration', default: 'soon', help: '' }]],
    [
      'a default outside the choices',
      [{ name: 's', type: 'string', default: 'c', choices: ['a'], help: '' }],
    ],
  ])('treats %s as a BUG', (_what, bad) => {
    expect(() => parseFlags([], bad, 'svc')).toThrow(/^BUG: /);
  });

  it('reports reading a flag undeclared or with the wrong type as a BUG', () => {
    const f = parseFlags([], specs, 'svc');
    expect(() => f.string('nope')).toThrow(/^BUG: flag --nope is not declared/);
    expect(() => f.number('config.file')).toThrow(/^BUG: flag --config.file is a string flag/);
    expect(() => f.string('enable-feature')).toThrow(/^BUG: .*repeatable/);
    expect(() => f.strings('config.file')).toThrow(/^BUG: .*not repeatable/);
  });
});

describe('commonFlags and withDefaults', () => {
  it('declares the shared flags with Prometheus defaults', () => {
    const f = parseFlags([], [...commonFlags], 'svc');
    expect(f.string('web.listen-address')).toBe('0.0.0.0:9090');
    expect(f.string('log.level')).toBe('info');
    expect(f.string('log.format')).toBe('logfmt');
    expect(f.string('web.config.file')).toBeUndefined();
    expect(f.string('nats.creds-file')).toBeUndefined();
    expect(() => parseFlags(['--log.format=text'], [...commonFlags], 'svc')).toThrow(FlagError);
  });

  it('overrides a default without touching the original specs', () => {
    const specsForQuery = withDefaults(commonFlags, { 'web.listen-address': ':9091' });
    expect(parseFlags([], specsForQuery, 'q').string('web.listen-address')).toBe(':9091');
    expect(parseFlags([], [...commonFlags], 'q').string('web.listen-address')).toBe('0.0.0.0:9090');
    expect(() => withDefaults(commonFlags, { 'web.listen-adress': ':1' })).toThrow(/^BUG: /);
  });
});

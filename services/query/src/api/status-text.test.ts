import { describe, expect, it } from '@jest/globals';
import { parseFlags } from '@promethium/runtime';
import type { FlagSpec } from '@promethium/runtime';
import { flagTexts } from '../status-flags.js';
import { unescapeLabelName } from './label-name.js';
import { goTime } from './status.js';

describe('unescapeLabelName (Prometheus U__ value-encoding escape)', () => {
  it.each([
    ['job', 'job'],
    ['U__job', 'job'],
    ['U__a_2e_b', 'a.b'],
    ['U__snake__case', 'snake_case'],
    ['U___1f4c8_', '📈'],
    ['U__bad_zz_', 'U__bad_zz_'],
    ['U__open_2e', 'U__open_2e'],
    ['U___d800_', 'U___d800_'],
  ])('%s -> %s', (name, want) => {
    expect(unescapeLabelName(name)).toBe(want);
  });
});

describe('goTime (Go time.Time JSON)', () => {
  it.each([
    [1_700_000_000_000, '2023-11-14T22:13:20Z'],
    [1_700_000_000_100, '2023-11-14T22:13:20.1Z'],
    [1_700_000_000_123, '2023-11-14T22:13:20.123Z'],
  ])('%d -> %s', (ms, want) => {
    expect(goTime(ms)).toBe(want);
  });
});

describe('flagTexts', () => {
  const specs: FlagSpec[] = [
    { name: 'web.listen-address', type: 'string', default: '0.0.0.0:9090', help: '' },
    { name: 'query.timeout', type: 'duration', default: '2m', help: '' },
    { name: 'query.max-samples', type: 'number', default: 50000000, help: '' },
    { name: 'web.enable-lifecycle', type: 'boolean', help: '' },
    { name: 'nats.url', type: 'string', repeatable: true, help: '' },
    { name: 'web.config.file', type: 'string', help: '' },
  ];
  it('renders given and defaulted values as Prometheus shows them', () => {
    const flags = parseFlags(
      ['--query.timeout=90s', '--nats.url=a', '--nats.url=b', '--web.enable-lifecycle'],
      specs,
      'test',
    );
    expect(flagTexts(flags, specs)).toEqual({
      'web.listen-address': '0.0.0.0:9090',
      'query.timeout': '1m30s',
      'query.max-samples': '50000000',
      'web.enable-lifecycle': 'true',
      'nats.url': 'a,b',
      'web.config.file': '',
    });
  });
});

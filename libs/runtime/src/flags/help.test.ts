import { describe, expect, it } from '@jest/globals';
import { formatHelp } from './help.js';

describe('formatHelp', () => {
  it('lists every flag with placeholder, choices and default', () => {
    const text = formatHelp('promethium-query', 'Answers PromQL queries.', [
      {
        name: 'config.file',
        type: 'string',
        default: 'prometheus.yml',
        placeholder: '<file>',
        help: 'Config file.',
      },
      {
        name: 'web.enable-lifecycle',
        type: 'boolean',
        help: 'Enable shutdown and reload via HTTP.',
      },
      { name: 'query.timeout', type: 'duration', default: '2m', help: 'Query timeout.' },
      { name: 'rules.interval', type: 'duration', default: 90_000, help: 'Interval.' },
      { name: 'query.max-samples', type: 'number', default: 5, help: 'Max samples.' },
      {
        name: 'log.level',
        type: 'string',
        default: 'info',
        choices: ['debug', 'info'],
        help: 'Level.',
      },
      { name: 'enable-feature', type: 'string', repeatable: true, help: 'Feature.' },
      { name: 'storage.remote.read-concurrent-limit.very-long', type: 'number', help: 'Long.' },
    ]);
    expect(text).toBe(
      [
        'usage: promethium-query [<flags>]',
        '',
        'Answers PromQL queries.',
        '',
        'Flags:',
        '  -h, --help                        Show this help and exit.',
        '      --config.file=<file>          Config file. (default: "prometheus.yml")',
        '      --[no-]web.enable-lifecycle   Enable shutdown and reload via HTTP.',
        '      --query.timeout=<duration>    Query timeout. (default: 2m)',
        '      --rules.interval=<duration>   Interval. (default: 1m30s)',
        '      --query.max-samples=<number>  Max samples. (default: 5)',
        '      --log.level=<string>          Level. One of: debug, info. (default: "info")',
        '      --enable-feature=<string> ...',
        '                                    Feature. Can be repeated.',
        '      --storage.remote.read-concurrent-limit.very-long=<number>',
        '                                    Long.',
        '',
      ].join('\n'),
    );
  });
});

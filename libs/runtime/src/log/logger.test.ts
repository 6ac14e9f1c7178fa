import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError } from '../errors.js';
import { createLogger } from './logger.js';
import { logSink } from '../testing/log-sink.js';

const TS = /^ts=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

describe('createLogger', () => {
  it('writes logfmt lines with ts, level, service and msg first', () => {
    const { logger, lines } = logSink('logfmt', 'info');
    logger.info({ target: 'http://a:1/metrics' }, 'scrape done');
    logger.child({ component: 'rules' }).warn('group "x" slow');
    logger.error(new Error('disk full'), 'append failed');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(TS);
    expect(lines[0]!.replace(TS, '')).toBe(
      'level=info service=test msg="scrape done" target=http://a:1/metrics',
    );
    expect(lines[1]!.replace(TS, '')).toBe(
      'level=warn service=test msg="group \\"x\\" slow" component=rules',
    );
    expect(lines[2]!.replace(TS, '')).toBe(
      'level=error service=test msg="append failed" err="disk full"',
    );
  });

  it('writes pino JSON with the service and a level label', () => {
    const { logger, lines } = logSink('json', 'info');
    logger.info({ n: 1 }, 'hello');
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', service: 'test', msg: 'hello', n: 1 });
    expect(typeof record.time).toBe('string');
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ])('at level %s writes %j', (level, want) => {
    const { logger, lines } = logSink('json', level);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(want);
  });

  it('refuses an unknown level or format', () => {
    expect(() => createLogger({ level: 'trace', format: 'logfmt', service: 's' })).toThrow(
      InvalidOptionError,
    );
    expect(() => createLogger({ level: 'trace', format: 'logfmt', service: 's' })).toThrow(
      'invalid log level "trace", expected one of debug, info, warn, error',
    );
    expect(() => createLogger({ level: 'info', format: 'text' as 'json', service: 's' })).toThrow(
      'invalid log format "text", expected logfmt or json',
    );
  });
});

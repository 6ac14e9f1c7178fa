import { pino } from 'pino';
import type { Logger } from 'pino';
import { InvalidOptionError } from '../errors.js';
import { jsonLineToLogfmt } from './logfmt.js';

/** The log levels Promethium accepts, as Prometheus' --log.level does. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Options of createLogger; `destination` defaults to stderr, written synchronously. */
export interface LoggerOptions {
  level: string;
  format: 'logfmt' | 'json';
  service: string;
  destination?: NodeJS.WritableStream;
}

/**
 * A pino logger whose records carry `service`, an ISO-8601 time and a level label. JSON is
 * pino's own line format; logfmt rewrites each line in the same thread before it is
 * written, so there are no worker threads and nothing is lost on exit. Throws
 * InvalidOptionError for an unknown level or format.
 */
export function createLogger(opts: LoggerOptions): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(opts.level)) {
    throw new InvalidOptionError(
      'level',
      `invalid log level ${JSON.stringify(opts.level)}, expected one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  if (opts.format !== 'logfmt' && opts.format !== 'json') {
    throw new InvalidOptionError(
      'format',
      `invalid log format ${JSON.stringify(opts.format)}, expected logfmt or json`,
    );
  }
  const destination = opts.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level: opts.level,
      base: { service: opts.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      ...(opts.format === 'logfmt' ? { hooks: { streamWrite: jsonLineToLogfmt } } : {}),
    },
    destination,
  );
}

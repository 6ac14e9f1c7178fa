import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../log/logger.js';

/** A logger for tests whose output lines are kept in `lines` (test-only). */
export interface LogSink {
  logger: Logger;
  lines: string[];
}

/** Creates a debug-level logger writing synchronously into memory (test-only). */
export function logSink(format: 'logfmt' | 'json' = 'json', level = 'debug'): LogSink {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  return { logger: createLogger({ level, format, service: 'test', destination }), lines };
}

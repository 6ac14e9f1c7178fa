import { execFile } from 'node:child_process';

/** Where Debian's `prometheus` package installs promtool. */
export const PROMTOOL = '/usr/bin/promtool';

/** promtool's failure: its exit, stderr and arguments, or a note that it is not installed. */
export class PromtoolError extends Error {
  override readonly name = 'PromtoolError';
  readonly code: 'PROMTOOL_MISSING' | 'PROMTOOL_FAILED';

  constructor(code: PromtoolError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Runs `<bin> <args>` (promtool) and resolves with its stdout; rejects with PromtoolError. */
export function promtool(args: string[], bin = PROMTOOL, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new PromtoolError(
            'PROMTOOL_MISSING',
            `${bin} not found: install Debian's prometheus package (apt-get install prometheus, or run ./dev test)`,
            { cause: err },
          ),
        );
      }
      reject(
        new PromtoolError(
          'PROMTOOL_FAILED',
          `promtool ${args.join(' ')} failed (${err.message}):\n${stderr}${stdout}`,
          { cause: err },
        ),
      );
    });
  });
}

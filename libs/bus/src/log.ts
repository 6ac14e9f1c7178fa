import type { BusLogger } from './bus.js';

/** The logger a bus uses when none is given: one JSON line per entry on stderr. */
export const stderrLogger: BusLogger = (level, msg, fields) => {
  process.stderr.write(JSON.stringify({ level, component: 'bus', msg, ...fields }) + '\n');
};

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

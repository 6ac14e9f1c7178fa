import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ParsedFlags } from '../flags/parsed.js';

/** What a service's main hands to the parts it wires: shared logger, metrics, flags and reload hooks. */
export interface ServiceContext {
  logger: Logger;
  registry: Registry;
  flags: ParsedFlags;
  /** Registers a named reload step run on SIGHUP and POST /-/reload. */
  addReloader(name: string, fn: () => Promise<void>): void;
}

export {
  FlagError,
  InvalidOptionError,
  ListenError,
  ReloadError,
  type ReloadFailure,
} from './errors.js';
export { type FlagSpec, type FlagType, type FlagValue, withDefaults } from './flags/spec.js';
export { ParsedFlags } from './flags/parsed.js';
export { parseFlags } from './flags/parse.js';
export { formatHelp } from './flags/help.js';
export { commonFlags } from './flags/common.js';
export { createLogger, LOG_LEVELS, type LoggerOptions } from './log/logger.js';
export type { Logger } from 'pino';
export { createRegistry } from './metrics/registry.js';
export type { Registry } from 'prom-client';
export { startHttpServer, type HttpServer, type HttpServerOptions } from './http/server.js';
export { parseListenAddress, type ListenAddress } from './http/listen-address.js';
export { createReloaders, type Reloaders, type ReloadState } from './lifecycle/reloaders.js';
export { onSignals, type SignalHandlers } from './lifecycle/signals.js';
export { Lifecycle } from './lifecycle/lifecycle.js';
export type { ServiceContext } from './lifecycle/context.js';
export { VERSION } from './version.js';

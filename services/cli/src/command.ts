import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus } from '@promethium/bus';
import type { PrometheusConfig } from '@promethium/config';
import type { FlagSpec, ParsedFlags } from '@promethium/runtime';

/** What a command's start function is handed by the runner. */
export interface CommandContext {
  flags: ParsedFlags;
  logger: Logger;
  registry: Registry;
  /** The NATS bus; undefined for commands that bring their own (`all`). */
  bus: Bus | undefined;
  /** The loaded `--config.file`; undefined for commands that take none. */
  config: PrometheusConfig | undefined;
  /** Every flag this command declares (common ones included), for /api/v1/status/flags. */
  flagSpecs: readonly FlagSpec[];
  /** Path of `--config.file`; undefined for commands that take none. */
  configFile: string | undefined;
  /** The configuration as last loaded and the outcome of the last reload, for /api/v1/status. */
  configStatus: ConfigStatus;
}

/** What /api/v1/status/{config,runtimeinfo} report about the configuration and its reloads. */
export interface ConfigStatus {
  /** The text of the configuration file as last loaded; '' for commands that take none. */
  configYaml(): string;
  /** Whether the last reload (SIGHUP, POST /-/reload) succeeded. */
  reloadConfigSuccess(): boolean;
  /** When the configuration last (re)loaded successfully, in milliseconds since the epoch. */
  lastConfigTimeMs(): number;
}

/** A started service as the runner manages it. */
export interface StartedService {
  /** Mounts the service's HTTP routes (called once, after start). */
  routes?(router: Router): void;
  /** Applies a freshly loaded configuration (commands with `usesConfig`). */
  reload?(config: PrometheusConfig): Promise<void>;
  /** Whether the service can serve traffic, beyond the bus being connected. */
  ready?(): boolean;
  stop(): Promise<void>;
}

/** One `promethium <name>` subcommand. */
export interface Command {
  readonly name: string;
  readonly description: string;
  /** Flags besides the common ones. */
  readonly flags: readonly FlagSpec[];
  /** Default `--web.listen-address` of this service. */
  readonly listenAddress: string;
  readonly usesConfig: boolean;
  readonly usesNats: boolean;
  start(ctx: CommandContext): Promise<StartedService>;
}

/** `--shard.count`, shared by every command that talks to all shards. */
export const shardsFlag: FlagSpec = {
  name: 'shard.count',
  type: 'number',
  default: 2,
  help: 'Number of storage shards series are spread over (each select fans out to all of them).',
};

/** Reads `--shard.count` and checks it is a positive integer. */
export function shardCount(flags: ParsedFlags): number {
  const n = flags.number('shard.count')!;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--shard.count must be a positive integer, got ${n}`);
  return n;
}

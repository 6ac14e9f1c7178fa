import { readFile } from 'node:fs/promises';
import express from 'express';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { connectNatsBus } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { ConfigReadError, parsePrometheusConfig } from '@promethium/config';
import type { PrometheusConfig } from '@promethium/config';
import {
  Lifecycle,
  commonFlags,
  createLogger,
  createRegistry,
  createReloaders,
  formatHelp,
  onSignals,
  parseFlags,
  startHttpServer,
  withDefaults,
} from '@promethium/runtime';
import type { FlagSpec, ParsedFlags } from '@promethium/runtime';
import type { Command, ConfigStatus, StartedService } from './command.js';
import { natsOptions } from './nats-options.js';

/** Exit codes: 0 clean stop, 1 failed to start, 2 bad command line. */
export type ExitCode = 0 | 1 | 2;

/**
 * Runs one command until SIGTERM/SIGINT: parses flags, loads the config, connects the
 * bus, starts the service and its HTTP server, and wires reloads (SIGHUP, /-/reload).
 */
export async function runCommand(
  command: Command,
  argv: readonly string[],
): Promise<ExitCode | 'running'> {
  const specs = [
    ...withDefaults(
      commonFlags.filter((f) => command.usesConfig || f.name !== 'config.file'),
      { 'web.listen-address': command.listenAddress },
    ),
    ...command.flags,
  ];
  const usage = `promethium ${command.name}`;
  let flags: ParsedFlags;
  try {
    flags = parseFlags(argv, specs, usage);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(formatHelp(usage, command.description, specs));
    return 0;
  }
  const logger = createLogger({
    level: flags.string('log.level')!,
    format: flags.string('log.format') as 'logfmt' | 'json',
    service: command.name,
  });
  try {
    await start(command, flags, specs, logger);
    return 'running';
  } catch (err) {
    logger.error({ err }, `cannot start ${command.name}`);
    return 1;
  }
}

async function start(
  command: Command,
  flags: ParsedFlags,
  flagSpecs: readonly FlagSpec[],
  logger: Logger,
): Promise<void> {
  const registry = createRegistry(command.name);
  const lifecycle = new Lifecycle();
  const configFile = command.usesConfig ? flags.string('config.file')! : undefined;
  const loaded = configFile === undefined ? undefined : await loadConfig(configFile, logger);
  // After the start-up load, which counts as the first successful reload.
  const reloaders = createReloaders(logger, registry);
  let configYaml = loaded?.text ?? '';
  const configStatus: ConfigStatus = {
    configYaml: () => configYaml,
    reloadConfigSuccess: () => reloaders.state().successful,
    lastConfigTimeMs: () => reloaders.state().lastSuccessMs,
  };

  // The HTTP server comes up first, so /metrics and health answer while the bus connects;
  // the service's routes are mounted on `routes` once it has started.
  const state: { service?: StartedService; bus?: Bus } = {};
  const routes = express.Router();
  const server = await startHttpServer({
    listenAddress: flags.string('web.listen-address')!,
    webConfigFile: flags.string('web.config.file'),
    registry,
    logger,
    isReady: () => state.service !== undefined && isReady(state.bus, state.service),
    reload: () => reloaders.reloadAll(),
    routes: (app) => {
      app.use(routes);
      // As Prometheus answers before it is ready: the service's own paths are not there yet.
      app.use((_req, res, next) => {
        if (state.service !== undefined) return next();
        res.status(503).type('text/plain').send('Service Unavailable');
      });
    },
  });
  lifecycle.add('http', () => server.close());
  reloaders.add('web-config', () => server.reloadWebConfig());
  onSignals({
    reload: () => reloaders.reloadAll().catch(() => undefined),
    shutdown: async (signal) => {
      logger.info({ signal }, 'shutting down');
      await lifecycle.stopAll(logger);
      process.exit(0);
    },
  });

  if (command.usesNats) {
    const connected = await connectBus(flags, command.name, logger, registry);
    lifecycle.add('bus', () => connected.close());
    state.bus = connected;
  }
  const started = await command.start({
    flags,
    logger,
    registry,
    bus: state.bus,
    config: loaded?.config,
    flagSpecs,
    configFile,
    configStatus,
  });
  lifecycle.add(command.name, () => started.stop());
  started.routes?.(routes);
  if (configFile !== undefined && started.reload) {
    const reload = started.reload.bind(started);
    reloaders.add('config', async () => {
      const next = await loadConfig(configFile, logger);
      // As in Prometheus, a file that loaded is what /status/config shows, even if applying it fails.
      configYaml = next.text;
      await reload(next.config);
    });
  }
  state.service = started;
  logger.info({ address: server.url }, `${command.name} ready to serve`);
}

function isReady(bus: Bus | undefined, service: StartedService): boolean {
  return (bus === undefined || bus.status === 'connected') && (service.ready?.() ?? true);
}

/** Reads and parses the configuration file, keeping the text it parsed. */
async function loadConfig(
  path: string,
  logger: Logger,
): Promise<{ config: PrometheusConfig; text: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigReadError(path, cause);
  }
  const { config, warnings } = parsePrometheusConfig(text, path, { env: process.env });
  for (const warning of warnings) logger.warn({ file: path }, warning);
  logger.info({ file: path }, 'loaded configuration file');
  return { config, text };
}

async function connectBus(
  flags: ParsedFlags,
  name: string,
  logger: Logger,
  registry: Registry,
): Promise<Bus> {
  const connected = new Gauge({
    name: 'promethium_bus_connected',
    help: 'Whether the service is connected to NATS (1) or not (0).',
    registers: [registry],
  });
  const bus = await connectNatsBus({
    ...natsOptions(flags, `promethium-${name}`),
    log: (level, msg, fields) => logger[level](fields ?? {}, msg),
  });
  const report = (status: string, detail?: string) => {
    connected.set(status === 'connected' ? 1 : 0);
    const level = status === 'connected' ? 'info' : 'error';
    logger[level](
      { status, detail },
      status === 'connected' ? 'connected to NATS' : 'NATS connection lost',
    );
  };
  bus.onStatus(report);
  connected.set(bus.status === 'connected' ? 1 : 0);
  return bus;
}

import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import express from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ConfigError } from '@promethium/config';
import { ListenError } from '../errors.js';
import { mountBuiltins } from './builtins.js';
import { dialHost, parseListenAddress } from './listen-address.js';
import type { ListenAddress } from './listen-address.js';
import { accessLog, errorHandler, notFound, webSecurity } from './middleware.js';
import { clientCertificateViolation } from './tls.js';
import type { TlsSettings } from './tls.js';
import { loadWebState } from './web-state.js';
import type { WebState } from './web-state.js';

// In-flight requests get this long after close() before their connections are cut.
const CLOSE_GRACE_MS = 5_000;

/** How startHttpServer is configured. */
export interface HttpServerOptions {
  /** `host:port`, `[ipv6]:port` or `:port` (every interface); port 0 picks a free one. */
  listenAddress: string;
  /** A Prometheus web configuration file (TLS, basic auth, headers). */
  webConfigFile?: string;
  /** Served on /metrics. */
  registry: Registry;
  logger: Logger;
  /** Backs /-/ready. */
  isReady: () => boolean;
  /** Backs POST/PUT /-/reload; a rejection becomes a 500 carrying its message. */
  reload: () => Promise<void>;
  /** Mounts the service's own routes, after the built-in ones. */
  routes?: (app: express.Express) => void;
  /** Shown in health and readiness texts; defaults to "Promethium". */
  name?: string;
}

/** A running server. */
export interface HttpServer {
  readonly port: number;
  /** Base URL a local client can use, e.g. `https://127.0.0.1:9090`. */
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish briefly, then cuts the rest; idempotent. */
  close(): Promise<void>;
  /** Re-reads the web config file; on any error the old config stays and the error is thrown. */
  reloadWebConfig(): Promise<void>;
}

/**
 * Starts Promethium's HTTP(S) server with the built-in endpoints, the web config's TLS,
 * basic auth and headers applied to every endpoint, and route errors turned into 500s.
 * Rejects with ConfigError for a bad or unusable web config, InvalidOptionError for a
 * bad address and ListenError when binding fails.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const address = parseListenAddress(opts.listenAddress);
  let state = await loadWebState(opts.webConfigFile);
  logWarnings(opts.logger, state);
  const app = buildApp(opts, () => state);
  const server = state.tls === undefined ? createHttpServer(app) : createTlsServer(app, state.tls);
  watchConnections(server, opts.logger, () => state);
  await listen(server, address, opts.listenAddress);
  server.on('error', (err) => opts.logger.error({ err }, 'http server error'));
  const port = (server.address() as AddressInfo).port;
  const url = `${state.tls === undefined ? 'http' : 'https'}://${dialHost(address.host)}:${port}`;
  opts.logger.info({ address: opts.listenAddress, url, tls: state.tls !== undefined }, 'listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    close: () => (closing ??= closeServer(server)),
    async reloadWebConfig() {
      if (opts.webConfigFile === undefined) return;
      const next = await loadWebState(opts.webConfigFile);
      if ((next.tls === undefined) !== (state.tls === undefined)) {
        const site = { file: opts.webConfigFile, line: 0, column: 0, path: 'tls_server_config' };
        throw new ConfigError(site, 'enabling or disabling TLS requires a restart');
      }
      if (next.tls !== undefined) applyTls(server as HttpsServer, next.tls);
      state = next;
      logWarnings(opts.logger, state);
      opts.logger.info({ file: opts.webConfigFile }, 'web config reloaded');
    },
  };
}

function logWarnings(logger: Logger, state: WebState): void {
  for (const warning of state.warnings) logger.warn({ warning }, 'web config');
}

function buildApp(opts: HttpServerOptions, current: () => WebState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(accessLog(opts.logger), webSecurity(current));
  mountBuiltins(app, { ...opts, name: opts.name ?? 'Promethium' });
  opts.routes?.(app);
  app.use(notFound);
  app.use(errorHandler(opts.logger));
  return app;
}

function createTlsServer(app: express.Express, tls: TlsSettings): HttpsServer {
  return createHttpsServer(
    { ...tls.context, requestCert: tls.requestCert, rejectUnauthorized: tls.rejectUnauthorized },
    app,
  );
}

// Node reads requestCert and rejectUnauthorized from the server for every new
// connection, so updating them with the context switches the client-auth mode live.
function applyTls(server: HttpsServer, tls: TlsSettings): void {
  server.setSecureContext(tls.context);
  Object.assign(server, {
    requestCert: tls.requestCert,
    rejectUnauthorized: tls.rejectUnauthorized,
  });
}

function watchConnections(server: Server, logger: Logger, current: () => WebState): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    logger.debug({ err, remote: socket.remoteAddress }, 'http client error');
    if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  server.on('tlsClientError', (err: Error, socket: TLSSocket) => {
    logger.debug({ err, remote: socket.remoteAddress }, 'tls handshake failed');
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    const tls = current().tls;
    const violation =
      tls === undefined ? undefined : clientCertificateViolation(socket, tls.clientAuth);
    if (violation === undefined) return;
    logger.debug({ remote: socket.remoteAddress, reason: violation }, 'tls connection refused');
    socket.destroy();
  });
}

async function listen(server: Server, address: ListenAddress, configured: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => {
      reject(
        new ListenError(configured, `cannot listen on ${configured}: ${err.message}`, {
          cause: err,
        }),
      );
    };
    server.once('error', onError);
    server.listen(address.port, address.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  timer.unref();
  await closed;
  clearTimeout(timer);
}

import { connect, errors as natsErrors } from '@nats-io/transport-node';
import type { NatsConnection, NodeConnectionOptions, Status } from '@nats-io/transport-node';
import type { BusLogger } from '../bus.js';
import { BusAuthError } from '../errors.js';
import { errorMessage } from '../log.js';
import type { StatusEmitter } from '../status.js';

/** What the bus does when the connection changes. */
export interface ConnectionHooks {
  /** A new connection object exists (first connect, or after one was lost for good). */
  connected(nc: NatsConnection): void;
  /** The same connection came back after a disconnect. */
  reconnected(nc: NatsConnection): void;
  /** The connection dropped; nats.js is reconnecting. */
  disconnected(): void;
}

// Repeat the "still cannot connect" error every this many attempts, not every time.
const LOG_EVERY_ATTEMPTS = 30;
const TLS_ERROR = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/;

/** Whether a failed connection attempt cannot succeed by retrying (credentials, TLS). */
export function isPermanentConnectError(err: unknown): boolean {
  if (err instanceof natsErrors.AuthorizationError) return true;
  if (err instanceof natsErrors.UserAuthenticationExpiredError) return true;
  if (err instanceof natsErrors.InvalidArgumentError) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && TLS_ERROR.test(code)) return true;
  return err instanceof natsErrors.ConnectionError && /\btls\b/i.test(err.message);
}

/**
 * Owns the NATS connection: makes the first connection, retries it forever when the
 * server is unreachable, maps nats.js status events onto the bus status, and starts
 * over if nats.js ever gives a connection up.
 */
export class Connector {
  #nc: NatsConnection | undefined;
  #closing = false;
  #retrying = false;
  // Whether #nc is connected right now (the bus status may already say 'closed').
  #up = false;
  #wakeRetry: (() => void) | undefined;

  constructor(
    private readonly options: NodeConnectionOptions,
    private readonly status: StatusEmitter,
    private readonly log: BusLogger,
    private readonly hooks: ConnectionHooks,
    private readonly diagnose: (err: unknown) => Promise<string | undefined>,
  ) {}

  /** The live connection object, if any (it may be reconnecting). */
  get connection(): NatsConnection | undefined {
    return this.#nc;
  }

  /**
   * Makes the first attempt. Rejects with BusAuthError when the server refuses the
   * credentials or TLS fails; any other failure leaves the bus 'reconnecting' with
   * retries running in the background.
   */
  async start(): Promise<void> {
    try {
      await this.#attempt();
    } catch (err) {
      const reason = isPermanentConnectError(err) ? errorMessage(err) : await this.diagnose(err);
      if (reason !== undefined)
        throw new BusAuthError(`NATS ${this.#servers()} refused the connection: ${reason}`, {
          cause: err,
        });
      this.#retryInBackground(err);
    }
  }

  /** Stops retrying and closes the connection, flushing for at most `flushMs`. */
  async close(flushMs: number): Promise<void> {
    this.#closing = true;
    this.#wakeRetry?.();
    const nc = this.#nc;
    this.#nc = undefined;
    if (!nc || nc.isClosed()) return;
    if (this.#up) await Promise.race([nc.flush().catch(() => undefined), sleep(flushMs)]);
    await nc.close();
  }

  async #attempt(): Promise<void> {
    const nc = await connect(this.options);
    if (this.#closing) {
      await nc.close();
      return;
    }
    this.#nc = nc;
    this.#up = true;
    void this.#watchStatus(nc);
    void nc.closed().then((err) => this.#lost(nc, err));
    this.status.set('connected', nc.getServer());
    this.log('info', 'connected to NATS', { server: nc.getServer() });
    this.hooks.connected(nc);
  }

  #retryInBackground(firstError: unknown): void {
    if (this.#retrying || this.#closing) return;
    this.#retrying = true;
    this.status.set('reconnecting', errorMessage(firstError));
    void this.#retryLoop(firstError).finally(() => (this.#retrying = false));
  }

  async #retryLoop(firstError: unknown): Promise<void> {
    const waitMs = this.options.reconnectTimeWait ?? 2000;
    let err = firstError;
    for (let attempt = 1; !this.#closing; attempt++) {
      if (attempt === 1 || attempt % LOG_EVERY_ATTEMPTS === 0)
        this.log('error', 'cannot connect to NATS; retrying', {
          servers: this.#servers(),
          attempts: attempt,
          retryMs: waitMs,
          err: errorMessage(err),
        });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.#wakeRetry = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.#closing) return;
      try {
        await this.#attempt();
        return;
      } catch (e) {
        err = e;
      }
    }
  }

  #lost(nc: NatsConnection, err: void | Error): void {
    if (this.#nc !== nc || this.#closing) return;
    this.#nc = undefined;
    this.#up = false;
    this.hooks.disconnected();
    this.#retryInBackground(err ?? new Error('connection closed'));
  }

  async #watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (this.#nc !== nc) return;
      this.#onStatus(nc, s);
    }
  }

  #onStatus(nc: NatsConnection, s: Status): void {
    switch (s.type) {
      case 'disconnect':
        this.#up = false;
        this.status.set('disconnected', s.server);
        this.log('warn', 'disconnected from NATS', { server: s.server });
        this.hooks.disconnected();
        return;
      case 'reconnecting':
        this.status.set('reconnecting');
        return;
      case 'reconnect':
        this.#up = true;
        this.status.set('connected', s.server);
        this.log('info', 'reconnected to NATS', { server: s.server });
        this.hooks.reconnected(nc);
        return;
      case 'error':
        this.log('error', 'NATS reported an error', { err: errorMessage(s.error) });
        return;
      case 'ldm':
      case 'staleConnection':
      case 'slowConsumer':
        this.log('warn', `NATS status ${s.type}`);
        return;
      default:
        return;
    }
  }

  #servers(): string {
    const s = this.options.servers ?? [];
    return typeof s === 'string' ? s : s.join(',');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

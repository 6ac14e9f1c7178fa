import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type { SecureVersion } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { ScrapeTlsConfig, SecretSource, TlsVersion } from '@promethium/config';
import { reasonOf } from '@promethium/config';

const TLS_VERSIONS = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
} as const satisfies Record<TlsVersion, SecureVersion>;

// Idle connections are kept as long as prometheus/common keeps them, above any sane scrape
// interval, so each scrape reuses its target's connection.
const IDLE_CONNECTION_MS = 5 * 60_000;

/** The PEM texts in use: CA bundle, client certificate and key, each absent when not set. */
interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

interface Current {
  material: TlsMaterial;
  agent: Agent;
}

/**
 * The undici Agent of one scrape config. Like prometheus/common, it reads the CA, client
 * certificate and key files before every request and starts a new Agent (with new connections)
 * when any of them changed, so rotated certificates are picked up without a reload.
 */
export class TlsDispatcher {
  readonly #config: ScrapeTlsConfig;
  #current: Current | undefined;
  // Concurrent requests share one reading of the files.
  #pending: Promise<Agent> | undefined;
  #closed = false;

  constructor(config: ScrapeTlsConfig) {
    this.#config = config;
  }

  /** The Agent for the current TLS material; rejects when a file is unreadable or unusable. */
  agent(): Promise<Agent> {
    if (this.#closed) return Promise.reject(new Error('scrape client is closed'));
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Closes the Agent once its requests have finished; later requests are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#pending?.catch(() => undefined);
    await this.#current?.agent.close();
  }

  async #refresh(): Promise<Agent> {
    const material = await readMaterial(this.#config);
    const current = this.#current;
    if (current && sameMaterial(current.material, material)) return current.agent;
    const agent = createAgent(this.#config, material);
    this.#current = { material, agent };
    // Closing lets the requests already sent on the old Agent finish; its failure could only
    // leave idle sockets behind, which their own timeouts end.
    current?.agent.close().catch(() => undefined);
    return agent;
  }
}

async function readMaterial(config: ScrapeTlsConfig): Promise<TlsMaterial> {
  const [ca, cert, key] = await Promise.all([
    readPem(config.ca, 'CA cert'),
    readPem(config.cert, 'client cert'),
    readPem(config.key, 'client key'),
  ]);
  return { ca, cert, key };
}

async function readPem(
  source: SecretSource | undefined,
  what: string,
): Promise<string | undefined> {
  if (source === undefined) return undefined;
  if ('inline' in source) return source.inline;
  try {
    return (await readFile(source.file, 'utf8')).trim();
  } catch (err) {
    throw new Error(
      `unable to read ${what}: unable to read file ${source.file}: ${reasonOf(err)}`,
      {
        cause: err,
      },
    );
  }
}

function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  return a.ca === b.ca && a.cert === b.cert && a.key === b.key;
}

function createAgent(config: ScrapeTlsConfig, material: TlsMaterial): Agent {
  checkMaterial(config, material);
  const connector = buildConnector({
    ca: material.ca,
    cert: material.cert,
    key: material.key,
    rejectUnauthorized: !config.insecureSkipVerify,
    minVersion: config.minVersion && TLS_VERSIONS[config.minVersion],
    maxVersion: config.maxVersion && TLS_VERSIONS[config.maxVersion],
  });
  const { serverName } = config;
  return new Agent({
    // undici derives each request's server name from its Host and prefers it to a connector
    // option, so a configured name is put into every connection attempt instead.
    connect:
      serverName === ''
        ? connector
        : (options, callback) => connector({ ...options, servername: serverName }, callback),
    keepAliveTimeout: IDLE_CONNECTION_MS,
    keepAliveMaxTimeout: IDLE_CONNECTION_MS,
    // The scrape timeout, enforced by the caller's signal, is the only time limit.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

// Node accepts a CA bundle without a single certificate in it (and then trusts nothing), so the
// bundle is checked as Go's AppendCertsFromPEM would: at least one certificate must parse.
function checkMaterial(config: ScrapeTlsConfig, material: TlsMaterial): void {
  if (material.ca !== undefined && !hasCertificate(material.ca)) {
    throw new Error(`unable to use specified CA cert ${describe(config.ca)}`);
  }
  if (material.cert !== undefined && material.key !== undefined) {
    try {
      createSecureContext({ cert: material.cert, key: material.key });
    } catch (err) {
      throw new Error(
        `unable to use specified client cert (${describe(config.cert)}) & key (${describe(config.key)}): ${reasonOf(err)}`,
        { cause: err },
      );
    }
  }
}

function hasCertificate(pem: string): boolean {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.some((block) => {
    try {
      new X509Certificate(block);
      return true;
    } catch {
      return false;
    }
  });
}

function describe(source: SecretSource | undefined): string {
  return source && 'file' in source ? `file ${source.file}` : 'inline';
}

import { isIPv6 } from 'node:net';
import { InvalidOptionError } from '../errors.js';

/** A parsed `host:port`; `host` undefined means every interface. */
export interface ListenAddress {
  host: string | undefined;
  port: number;
}

/**
 * Parses a Prometheus-style listen address: `host:port`, `[ipv6]:port`, or `:port` for
 * every interface; port 0 picks a free port. Throws InvalidOptionError naming the address.
 */
export function parseListenAddress(address: string): ListenAddress {
  const fail = (why: string): never => {
    throw new InvalidOptionError(
      'listenAddress',
      `invalid listen address ${JSON.stringify(address)}: ${why}`,
    );
  };
  const colon = address.lastIndexOf(':');
  if (colon < 0) fail('missing port');
  let host = address.slice(0, colon);
  const portText = address.slice(colon + 1);
  if (host.startsWith('[')) {
    if (!host.endsWith(']') || !isIPv6(host.slice(1, -1))) fail('malformed IPv6 host');
    host = host.slice(1, -1);
  } else if (host.includes(':')) {
    fail('an IPv6 host must be written in brackets');
  } else if (/[\s/[\]]/.test(host)) {
    fail('malformed host');
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    fail(`invalid port ${JSON.stringify(portText)}`);
  return { host: host === '' ? undefined : host, port: Number(portText) };
}

/** The host a local client should dial to reach a server bound to `host`. */
export function dialHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return isIPv6(host) ? `[${host}]` : host;
}

// Helpers for the tests of this directory: alertmanager.yml snippets and their outcome.
import { ConfigError } from '../errors.js';
import { parseAlertmanagerConfig } from './load.js';
import type { AlertmanagerConfig, LoadedAlertmanagerConfig } from './types.js';

/** A root route to receiver `team-X`. */
export const ROUTE = 'route:\n  receiver: team-X\n';
/** The receiver `team-X`, with nothing configured. */
export const RECEIVERS = 'receivers:\n  - name: team-X\n';

/** Parses `text` as /etc/am/alertmanager.yml. */
export function parse(text: string): LoadedAlertmanagerConfig {
  return parseAlertmanagerConfig(text, '/etc/am/alertmanager.yml');
}

/** The configuration `text` parses to. */
export function load(text: string): AlertmanagerConfig {
  return parse(text).config;
}

/**
 * A configuration routing everything to receiver `r`, whose body (indented by four) is
 * `receiver`, with `global` (indented by two) as the global section when given.
 */
export function withReceiver(receiver: string, global = ''): string {
  const globalPart = global === '' ? '' : `global:\n${global}`;
  return `${globalPart}route:\n  receiver: r\nreceivers:\n  - name: r\n${receiver}`;
}

/** The message of the ConfigError parsing `text` throws, without the file name. */
export function failure(text: string): string {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ConfigError) return err.message.replace('/etc/am/alertmanager.yml:', '');
    throw err;
  }
  throw new Error('expected a ConfigError');
}

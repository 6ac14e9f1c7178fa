import type { Cursor } from '../../yaml/cursor.js';
import type { Decoder } from '../../yaml/decoders.js';
import type { RawGlobal } from '../global.js';
import type { AlertmanagerGlobalConfig, HttpClientConfig } from '../types.js';

/** The global section, as written (for Go's field-by-field fallbacks) and resolved. */
export interface Globals {
  readonly raw: RawGlobal;
  readonly resolved: AlertmanagerGlobalConfig;
}

/**
 * One kind of notification integration (`email_configs`, ...). Its entries are decoded and
 * checked on their own first; once the whole file is read, each is completed from the global
 * section and checked again, as Alertmanager does.
 */
export interface Integration<Raw, Out> {
  /** The receiver's key for the list, e.g. `email_configs`. */
  readonly key: string;
  /** Decodes one entry; `dir` is the configuration file's directory. */
  decode(dir: string): Decoder<Raw>;
  /**
   * Alertmanager's message for an empty (`-`) entry, or undefined when it reads one as an
   * entry with nothing set.
   */
  readonly emptyEntry: string | undefined;
  /** Completes an entry from the global section; `at` is the entry. */
  resolve(raw: Raw, globals: Globals, at: Cursor): Out;
}

/** An entry read and checked on its own, to be completed once the global section is known. */
export interface Pending<Out> {
  complete(globals: Globals): Out;
}

/**
 * Decodes an integration's list; an empty entry Alertmanager refuses fails only when
 * completed, where Alertmanager notices it.
 */
export function pendingEntries<Raw, Out>(
  integration: Integration<Raw, Out>,
  dir: string,
): Decoder<Pending<Out>[]> {
  const decode = integration.decode(dir);
  const { emptyEntry } = integration;
  return (at) =>
    at.items().map((item): Pending<Out> => {
      if (item.isNull && emptyEntry !== undefined) return { complete: () => item.fail(emptyEntry) };
      const raw = decode(item);
      return { complete: (globals) => integration.resolve(raw, globals, item) };
    });
}

/** The entry's own `http_config`, or the global one. */
export function httpConfigOr(
  own: HttpClientConfig | undefined,
  globals: Globals,
): HttpClientConfig {
  return own ?? globals.resolved.httpConfig;
}

/** Fails at `at` unless at most one of a value and its file variant is set. */
export function atMostOne(
  at: Cursor,
  value: unknown,
  file: string,
  valueKey: string,
  fileKey: string,
): void {
  if (value !== undefined && value !== '' && file !== '') {
    at.field(fileKey).fail(`at most one of ${valueKey} & ${fileKey} must be configured`);
  }
}

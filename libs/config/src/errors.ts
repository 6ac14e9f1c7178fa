/** Where a configuration problem sits: 1-based line and column, 0 when not in the text. */
export interface ConfigErrorSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path such as `scrape_configs[0].scrape_timeout`; '' for the whole document. */
  readonly path: string;
}

/**
 * A configuration file that cannot be used. `message` is `<file>:<line>:<col>: <path>: <detail>`
 * (the path part is left out when empty, the position when unknown); `detail` is the bare reason.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  readonly code: string = 'config_invalid';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly detail: string;

  constructor(site: ConfigErrorSite, detail: string, options?: { cause?: unknown }) {
    super(formatConfigMessage(site, detail), options);
    this.file = site.file;
    this.line = site.line;
    this.column = site.column;
    this.path = site.path;
    this.detail = detail;
  }
}

/** A configuration file that could not be read at all; `cause` holds the file-system error. */
export class ConfigReadError extends ConfigError {
  override readonly name = 'ConfigReadError';
  override readonly code = 'config_unreadable';

  constructor(file: string, cause: unknown) {
    super({ file, line: 0, column: 0, path: '' }, `cannot read file: ${reasonOf(cause)}`, {
      cause,
    });
  }
}

/** Formats a problem the way every config message and warning is written. */
export function formatConfigMessage(site: ConfigErrorSite, detail: string): string {
  const where = site.line > 0 ? `${site.file}:${site.line}:${site.column}` : site.file;
  return site.path === '' ? `${where}: ${detail}` : `${where}: ${site.path}: ${detail}`;
}

/** The message of a thrown value; duck-typed because errors from another realm fail `instanceof`. */
export function reasonOf(err: unknown): string {
  if (
    typeof err === 'object' &&
    err !== null &&
    'message' in err &&
    typeof err.message === 'string'
  )
    return err.message;
  return String(err);
}

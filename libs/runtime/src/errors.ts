/** A command-line flag that is unknown, repeated, missing its value or holding a bad one. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
  readonly code = 'invalid_flag';

  /** `flag` is the offending flag as written, e.g. `--log.level`. */
  constructor(
    readonly flag: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An option handed to a runtime function (log level, listen address, …) that cannot be used. */
export class InvalidOptionError extends Error {
  override readonly name = 'InvalidOptionError';
  readonly code = 'invalid_option';

  /** `option` names the field, e.g. `listenAddress`. */
  constructor(
    readonly option: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One reloader's failure inside a ReloadError. */
export interface ReloadFailure {
  name: string;
  error: Error;
}

/** At least one named reloader failed; the others still ran. `cause` is the first failure. */
export class ReloadError extends Error {
  override readonly name = 'ReloadError';
  readonly code = 'reload_failed';

  /** Message lists every failure as `name: message`, joined by `; `. */
  constructor(readonly failures: readonly ReloadFailure[]) {
    super(failures.map((f) => `${f.name}: ${f.error.message}`).join('; '), {
      cause: failures[0]?.error,
    });
  }
}

/** Turns any thrown value into an Error so callers can rely on `message`. */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** The HTTP server could not bind its listen address (in use, permission, unknown host). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  readonly code = 'listen_failed';

  /** `address` is the listen address as configured. */
  constructor(
    readonly address: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

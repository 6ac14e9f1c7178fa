/**
 * A body that is not valid text exposition format. `line` and `column` are 1-based
 * (the column counts UTF-16 code units) and the message starts with both.
 */
export class ExpositionError extends Error {
  override readonly name = 'ExpositionError';
  readonly code = 'parse_error';

  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`line ${line}, column ${column}: ${detail}`, options);
  }
}

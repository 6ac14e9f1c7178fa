/** A file_sd file that cannot be read or does not hold valid target groups. */
export class FileSdError extends Error {
  override readonly name = 'FileSdError';
  readonly code = 'file_sd_invalid';

  constructor(
    readonly path: string,
    detail: string,
    cause?: unknown,
  ) {
    super(`${path}: ${detail}`, { cause });
  }
}

/** Where a script line sits: the file name as given and the 1-based line number. */
export interface LineRef {
  readonly file: string;
  readonly line: number;
}

/**
 * A `.test` script that is not valid. `message` is `<file>:<line>[:<column>]: <detail>`
 * so editors and terminals can jump to the place.
 */
export class ScriptParseError extends Error {
  override readonly name = 'ScriptParseError';
  readonly code = 'script_parse_error';
  readonly file: string;
  readonly line: number;
  /** 1-based column of the offending text within the trimmed line, when known. */
  readonly column: number | undefined;

  constructor(
    at: LineRef,
    readonly detail: string,
    column?: number,
    options?: ErrorOptions,
  ) {
    const where =
      column === undefined ? `${at.file}:${at.line}` : `${at.file}:${at.line}:${column}`;
    super(`${where}: ${detail}`, options);
    this.file = at.file;
    this.line = at.line;
    this.column = column;
  }
}

/**
 * A problem found inside one piece of a line (a number, a value sequence, a
 * histogram literal). `offset` is 0-based within that piece; the line parser adds
 * the piece's own offset and turns it into a ScriptParseError.
 */
export class FragmentError extends Error {
  override readonly name = 'FragmentError';
  readonly code = 'fragment_error';

  constructor(
    message: string,
    readonly offset: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Rethrows a FragmentError from a piece starting at `pieceOffset` (0-based) as a ScriptParseError. */
export function atLine<T>(at: LineRef, pieceOffset: number, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FragmentError) {
      throw new ScriptParseError(at, err.message, pieceOffset + err.offset + 1, { cause: err });
    }
    throw err;
  }
}

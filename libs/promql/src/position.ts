/**
 * A place in a query. `offset` indexes the JavaScript string (UTF-16 code units);
 * `line` and `column` are 1-based and, as in Prometheus, the column counts UTF-8
 * bytes from the start of the line, so messages match Prometheus byte for byte.
 */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

const encoder = new TextEncoder();

/** The position of `offset` (clamped to the input) in `input`. */
export function positionAt(input: string, offset: number): Position {
  const at = Math.max(0, Math.min(offset, input.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (input.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = encoder.encode(input.slice(lineStart, at)).length + 1;
  return { offset: at, line, column };
}

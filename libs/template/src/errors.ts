/**
 * A template that cannot be parsed. `message` is Go's text for the same input
 * (`template: name:3: unexpected "}" in operand`); `line` and `column` (1-based, in characters)
 * locate the token the parser stopped at, for editors that want more than Go prints.
 */
export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';

  constructor(
    message: string,
    readonly templateName: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * A failure while executing a template. `message` is Go's text
 * (`template: name:1:3: executing "name" at <.Foo>: ...`); `cause` is the error a called
 * function threw, when there was one.
 */
export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';

  constructor(
    message: string,
    readonly templateName: string,
    readonly line: number,
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : options);
  }
}

/**
 * Thrown by template functions whose argument has the wrong type; execution reports it as Go
 * reports a failed argument conversion (no "error calling" prefix).
 */
export class TemplateArgumentError extends Error {
  override readonly name = 'TemplateArgumentError';
}

/** The message of anything thrown; errors from native code or other realms fail instanceof. */
export function errorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}

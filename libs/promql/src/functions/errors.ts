/**
 * A function call whose arguments Prometheus rejects while evaluating (a bad regex or
 * label name, an out-of-range smoothing factor); `message` is Prometheus's text. The
 * engine reports it as an `execution` error, as Prometheus's API does.
 */
export class FunctionArgumentError extends Error {
  override readonly name = 'FunctionArgumentError';
  readonly code = 'invalid_function_argument';
}

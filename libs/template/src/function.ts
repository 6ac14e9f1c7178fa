/**
 * A function templates can call. Arguments arrive as the template evaluated them (see values.ts
 * for how Go's types map to JS); throwing fails the execution with Go's
 * `error calling name: message`. Go checks argument counts, so calls must pass exactly
 * `fn.length` arguments unless the function is marked with {@link variadic}.
 */
export type TemplateFunction = (...args: never[]) => unknown;

export type FunctionMap = Readonly<Record<string, TemplateFunction>>;

const MIN_ARGS = Symbol('template.variadic');

/** Marks `fn` as taking `minArgs` or more arguments (Go's `...` parameter). */
export function variadic<F extends TemplateFunction>(minArgs: number, fn: F): F {
  Object.defineProperty(fn, MIN_ARGS, { value: minArgs });
  return fn;
}

/** How many arguments a function takes: exactly `count`, or at least `count` when variadic. */
export function arity(fn: TemplateFunction): { count: number; variadic: boolean } {
  const min = (fn as { [MIN_ARGS]?: number })[MIN_ARGS];
  return min === undefined ? { count: fn.length, variadic: false } : { count: min, variadic: true };
}

/** Go's goodName: function names must be identifiers. */
export function isValidFunctionName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name);
}

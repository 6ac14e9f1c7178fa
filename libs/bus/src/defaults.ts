import { BusConfigError } from './errors.js';

/** Default payload limit of both buses (bytes). */
export const DEFAULT_MAX_MESSAGE_BYTES = 512 * 1024;
/** Default age limit of the durable log (JetStream max_age) of both buses. */
export const DEFAULT_DURABLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Default idle timeout of Bus.request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** `value` (or `fallback` when unset), refused with BusConfigError unless positive. */
export function positiveOption(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(v > 0)) throw new BusConfigError(`${name} must be positive, got ${v}`);
  return v;
}

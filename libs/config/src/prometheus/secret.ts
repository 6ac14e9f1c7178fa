import { joinDir } from '../paths.js';
import { check, str } from '../yaml/decoders.js';
import type { SecretSource } from './types.js';

/**
 * A `*_ref` field (a secret manager reference). Prometheus configures no secret manager for
 * scrapes, so its HTTP client refuses any reference; here the refusal comes at load time.
 */
export const secretRef = check(str, (ref) =>
  ref === '' ? undefined : 'cannot use secret ref without manager',
);

/** The source of a value given inline or as a file ('' means not given); files joined to `dir`. */
export function secretSource(inline: string, file: string, dir: string): SecretSource | undefined {
  if (inline !== '') return { inline };
  if (file !== '') return { file: joinDir(dir, file) };
  return undefined;
}

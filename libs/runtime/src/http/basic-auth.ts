import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';

// Compared against when the user is unknown, so the response time does not reveal
// which user names exist (exporter-toolkit does the same).
const DUMMY_HASH = '$2b$10$GZgNpeAjJi8FU89IqWlO7.IPlLf35YP5M8b1LR2HucWgVFBHB80HC';
const CACHE_LIMIT = 1024;

/** Credentials taken from an `Authorization: Basic …` header. */
export interface BasicCredentials {
  user: string;
  password: string;
}

/** Decodes an `Authorization` header; undefined unless it is well-formed Basic credentials. */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Checks Basic credentials against bcrypt hashes (user -> hash). bcrypt is slow by design,
 * so each successful (user, hash, password) triple is remembered under its SHA-256; a
 * wrong password hashes to a different key and always goes through bcrypt again.
 */
export class BasicAuthenticator {
  readonly #users: ReadonlyMap<string, string>;
  readonly #verified = new Map<string, true>();

  /** `users` maps each user name to its bcrypt hash. */
  constructor(users: Readonly<Record<string, string>>) {
    this.#users = new Map(Object.entries(users));
  }

  /** Whether the `Authorization` header carries a known user with the right password. */
  async check(header: string | undefined): Promise<boolean> {
    const credentials = parseBasicAuthorization(header);
    if (credentials === undefined) return false;
    const hash = this.#users.get(credentials.user);
    const key = createHash('sha256')
      .update(JSON.stringify([credentials.user, hash ?? '', credentials.password]))
      .digest('hex');
    if (hash !== undefined && this.#verified.has(key)) return true;
    const ok = await bcrypt.compare(credentials.password, hash ?? DUMMY_HASH);
    if (!ok || hash === undefined) return false;
    if (this.#verified.size >= CACHE_LIMIT)
      this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(key, true);
    return true;
  }
}

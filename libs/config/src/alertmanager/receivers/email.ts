import { goQuote } from '@promethium/model';
import { resolveTlsConfig, tlsConfig } from '../../prometheus/tls-config.js';
import type { Cursor } from '../../yaml/cursor.js';
import { bool, record, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { field, object, optional } from '../../yaml/object.js';
import { goObject } from '../decode.js';
import { secretOf } from '../secret.js';
import type { EmailConfig } from '../types.js';
import { hostPort } from '../url.js';
import type { Globals, Integration } from './integration.js';

const threading = object({
  enabled: field('enabled', bool, false),
  threadByDate: field('thread_by_date', str, ''),
});

const emailShape = goObject(
  {
    sendResolved: field('send_resolved', bool, false),
    to: field('to', str, ''),
    from: field('from', str, ''),
    hello: field('hello', str, ''),
    smarthost: optional('smarthost', hostPort),
    authUsername: field('auth_username', str, ''),
    authPassword: field('auth_password', str, ''),
    authPasswordFile: field('auth_password_file', str, ''),
    authSecret: field('auth_secret', str, ''),
    authSecretFile: field('auth_secret_file', str, ''),
    authIdentity: field('auth_identity', str, ''),
    headers: field('headers', record(str), {}),
    html: field('html', str, '{{ template "email.default.html" . }}'),
    text: field('text', str, ''),
    requireTls: optional('require_tls', bool),
    tlsConfig: optional('tls_config', tlsConfig),
    forceImplicitTls: optional('force_implicit_tls', bool),
    threading: field('threading', threading, { enabled: false, threadByDate: '' }),
  },
  { html: '' },
);

type RawEmail = ReturnType<typeof emailShape>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Go's textproto.CanonicalMIMEHeaderKey: `x-custom-header` becomes `X-Custom-Header`. */
function canonicalHeader(name: string): string {
  if (!TOKEN.test(name)) return name;
  return name.replace(/[A-Za-z]+/g, (word, offset: number) => {
    const first = offset === 0 || name[offset - 1] === '-';
    const rest = word.slice(1).toLowerCase();
    return first ? word[0]!.toUpperCase() + rest : word.toLowerCase();
  });
}

function canonicalHeaders(headers: Record<string, string>, at: Cursor): Record<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const key = canonicalHeader(name);
    if (out.has(key)) at.field(name).fail(`duplicate header ${goQuote(key)} in email config`);
    out.set(key, value);
  }
  return Object.fromEntries(out);
}

const email: Decoder<RawEmail> = (at) => {
  const raw = emailShape(at);
  if (raw.to === '') at.field('to').fail('missing to address in email config');
  raw.headers = canonicalHeaders(raw.headers, at.field('headers'));
  const { enabled, threadByDate } = raw.threading;
  if (enabled) {
    const section = at.field('threading');
    for (const header of ['References', 'In-Reply-To']) {
      if (Object.hasOwn(raw.headers, header)) {
        section.fail(
          `conflicting configuration: threading.enabled conflicts with custom ${header} header`,
        );
      }
    }
    if (threadByDate !== 'none' && threadByDate !== 'daily') {
      section
        .field('thread_by_date')
        .fail("threading.thread_by_date must be either 'none' or 'daily'");
    }
  }
  return raw;
};

/** Fills in the global SMTP settings; the smarthost and sender must then be known. */
function resolveEmail(raw: RawEmail, { resolved: global }: Globals, at: Cursor): EmailConfig {
  const smarthost =
    raw.smarthost ??
    global.smtpSmarthost ??
    at.field('smarthost').fail('no global SMTP smarthost set');
  const from = raw.from || global.smtpFrom;
  if (from === '') at.field('from').fail('no global SMTP from set');
  const ownPassword = raw.authPassword !== '' || raw.authPasswordFile !== '';
  const ownSecret = raw.authSecret !== '' || raw.authSecretFile !== '';
  return {
    sendResolved: raw.sendResolved,
    to: raw.to,
    from,
    hello: raw.hello || global.smtpHello,
    smarthost,
    authUsername: raw.authUsername || global.smtpAuthUsername,
    authPassword: ownPassword
      ? secretOf(raw.authPassword, raw.authPasswordFile)
      : global.smtpAuthPassword,
    authSecret: ownSecret ? secretOf(raw.authSecret, raw.authSecretFile) : global.smtpAuthSecret,
    authIdentity: raw.authIdentity || global.smtpAuthIdentity,
    headers: raw.headers,
    html: raw.html,
    text: raw.text,
    requireTls: raw.requireTls ?? global.smtpRequireTls,
    tlsConfig: raw.tlsConfig ? resolveTlsConfig(raw.tlsConfig, '') : global.smtpTlsConfig,
    forceImplicitTls: raw.forceImplicitTls ?? global.smtpForceImplicitTls,
    threading: raw.threading,
  };
}

/** `email_configs`. */
export const EMAIL: Integration<RawEmail, EmailConfig> = {
  key: 'email_configs',
  decode: () => email,
  emptyEntry: 'missing email config',
  resolve: resolveEmail,
};

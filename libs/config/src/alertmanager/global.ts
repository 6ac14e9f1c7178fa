import { NO_TLS_CONFIG, resolveTlsConfig, tlsConfig } from '../prometheus/tls-config.js';
import type { Cursor } from '../yaml/cursor.js';
import { bool, duration, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, optional } from '../yaml/object.js';
import { goObject } from './decode.js';
import { DEFAULT_HTTP_CONFIG, httpConfig } from './http-config.js';
import { secretOf } from './secret.js';
import type { AlertmanagerGlobalConfig } from './types.js';
import { hostPort, secretUrl, url } from './url.js';

const MINUTE = 60_000;

/** A URL field whose default Go's yaml.v2 replaces with nil when written empty. */
const maybeUrl: Decoder<string | undefined> = url;

const DEFAULT_URLS = {
  slackAppUrl: 'https://slack.com/api/chat.postMessage',
  pagerdutyUrl: 'https://events.pagerduty.com/v2/enqueue',
  opsgenieApiUrl: 'https://api.opsgenie.com/',
  wechatApiUrl: 'https://qyapi.weixin.qq.com/cgi-bin/',
  victoropsApiUrl: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
  telegramApiUrl: 'https://api.telegram.org',
  webexApiUrl: 'https://webexapis.com/v1/messages',
  rocketchatApiUrl: 'https://open.rocket.chat/',
};

function globalShape(dir: string) {
  return goObject(
    {
      resolveTimeout: field('resolve_timeout', duration, 5 * MINUTE),
      httpConfig: optional('http_config', httpConfig(dir)),
      jiraApiUrl: optional('jira_api_url', url),
      smtpFrom: field('smtp_from', str, ''),
      smtpHello: field('smtp_hello', str, 'localhost'),
      smtpSmarthost: optional('smtp_smarthost', hostPort),
      smtpAuthUsername: field('smtp_auth_username', str, ''),
      smtpAuthPassword: field('smtp_auth_password', str, ''),
      smtpAuthPasswordFile: field('smtp_auth_password_file', str, ''),
      smtpAuthSecret: field('smtp_auth_secret', str, ''),
      smtpAuthSecretFile: field('smtp_auth_secret_file', str, ''),
      smtpAuthIdentity: field('smtp_auth_identity', str, ''),
      smtpRequireTls: field('smtp_require_tls', bool, true),
      smtpTlsConfig: optional('smtp_tls_config', tlsConfig),
      smtpForceImplicitTls: optional('smtp_force_implicit_tls', bool),
      slackApiUrl: optional('slack_api_url', secretUrl),
      slackApiUrlFile: field('slack_api_url_file', str, ''),
      slackAppToken: field('slack_app_token', str, ''),
      slackAppTokenFile: field('slack_app_token_file', str, ''),
      slackAppUrl: field('slack_app_url', maybeUrl, DEFAULT_URLS.slackAppUrl),
      pagerdutyUrl: field('pagerduty_url', maybeUrl, DEFAULT_URLS.pagerdutyUrl),
      opsgenieApiUrl: field('opsgenie_api_url', maybeUrl, DEFAULT_URLS.opsgenieApiUrl),
      opsgenieApiKey: field('opsgenie_api_key', str, ''),
      opsgenieApiKeyFile: field('opsgenie_api_key_file', str, ''),
      wechatApiUrl: field('wechat_api_url', maybeUrl, DEFAULT_URLS.wechatApiUrl),
      wechatApiSecret: field('wechat_api_secret', str, ''),
      wechatApiSecretFile: field('wechat_api_secret_file', str, ''),
      wechatApiCorpId: field('wechat_api_corp_id', str, ''),
      victoropsApiUrl: field('victorops_api_url', maybeUrl, DEFAULT_URLS.victoropsApiUrl),
      victoropsApiKey: field('victorops_api_key', str, ''),
      victoropsApiKeyFile: field('victorops_api_key_file', str, ''),
      telegramApiUrl: field('telegram_api_url', maybeUrl, DEFAULT_URLS.telegramApiUrl),
      telegramBotToken: field('telegram_bot_token', str, ''),
      telegramBotTokenFile: field('telegram_bot_token_file', str, ''),
      webexApiUrl: field('webex_api_url', maybeUrl, DEFAULT_URLS.webexApiUrl),
      rocketchatApiUrl: field('rocketchat_api_url', maybeUrl, DEFAULT_URLS.rocketchatApiUrl),
      rocketchatToken: optional('rocketchat_token', str),
      rocketchatTokenFile: field('rocketchat_token_file', str, ''),
      rocketchatTokenId: optional('rocketchat_token_id', str),
      rocketchatTokenIdFile: field('rocketchat_token_id_file', str, ''),
      mattermostWebhookUrl: optional('mattermost_webhook_url', secretUrl),
      mattermostWebhookUrlFile: field('mattermost_webhook_url_file', str, ''),
    },
    {
      resolveTimeout: 0,
      smtpHello: '',
      smtpRequireTls: false,
      slackAppUrl: undefined,
      pagerdutyUrl: undefined,
      opsgenieApiUrl: undefined,
      wechatApiUrl: undefined,
      victoropsApiUrl: undefined,
      telegramApiUrl: undefined,
      webexApiUrl: undefined,
      rocketchatApiUrl: undefined,
    },
  );
}

/** The `global` section as written, defaults applied. */
export type RawGlobal = ReturnType<ReturnType<typeof globalShape>>;

/** Decodes `global`; an absent or empty section is all defaults. */
export function rawGlobal(dir: string): Decoder<RawGlobal> {
  return globalShape(dir);
}

/**
 * A value and its file variant of which at most one may be set: the YAML key of the value
 * (the file's adds `_file`) and whether the value is set.
 */
type Exclusive = readonly [
  key: string,
  valueSet: (raw: RawGlobal) => boolean,
  file: keyof RawGlobal,
];

// Rocket.Chat's tokens are Go pointers: written empty, they still count as set.
const pointerSet = (name: 'rocketchatToken' | 'rocketchatTokenId') => (raw: RawGlobal) =>
  raw[name] !== undefined;
const stringSet = (name: keyof RawGlobal) => (raw: RawGlobal) =>
  raw[name] !== undefined && raw[name] !== '';

// In the order Alertmanager checks them, Slack's token-or-URL check coming after the first two.
const SLACK_EXCLUSIVE: readonly Exclusive[] = [
  ['slack_app_token', stringSet('slackAppToken'), 'slackAppTokenFile'],
  ['slack_api_url', stringSet('slackApiUrl'), 'slackApiUrlFile'],
];

const OTHER_EXCLUSIVE: readonly Exclusive[] = [
  ['opsgenie_api_key', stringSet('opsgenieApiKey'), 'opsgenieApiKeyFile'],
  ['victorops_api_key', stringSet('victoropsApiKey'), 'victoropsApiKeyFile'],
  ['telegram_bot_token', stringSet('telegramBotToken'), 'telegramBotTokenFile'],
  ['smtp_auth_password', stringSet('smtpAuthPassword'), 'smtpAuthPasswordFile'],
  ['rocketchat_token', pointerSet('rocketchatToken'), 'rocketchatTokenFile'],
  ['rocketchat_token_id', pointerSet('rocketchatTokenId'), 'rocketchatTokenIdFile'],
  ['smtp_auth_secret', stringSet('smtpAuthSecret'), 'smtpAuthSecretFile'],
  ['wechat_api_secret', stringSet('wechatApiSecret'), 'wechatApiSecretFile'],
  ['mattermost_webhook_url', stringSet('mattermostWebhookUrl'), 'mattermostWebhookUrlFile'],
];

/**
 * Checks the global values that exclude each other, in Alertmanager's order; `at` is the
 * `global` section (or where it would be).
 */
export function checkGlobal(raw: RawGlobal, at: Cursor): void {
  const check = ([key, valueSet, file]: Exclusive) => {
    if (valueSet(raw) && stringSet(file)(raw)) {
      at.field(`${key}_file`).fail(`at most one of ${key} & ${key}_file must be configured`);
    }
  };
  SLACK_EXCLUSIVE.forEach(check);
  const token = stringSet('slackAppToken')(raw) || stringSet('slackAppTokenFile')(raw);
  const webhook = raw.slackApiUrl !== undefined || stringSet('slackApiUrlFile')(raw);
  // A global slack_api_url equal to the app URL is the old way to use an app token.
  if (token && webhook && raw.slackApiUrl !== raw.slackAppUrl) {
    at.field('slack_app_token').fail(
      'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured',
    );
  }
  OTHER_EXCLUSIVE.forEach(check);
}

/** The checked global section as the configuration exposes it. */
export function resolveGlobal(raw: RawGlobal): AlertmanagerGlobalConfig {
  return {
    resolveTimeout: raw.resolveTimeout,
    httpConfig: raw.httpConfig ?? DEFAULT_HTTP_CONFIG,
    smtpFrom: raw.smtpFrom,
    smtpHello: raw.smtpHello,
    smtpSmarthost: raw.smtpSmarthost,
    smtpAuthUsername: raw.smtpAuthUsername,
    smtpAuthPassword: secretOf(raw.smtpAuthPassword, raw.smtpAuthPasswordFile),
    smtpAuthSecret: secretOf(raw.smtpAuthSecret, raw.smtpAuthSecretFile),
    smtpAuthIdentity: raw.smtpAuthIdentity,
    smtpRequireTls: raw.smtpRequireTls,
    smtpTlsConfig: resolveTlsConfig(raw.smtpTlsConfig ?? NO_TLS_CONFIG, ''),
    smtpForceImplicitTls: raw.smtpForceImplicitTls,
    slackApiUrl: secretOf(raw.slackApiUrl, raw.slackApiUrlFile),
    slackAppToken: secretOf(raw.slackAppToken, raw.slackAppTokenFile),
    slackAppUrl: raw.slackAppUrl,
    pagerdutyUrl: raw.pagerdutyUrl,
    opsgenieApiUrl: raw.opsgenieApiUrl,
    opsgenieApiKey: secretOf(raw.opsgenieApiKey, raw.opsgenieApiKeyFile),
    wechatApiUrl: raw.wechatApiUrl,
    wechatApiSecret: secretOf(raw.wechatApiSecret, raw.wechatApiSecretFile),
    wechatApiCorpId: raw.wechatApiCorpId,
    victoropsApiUrl: raw.victoropsApiUrl,
    victoropsApiKey: secretOf(raw.victoropsApiKey, raw.victoropsApiKeyFile),
    telegramApiUrl: raw.telegramApiUrl,
    telegramBotToken: secretOf(raw.telegramBotToken, raw.telegramBotTokenFile),
    webexApiUrl: raw.webexApiUrl,
    rocketchatApiUrl: raw.rocketchatApiUrl,
    rocketchatToken: secretOf(raw.rocketchatToken, raw.rocketchatTokenFile),
    rocketchatTokenId: secretOf(raw.rocketchatTokenId, raw.rocketchatTokenIdFile),
    mattermostWebhookUrl: secretOf(raw.mattermostWebhookUrl, raw.mattermostWebhookUrlFile),
    jiraApiUrl: raw.jiraApiUrl,
  };
}

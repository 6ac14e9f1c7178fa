// Integrations Alertmanager has and Promethium does not implement yet. Their entries are
// read as strictly as Alertmanager reads them (every key known, values of the right type,
// the same checks and global fallbacks), so a file that Alertmanager refuses is refused
// here too; nested message layouts (attachments, SigV4, ...) are accepted as any YAML.
// Keys are the YAML ones: nothing outside this file reads these entries.
import { goQuote } from '@promethium/model';
import { isScalar } from 'yaml';
import type { Cursor } from '../../yaml/cursor.js';
import { bool, duration, list, record, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { field, object, optional } from '../../yaml/object.js';
import type { Decoded, Field, Shape } from '../../yaml/object.js';
import { anyValue, goDuration, goObject, int64, uint64 } from '../decode.js';
import { httpConfig } from '../http-config.js';
import { secretUrl, templateProblem, url } from '../url.js';
import { atMostOne, pendingEntries } from './integration.js';
import type { Globals, Integration, Pending } from './integration.js';

/** Plain string fields, '' when absent. */
function texts<K extends string>(...keys: K[]): Record<K, Field<string>> {
  return Object.fromEntries(keys.map((k) => [k, field(k, str, '')])) as Record<K, Field<string>>;
}

function common(dir: string) {
  return {
    send_resolved: field('send_resolved', bool, false),
    http_config: optional('http_config', httpConfig(dir)),
  };
}

/** An integration that is checked but not implemented: its entries complete to nothing. */
export interface UnsupportedIntegration {
  readonly key: string;
  entries(dir: string): Decoder<Pending<undefined>[]>;
}

/** Builds an integration from its fields, its own checks and its global fallbacks. */
function integration<S extends Shape>(spec: {
  key: string;
  emptyEntry: string | undefined;
  fields: (dir: string) => S;
  check?: (raw: Decoded<S>, at: Cursor) => void;
  resolve?: (raw: Decoded<S>, globals: Globals, at: Cursor) => void;
}): UnsupportedIntegration {
  const checked: Integration<Decoded<S>, undefined> = {
    key: spec.key,
    emptyEntry: spec.emptyEntry,
    decode: (dir) => {
      const shape = goObject(spec.fields(dir), {});
      return (at) => {
        const raw = shape(at);
        spec.check?.(raw, at);
        return raw;
      };
    },
    resolve: (raw, globals, at) => {
      spec.resolve?.(raw, globals, at);
      return undefined;
    },
  };
  return { key: spec.key, entries: (dir) => pendingEntries(checked, dir) };
}

function webhookUrlRequired(raw: { webhook_url?: string; webhook_url_file: string }, at: Cursor) {
  if (raw.webhook_url === undefined && raw.webhook_url_file === '') {
    at.fail('one of webhook_url or webhook_url_file must be configured');
  }
  atMostOne(at, raw.webhook_url, raw.webhook_url_file, 'webhook_url', 'webhook_url_file');
}

const DISCORD = integration({
  key: 'discord_configs',
  emptyEntry: 'missing discord config',
  fields: (dir) => ({
    ...common(dir),
    webhook_url: optional('webhook_url', secretUrl),
    ...texts('webhook_url_file', 'content', 'title', 'message', 'username', 'avatar_url'),
  }),
  check: (raw, at) => webhookUrlRequired(raw, at),
});

const INCIDENTIO = integration({
  key: 'incidentio_configs',
  emptyEntry: 'missing incidentio config',
  fields: (dir) => ({
    ...common(dir),
    url: optional('url', url),
    ...texts('url_file', 'alert_source_token', 'alert_source_token_file'),
    max_alerts: field('max_alerts', uint64, 0),
    timeout: field('timeout', goDuration, 0),
  }),
  check: (raw, at) => {
    if (raw.url === undefined && raw.url_file === '')
      at.fail('one of url or url_file must be configured');
    atMostOne(at, raw.url, raw.url_file, 'url', 'url_file');
    atMostOne(
      at,
      raw.alert_source_token,
      raw.alert_source_token_file,
      'alert_source_token',
      'alert_source_token_file',
    );
    const token = raw.alert_source_token !== '' || raw.alert_source_token_file !== '';
    const client = raw.http_config;
    if (client?.authorization !== undefined && token) {
      at.fail(
        'cannot specify alert_source_token or alert_source_token_file when using http_config.authorization',
      );
    }
    if (client !== undefined && client.authorization === undefined && !token) {
      at.fail(
        'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured',
      );
    }
  },
});

/** A Jira field: a template, or `{template, enable_update}`. */
const jiraFieldShape = object({
  template: field('template', str, ''),
  enable_update: optional('enable_update', bool),
});

const jiraField: Decoder<unknown> = (at) => (isScalar(at.node) ? str(at) : jiraFieldShape(at));

const JIRA = integration({
  key: 'jira_configs',
  emptyEntry: 'missing jira config',
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    api_type: field('api_type', str, 'auto'),
    ...texts('project', 'priority', 'issue_type'),
    ...texts('reopen_transition', 'resolve_transition', 'wont_fix_resolution'),
    summary: optional('summary', jiraField),
    description: optional('description', jiraField),
    labels: field('labels', list(str), [] as string[]),
    reopen_duration: field('reopen_duration', duration, 0),
    fields: field('fields', record(anyValue), {}),
  }),
  check: (raw, at) => {
    if (raw.project === '') at.field('project').fail('missing project in jira_config');
    if (raw.issue_type === '') at.field('issue_type').fail('missing issue_type in jira_config');
    if (!['auto', 'cloud', 'datacenter'].includes(raw.api_type)) {
      at.field('api_type').fail(
        'unknown api_type on jira_config, must be auto, cloud or datacenter',
      );
    }
  },
  resolve: (raw, { raw: global }, at) => {
    if (raw.api_url === undefined && global.jiraApiUrl === undefined) {
      at.field('api_url').fail('no global Jira Cloud URL set');
    }
  },
});

const mattermostField = object({
  title: field('title', str, ''),
  value: field('value', str, ''),
  short: optional('short', bool),
});

const MATTERMOST = integration({
  key: 'mattermost_configs',
  emptyEntry: 'missing mattermost config',
  fields: (dir) => ({
    ...common(dir),
    webhook_url: optional('webhook_url', secretUrl),
    ...texts('webhook_url_file', 'channel', 'username', 'text', 'fallback', 'color', 'pretext'),
    ...texts('author_name', 'author_link', 'author_icon', 'title', 'title_link', 'thumb_url'),
    ...texts('footer', 'footer_icon', 'image_url', 'icon_url', 'icon_emoji', 'type'),
    fields: field(
      'fields',
      list((at) => {
        const f = mattermostField(at);
        if (f.title === '')
          at.field('title').fail('missing title in Mattermost field configuration');
        if (f.value === '')
          at.field('value').fail('missing value in Mattermost field configuration');
        return f;
      }),
      [],
    ),
    attachments: optional('attachments', anyValue),
    props: optional('props', anyValue),
    priority: optional('priority', anyValue),
  }),
  check: (raw, at) =>
    atMostOne(at, raw.webhook_url, raw.webhook_url_file, 'webhook_url', 'webhook_url_file'),
  resolve: (raw, { raw: global }, at) => {
    const own = raw.webhook_url !== undefined || raw.webhook_url_file !== '';
    const fromGlobal =
      global.mattermostWebhookUrl !== undefined || global.mattermostWebhookUrlFile !== '';
    if (!own && !fromGlobal)
      at.fail('missing webhook_url or webhook_url_file on mattermost_config');
  },
});

const MSTEAMS = integration({
  key: 'msteams_configs',
  emptyEntry: 'missing msteams config',
  fields: (dir) => ({
    ...common(dir),
    webhook_url: optional('webhook_url', secretUrl),
    ...texts('webhook_url_file', 'title', 'summary', 'text'),
  }),
  check: (raw, at) => webhookUrlRequired(raw, at),
});

const MSTEAMSV2 = integration({
  key: 'msteamsv2_configs',
  emptyEntry: 'missing msteamsv2 config',
  fields: (dir) => ({
    ...common(dir),
    webhook_url: optional('webhook_url', secretUrl),
    ...texts('webhook_url_file', 'title', 'text'),
  }),
  check: (raw, at) => webhookUrlRequired(raw, at),
});

const responder = object(texts('id', 'name', 'username', 'type'));
const RESPONDER_TYPES = /^(team|teams|user|escalation|schedule)$/;

function checkResponder(r: ReturnType<typeof responder>, at: Cursor): void {
  const shown = (type: string) => `{${r.id} ${r.name} ${r.username} ${type}}`;
  if (r.id === '' && r.username === '' && r.name === '') {
    at.fail(
      `opsGenieConfig responder ${shown(r.type)} has to have at least one of id, username or name specified`,
    );
  }
  if (r.type.includes('{{')) {
    const problem = templateProblem(r.type);
    if (problem !== undefined) {
      at.field('type').fail(
        `opsGenieConfig responder ${shown(r.type)} type contains invalid template syntax: ${problem}`,
      );
    }
    return;
  }
  const type = r.type.toLowerCase();
  if (!RESPONDER_TYPES.test(type)) {
    at.field('type').fail(
      `opsGenieConfig responder ${shown(type)} type does not match valid options ${RESPONDER_TYPES.source}`,
    );
  }
}

const OPSGENIE = integration({
  key: 'opsgenie_configs',
  emptyEntry: undefined,
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    ...texts('api_key', 'api_key_file', 'message', 'description', 'source', 'entity'),
    ...texts('actions', 'tags', 'note', 'priority'),
    details: field('details', record(str), {}),
    responders: field(
      'responders',
      list((at) => {
        const r = responder(at);
        checkResponder(r, at);
        return r;
      }),
      [],
    ),
    update_alerts: field('update_alerts', bool, false),
  }),
  check: (raw, at) => atMostOne(at, raw.api_key, raw.api_key_file, 'api_key', 'api_key_file'),
  resolve: (raw, { raw: global }, at) => {
    if ((raw.api_url ?? global.opsgenieApiUrl) === undefined) {
      at.field('api_url').fail('no global OpsGenie URL set');
    }
    const key = raw.api_key || global.opsgenieApiKey;
    const file = raw.api_key_file || global.opsgenieApiKeyFile;
    if (key === '' && file === '') {
      at.fail('no global OpsGenie API Key set either inline or in a file');
    }
  },
});

const PUSHOVER = integration({
  key: 'pushover_configs',
  emptyEntry: 'missing pushover config',
  fields: (dir) => ({
    ...common(dir),
    ...texts('user_key', 'user_key_file', 'token', 'token_file', 'title', 'message', 'url'),
    ...texts('url_title', 'device', 'sound', 'priority'),
    retry: field('retry', goDuration, 60_000),
    expire: field('expire', goDuration, 3_600_000),
    ttl: field('ttl', goDuration, 0),
    html: field('html', bool, false),
    monospace: field('monospace', bool, false),
  }),
  check: (raw, at) => {
    if (raw.user_key === '' && raw.user_key_file === '') {
      at.fail('one of user_key or user_key_file must be configured');
    }
    atMostOne(at, raw.user_key, raw.user_key_file, 'user_key', 'user_key_file');
    if (raw.token === '' && raw.token_file === '')
      at.fail('one of token or token_file must be configured');
    atMostOne(at, raw.token, raw.token_file, 'token', 'token_file');
    if (raw.html && raw.monospace)
      at.field('monospace').fail('at most one of monospace & html must be configured');
  },
});

const ROCKETCHAT = integration({
  key: 'rocketchat_configs',
  emptyEntry: undefined,
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    token_id: optional('token_id', str),
    token: optional('token', str),
    ...texts('token_id_file', 'token_file', 'channel', 'color', 'title', 'title_link', 'text'),
    ...texts('emoji', 'icon_url', 'image_url', 'thumb_url'),
    fields: optional('fields', anyValue),
    short_fields: field('short_fields', bool, false),
    link_names: field('link_names', bool, false),
    actions: optional('actions', anyValue),
  }),
  check: (raw, at) => {
    // Pointers in Go: an empty token still counts as given.
    if (raw.token !== undefined && raw.token_file !== '') {
      at.field('token_file').fail('at most one of token & token_file must be configured');
    }
    if (raw.token_id !== undefined && raw.token_id_file !== '') {
      at.field('token_id_file').fail('at most one of token_id & token_id_file must be configured');
    }
  },
  resolve: (raw, { raw: global }, at) => {
    const tokenId = raw.token_id ?? global.rocketchatTokenId;
    if (tokenId === undefined && (raw.token_id_file || global.rocketchatTokenIdFile) === '') {
      at.fail('no global Rocketchat TokenID set either inline or in a file');
    }
    const token = raw.token ?? global.rocketchatToken;
    if (token === undefined && (raw.token_file || global.rocketchatTokenFile) === '') {
      at.fail('no global Rocketchat Token set either inline or in a file');
    }
  },
});

const SNS = integration({
  key: 'sns_configs',
  emptyEntry: 'missing sns config',
  fields: (dir) => ({
    ...common(dir),
    ...texts('api_url', 'topic_arn', 'phone_number', 'target_arn', 'subject', 'message'),
    sigv4: optional('sigv4', anyValue),
    attributes: field('attributes', record(str), {}),
    use_aws_http_client: field('use_aws_http_client', bool, false),
  }),
  check: (raw, at) => {
    // Alertmanager's test: (no target) != (no topic) != (no phone number).
    const missing = [raw.target_arn, raw.topic_arn, raw.phone_number].map((v) => v === '');
    if ((missing[0] !== missing[1]) !== missing[2]) {
      at.fail('must provide either a Target ARN, Topic ARN, or Phone Number for SNS config');
    }
  },
});

const PARSE_MODES = ['', 'Markdown', 'MarkdownV2', 'HTML'];

const TELEGRAM = integration({
  key: 'telegram_configs',
  emptyEntry: 'missing telegram config',
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    ...texts('bot_token', 'bot_token_file', 'chat_id_file', 'message'),
    chat_id: field('chat_id', int64, 0),
    message_thread_id: field('message_thread_id', int64, 0),
    disable_notifications: field('disable_notifications', bool, false),
    parse_mode: field('parse_mode', str, 'HTML'),
  }),
  check: (raw, at) => {
    atMostOne(at, raw.bot_token, raw.bot_token_file, 'bot_token', 'bot_token_file');
    if (raw.chat_id === 0 && raw.chat_id_file === '') {
      at.fail('missing chat_id or chat_id_file on telegram_config');
    }
    if (raw.chat_id !== 0 && raw.chat_id_file !== '') {
      at.field('chat_id_file').fail('at most one of chat_id & chat_id_file must be configured');
    }
    if (!PARSE_MODES.includes(raw.parse_mode)) {
      at.field('parse_mode').fail(
        'unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string',
      );
    }
  },
  resolve: (raw, { raw: global }, at) => {
    const own = raw.bot_token !== '' || raw.bot_token_file !== '';
    if (!own && global.telegramBotToken === '' && global.telegramBotTokenFile === '') {
      at.fail('missing bot_token or bot_token_file on telegram_config');
    }
  },
});

const WEBEX = integration({
  key: 'webex_configs',
  emptyEntry: 'missing webex config',
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    ...texts('message', 'room_id'),
  }),
  check: (raw, at) => {
    if (raw.room_id === '') at.field('room_id').fail('missing room_id on webex_config');
    if (raw.http_config?.authorization === undefined) {
      at.field('http_config').fail('missing webex_configs.http_config.authorization');
    }
  },
  resolve: (raw, { raw: global }, at) => {
    if ((raw.api_url ?? global.webexApiUrl) === undefined) {
      at.field('api_url').fail('no global Webex URL set');
    }
  },
});

const WECHAT_MESSAGE_TYPES = /^(text|markdown)$/;

const WECHAT = integration({
  key: 'wechat_configs',
  emptyEntry: undefined,
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    ...texts('api_secret', 'api_secret_file', 'corp_id', 'message', 'to_user', 'to_party'),
    ...texts('to_tag', 'agent_id', 'message_type'),
  }),
  check: (raw, at) => {
    const type = raw.message_type || 'text';
    if (!WECHAT_MESSAGE_TYPES.test(type)) {
      at.field('message_type').fail(
        `weChat message type ${goQuote(type)} does not match valid options ${WECHAT_MESSAGE_TYPES.source}`,
      );
    }
    atMostOne(at, raw.api_secret, raw.api_secret_file, 'api_secret', 'api_secret_file');
  },
  resolve: (raw, { raw: global }, at) => {
    if ((raw.api_url ?? global.wechatApiUrl) === undefined) {
      at.field('api_url').fail('no global Wechat URL set');
    }
    const own = raw.api_secret !== '' || raw.api_secret_file !== '';
    if (!own && global.wechatApiSecret === '' && global.wechatApiSecretFile === '') {
      at.fail('no global Wechat Api Secret set either inline or in a file');
    }
    if ((raw.corp_id || global.wechatApiCorpId) === '') at.fail('no global Wechat CorpID set');
  },
});

const VICTOROPS_RESERVED = [
  'routing_key',
  'message_type',
  'state_message',
  'entity_display_name',
  'monitoring_tool',
  'entity_id',
  'entity_state',
];

const VICTOROPS = integration({
  key: 'victorops_configs',
  emptyEntry: 'missing victorops config',
  fields: (dir) => ({
    ...common(dir),
    api_url: optional('api_url', url),
    ...texts('api_key', 'api_key_file', 'routing_key', 'message_type', 'state_message'),
    ...texts('entity_display_name', 'monitoring_tool'),
    custom_fields: field('custom_fields', record(str), {}),
  }),
  check: (raw, at) => {
    if (raw.routing_key === '')
      at.field('routing_key').fail('missing Routing key in VictorOps config');
    atMostOne(at, raw.api_key, raw.api_key_file, 'api_key', 'api_key_file');
    const reserved = VICTOROPS_RESERVED.find((name) => Object.hasOwn(raw.custom_fields, name));
    if (reserved !== undefined) {
      at.field('custom_fields').fail(
        `victorOps config contains custom field ${reserved} which cannot be used as it conflicts with the fixed/static fields`,
      );
    }
  },
  resolve: (raw, { raw: global }, at) => {
    if ((raw.api_url ?? global.victoropsApiUrl) === undefined) {
      at.field('api_url').fail('no global VictorOps URL set');
    }
    const key = raw.api_key || global.victoropsApiKey;
    if (key === '' && (raw.api_key_file || global.victoropsApiKeyFile) === '') {
      at.fail('no global VictorOps API Key set');
    }
  },
});

export {
  DISCORD,
  INCIDENTIO,
  JIRA,
  MATTERMOST,
  MSTEAMS,
  MSTEAMSV2,
  OPSGENIE,
  PUSHOVER,
  ROCKETCHAT,
  SNS,
  TELEGRAM,
  VICTOROPS,
  WEBEX,
  WECHAT,
};

import type { Cursor } from '../../yaml/cursor.js';
import { bool, list, nonNull, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { field, object, optional } from '../../yaml/object.js';
import { goDuration, goObject, without } from '../decode.js';
import { httpConfig } from '../http-config.js';
import { secretOf } from '../secret.js';
import type { SlackAction, SlackConfig, SlackConfirmationField, SlackField } from '../types.js';
import { secretUrl, url } from '../url.js';
import { atMostOne, httpConfigOr } from './integration.js';
import type { Globals, Integration } from './integration.js';

const POST_MESSAGE = 'https://slack.com/api/chat.postMessage';

const fieldShape = object({
  title: field('title', str, ''),
  value: field('value', str, ''),
  short: optional('short', bool),
});

const slackField: Decoder<SlackField> = (at) => {
  const f = fieldShape(at);
  if (f.title === '') at.field('title').fail('missing title in Slack field configuration');
  if (f.value === '') at.field('value').fail('missing value in Slack field configuration');
  return f;
};

const confirmShape = object({
  text: field('text', str, ''),
  title: field('title', str, ''),
  okText: field('ok_text', str, ''),
  dismissText: field('dismiss_text', str, ''),
});

const confirm: Decoder<SlackConfirmationField> = (at) => {
  const c = confirmShape(at);
  if (c.text === '') at.field('text').fail('missing text in Slack confirmation configuration');
  return c;
};

const actionShape = object({
  type: field('type', str, ''),
  text: field('text', str, ''),
  url: field('url', str, ''),
  style: field('style', str, ''),
  name: field('name', str, ''),
  value: field('value', str, ''),
  confirm: optional('confirm', confirm),
});

/** A link button (`url`: other message-button settings are dropped) or a message button. */
const action: Decoder<SlackAction> = (at) => {
  const a = actionShape(at);
  if (a.type === '') at.field('type').fail('missing type in Slack action configuration');
  if (a.text === '') at.field('text').fail('missing text in Slack action configuration');
  if (a.url !== '') return { ...a, name: '', value: '', confirm: undefined };
  if (a.name === '') at.fail('missing name or url in Slack action configuration');
  return a;
};

const defaultTemplate = (name: string) => `{{ template "slack.default.${name}" . }}`;

function slackShape(dir: string) {
  return goObject(
    {
      sendResolved: field('send_resolved', bool, false),
      httpConfig: optional('http_config', httpConfig(dir)),
      apiUrl: optional('api_url', secretUrl),
      apiUrlFile: field('api_url_file', str, ''),
      appToken: field('app_token', str, ''),
      appTokenFile: field('app_token_file', str, ''),
      appUrl: optional('app_url', url),
      channel: field('channel', str, ''),
      username: field('username', str, defaultTemplate('username')),
      color: field('color', str, defaultTemplate('color')),
      title: field('title', str, defaultTemplate('title')),
      titleLink: field('title_link', str, defaultTemplate('titlelink')),
      pretext: field('pretext', str, defaultTemplate('pretext')),
      text: field('text', str, defaultTemplate('text')),
      messageText: field('message_text', str, ''),
      fields: field('fields', list(nonNull(slackField, 'empty Slack field')), []),
      shortFields: field('short_fields', bool, false),
      footer: field('footer', str, defaultTemplate('footer')),
      fallback: field('fallback', str, defaultTemplate('fallback')),
      callbackId: field('callback_id', str, defaultTemplate('callbackid')),
      iconEmoji: field('icon_emoji', str, defaultTemplate('iconemoji')),
      iconUrl: field('icon_url', str, defaultTemplate('iconurl')),
      imageUrl: field('image_url', str, ''),
      thumbUrl: field('thumb_url', str, ''),
      linkNames: field('link_names', bool, false),
      mrkdwnIn: field('mrkdwn_in', list(str), [] as string[]),
      actions: field('actions', list(nonNull(action, 'empty Slack action')), []),
      updateMessage: field('update_message', bool, false),
      timeout: field('timeout', goDuration, 0),
    },
    {
      username: '',
      color: '',
      title: '',
      titleLink: '',
      pretext: '',
      text: '',
      footer: '',
      fallback: '',
      callbackId: '',
      iconEmoji: '',
      iconUrl: '',
    },
  );
}

type RawSlack = ReturnType<ReturnType<typeof slackShape>>;

function slack(dir: string): Decoder<RawSlack> {
  const shape = slackShape(dir);
  return (at) => {
    const raw = shape(at);
    atMostOne(at, raw.apiUrl, raw.apiUrlFile, 'api_url', 'api_url_file');
    atMostOne(at, raw.appToken, raw.appTokenFile, 'app_token', 'app_token_file');
    const webhook = raw.apiUrl !== undefined || raw.apiUrlFile !== '';
    if (webhook && (raw.appToken !== '' || raw.appTokenFile !== '')) {
      at.field('app_token').fail(
        'at most one of api_url/api_url_file & app_token/app_token_file must be configured',
      );
    }
    if (raw.updateMessage && raw.apiUrl !== POST_MESSAGE) {
      at.field('update_message').fail(
        `update_message can only be used with bot tokens. api_url must be set to ${POST_MESSAGE}`,
      );
    }
    return raw;
  };
}

/**
 * Completes an entry from the global section: the app URL, the app token (unless the entry
 * authenticates itself or posts to a webhook), the webhook URL. An app token becomes the
 * `Authorization: Bearer` of the HTTP client and the app URL the one posted to.
 */
function resolveSlack(raw: RawSlack, globals: Globals, at: Cursor): SlackConfig {
  const { raw: global } = globals;
  const appUrl =
    raw.appUrl ?? global.slackAppUrl ?? at.field('app_url').fail('no global Slack App URL set');
  const own = raw.httpConfig;
  let appToken = secretOf(raw.appToken, raw.appTokenFile);
  if (appToken === undefined && own?.authorization === undefined && raw.apiUrl === undefined) {
    appToken = secretOf(global.slackAppToken, global.slackAppTokenFile);
  }
  const ownUrl = raw.apiUrl !== undefined || raw.apiUrlFile !== '';
  let apiUrl = ownUrl
    ? secretOf(raw.apiUrl, raw.apiUrlFile)
    : secretOf(global.slackApiUrl, global.slackApiUrlFile);
  if (apiUrl === undefined && appToken === undefined) {
    at.fail('no Slack API URL nor App token set either inline or in a file');
  }
  let client = httpConfigOr(own, globals);
  if (appToken !== undefined) {
    if (client.authorization !== undefined) {
      at.field('http_config').fail("http authorization can't be set when using Slack App tokens");
    }
    client = { ...client, authorization: { type: 'Bearer', credentials: appToken } };
    apiUrl = secretOf(appUrl, '');
  }
  const settings = without(raw, 'apiUrlFile', 'appTokenFile');
  return { ...settings, httpConfig: client, apiUrl, appToken, appUrl };
}

/** `slack_configs`. */
export const SLACK: Integration<RawSlack, SlackConfig> = {
  key: 'slack_configs',
  decode: slack,
  emptyEntry: undefined,
  resolve: resolveSlack,
};

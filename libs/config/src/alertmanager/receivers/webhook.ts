import type { Cursor } from '../../yaml/cursor.js';
import { bool, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { field, optional } from '../../yaml/object.js';
import { anyValue, goDuration, goObject, uint64 } from '../decode.js';
import { httpConfig } from '../http-config.js';
import { secretOf } from '../secret.js';
import type { WebhookConfig } from '../types.js';
import { templateUrl } from '../url.js';
import { httpConfigOr } from './integration.js';
import type { Globals, Integration } from './integration.js';

function webhookShape(dir: string) {
  return goObject(
    {
      sendResolved: field('send_resolved', bool, true),
      httpConfig: optional('http_config', httpConfig(dir)),
      url: field('url', templateUrl, ''),
      urlFile: field('url_file', str, ''),
      maxAlerts: field('max_alerts', uint64, 0),
      timeout: field('timeout', goDuration, 0),
      payload: optional('payload', anyValue),
    },
    { sendResolved: false },
  );
}

type RawWebhook = ReturnType<ReturnType<typeof webhookShape>>;

function webhook(dir: string): Decoder<RawWebhook> {
  const shape = webhookShape(dir);
  return (at) => {
    const raw = shape(at);
    if (raw.url === '' && raw.urlFile === '') at.fail('one of url or url_file must be configured');
    if (raw.url !== '' && raw.urlFile !== '') {
      at.field('url_file').fail('at most one of url & url_file must be configured');
    }
    return raw;
  };
}

function resolveWebhook(raw: RawWebhook, globals: Globals, _at: Cursor): WebhookConfig {
  return {
    sendResolved: raw.sendResolved,
    httpConfig: httpConfigOr(raw.httpConfig, globals),
    url: secretOf(raw.url, raw.urlFile)!,
    maxAlerts: raw.maxAlerts,
    timeout: raw.timeout,
    payload: raw.payload,
  };
}

/** `webhook_configs`. */
export const WEBHOOK: Integration<RawWebhook, WebhookConfig> = {
  key: 'webhook_configs',
  decode: webhook,
  emptyEntry: 'missing webhook config',
  resolve: resolveWebhook,
};

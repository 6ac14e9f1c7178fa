import type { Cursor } from '../../yaml/cursor.js';
import { bool, list, record, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { field, object, optional } from '../../yaml/object.js';
import { anyValue, goDuration, goObject, without } from '../decode.js';
import { httpConfig } from '../http-config.js';
import { secretOf } from '../secret.js';
import type { PagerdutyConfig } from '../types.js';
import { url } from '../url.js';
import { atMostOne, httpConfigOr } from './integration.js';
import type { Globals, Integration } from './integration.js';

/** Details every event carries unless the entry sets them itself. */
const DEFAULT_DETAILS: Readonly<Record<string, string>> = {
  firing: '{{ .Alerts.Firing | toJson }}',
  resolved: '{{ .Alerts.Resolved | toJson }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
};

const image = object({
  src: field('src', str, ''),
  alt: field('alt', str, ''),
  href: field('href', str, ''),
});

const link = object({
  href: field('href', str, ''),
  text: field('text', str, ''),
});

function pagerdutyShape(dir: string) {
  return goObject(
    {
      sendResolved: field('send_resolved', bool, true),
      httpConfig: optional('http_config', httpConfig(dir)),
      serviceKey: field('service_key', str, ''),
      serviceKeyFile: field('service_key_file', str, ''),
      routingKey: field('routing_key', str, ''),
      routingKeyFile: field('routing_key_file', str, ''),
      url: optional('url', url),
      client: field('client', str, '{{ template "pagerduty.default.client" . }}'),
      clientUrl: field('client_url', str, '{{ template "pagerduty.default.clientURL" . }}'),
      description: field('description', str, '{{ template "pagerduty.default.description" .}}'),
      details: field('details', record(anyValue), {}),
      images: field('images', list(image), []),
      links: field('links', list(link), []),
      source: field('source', str, ''),
      severity: field('severity', str, ''),
      class: field('class', str, ''),
      component: field('component', str, ''),
      group: field('group', str, ''),
      timeout: field('timeout', goDuration, 0),
    },
    { sendResolved: false, client: '', clientUrl: '', description: '' },
  );
}

type RawPagerduty = ReturnType<ReturnType<typeof pagerdutyShape>>;

function pagerduty(dir: string): Decoder<RawPagerduty> {
  const shape = pagerdutyShape(dir);
  return (at) => {
    const raw = shape(at);
    const keys = [raw.routingKey, raw.serviceKey, raw.routingKeyFile, raw.serviceKeyFile];
    if (keys.every((k) => k === '')) at.fail('missing service or routing key in PagerDuty config');
    atMostOne(at, raw.routingKey, raw.routingKeyFile, 'routing_key', 'routing_key_file');
    atMostOne(at, raw.serviceKey, raw.serviceKeyFile, 'service_key', 'service_key_file');
    return {
      ...raw,
      source: raw.source || raw.client,
      details: { ...DEFAULT_DETAILS, ...raw.details },
    };
  };
}

/** Fills in the global HTTP client and PagerDuty URL. */
function resolvePagerduty(raw: RawPagerduty, globals: Globals, at: Cursor): PagerdutyConfig {
  const endpoint =
    raw.url ?? globals.resolved.pagerdutyUrl ?? at.field('url').fail('no global PagerDuty URL set');
  return {
    ...without(raw, 'serviceKeyFile', 'routingKeyFile'),
    httpConfig: httpConfigOr(raw.httpConfig, globals),
    serviceKey: secretOf(raw.serviceKey, raw.serviceKeyFile),
    routingKey: secretOf(raw.routingKey, raw.routingKeyFile),
    url: endpoint,
  };
}

/** `pagerduty_configs`. */
export const PAGERDUTY: Integration<RawPagerduty, PagerdutyConfig> = {
  key: 'pagerduty_configs',
  decode: pagerduty,
  emptyEntry: 'missing pagerduty config',
  resolve: resolvePagerduty,
};

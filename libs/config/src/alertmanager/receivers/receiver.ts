import { goQuote } from '@promethium/model';
import type { Cursor } from '../../yaml/cursor.js';
import { record, str } from '../../yaml/decoders.js';
import type { Decoder } from '../../yaml/decoders.js';
import { field, object } from '../../yaml/object.js';
import type { Field } from '../../yaml/object.js';
import type {
  EmailConfig,
  PagerdutyConfig,
  Receiver,
  SlackConfig,
  WebhookConfig,
} from '../types.js';
import { EMAIL } from './email.js';
import { pendingEntries } from './integration.js';
import type { Globals, Pending } from './integration.js';
import { PAGERDUTY } from './pagerduty.js';
import { SLACK } from './slack.js';
import {
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
} from './unsupported.js';
import type { UnsupportedIntegration } from './unsupported.js';
import { WEBHOOK } from './webhook.js';

// Integrations not implemented yet, in the order Alertmanager completes them from the global
// section (after webhook, email and slack; pagerduty comes between pushover and incidentio).
const UNSUPPORTED_BEFORE_PAGERDUTY: readonly UnsupportedIntegration[] = [PUSHOVER];
const UNSUPPORTED_AFTER_PAGERDUTY: readonly UnsupportedIntegration[] = [
  INCIDENTIO,
  OPSGENIE,
  WECHAT,
  VICTOROPS,
  SNS,
  TELEGRAM,
  DISCORD,
  WEBEX,
  MSTEAMS,
  MSTEAMSV2,
  JIRA,
  ROCKETCHAT,
  MATTERMOST,
];
const UNSUPPORTED = [...UNSUPPORTED_BEFORE_PAGERDUTY, ...UNSUPPORTED_AFTER_PAGERDUTY];

const NO_ENTRIES: Pending<never>[] = [];

function receiverShape(dir: string) {
  const list = <Out>(key: string, decode: Decoder<Pending<Out>[]>) =>
    field(key, decode, NO_ENTRIES as Pending<Out>[]);
  const unsupported: Record<string, Field<Pending<undefined>[]>> = Object.fromEntries(
    UNSUPPORTED.map((i) => [i.key, list(i.key, i.entries(dir))]),
  );
  return object({
    name: field('name', str, ''),
    labels: field('labels', record(str), {}),
    email: list(EMAIL.key, pendingEntries(EMAIL, dir)),
    slack: list(SLACK.key, pendingEntries(SLACK, dir)),
    pagerduty: list(PAGERDUTY.key, pendingEntries(PAGERDUTY, dir)),
    webhook: list(WEBHOOK.key, pendingEntries(WEBHOOK, dir)),
    ...unsupported,
  });
}

/** A `receivers` entry read and checked on its own, its integrations still to complete. */
export interface RawReceiver {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly email: Pending<EmailConfig>[];
  readonly slack: Pending<SlackConfig>[];
  readonly pagerduty: Pending<PagerdutyConfig>[];
  readonly webhook: Pending<WebhookConfig>[];
  /** Entries of integrations not implemented yet, by key. */
  readonly unsupported: ReadonlyMap<string, Pending<undefined>[]>;
  readonly at: Cursor;
}

/** Decodes a `receivers` entry; integrations not implemented yet are warned about. */
export function rawReceiver(dir: string): Decoder<RawReceiver> {
  const shape = receiverShape(dir);
  return (at) => {
    const { name, labels, email, slack, pagerduty, webhook, ...rest } = shape(at);
    // The rest are the lists of the integrations not implemented, by key.
    const others: Readonly<Record<string, Pending<undefined>[] | undefined>> = rest;
    const integrations = { email, slack, pagerduty, webhook };
    // yaml.v2 leaves an empty list item as Go's zero value, unchecked: a nameless receiver.
    if (at.isNull) return { name, labels, ...integrations, unsupported: new Map(), at };
    if (name === '') at.field('name').fail('missing name in receiver');
    const label = labels['name'];
    if (label !== undefined && label !== name) {
      at.field('labels')
        .field('name')
        .fail(
          `receiver label "name" must match receiver name ${goQuote(name)}, got ${goQuote(label)}`,
        );
    }
    const unsupported = new Map<string, Pending<undefined>[]>();
    for (const entry of at.entries()) {
      const entries = others[entry.key];
      if (entries === undefined || entries.length === 0) continue;
      unsupported.set(entry.key, entries);
      entry.keyAt.warn('not supported yet: the configuration is checked, but nothing is sent');
    }
    return { name, labels: { ...labels, name }, ...integrations, unsupported, at };
  };
}

/**
 * Completes every integration of a receiver from the global section, in Alertmanager's
 * order, failing at the first entry that is still incomplete.
 */
export function resolveReceiver(raw: RawReceiver, globals: Globals): Receiver {
  const complete = <Out>(entries: readonly Pending<Out>[]) =>
    entries.map((e) => e.complete(globals));
  const completeUnsupported = (integrations: readonly UnsupportedIntegration[]) =>
    integrations.forEach((i) => complete(raw.unsupported.get(i.key) ?? []));
  const webhookConfigs = complete(raw.webhook);
  const emailConfigs = complete(raw.email);
  const slackConfigs = complete(raw.slack);
  completeUnsupported(UNSUPPORTED_BEFORE_PAGERDUTY);
  const pagerdutyConfigs = complete(raw.pagerduty);
  completeUnsupported(UNSUPPORTED_AFTER_PAGERDUTY);
  return {
    name: raw.name,
    labels: raw.labels,
    emailConfigs,
    slackConfigs,
    pagerdutyConfigs,
    webhookConfigs,
    unsupported: [...raw.unsupported.keys()],
  };
}

import type { ScrapeHttpConfig, ScrapeTlsConfig, SecretSource } from '../prometheus/types.js';
import type { Matcher } from './matchers/matcher.js';

/**
 * prometheus/common's HTTP client settings as an integration's `http_config` (or the global
 * one) gives them; file paths are joined to the configuration file's directory.
 */
export type HttpClientConfig = ScrapeHttpConfig;

/** A loaded alertmanager.yml and one line per field accepted but not acted on. */
export interface LoadedAlertmanagerConfig {
  config: AlertmanagerConfig;
  /** `<file>:<line>:<col>: <path>: <reason>`, e.g. for integrations not implemented yet. */
  warnings: string[];
}

/**
 * alertmanager.yml with Alertmanager's defaults applied and global values filled into each
 * integration. Inline secrets are kept, but JSON.stringify shows them as `<secret>`.
 */
export interface AlertmanagerConfig {
  global: AlertmanagerGlobalConfig;
  /** The routing tree, every node with the options it inherits resolved. */
  route: AlertmanagerRoute;
  inhibitRules: InhibitRule[];
  receivers: Receiver[];
  /** Template file globs, made absolute against the configuration file's directory. */
  templates: string[];
  /**
   * Named time intervals from `time_intervals` and the deprecated `mute_time_intervals`
   * together (names are unique across both).
   */
  timeIntervals: Record<string, TimeInterval[]>;
}

/** The `global` section; durations in milliseconds, URLs as written. */
export interface AlertmanagerGlobalConfig {
  /** Default 5m: an alert not updated for this long is resolved. */
  resolveTimeout: number;
  httpConfig: HttpClientConfig;
  smtpFrom: string;
  /** Default `localhost`. */
  smtpHello: string;
  smtpSmarthost?: HostPort;
  smtpAuthUsername: string;
  smtpAuthPassword?: SecretSource;
  smtpAuthSecret?: SecretSource;
  smtpAuthIdentity: string;
  /** Default true. */
  smtpRequireTls: boolean;
  smtpTlsConfig: ScrapeTlsConfig;
  smtpForceImplicitTls?: boolean;
  slackApiUrl?: SecretSource;
  slackAppToken?: SecretSource;
  /** Default https://slack.com/api/chat.postMessage. */
  slackAppUrl?: string;
  /** Default https://events.pagerduty.com/v2/enqueue. */
  pagerdutyUrl?: string;
  /** Default https://api.opsgenie.com/. */
  opsgenieApiUrl?: string;
  opsgenieApiKey?: SecretSource;
  /** Default https://qyapi.weixin.qq.com/cgi-bin/. */
  wechatApiUrl?: string;
  wechatApiSecret?: SecretSource;
  wechatApiCorpId: string;
  /** Default https://alert.victorops.com/integrations/generic/20131114/alert/. */
  victoropsApiUrl?: string;
  victoropsApiKey?: SecretSource;
  /** Default https://api.telegram.org. */
  telegramApiUrl?: string;
  telegramBotToken?: SecretSource;
  /** Default https://webexapis.com/v1/messages. */
  webexApiUrl?: string;
  /** Default https://open.rocket.chat/. */
  rocketchatApiUrl?: string;
  rocketchatToken?: SecretSource;
  rocketchatTokenId?: SecretSource;
  mattermostWebhookUrl?: SecretSource;
  jiraApiUrl?: string;
}

/** A `host:port` address (SMTP smarthost). */
export interface HostPort {
  host: string;
  port: string;
}

/**
 * A node of the routing tree. Receiver, grouping, timing and labels are inherited from the
 * parent unless the node sets them (the root's defaults: group_wait 30s, group_interval 5m,
 * repeat_interval 4h); matchers, continue and time intervals are the node's own.
 */
export interface AlertmanagerRoute {
  receiver: string;
  /** Labels to group by, in the order written. */
  groupBy: string[];
  /** `group_by: ['...']`: every label groups. */
  groupByAll: boolean;
  /** `match`, `match_re` and `matchers` together, sorted as Alertmanager sorts them. */
  matchers: Matcher[];
  continue: boolean;
  /** Milliseconds. */
  groupWait: number;
  /** Milliseconds, never 0. */
  groupInterval: number;
  /** Milliseconds, never 0. */
  repeatInterval: number;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  /** Route labels (values are templates), the parent's merged with the node's own. */
  labels: Record<string, string>;
  routes: AlertmanagerRoute[];
}

/** An `inhibit_rules` entry; legacy `*_match` / `*_match_re` maps become matchers. */
export interface InhibitRule {
  name: string;
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
  /** Labels that must have the same value in source and target alert. */
  equal: string[];
}

/** A receiver with its integrations, global values filled in. */
export interface Receiver {
  name: string;
  /** Labels of the receiver; `name` is always the receiver's name. */
  labels: Record<string, string>;
  emailConfigs: EmailConfig[];
  slackConfigs: SlackConfig[];
  pagerdutyConfigs: PagerdutyConfig[];
  webhookConfigs: WebhookConfig[];
  /**
   * Keys of the integrations Alertmanager has that Promethium does not implement yet (e.g.
   * `opsgenie_configs`): they were validated as Alertmanager does, but notify nobody.
   */
  unsupported: string[];
}

/** An `email_configs` entry. Template fields are kept as written. */
export interface EmailConfig {
  /** Default false. */
  sendResolved: boolean;
  to: string;
  from: string;
  hello: string;
  smarthost: HostPort;
  authUsername: string;
  /** A file, when given, is read for each message (and trimmed of surrounding space). */
  authPassword?: SecretSource;
  /** A file, when given, is read for each message (not trimmed). */
  authSecret?: SecretSource;
  authIdentity: string;
  /**
   * Headers by canonical name (`Subject`, `X-Custom`). Without `Subject` the notifier uses
   * `{{ template "email.default.subject" . }}`.
   */
  headers: Record<string, string>;
  /** Default `{{ template "email.default.html" . }}`. */
  html: string;
  text: string;
  requireTls: boolean;
  tlsConfig: ScrapeTlsConfig;
  /** Unset: implicit TLS on port 465 only. */
  forceImplicitTls?: boolean;
  threading: EmailThreading;
}

/** Email threading settings. */
export interface EmailThreading {
  enabled: boolean;
  /** `none` or `daily` when enabled. */
  threadByDate: string;
}

/** A `slack_configs` entry. */
export interface SlackConfig {
  /** Default false. */
  sendResolved: boolean;
  /** With an app token, its `Authorization: Bearer` is set here. */
  httpConfig: HttpClientConfig;
  /** Webhook URL or, with an app token, the app URL. */
  apiUrl?: SecretSource;
  appToken?: SecretSource;
  appUrl: string;
  channel: string;
  username: string;
  color: string;
  title: string;
  titleLink: string;
  pretext: string;
  text: string;
  messageText: string;
  fields: SlackField[];
  shortFields: boolean;
  footer: string;
  fallback: string;
  callbackId: string;
  iconEmoji: string;
  iconUrl: string;
  imageUrl: string;
  thumbUrl: string;
  linkNames: boolean;
  mrkdwnIn: string[];
  actions: SlackAction[];
  updateMessage: boolean;
  /** Milliseconds; 0 means no timeout. */
  timeout: number;
}

/** A Slack attachment field. */
export interface SlackField {
  title: string;
  value: string;
  short?: boolean;
}

/** A Slack action: a link button (`url`) or a message button (`name`, `value`, `confirm`). */
export interface SlackAction {
  type: string;
  text: string;
  url: string;
  style: string;
  name: string;
  value: string;
  confirm?: SlackConfirmationField;
}

/** The confirmation dialog of a Slack message button. */
export interface SlackConfirmationField {
  text: string;
  title: string;
  okText: string;
  dismissText: string;
}

/** A `pagerduty_configs` entry. */
export interface PagerdutyConfig {
  /** Default true. */
  sendResolved: boolean;
  httpConfig: HttpClientConfig;
  /** Events API v1 integration key; a file is read per notification. */
  serviceKey?: SecretSource;
  /** Events API v2 integration key; a file is read per notification. */
  routingKey?: SecretSource;
  url: string;
  client: string;
  clientUrl: string;
  description: string;
  /** Defaults firing, resolved, num_firing and num_resolved are added when absent. */
  details: Record<string, unknown>;
  images: PagerdutyImage[];
  links: PagerdutyLink[];
  /** Defaults to `client`. */
  source: string;
  /** '' is sent as `error` by the notifier. */
  severity: string;
  class: string;
  component: string;
  group: string;
  /** Milliseconds; 0 means no timeout. */
  timeout: number;
}

/** An image attached to a PagerDuty event. */
export interface PagerdutyImage {
  src: string;
  alt: string;
  href: string;
}

/** A link attached to a PagerDuty event. */
export interface PagerdutyLink {
  href: string;
  text: string;
}

/** A `webhook_configs` entry. */
export interface WebhookConfig {
  /** Default true. */
  sendResolved: boolean;
  httpConfig: HttpClientConfig;
  /** Inline (possibly a Go template) or a file read per notification. */
  url: SecretSource;
  /** 0 means all alerts. */
  maxAlerts: number;
  /** Milliseconds; 0 means no timeout. */
  timeout: number;
  /** A custom payload (templates inside), when set. */
  payload?: unknown;
}

/**
 * One `time_intervals` entry of a named interval. A time is inside when every part given
 * contains it; an absent part contains every time, an empty list none.
 */
export interface TimeInterval {
  times?: TimeRange[];
  /** 0 = Sunday. */
  weekdays?: InclusiveRange[];
  /** 1..31, or -1..-31 counting back from the month's last day. */
  daysOfMonth?: InclusiveRange[];
  /** 1 = January. */
  months?: InclusiveRange[];
  years?: InclusiveRange[];
  /** IANA time zone (or `Local`) the parts are read in; absent means UTC. */
  location?: string;
}

/** Minutes of the day, `endMinute` excluded (24:00 is 1440). */
export interface TimeRange {
  startMinute: number;
  endMinute: number;
}

/** A range with both ends included. */
export interface InclusiveRange {
  begin: number;
  end: number;
}

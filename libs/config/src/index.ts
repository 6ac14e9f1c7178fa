export { ConfigError, ConfigReadError, type ConfigErrorSite, reasonOf } from './errors.js';
export { labelSet, labelNameProblem, labelValueProblem } from './labels.js';
export { joinDir } from './paths.js';
export { YamlSource, type YamlNode } from './yaml/source.js';
export { Cursor, type MapEntry } from './yaml/cursor.js';
export {
  type Decoder,
  type DecodedFile,
  decodeYaml,
  str,
  bool,
  duration,
  oneOf,
  list,
  record,
  check,
  nonNull,
} from './yaml/decoders.js';
export {
  type Field,
  type Shape,
  type Decoded,
  type ObjectOptions,
  field,
  optional,
  required,
  object,
} from './yaml/object.js';
export { parsePrometheusConfig, loadPrometheusConfig } from './prometheus/load.js';
export type {
  LoadedConfig,
  PrometheusConfig,
  PrometheusConfigOptions,
  GlobalConfig,
  ScrapeConfig,
  ScrapeLimits,
  FileSdConfig,
  ScrapeHttpConfig,
  BasicAuthConfig,
  AuthorizationConfig,
  ScrapeTlsConfig,
  HttpHeaderConfig,
  SecretSource,
} from './prometheus/types.js';
export type { ScrapeProtocol } from './prometheus/scrape-protocols.js';
export { parseWebConfig, loadWebConfig } from './web/load.js';
export type { WebConfig, WebTlsConfig, ClientAuthType, TlsVersion } from './web/types.js';
export { parseAlertmanagerConfig, loadAlertmanagerConfig } from './alertmanager/load.js';
export type {
  LoadedAlertmanagerConfig,
  AlertmanagerConfig,
  AlertmanagerGlobalConfig,
  AlertmanagerRoute,
  HttpClientConfig,
  HostPort,
  InhibitRule,
  Receiver,
  EmailConfig,
  EmailThreading,
  SlackConfig,
  SlackField,
  SlackAction,
  SlackConfirmationField,
  PagerdutyConfig,
  PagerdutyImage,
  PagerdutyLink,
  WebhookConfig,
  TimeInterval,
  TimeRange,
  InclusiveRange,
} from './alertmanager/types.js';
export {
  Matcher,
  InvalidMatcherError,
  matchesLabels,
  compareMatchers,
  type MatchType,
} from './alertmanager/matchers/matcher.js';
export { parseMatchers, parseMatcher } from './alertmanager/matchers/parse.js';
export { inTimeInterval } from './alertmanager/in-time-interval.js';

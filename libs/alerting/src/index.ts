export type { LabelSet } from './fingerprint.js';
export { fingerprint } from './fingerprint.js';
export {
  type Alert,
  type PostedAlert,
  type ReceivedAlerts,
  alertFingerprint,
  resolvedAt,
  mergeAlerts,
  receiveAlert,
  receiveAlerts,
  validateAlert,
  compareAlerts,
} from './alert.js';
export { Alerts, type AlertsOptions, type AlertListener, type PutResult } from './alerts.js';
export { Route } from './route.js';
export { AggregationGroup, labelSetString } from './aggregation-group.js';
export { Dispatcher, type DispatcherOptions } from './dispatcher.js';
export type { NotificationContext, NotificationPipeline } from './notification.js';
export { Marker, type AlertState, type AlertStatus } from './marker.js';
export { type Stage, type Muter, MuteStage, runStages } from './stage.js';
export { Inhibitor } from './inhibitor.js';
export { Silencer } from './silencer.js';
export { TimeMuteStage, TimeActiveStage } from './time-stages.js';
export {
  Silences,
  SilenceError,
  silenceState,
  validateSilence,
  silenceFromRecord,
  type Silence,
  type SilenceInput,
  type SilenceState,
  type SilenceRecord,
  type SilenceQuery,
  type SilencesOptions,
} from './silences.js';
export {
  NotificationLog,
  type NflogEntry,
  type NflogReceiver,
  type NotificationLogOptions,
} from './nflog.js';
export { needsUpdate } from './dedup.js';
export { type Notifier, NotifyError, type NotificationMetrics } from './notifier.js';
export { notifyWithRetry, DEFAULT_BACKOFF, type Backoff } from './retry.js';
export { Pipeline, type PipelineOptions } from './pipeline.js';

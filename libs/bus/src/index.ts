export type {
  Bus,
  BusLogger,
  BusMsg,
  BusStatus,
  ReplyStream,
  RequestOptions,
  Subscription,
} from './bus.js';
export {
  BusError,
  BusTimeoutError,
  NoResponderError,
  RemoteError,
  MessageTooLargeError,
  BusUnavailableError,
  BusClosedError,
  BusAuthError,
  BusConfigError,
  InvalidSubjectError,
  InvalidHeaderError,
  ReplyEndedError,
  ReplyIncompleteError,
  CodecError,
} from './errors.js';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_DURABLE_MAX_AGE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './defaults.js';
export { createInProcessBus, type InProcessBusOptions } from './inprocess/inprocess-bus.js';
export { connectNatsBus } from './nats/nats-bus.js';
export type { NatsBusOptions } from './nats/options.js';
export { DURABLE_STREAM } from './nats/jetstream.js';
export { subjects } from './subjects.js';
export { codecs } from './codecs/index.js';
export type { Codec } from './codecs/codec.js';
export type { TargetSet, SelectRequest, SelectMatcher } from './codecs/json-codecs.js';
export type { LabelsRequest, IndexStatsChunk } from './codecs/label-codecs.js';
export type {
  ScrapeTargetsRequest,
  ScrapeTargetsChunk,
  ActiveTargetReport,
  DroppedTargetReport,
  MetricMetadataReport,
} from './codecs/scrape-codecs.js';
export { splitForJson } from './codecs/label-codecs.js';
export { encodeChunkedSeries, decodeChunkedSeries } from './codecs/chunked-series.js';
export type { ChunkedSeries, WireChunk } from './codecs/wire-chunk.js';
export { encodeSampleBatches } from './codecs/sample-batch.js';

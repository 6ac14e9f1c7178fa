import type { LabeledSample } from '@promethium/model';
import { chunkedSeriesCodec } from './chunked-series.js';
import type { Codec } from './codec.js';
import { selectRequestCodec, targetSetCodec, targetSetsCodec } from './json-codecs.js';
import type { SelectRequest, TargetSet } from './json-codecs.js';
import { indexStatsChunkCodec, labelsRequestCodec, stringsChunkCodec } from './label-codecs.js';
import type { IndexStatsChunk, LabelsRequest } from './label-codecs.js';
import { memberMessageCodec } from './member-codecs.js';
import type { MemberMessage } from './member-codecs.js';
import { sampleBatchCodec } from './sample-batch.js';
import { scrapeTargetsChunkCodec, scrapeTargetsRequestCodec } from './scrape-codecs.js';
import type { ScrapeTargetsChunk, ScrapeTargetsRequest } from './scrape-codecs.js';
import type { ChunkedSeries } from './wire-chunk.js';

/** The codec of each message kind; see `subjects` for which subject carries which. */
export const codecs: {
  readonly targetSet: Codec<TargetSet>;
  readonly targetSets: Codec<TargetSet[]>;
  readonly selectRequest: Codec<SelectRequest>;
  readonly sampleBatch: Codec<LabeledSample[]>;
  readonly chunkedSeries: Codec<ChunkedSeries[]>;
  readonly labelsRequest: Codec<LabelsRequest>;
  readonly stringsChunk: Codec<string[]>;
  readonly indexStatsChunk: Codec<IndexStatsChunk>;
  readonly memberMessage: Codec<MemberMessage>;
  readonly scrapeTargetsRequest: Codec<ScrapeTargetsRequest>;
  readonly scrapeTargetsChunk: Codec<ScrapeTargetsChunk>;
} = {
  targetSet: targetSetCodec,
  targetSets: targetSetsCodec,
  selectRequest: selectRequestCodec,
  sampleBatch: sampleBatchCodec,
  chunkedSeries: chunkedSeriesCodec,
  labelsRequest: labelsRequestCodec,
  stringsChunk: stringsChunkCodec,
  indexStatsChunk: indexStatsChunkCodec,
  memberMessage: memberMessageCodec,
  scrapeTargetsRequest: scrapeTargetsRequestCodec,
  scrapeTargetsChunk: scrapeTargetsChunkCodec,
};

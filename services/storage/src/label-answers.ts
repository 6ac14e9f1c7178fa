import { Matcher } from '@promethium/model';
import { codecs, splitForJson } from '@promethium/bus';
import type { BusMsg, ReplyStream } from '@promethium/bus';
import type { IndexStatsSource, LabelQueryable } from '@promethium/storage';

// Room for the enclosing object of a stats chunk (`{"head":{…},"pairs":…}`).
const STATS_OVERHEAD = 200;

/** Answers a label query (codecs.labelsRequest) with ascending strings in size-bounded chunks. */
export async function answerLabels(
  store: LabelQueryable,
  req: BusMsg,
  reply: ReplyStream,
  maxChunkBytes: number,
): Promise<void> {
  let request;
  let matchers: Matcher[];
  try {
    request = codecs.labelsRequest.decode(req.data);
    matchers = request.matchers.map((m) => new Matcher(m.type, m.name, m.value));
  } catch (err) {
    await reply.error('bad_data', (err as Error).message);
    return;
  }
  const querier = store.labelQuerier(request.mint, request.maxt);
  const strings =
    request.name === undefined
      ? await querier.labelNames(matchers)
      : await querier.labelValues(request.name, matchers);
  for (const group of splitForJson(strings, maxChunkBytes))
    await reply.write(codecs.stringsChunk.encode(group));
  await reply.end();
}

/** Answers an index statistics request: totals in the first chunk, then every label pair. */
export async function answerIndexStats(
  store: IndexStatsSource,
  reply: ReplyStream,
  maxChunkBytes: number,
): Promise<void> {
  const stats = await store.indexStats();
  const pairs = stats.pairs.map((p): [string, string, number] => [p.name, p.value, p.series]);
  const empty = stats.minTime > stats.maxTime;
  const head = {
    numSeries: stats.numSeries,
    minTime: empty ? null : stats.minTime,
    maxTime: empty ? null : stats.maxTime,
  };
  const groups = splitForJson(pairs, maxChunkBytes, STATS_OVERHEAD);
  for (const [i, group] of groups.entries())
    await reply.write(
      codecs.indexStatsChunk.encode(i === 0 ? { head, pairs: group } : { pairs: group }),
    );
  await reply.end();
}

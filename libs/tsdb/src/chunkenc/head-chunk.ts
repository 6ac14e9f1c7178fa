import type { Sample } from '@promethium/model';
import { ChunkEncoding } from './chunk.js';
import type { Chunk } from './chunk.js';
import { IntegerChunk } from './integer-chunk.js';
import { isIntegerValue } from './integer-values.js';
import { checkNextTime } from './time-order.js';
import { capacityFor } from './timed-chunk.js';
import { XorChunk } from './xor-chunk.js';

/**
 * Appends an in-order sample to a series' open chunk and returns the chunk that is open
 * afterwards. A full chunk is handed to `cut` and a new one started: in the integer
 * encoding when the sample is an integer or a staleness marker, else XOR. A non-integer
 * value arriving in an integer chunk re-encodes its samples (at most SAMPLES_PER_CHUNK)
 * as XOR, where appending continues; should XOR need more room for them, the full part
 * is cut too.
 * @throws ChunkAppendError when the chunk refuses the sample's time.
 */
export function appendToHeadChunk(
  open: Chunk | undefined,
  t: number,
  v: number,
  stale: boolean,
  cut: (full: Chunk) => void,
): Chunk {
  let chunk = open;
  let capacity: number | undefined;
  if (chunk?.isFull()) {
    cut(chunk);
    // A series' chunks are alike: the next one starts at the size the full one reached.
    capacity = capacityFor(chunk.bytes().length);
    chunk = undefined;
  }
  const integer = stale || isIntegerValue(v);
  if (!chunk) chunk = integer ? new IntegerChunk(capacity) : new XorChunk(capacity);
  else if (!integer && chunk.encoding === ChunkEncoding.integer) {
    // A refused time must leave the series as it was, so check it before converting.
    checkNextTime(t, chunk.numSamples(), chunk.maxTime() ?? t);
    chunk = toXor(chunk, cut);
  }
  chunk.append(t, v, stale);
  return chunk;
}

/**
 * Samples (ascending, unique times) as chunks of their own, encoded as the head encodes
 * its open chunks (appendToHeadChunk), oldest first.
 * @throws ChunkAppendError when a time is not after the previous one.
 */
export function chunksFromSamples(samples: Iterable<Sample>): Chunk[] {
  const chunks: Chunk[] = [];
  let open: Chunk | undefined;
  for (const s of samples) {
    open = appendToHeadChunk(open, s.t, s.v, s.stale === true, (full) => chunks.push(full));
  }
  if (open) chunks.push(open);
  return chunks;
}

/** `chunk`'s samples re-encoded as XOR; full XOR chunks on the way go to `cut`. */
function toXor(chunk: Chunk, cut: (full: Chunk) => void): XorChunk {
  let xor = new XorChunk();
  const it = chunk.iterator();
  while (it.next()) {
    if (xor.isFull()) {
      cut(xor);
      xor = new XorChunk();
    }
    xor.append(it.t, it.v, it.isStale);
  }
  if (xor.isFull()) {
    cut(xor);
    xor = new XorChunk();
  }
  return xor;
}

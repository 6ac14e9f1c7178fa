import { ChunkAppendError } from './errors.js';

/**
 * Refuses a timestamp a chunk cannot store after `count` samples ending at `lastT`: not a
 * safe integer, not after the last one, or too far from it for an exact delta.
 * @throws ChunkAppendError
 */
export function checkNextTime(t: number, count: number, lastT: number): void {
  if (!Number.isSafeInteger(t)) {
    throw new ChunkAppendError(`timestamp ${t} is not an integer number of milliseconds`);
  }
  if (count === 0) return;
  if (t <= lastT) {
    throw new ChunkAppendError(`timestamp ${t} is not after the chunk's last timestamp ${lastT}`);
  }
  if (!Number.isSafeInteger(t - lastT)) {
    throw new ChunkAppendError(`timestamp ${t} is too far from ${lastT}`);
  }
}

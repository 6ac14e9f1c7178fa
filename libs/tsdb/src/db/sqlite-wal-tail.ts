import { closeSync, openSync, readSync, statSync } from 'node:fs';

// SQLite's WAL file: a 32-byte header (page size at offset 8, big-endian), then frames of
// a 24-byte header and one page each (https://www.sqlite.org/fileformat2.html#walformat).
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** A -wal file whose length is not a whole number of frames: its end was torn off. */
export interface TornWalTail {
  readonly file: string;
  readonly bytes: number;
  readonly frames: number;
  /** Bytes after the last whole frame, which SQLite ignores. */
  readonly partialBytes: number;
}

/**
 * Checks the SQLite -wal file beside `dbFile` before SQLite opens it. SQLite recovers from
 * a torn tail by itself, silently dropping every frame after the last intact commit; this
 * finds the torn end so that the loss can be reported. Undefined when the file is absent,
 * empty or whole.
 */
export function findTornWalTail(dbFile: string): TornWalTail | undefined {
  const file = `${dbFile}-wal`;
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    return undefined;
  }
  if (bytes === 0) return undefined;
  if (bytes < WAL_HEADER_BYTES) return { file, bytes, frames: 0, partialBytes: bytes };
  const header = Buffer.alloc(WAL_HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, WAL_HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const pageSize = header.readUInt32BE(8);
  const frameBytes = FRAME_HEADER_BYTES + (pageSize === 1 ? 65536 : pageSize);
  const body = bytes - WAL_HEADER_BYTES;
  const partialBytes = body % frameBytes;
  if (partialBytes === 0) return undefined;
  return { file, bytes, frames: Math.floor(body / frameBytes), partialBytes };
}

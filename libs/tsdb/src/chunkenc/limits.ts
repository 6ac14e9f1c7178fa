/** Bytes before the first sample: the big-endian sample count. */
export const CHUNK_HEADER_BYTES = 2;

/**
 * Samples after which a chunk is full: Prometheus's DefaultSamplesPerChunk. At a 15 s
 * scrape interval that is 30 minutes, long enough to amortise the first sample's 9+ bytes
 * and short enough that a query decodes little it does not need.
 */
export const SAMPLES_PER_CHUNK = 120;

/**
 * Bytes a chunk may reach: Prometheus's MaxBytesPerXORChunk. High-entropy floats cost up
 * to ~10 bytes a sample, so 120 of them would make chunks of 1.2 KB and more; the cap keeps
 * every chunk (and the decode work behind one seek) within 1 KiB whatever the data.
 */
export const MAX_CHUNK_BYTES = 1024;

/**
 * The most a single append can add, in bytes: a 64-bit dod with its 4-bit prefix plus a
 * value with a new window (2 control bits, 5 leading, 6 length, 64 significant) is 145
 * bits, 19 bytes; the first two samples (varints + 64-bit value) need less.
 */
export const MAX_SAMPLE_BYTES = 19;

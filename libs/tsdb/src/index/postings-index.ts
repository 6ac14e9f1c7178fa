/**
 * What postingsForMatchers reads from an index. The arrays returned are the index's
 * own: valid until the index next changes, and never to be modified.
 */
export interface PostingsIndex {
  /** Every series ref, sorted. */
  allPostings(): Uint32Array;
  /** The sorted refs of the series carrying `name="value"` (empty when none). */
  postings(name: string, value: string): Uint32Array;
  /** The values of label `name`, sorted by UTF-16 code unit (empty when none). */
  labelValues(name: string): readonly string[];
}

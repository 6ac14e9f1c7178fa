import { describe, expect, it } from '@jest/globals';
import { isStaleBits, readSample, staleMarker, writeValue } from './sample.js';

describe('staleness marker encoding', () => {
  it('writes Prometheus StaleNaN bits and reads them back as a marker', () => {
    const view = new DataView(new ArrayBuffer(8));
    writeValue(view, 0, staleMarker(5));
    expect(view.getBigUint64(0, true)).toBe(0x7ff0000000000002n);
    expect(isStaleBits(view, 0)).toBe(true);
    expect(readSample(view, 0, 5)).toEqual(staleMarker(5));
  });

  it('keeps an ordinary NaN distinct from the marker', () => {
    const view = new DataView(new ArrayBuffer(8));
    writeValue(view, 0, { v: Number.NaN });
    expect(isStaleBits(view, 0)).toBe(false);
    expect(readSample(view, 0, 1).stale).toBeUndefined();
  });
});

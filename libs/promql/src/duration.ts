/** Milliseconds of a duration given in (possibly fractional) seconds, as Prometheus rounds it. */
export function secondsToMs(seconds: number): number {
  return Math.trunc(roundHalfAwayFromZero(seconds * 1e9) / 1e6);
}

/** Go's math.Round: halves round away from zero (JavaScript's Math.round rounds them up). */
export function roundHalfAwayFromZero(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}

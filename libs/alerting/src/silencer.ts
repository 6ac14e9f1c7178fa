import { type LabelSet, fingerprint } from './fingerprint.js';
import type { Marker } from './marker.js';
import type { Silences } from './silences.js';
import type { Muter } from './stage.js';

/** Mutes alerts matched by an active silence and marks which silences did. */
export class Silencer implements Muter {
  constructor(
    private readonly silences: Silences,
    private readonly marker: Marker,
  ) {}

  mutes(labels: LabelSet, _now: number): boolean {
    const ids = this.silences.query({ states: ['active'], matches: labels }).map((s) => s.id);
    this.marker.setSilenced(fingerprint(labels), ids);
    return ids.length > 0;
  }
}

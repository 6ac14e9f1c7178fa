export type AlertState = 'unprocessed' | 'active' | 'suppressed';

/** An alert's status as the API shows it. */
export interface AlertStatus {
  state: AlertState;
  silencedBy: string[];
  inhibitedBy: string[];
}

/** Tracks, per alert fingerprint, whether the pipeline found it silenced or inhibited. */
export class Marker {
  readonly #statuses = new Map<string, AlertStatus>();

  status(fingerprint: string): AlertStatus {
    const status = this.#statuses.get(fingerprint);
    return status === undefined
      ? { state: 'unprocessed', silencedBy: [], inhibitedBy: [] }
      : { ...status, silencedBy: [...status.silencedBy], inhibitedBy: [...status.inhibitedBy] };
  }

  setSilenced(fingerprint: string, silenceIds: readonly string[]): void {
    this.#update(fingerprint, { silencedBy: [...silenceIds] });
  }

  setInhibited(fingerprint: string, alertFingerprints: readonly string[]): void {
    this.#update(fingerprint, { inhibitedBy: [...alertFingerprints] });
  }

  /** Forgets alerts the store dropped, so the marker stays as large as the store. */
  delete(fingerprints: readonly string[]): void {
    for (const fp of fingerprints) this.#statuses.delete(fp);
  }

  #update(fingerprint: string, change: Partial<AlertStatus>): void {
    const { silencedBy, inhibitedBy } = { ...this.status(fingerprint), ...change };
    const state = silencedBy.length > 0 || inhibitedBy.length > 0 ? 'suppressed' : 'active';
    this.#statuses.set(fingerprint, { state, silencedBy, inhibitedBy });
  }
}

import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/config';
import { fingerprint } from './fingerprint.js';
import { Marker } from './marker.js';
import { Silencer } from './silencer.js';
import { Silences } from './silences.js';

const T = 1_700_000_000_000;

describe('Silencer', () => {
  it('mutes alerts matched by active silences only, and marks them', () => {
    const clock = { now: T };
    const silences = new Silences({ retention: 1000, now: () => clock.now });
    const marker = new Marker();
    const silencer = new Silencer(silences, marker);
    const id = silences.set({
      matchers: [new Matcher('=', 'job', 'api')],
      endsAt: T + 100,
      createdBy: 'me',
      comment: '',
    });
    silences.set({
      matchers: [new Matcher('=', 'job', 'db')],
      startsAt: T + 50,
      endsAt: T + 100,
      createdBy: 'me',
      comment: '',
    });
    expect(silencer.mutes({ job: 'api' }, T)).toBe(true);
    expect(marker.status(fingerprint({ job: 'api' }))).toEqual({
      state: 'suppressed',
      silencedBy: [id],
      inhibitedBy: [],
    });
    expect(silencer.mutes({ job: 'db' }, T)).toBe(false);
    expect(marker.status(fingerprint({ job: 'db' })).state).toBe('active');
    clock.now = T + 101;
    expect(silencer.mutes({ job: 'api' }, T)).toBe(false);
  });
});

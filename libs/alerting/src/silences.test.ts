import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/config';
import { type SilenceInput, Silences, silenceState } from './silences.js';

const T = 1_700_000_000_000;
const H = 3_600_000;

function setup(retention = 120 * H) {
  const clock = { now: T };
  const changed: string[] = [];
  const silences = new Silences({
    retention,
    now: () => clock.now,
    onChange: (r) => changed.push(r.id),
  });
  return { clock, silences, changed };
}

function input(over: Partial<SilenceInput> = {}): SilenceInput {
  return {
    matchers: [new Matcher('=', 'alertname', 'A')],
    startsAt: T,
    endsAt: T + H,
    createdBy: 'me',
    comment: 'maintenance',
    ...over,
  };
}

describe('Silences', () => {
  it('creates a silence with a v4 uuid, starting now at the earliest', () => {
    const { silences, changed } = setup();
    const id = silences.set(input({ startsAt: T - H }));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(silences.get(id)).toMatchObject({ startsAt: T, endsAt: T + H, updatedAt: T });
    expect(changed).toEqual([id]);
  });

  it.each([
    [{ matchers: [] }, 'invalid silence: at least one matcher required'],
    [
      { matchers: [new Matcher('=', 'a', ''), new Matcher('=~', 'b', '.*')] },
      'invalid silence: at least one matcher must not match the empty string',
    ],
    [
      { matchers: [new Matcher('=', '', 'x')] },
      'invalid silence: invalid label matcher 0: invalid label name ""',
    ],
    [{ endsAt: 0 }, 'invalid silence: invalid zero end timestamp'],
    [{ endsAt: T - 1 }, 'invalid silence: end time must not be before start time'],
    [{ id: 'nope' }, 'silence not found'],
  ] as [Partial<SilenceInput>, string][])('rejects %j', (over, message) => {
    expect(() => setup().silences.set(input(over))).toThrow(message);
  });

  it('allows an empty-matching matcher next to one that is not', () => {
    const { silences } = setup();
    expect(() =>
      silences.set(input({ matchers: [new Matcher('=', 'a', ''), new Matcher('=', 'b', 'x')] })),
    ).not.toThrow();
  });

  it('updates an active silence in place when only its end and comment change', () => {
    const { silences, clock } = setup();
    const id = silences.set(input());
    clock.now = T + 1000;
    expect(silences.set(input({ id, endsAt: T + 2 * H, comment: 'longer' }))).toBe(id);
    expect(silences.get(id)).toMatchObject({
      endsAt: T + 2 * H,
      comment: 'longer',
      updatedAt: T + 1000,
    });
  });

  it('replaces an active silence whose matchers change, expiring the old one', () => {
    const { silences, clock } = setup();
    const id = silences.set(input());
    clock.now = T + 1000;
    const newId = silences.set(input({ id, matchers: [new Matcher('=', 'alertname', 'B')] }));
    expect(newId).not.toBe(id);
    expect(silences.get(id)).toMatchObject({ endsAt: T + 1000 });
    // Its end is still active, as in Alertmanager; a moment later it has expired.
    clock.now = T + 1001;
    expect(silenceState(silences.get(id)!, clock.now)).toBe('expired');
    expect(silences.query({ states: ['active'] }).map((s) => s.id)).toEqual([newId]);
  });

  it('replaces an active silence whose start changes, or that would end in the past', () => {
    const { silences, clock } = setup();
    const id = silences.set(input());
    clock.now = T + 5000;
    expect(silences.set(input({ id, startsAt: T + 2000 }))).not.toBe(id);
    const other = silences.set(input());
    expect(silences.set(input({ id: other, startsAt: T, endsAt: T + 4000 }))).not.toBe(other);
  });

  it('updates a pending silence in place unless it would start in the past', () => {
    const { silences, clock } = setup();
    const id = silences.set(input({ startsAt: T + H, endsAt: T + 2 * H }));
    expect(silences.set(input({ id, startsAt: T + 30 * 60_000, endsAt: T + 2 * H }))).toBe(id);
    clock.now = T + 1000;
    expect(silences.set(input({ id, startsAt: T + 500, endsAt: T + 2 * H }))).not.toBe(id);
  });

  it('expires active silences at now and pending ones entirely', () => {
    const { silences, clock } = setup();
    const active = silences.set(input());
    const pending = silences.set(input({ startsAt: T + H, endsAt: T + 2 * H }));
    clock.now = T + 10;
    silences.expire(active);
    silences.expire(pending);
    expect(silences.get(active)).toMatchObject({ startsAt: T, endsAt: T + 10 });
    expect(silences.get(pending)).toMatchObject({ startsAt: T + 10, endsAt: T + 10 });
    expect(() => silences.expire('nope')).toThrow('silence not found');
  });

  it('queries by ids, states and labels', () => {
    const { silences } = setup();
    const a = silences.set(input());
    const b = silences.set(
      input({
        matchers: [new Matcher('=~', 'job', 'api|web')],
        startsAt: T + H,
        endsAt: T + 2 * H,
      }),
    );
    expect(silences.query({ ids: [b, 'x'] }).map((s) => s.id)).toEqual([b]);
    expect(silences.query({ states: ['pending'] }).map((s) => s.id)).toEqual([b]);
    expect(silences.query({ matches: { alertname: 'A', job: 'db' } }).map((s) => s.id)).toEqual([
      a,
    ]);
    expect(silences.query({ matches: { job: 'web' }, states: ['active'] })).toEqual([]);
  });

  it('forgets silences after their retention', () => {
    const { silences, clock } = setup(H);
    const id = silences.set(input());
    clock.now = T + 2 * H - 1;
    expect(silences.gc()).toBe(0);
    clock.now = T + 2 * H;
    expect(silences.gc()).toBe(1);
    expect(silences.get(id)).toBeUndefined();
  });

  it('round-trips a snapshot through JSON', () => {
    const { silences } = setup();
    silences.set(input({ matchers: [new Matcher('!~', 'a', 'x.*'), new Matcher('=', 'b', '1')] }));
    const restored = setup().silences;
    restored.restore(JSON.parse(JSON.stringify(silences.snapshot())));
    expect(restored.snapshot()).toEqual(silences.snapshot());
    expect(restored.query({ matches: { a: 'y', b: '1' } })).toHaveLength(1);
  });

  it('merges peer silences: the newest updatedAt wins, past retention is ignored', () => {
    const { silences } = setup(H);
    const id = silences.set(input());
    const [record] = silences.snapshot();
    expect(silences.merge({ ...record!, comment: 'old', updatedAt: T - 1 })).toBe(false);
    expect(silences.merge({ ...record!, comment: 'new', updatedAt: T + 1 })).toBe(true);
    expect(silences.get(id)!.comment).toBe('new');
    expect(silences.merge({ ...record!, id: 'gone', expiresAt: T - 1 })).toBe(false);
  });
});

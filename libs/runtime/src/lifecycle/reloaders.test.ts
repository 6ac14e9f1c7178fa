import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { ReloadError } from '../errors.js';
import { logSink } from '../testing/log-sink.js';
import { createReloaders } from './reloaders.js';

async function gauge(registry: Registry, name: string): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value;
}

describe('createReloaders', () => {
  it('counts the start-up load, which precedes it, as a successful reload', async () => {
    const registry = new Registry();
    const before = Date.now();
    const r = createReloaders(logSink().logger, registry);
    const state = r.state();
    expect(state.successful).toBe(true);
    expect(state.lastSuccessMs).toBeGreaterThanOrEqual(before);
    expect(state.lastSuccessMs).toBeLessThanOrEqual(Date.now());
    expect(await gauge(registry, 'promethium_config_last_reload_successful')).toBe(1);
    expect(await gauge(registry, 'promethium_config_last_reload_success_timestamp_seconds')).toBe(
      state.lastSuccessMs / 1000,
    );
  });

  it('runs every reloader in order and records success', async () => {
    const registry = new Registry();
    const order: string[] = [];
    const r = createReloaders(logSink().logger, registry);
    const created = r.state().lastSuccessMs;
    r.add('config', async () => void order.push('config'));
    r.add('web', async () => void order.push('web'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await r.reloadAll();
    expect(order).toEqual(['config', 'web']);
    const state = r.state();
    expect(state.successful).toBe(true);
    expect(state.lastSuccessMs).toBeGreaterThan(created);
    expect(await gauge(registry, 'promethium_config_last_reload_successful')).toBe(1);
    expect(await gauge(registry, 'promethium_config_last_reload_success_timestamp_seconds')).toBe(
      state.lastSuccessMs / 1000,
    );
  });

  it('runs the rest after a failure and aggregates every failure', async () => {
    const registry = new Registry();
    const { logger, lines } = logSink();
    const order: string[] = [];
    const r = createReloaders(logger, registry);
    const created = r.state().lastSuccessMs;
    r.add('a', async () => {
      throw new Error('bad yaml');
    });
    r.add('b', async () => void order.push('b'));
    r.add('c', () => Promise.reject(new Error('bad cert')));
    const err = await r.reloadAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReloadError);
    expect((err as ReloadError).message).toBe('a: bad yaml; c: bad cert');
    expect((err as ReloadError).failures.map((f) => f.name)).toEqual(['a', 'c']);
    expect((err as ReloadError).cause).toEqual(new Error('bad yaml'));
    expect(order).toEqual(['b']);
    // The last success keeps its time.
    expect(r.state()).toEqual({ successful: false, lastSuccessMs: created });
    expect(await gauge(registry, 'promethium_config_last_reload_successful')).toBe(0);
    expect(await gauge(registry, 'promethium_config_last_reload_success_timestamp_seconds')).toBe(
      created / 1000,
    );
    expect(lines.filter((l) => l.includes('reload failed'))).toHaveLength(2);
  });

  it('queues concurrent reloads instead of interleaving them', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = createReloaders(logSink().logger, new Registry());
    let call = 0;
    r.add('slow', async () => {
      const n = ++call;
      events.push(`start ${n}`);
      if (n === 1) await gate;
      events.push(`end ${n}`);
    });
    const first = r.reloadAll();
    const second = r.reloadAll();
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('refuses a duplicate name as a BUG', () => {
    const r = createReloaders(logSink().logger, new Registry());
    r.add('x', async () => undefined);
    expect(() => r.add('x', async () => undefined)).toThrow(/^BUG: /);
  });
});

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { codecs, createInProcessBus, subjects } from '@promethium/bus';
import type { Bus, TargetSet } from '@promethium/bus';
import { parsePrometheusConfig } from '@promethium/config';
import { startDiscovery } from './service.js';
import type { DiscoveryService } from './service.js';

const config = (text: string) => parsePrometheusConfig(text, 'prometheus.yml').config;

const twoJobs = config(`
scrape_configs:
  - job_name: a
    static_configs: [{ targets: ['h:1'], labels: { env: prod } }]
  - job_name: b.c
    static_configs: [{ targets: ['h:2', 'h:3'] }]
`);

describe('discovery service', () => {
  let bus: Bus;
  let service: DiscoveryService | undefined;
  let sets: TargetSet[];

  beforeEach(async () => {
    bus = createInProcessBus();
    sets = [];
    bus.subscribe(subjects.allTargets, (msg) => {
      sets.push(codecs.targetSet.decode(msg.data));
    });
  });

  afterEach(async () => {
    await service?.stop();
    await bus.close();
  });

  const start = async () => {
    service = await startDiscovery({
      bus,
      config: twoJobs,
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      debounceMs: 5,
    });
  };

  const waitFor = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(done()).toBe(true);
  };

  it('publishes each job its full target set', async () => {
    await start();
    await waitFor(() => sets.length === 2);
    const byJob = new Map(sets.map((s) => [s.job, s.groups]));
    expect(byJob.get('a')).toEqual([
      { source: '0', targets: [{ __address__: 'h:1' }], labels: { env: 'prod' } },
    ]);
    expect(byJob.get('b.c')?.[0]?.targets).toHaveLength(2);
  });

  it('answers a sync request with every job', async () => {
    await start();
    await waitFor(() => sets.length === 2);
    const synced: TargetSet[] = [];
    for await (const chunk of bus.request(subjects.targetsSync, new Uint8Array())) {
      synced.push(...codecs.targetSets.decode(chunk));
    }
    expect(synced.map((s) => s.job).sort()).toEqual(['a', 'b.c']);
  });

  it('announces a job removed by a reload with an empty set', async () => {
    await start();
    await waitFor(() => sets.length === 2);
    service!.reload(
      config('scrape_configs:\n  - job_name: a\n    static_configs: [{ targets: [h:1] }]\n'),
    );
    await waitFor(() => sets.some((s) => s.job === 'b.c' && s.groups.length === 0));
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import { parseAlertmanagerConfig } from '@promethium/config';
import type { Alert } from './alert.js';
import { Alerts } from './alerts.js';
import { Dispatcher } from './dispatcher.js';
import type { NotificationContext, NotificationPipeline } from './notification.js';
import { Route } from './route.js';

const CONFIG = `
route:
  receiver: default
  group_by: [alertname]
  group_wait: 60ms
  group_interval: 150ms
  routes:
    - matchers: ['slow="true"']
      receiver: slow
    - matchers: ['both="true"']
      receiver: first
      continue: true
    - matchers: ['both="true"']
      receiver: second
receivers: [{name: default}, {name: slow}, {name: first}, {name: second}]
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Flush {
  ctx: NotificationContext;
  alerts: readonly Alert[];
  at: number;
}

class RecordingPipeline implements NotificationPipeline {
  readonly flushes: Flush[] = [];
  fail = false;
  readonly #start = Date.now();

  async run(ctx: NotificationContext, alerts: readonly Alert[]): Promise<void> {
    this.flushes.push({ ctx, alerts, at: Date.now() - this.#start });
    if (ctx.receiver === 'slow') await new Promise(() => {});
    if (this.fail) throw new Error('unreachable');
  }

  names(receiver = 'default'): string[][] {
    return this.flushes
      .filter((f) => f.ctx.receiver === receiver)
      .map((f) => f.alerts.map((a) => a.labels.instance ?? a.labels.alertname!));
  }
}

function setup() {
  const alerts = new Alerts({ gcInterval: 60_000, maxAlerts: 1000 });
  const pipeline = new RecordingPipeline();
  const errors: string[] = [];
  const route = new Route(parseAlertmanagerConfig(CONFIG, 'am.yml').config.route);
  const dispatcher = new Dispatcher({
    route,
    alerts,
    pipeline,
    flushTimeout: (gi) => gi,
    onError: (_, key) => errors.push(key),
  });
  dispatcher.start();
  return { alerts, pipeline, dispatcher, errors };
}

function firing(labels: Record<string, string>, startsAt = Date.now()): Alert {
  return {
    labels,
    annotations: {},
    startsAt,
    endsAt: Date.now() + 60_000,
    generatorURL: '',
    updatedAt: Date.now(),
    timeout: true,
  };
}

describe('Dispatcher', () => {
  let current: ReturnType<typeof setup> | undefined;
  afterEach(() => current?.dispatcher.stop());

  it('waits group_wait, batching the alerts of a group, then flushes each group_interval', async () => {
    current = setup();
    const { alerts, pipeline } = current;
    alerts.put([firing({ alertname: 'A', instance: 'a1' })]);
    await sleep(20);
    alerts.put([firing({ alertname: 'A', instance: 'a2' })]);
    expect(pipeline.flushes).toHaveLength(0);
    await sleep(70);
    expect(pipeline.names()).toEqual([['a1', 'a2']]);
    const [first] = pipeline.flushes;
    expect(first!.ctx).toMatchObject({
      groupKey: '{}:{alertname="A"}',
      routeId: '{}',
      groupLabels: { alertname: 'A' },
      repeatInterval: 4 * 3_600_000,
    });
    expect(first!.alerts[0]!.endsAt).toBe(0);
    alerts.put([firing({ alertname: 'A', instance: 'a3' })]);
    await sleep(170);
    expect(pipeline.names()).toEqual([
      ['a1', 'a2'],
      ['a1', 'a2', 'a3'],
    ]);
  });

  it('flushes at once an alert that started more than group_wait ago', async () => {
    current = setup();
    current.alerts.put([firing({ alertname: 'Old' }, Date.now() - 1000)]);
    await sleep(15);
    expect(current.pipeline.names()).toEqual([['Old']]);
  });

  it('keeps separate groups per group labels and per matching route', async () => {
    current = setup();
    current.alerts.put([
      firing({ alertname: 'A' }),
      firing({ alertname: 'B' }),
      firing({ alertname: 'C', both: 'true' }),
    ]);
    await sleep(90);
    const keys = current.pipeline.flushes.map((f) => `${f.ctx.receiver} ${f.ctx.groupKey}`).sort();
    expect(keys).toEqual([
      'default {}:{alertname="A"}',
      'default {}:{alertname="B"}',
      'first {}/{both="true"}:{alertname="C"}',
      'second {}/{both="true"}:{alertname="C"}',
    ]);
    expect(current.dispatcher.groups()).toHaveLength(4);
  });

  it('drops resolved alerts after a successful flush and then the empty group', async () => {
    current = setup();
    const { alerts, pipeline, dispatcher } = current;
    alerts.put([
      firing({ alertname: 'A', instance: 'a1' }),
      firing({ alertname: 'A', instance: 'a2' }),
    ]);
    await sleep(80);
    alerts.put([
      { ...firing({ alertname: 'A', instance: 'a1' }), endsAt: Date.now(), updatedAt: Date.now() },
    ]);
    await sleep(160);
    expect(pipeline.names()).toEqual([
      ['a1', 'a2'],
      ['a1', 'a2'],
    ]);
    expect(pipeline.flushes[1]!.alerts[0]!.endsAt).not.toBe(0);
    expect(
      dispatcher
        .groups()[0]!
        .alerts()
        .map((a) => a.labels.instance),
    ).toEqual(['a2']);
    alerts.put([
      { ...firing({ alertname: 'A', instance: 'a2' }), endsAt: Date.now(), updatedAt: Date.now() },
    ]);
    await sleep(160);
    expect(pipeline.names()).toHaveLength(3);
    expect(dispatcher.groups()).toHaveLength(0);
  });

  it('keeps resolved alerts when the pipeline fails, to notify them again', async () => {
    current = setup();
    const { alerts, pipeline, dispatcher, errors } = current;
    pipeline.fail = true;
    alerts.put([{ ...firing({ alertname: 'A' }, Date.now() - 1000), endsAt: Date.now() }]);
    await sleep(20);
    expect(errors).toEqual(['{}:{alertname="A"}']);
    expect(dispatcher.groups()).toHaveLength(1);
    pipeline.fail = false;
    await sleep(170);
    expect(pipeline.names()).toEqual([['A'], ['A']]);
    expect(dispatcher.groups()).toHaveLength(0);
  });

  it('does not let a hanging group hold up another, and aborts it at its deadline', async () => {
    current = setup();
    const { alerts, pipeline } = current;
    alerts.put([firing({ alertname: 'S', slow: 'true' }), firing({ alertname: 'A' })]);
    await sleep(290);
    expect(pipeline.names('slow')).toEqual([['S']]);
    expect(pipeline.flushes.find((f) => f.ctx.receiver === 'slow')!.ctx.signal.aborted).toBe(true);
    expect(pipeline.names()).toEqual([['A'], ['A']]);
  });
});

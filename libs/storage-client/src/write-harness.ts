// Shared by the ShardedAppendable tests over the in-process bus and over nats-server.
import type { MetricObjectWithValues, MetricValueWithName, Registry } from 'prom-client';
import { codecs, subjects } from '@promethium/bus';
import type { Bus, Subscription } from '@promethium/bus';
import { Labels } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import type { WriteLogger } from './write-options.js';

/** Sample `i` of series `series`, at t = 1000 + i. */
export function sample(series: string, i: number): LabeledSample {
  return { labels: Labels.fromRecord({ __name__: 'm', series }), t: 1000 + i, v: i };
}

/** A sample as text, for comparing what was sent with what arrived. */
export function show(s: LabeledSample): string {
  return `${s.labels.toString()} ${s.t} ${s.v}`;
}

/** The current value of a counter or gauge (of the child with `labels`), 0 when absent. */
export async function metric(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const found = await registry.getSingleMetric(name)?.get();
  const wanted = Object.entries(labels);
  const child = found?.values.find((v) => wanted.every(([k, value]) => v.labels[k] === value));
  return child?.value ?? 0;
}

/** How many observations a histogram holds. */
export async function observations(registry: Registry, name: string): Promise<number> {
  const found = (await registry.getSingleMetric(name)?.get()) as
    MetricObjectWithValues<MetricValueWithName<string>> | undefined;
  return found?.values.find((v) => v.metricName === `${name}_count`)?.value ?? 0;
}

/** What arrived on each shard's durable write subject, read by a consumer of its own. */
export interface ShardStreams {
  /** Per shard, every sample received so far (show()), in arrival order. */
  readonly received: string[][];
  /** Per shard, how many messages carried them. */
  readonly messages: number[];
  stop(): Promise<void>;
}

/** Starts a durable consumer named `consumer-<shard>` on every shard's write subject. */
export function readShards(bus: Bus, shards: number, consumer = 'check'): ShardStreams {
  const received = Array.from({ length: shards }, () => [] as string[]);
  const messages = Array.from({ length: shards }, () => 0);
  const subscriptions: Subscription[] = received.map((into, shard) =>
    bus.consumeDurable(subjects.write(shard), `${consumer}-${shard}`, async (msg) => {
      messages[shard]!++;
      for (const s of codecs.sampleBatch.decode(msg.data)) into.push(show(s));
    }),
  );
  return {
    received,
    messages,
    async stop() {
      for (const s of subscriptions) await s.unsubscribe();
    },
  };
}

/** Waits (boundedly) until `check` holds. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A WriteLogger that keeps its messages. */
export function memoryLogger(): WriteLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (fields, msg) => void lines.push(`${msg} ${JSON.stringify(fields)}`) };
}

import { createHash } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { ConsumerConfig, JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '../subjects.js';

/** The one JetStream stream holding every durable subject. */
export const DURABLE_STREAM = 'PRM_DURABLE_V1';

// nats-server's error codes for "already exists with another config" and "not found".
const STREAM_NAME_IN_USE = 10058;
const CONSUMER_NOT_FOUND = 10014;
/** How long the server waits for an ack before redelivering (handler still running). */
export const ACK_WAIT_MS = 60_000;
const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

/** Stream limits as the bus options give them. */
export interface StreamLimits {
  readonly maxAgeMs: number;
  /** -1 for unlimited. */
  readonly maxBytes: number;
}

/**
 * Creates the durable stream, or updates its subjects and limits when it exists with
 * other settings; safe to call from many processes at once. Retention is "limits" so a
 * shard that has never started still finds its data later.
 */
export async function ensureStream(nc: NatsConnection, limits: StreamLimits): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config: Partial<StreamConfig> & { name: string } = {
    name: DURABLE_STREAM,
    subjects: [subjects.durable],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(limits.maxAgeMs),
    max_bytes: limits.maxBytes,
    // The server refuses a duplicate window (default 2 min) longer than max_age.
    duplicate_window: nanos(Math.min(DEFAULT_DUPLICATE_WINDOW_MS, limits.maxAgeMs)),
  };
  try {
    await jsm.streams.add(config);
  } catch (err) {
    if (!(err instanceof JetStreamApiError) || err.code !== STREAM_NAME_IN_USE) throw err;
    await jsm.streams.update(DURABLE_STREAM, {
      subjects: config.subjects,
      max_age: config.max_age,
      max_bytes: config.max_bytes,
      duplicate_window: config.duplicate_window,
      discard: config.discard,
    });
  }
}

/**
 * The JetStream durable name for consumer `consumer` of `filter`. The filter's hash is
 * part of the name so the same consumer name on two subjects (shard 0's and shard 1's
 * replica "a") are two independent cursors, as in the in-process bus.
 */
export function durableName(consumer: string, filter: string): string {
  const digest = createHash('sha256').update(filter).digest('hex').slice(0, 12);
  return `${consumer}_${digest}`;
}

/**
 * Readies the durable consumer for a new attachment: creates it when missing (from the
 * stream's start) and, when it holds messages delivered but never acknowledged (its last
 * reader died, or stopped at a failing message), recreates it at its ack floor so that
 * those messages come again, in order, before any later one. Returns its name.
 */
export async function attachConsumer(
  jsm: JetStreamManager,
  consumer: string,
  filter: string,
): Promise<string> {
  const name = durableName(consumer, filter);
  let startSeq: number | undefined;
  try {
    const info = await jsm.consumers.info(DURABLE_STREAM, name);
    if (info.num_ack_pending === 0) return name;
    // A consumer that acknowledged nothing since it was recreated reports a floor of 0.
    startSeq = Math.max(info.ack_floor.stream_seq + 1, info.config.opt_start_seq ?? 1);
    await jsm.consumers.delete(DURABLE_STREAM, name);
  } catch (err) {
    if (!(err instanceof JetStreamApiError) || err.code !== CONSUMER_NOT_FOUND) throw err;
  }
  const config: Partial<ConsumerConfig> = {
    durable_name: name,
    description: `promethium consumer ${consumer} of ${filter}`,
    filter_subject: filter,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(ACK_WAIT_MS),
    max_deliver: -1,
    ...(startSeq === undefined
      ? { deliver_policy: DeliverPolicy.All }
      : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startSeq }),
  };
  await jsm.consumers.add(DURABLE_STREAM, config);
  return name;
}

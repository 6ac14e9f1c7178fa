import { afterEach } from '@jest/globals';
import type { Bus, BusLogger } from '../bus.js';

/** Creates the bus under test; each call a fresh one (same server for NATS). */
export type MakeBus = (opts?: { maxMessageBytes?: number; log?: BusLogger }) => Promise<Bus>;

/** One log entry a MemoryLog kept. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

/** A logger that keeps what it is told, for assertions. */
export interface MemoryLog {
  log: BusLogger;
  entries: LogEntry[];
}

/** A fresh MemoryLog. */
export function memoryLog(): MemoryLog {
  const entries: LogEntry[] = [];
  return {
    entries,
    log: (level, msg, fields) => entries.push({ level, msg, ...(fields && { fields }) }),
  };
}

/** Per-test access to buses; every bus made through it is closed after the test. */
export interface Harness {
  bus(opts?: { maxMessageBytes?: number; log?: BusLogger }): Promise<Bus>;
}

/** Registers the afterEach that closes the buses a test created. */
export function harness(makeBus: MakeBus): Harness {
  let open: Bus[] = [];
  afterEach(async () => {
    const closing = open;
    open = [];
    await Promise.all(closing.map((b) => b.close()));
  });
  return {
    async bus(opts) {
      const bus = await makeBus({ log: memoryLog().log, ...opts });
      open.push(bus);
      return bus;
    },
  };
}

/** Waits (at most `timeoutMs`) until `check` holds; throws naming `what` otherwise. */
export async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every item of an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The items an async iterable yielded before it threw, and what it threw. */
export async function partial<T>(items: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const out: T[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (error) {
    return { items: out, error };
  }
  throw new Error('expected the iteration to throw');
}

/** What an async iterable throws (fails the test if it does not throw). */
export async function rejection(items: AsyncIterable<unknown>): Promise<unknown> {
  return (await partial(items)).error;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** UTF-8 bytes of `s`. */
export const bytes = (s: string): Uint8Array => enc.encode(s);
/** `b` as UTF-8 text. */
export const text = (b: Uint8Array): string => dec.decode(b);

let counter = 0;
const run = Math.floor(Math.random() * 1e6);

/** A subject prefix no other test (or earlier run on the same server) uses. */
export function uniqueSubject(): string {
  return `test.r${run}.s${counter++}`;
}

/** A shard number no other test uses, so durable subjects do not share stored messages. */
export function uniqueShard(): number {
  return run * 1000 + counter++;
}

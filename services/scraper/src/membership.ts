import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { codecs, subjects } from '@promethium/bus';
import type { Bus, BusMsg, Subscription } from '@promethium/bus';

/** How often a replica announces itself unless told otherwise (`--scraper.heartbeat-interval`). */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;

/** Heartbeats in a row a member may miss before the others count it dead. */
const MISSED_HEARTBEATS = 3;

/**
 * How long, as a share of the heartbeat interval, a joining replica waits for the
 * others' answers to its hello: one round trip on the bus, with ample room, and short
 * enough that start-up is not held up noticeably.
 */
const JOIN_SETTLE_SHARE = 1 / 4;

/** What a Membership needs. */
export interface MembershipOptions {
  bus: Bus;
  heartbeatIntervalMs: number;
  logger: Logger;
  /** Gets `promethium_scraper_members`. */
  registry: Registry;
}

/**
 * The scraper replicas alive as this one sees them, learnt over the bus: each replica
 * announces itself every heartbeat interval on `subjects.scraperMembers`, says hello when
 * it joins (everyone answers at once, so a newcomer knows the others within a round
 * trip) and goodbye when it stops cleanly. A member not heard for three intervals is dead.
 * Alone on a bus — one process — a replica is simply the only member.
 *
 * While this replica's own connection is down it hears nobody, which says nothing about
 * the others: their deadlines are suspended until it is back.
 */
export class Membership {
  /** This replica's id, random for each start. */
  readonly id = randomBytes(8).toString('hex');
  // Every other live member → when it was last heard from (Date.now()).
  private readonly lastHeard = new Map<string, number>();
  private readonly listeners: (() => void)[] = [];
  private readonly membersGauge: Gauge;
  private readonly deadAfterMs: number;
  private subscription: Subscription | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private announcing = true;
  private left = false;

  constructor(private readonly opts: MembershipOptions) {
    const interval = opts.heartbeatIntervalMs;
    if (!(Number.isFinite(interval) && interval > 0))
      throw new RangeError(`heartbeat interval must be a positive number of ms, got ${interval}`);
    this.deadAfterMs = MISSED_HEARTBEATS * interval;
    this.membersGauge = new Gauge({
      name: 'promethium_scraper_members',
      help: 'Scraper replicas this one counts as alive, itself included.',
      registers: [opts.registry],
    });
    this.membersGauge.set(1);
  }

  /** Every live member's id, this replica's included, sorted. */
  members(): string[] {
    return [this.id, ...this.lastHeard.keys()].sort();
  }

  /** Calls `listener` whenever a member joins or leaves (after join()). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Announces this replica and resolves once the others have had time to answer. */
  async join(): Promise<void> {
    const { bus, heartbeatIntervalMs } = this.opts;
    this.subscription = bus.subscribe(subjects.scraperMembers, (msg) => this.receive(msg));
    bus.onStatus((status) => {
      if (status === 'connected' && !this.left) void this.rejoin();
    });
    this.heartbeat = setInterval(() => void this.announce('alive'), heartbeatIntervalMs);
    await this.announce('hello');
    await sleep(heartbeatIntervalMs * JOIN_SETTLE_SHARE);
    this.opts.logger.info(
      { member: this.id, members: this.lastHeard.size + 1 },
      'joined the scraper replicas',
    );
  }

  /** Stops announcing and says goodbye, so the others take over at once. */
  async leave(): Promise<void> {
    this.left = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.expiry);
    await this.subscription?.unsubscribe();
    await this.announce('goodbye');
  }

  private receive(msg: BusMsg): void {
    let decoded;
    try {
      decoded = codecs.memberMessage.decode(msg.data);
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'ignoring a bad membership message');
      return;
    }
    const { member, event } = decoded;
    if (member === this.id) return;
    if (event === 'goodbye') {
      if (this.lastHeard.delete(member)) this.changed({ left: member });
      return;
    }
    const known = this.lastHeard.has(member);
    this.lastHeard.set(member, Date.now());
    if (event === 'hello') void this.announce('alive');
    if (!known) {
      this.changed({ joined: member });
      this.armExpiry();
    }
  }

  // Back on the bus after an outage: nobody could be heard meanwhile, so every member
  // gets a fresh deadline, and a hello brings back at once those who counted us dead.
  private async rejoin(): Promise<void> {
    const now = Date.now();
    for (const member of this.lastHeard.keys()) this.lastHeard.set(member, now);
    this.armExpiry();
    await this.announce('hello');
  }

  private armExpiry(): void {
    clearTimeout(this.expiry);
    if (this.left || this.lastHeard.size === 0) return;
    const due = Math.min(...this.lastHeard.values()) + this.deadAfterMs;
    this.expiry = setTimeout(() => this.expire(), Math.max(0, due - Date.now()));
  }

  private expire(): void {
    // Disconnected, silence proves nothing; rejoin() re-arms the deadlines on reconnect.
    if (this.opts.bus.status !== 'connected') return;
    const now = Date.now();
    const dead = [...this.lastHeard].filter(([, heard]) => now - heard >= this.deadAfterMs);
    for (const [member] of dead) this.lastHeard.delete(member);
    if (dead.length > 0) this.changed({ dead: dead.map(([member]) => member) });
    this.armExpiry();
  }

  private changed(what: Record<string, string | string[]>): void {
    this.membersGauge.set(this.lastHeard.size + 1);
    this.opts.logger.info(
      { ...what, members: this.lastHeard.size + 1 },
      'scraper replicas changed',
    );
    for (const listener of this.listeners) listener();
  }

  private async announce(event: 'hello' | 'alive' | 'goodbye'): Promise<void> {
    try {
      await this.opts.bus.publish(
        subjects.scraperMembers,
        codecs.memberMessage.encode({ member: this.id, event }),
      );
      this.announcing = true;
    } catch (err) {
      // Once per outage, not every heartbeat.
      if (this.announcing)
        this.opts.logger.warn({ err: (err as Error).message, event }, 'cannot announce membership');
      this.announcing = false;
    }
  }
}

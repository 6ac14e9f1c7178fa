import type { BusMsg } from '../bus.js';
import type { ReplySend } from '../reply/frame.js';
import { subjectMatches } from '../subject-syntax.js';

/** One in-process subscription (plain or responder) as the router sees it. */
export interface Route {
  readonly filter: string;
  readonly queue: string | undefined;
  /** Hands over one message; `reply` is set for requests. Must not throw. */
  deliver(msg: BusMsg, reply: ReplySend | undefined): void;
}

/**
 * The in-process subject router. Like NATS, every matching subscription without a
 * queue gets each message, and each queue group (same filter and queue name) gets it
 * once, at a random member.
 */
export class Registry {
  readonly #routes = new Set<Route>();

  /** Adds a route; returns the function that removes it. */
  add(route: Route): () => void {
    this.#routes.add(route);
    return () => this.#routes.delete(route);
  }

  /** The routes that receive a message on `subject`. */
  recipients(subject: string): Route[] {
    const plain: Route[] = [];
    const groups = new Map<string, Route[]>();
    for (const route of this.#routes) {
      if (!subjectMatches(route.filter, subject)) continue;
      if (route.queue === undefined) {
        plain.push(route);
        continue;
      }
      const key = `${route.filter} ${route.queue}`;
      const members = groups.get(key);
      if (members) members.push(route);
      else groups.set(key, [route]);
    }
    for (const members of groups.values()) {
      const pick = members[Math.floor(Math.random() * members.length)];
      if (pick) plain.push(pick);
    }
    return plain;
  }
}

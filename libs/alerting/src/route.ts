import { type AlertmanagerRoute, type Matcher, matchesLabels } from '@promethium/config';
import type { LabelSet } from './fingerprint.js';

// Alertmanager's labels.Matchers.String().
function matchersString(matchers: readonly Matcher[]): string {
  return `{${matchers.map(String).join(',')}}`;
}

/** A node of the routing tree with its parent link, as Alertmanager's dispatch.Route. */
export class Route {
  readonly routes: readonly Route[];
  readonly #key: string;
  readonly #id: string;

  constructor(
    readonly options: AlertmanagerRoute,
    readonly parent?: Route,
    index?: number,
  ) {
    const own = matchersString(options.matchers);
    this.#key = parent === undefined ? own : `${parent.key()}/${own}`;
    this.#id = parent === undefined ? own : `${parent.id()}/${own}/${index}`;
    this.routes = options.routes.map((child, i) => new Route(child, this, i));
  }

  get receiver(): string {
    return this.options.receiver;
  }

  /**
   * The routes an alert with these labels goes to, depth-first: the deepest matching nodes,
   * stopping after the first matching child unless it has `continue`; the node itself when no
   * child matches; none when it does not match.
   */
  match(labels: LabelSet): Route[] {
    if (!matchesLabels(this.options.matchers, labels)) return [];
    const all: Route[] = [];
    for (const child of this.routes) {
      const matches = child.match(labels);
      all.push(...matches);
      if (matches.length > 0 && !child.options.continue) break;
    }
    return all.length > 0 ? all : [this];
  }

  /** The matchers of this node and its ancestors, `{}/{env="prod"}`; not unique across siblings. */
  key(): string {
    return this.#key;
  }

  /** Like key, with each node's index among its siblings: unique in the tree. */
  id(): string {
    return this.#id;
  }

  /** The labels an alert is grouped by on this route: group_by's, or all with `...`. */
  groupLabels(labels: LabelSet): Record<string, string> {
    if (this.options.groupByAll) return { ...labels };
    const group: Record<string, string> = {};
    for (const name of this.options.groupBy) {
      if (Object.hasOwn(labels, name)) group[name] = labels[name]!;
    }
    return group;
  }

  /** This node and every descendant, depth-first. */
  *walk(): Generator<Route> {
    yield this;
    for (const child of this.routes) yield* child.walk();
  }
}

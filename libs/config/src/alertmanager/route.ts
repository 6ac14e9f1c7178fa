import { goQuote } from '@promethium/model';
import type { Cursor } from '../yaml/cursor.js';
import { bool, duration, list, nonNull, record, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import { isValidLabelName, matchMap, matchReMap, matcherList } from './matchers/config.js';
import { compareMatchers } from './matchers/matcher.js';
import type { Matcher } from './matchers/matcher.js';
import type { AlertmanagerRoute } from './types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** What the root route inherits: Alertmanager's DefaultRouteOpts. */
const ROOT_DEFAULTS: Omit<AlertmanagerRoute, 'matchers' | 'continue' | 'routes'> = {
  receiver: '',
  groupBy: [],
  groupByAll: false,
  groupWait: 30 * SECOND,
  groupInterval: 5 * MINUTE,
  repeatInterval: 4 * 60 * MINUTE,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
  labels: {},
};

/** A `route` node as written, checked on its own; `at` is the node. */
export interface RawRoute {
  readonly receiver: string;
  /** undefined: inherited (absent, or only `...`); [] is an explicit empty list. */
  readonly groupBy: string[] | undefined;
  readonly groupByAll: boolean;
  /** `match`, `match_re` and `matchers` together, sorted. */
  readonly matchers: Matcher[];
  readonly continue: boolean;
  readonly muteTimeIntervals: string[];
  readonly activeTimeIntervals: string[];
  readonly groupWait: number | undefined;
  readonly groupInterval: number | undefined;
  readonly repeatInterval: number | undefined;
  readonly labels: Record<string, string>;
  readonly routes: RawRoute[];
  readonly at: Cursor;
}

const labelNameProblem = (context: string) => (name: string) =>
  isValidLabelName(name) ? undefined : `invalid label name ${goQuote(name)} in ${context}`;

const routeShape = object({
  receiver: field('receiver', str, ''),
  groupBy: optional('group_by', list(str)),
  match: field('match', matchMap, []),
  matchRe: field('match_re', matchReMap, []),
  matchers: field('matchers', matcherList, []),
  muteTimeIntervals: field('mute_time_intervals', list(str), [] as string[]),
  activeTimeIntervals: field('active_time_intervals', list(str), [] as string[]),
  continue: field('continue', bool, false),
  routes: field('routes', list(nonNull((at) => rawRoute(at), 'empty route')), [] as RawRoute[]),
  groupWait: optional('group_wait', duration),
  groupInterval: optional('group_interval', duration),
  repeatInterval: optional('repeat_interval', duration),
  labels: field('labels', record(str, labelNameProblem('route labels')), {}),
});

/** The labels to group by, `...` standing for all of them; checked as Alertmanager does. */
function groupBy(written: string[], at: Cursor): { labels: string[]; all: boolean } {
  const items = at.items();
  const problem = labelNameProblem('group_by list');
  written.forEach((name, i) => {
    const reason = name === '...' ? undefined : problem(name);
    if (reason !== undefined) items[i]!.fail(reason);
  });
  const labels = written.filter((name) => name !== '...');
  const all = labels.length < written.length;
  if (all && labels.length > 0) {
    at.fail('cannot have wildcard group_by (`...`) and other labels at the same time');
  }
  const seen = new Set<string>();
  labels.forEach((name) => {
    if (seen.has(name)) at.fail(`duplicated label ${goQuote(name)} in group_by`);
    seen.add(name);
  });
  return { labels, all };
}

/** Decodes a routing tree node and its children. */
export const rawRoute: Decoder<RawRoute> = (at) => {
  const { match, matchRe, matchers, groupBy: written, ...raw } = routeShape(at);
  const grouping = written && groupBy(written, at.field('group_by'));
  if (raw.groupInterval === 0) at.field('group_interval').fail('group_interval cannot be zero');
  if (raw.repeatInterval === 0) at.field('repeat_interval').fail('repeat_interval cannot be zero');
  return {
    ...raw,
    // Only `...` leaves the grouping to inherit, as Alertmanager keeps no label list then.
    groupBy: grouping && (grouping.all ? undefined : grouping.labels),
    groupByAll: grouping?.all ?? false,
    matchers: [...match, ...matchRe, ...matchers].sort(compareMatchers),
    at,
  };
};

/** Visits a node's children before the node, as Alertmanager's checks do. */
export function walkChildrenFirst(route: RawRoute, visit: (node: RawRoute) => void): void {
  for (const child of route.routes) walkChildrenFirst(child, visit);
  visit(route);
}

/**
 * Resolves a checked tree: every node takes what it does not set from its parent (the root
 * from Alertmanager's defaults), labels merged over the parent's.
 */
export function resolveRoute(raw: RawRoute, parent?: AlertmanagerRoute): AlertmanagerRoute {
  const base = parent ?? { ...ROOT_DEFAULTS, matchers: [], continue: false, routes: [] };
  const route: AlertmanagerRoute = {
    receiver: raw.receiver || base.receiver,
    groupBy: raw.groupBy ?? base.groupBy,
    groupByAll: raw.groupBy !== undefined ? false : raw.groupByAll || base.groupByAll,
    matchers: raw.matchers,
    continue: raw.continue,
    groupWait: raw.groupWait ?? base.groupWait,
    groupInterval: raw.groupInterval ?? base.groupInterval,
    repeatInterval: raw.repeatInterval ?? base.repeatInterval,
    muteTimeIntervals: raw.muteTimeIntervals,
    activeTimeIntervals: raw.activeTimeIntervals,
    labels: { ...base.labels, ...raw.labels },
    routes: [],
  };
  route.routes = raw.routes.map((child) => resolveRoute(child, route));
  return route;
}

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { goQuote } from '@promethium/model';
import { ConfigReadError } from '../errors.js';
import type { Cursor } from '../yaml/cursor.js';
import { decodeYaml, list, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import { checkGlobal, rawGlobal, resolveGlobal } from './global.js';
import { inhibitRule } from './inhibit.js';
import type { Globals } from './receivers/integration.js';
import { rawReceiver, resolveReceiver } from './receivers/receiver.js';
import type { RawReceiver } from './receivers/receiver.js';
import { resolveRoute, rawRoute, walkChildrenFirst } from './route.js';
import type { RawRoute } from './route.js';
import { namedTimeIntervals } from './time-intervals.js';
import type { NamedTimeIntervals } from './time-intervals.js';
import type {
  AlertmanagerConfig,
  LoadedAlertmanagerConfig,
  Receiver,
  TimeInterval,
} from './types.js';

function configShape(dir: string) {
  return object(
    {
      global: optional('global', rawGlobal(dir)),
      route: optional('route', rawRoute),
      inhibitRules: field('inhibit_rules', list(inhibitRule), []),
      receivers: field('receivers', list(rawReceiver(dir)), []),
      templates: field('templates', list(str), [] as string[]),
      muteTimeIntervals: field(
        'mute_time_intervals',
        list(namedTimeIntervals('mute time interval')),
        [],
      ),
      timeIntervals: field('time_intervals', list(namedTimeIntervals('time interval')), []),
    },
    { unsupported: ['tracing', 'event_recorder'] },
  );
}

function resolveReceivers(raws: readonly RawReceiver[], globals: Globals): Receiver[] {
  const names = new Set<string>();
  return raws.map((raw) => {
    if (names.has(raw.name)) {
      raw.at.field('name').fail(`notification config name ${goQuote(raw.name)} is not unique`);
    }
    const receiver = resolveReceiver(raw, globals);
    names.add(raw.name);
    return receiver;
  });
}

/** The checks Alertmanager makes of the routing tree once everything is read. */
function checkRoute(route: RawRoute, receivers: ReadonlySet<string>): void {
  if (route.receiver === '') {
    route.at.field('receiver').fail('root route must specify a default receiver');
  }
  if (route.matchers.length > 0) route.at.fail('root route must not have any matchers');
  if (route.muteTimeIntervals.length > 0) {
    route.at.field('mute_time_intervals').fail('root route must not have any mute time intervals');
  }
  if (route.activeTimeIntervals.length > 0) {
    route.at
      .field('active_time_intervals')
      .fail('root route must not have any active time intervals');
  }
  walkChildrenFirst(route, (node) => {
    if (node.receiver !== '' && !receivers.has(node.receiver)) {
      node.at.field('receiver').fail(`undefined receiver ${goQuote(node.receiver)} used in route`);
    }
  });
}

function timeIntervalsByName(
  mute: readonly NamedTimeIntervals[],
  time: readonly NamedTimeIntervals[],
  at: Cursor,
): Map<string, TimeInterval[]> {
  const byName = new Map<string, TimeInterval[]>();
  const add = (key: string, what: string) => (named: NamedTimeIntervals, i: number) => {
    if (byName.has(named.name)) {
      const entry = at.lookup(key)?.items()[i] ?? at;
      entry.field('name').fail(`${what} ${goQuote(named.name)} is not unique`);
    }
    byName.set(named.name, named.timeIntervals);
  };
  mute.forEach(add('mute_time_intervals', 'mute time interval'));
  time.forEach(add('time_intervals', 'time interval'));
  return byName;
}

function checkTimeIntervalNames(route: RawRoute, names: ReadonlyMap<string, unknown>): void {
  walkChildrenFirst(route, (node) => {
    const check = (key: 'activeTimeIntervals' | 'muteTimeIntervals', yamlKey: string) =>
      node[key].forEach((name, i) => {
        if (!names.has(name)) {
          const item = node.at.field(yamlKey).items()[i]!;
          item.fail(`undefined time interval ${goQuote(name)} used in route`);
        }
      });
    check('activeTimeIntervals', 'active_time_intervals');
    check('muteTimeIntervals', 'mute_time_intervals');
  });
}

function alertmanagerFile(file: string): Decoder<AlertmanagerConfig> {
  const dir = dirname(file);
  const shape = configShape(dir);
  return (at) => {
    // An empty document is never decoded by Go, so no section check runs on it.
    if (at.isNull) at.fail('no route provided in config');
    const raw = shape(at);
    const globalAt = at.lookup('global') ?? at.child(null, 'global');
    const global = raw.global ?? rawGlobal(dir)(globalAt);
    checkGlobal(global, globalAt);
    const globals = { raw: global, resolved: resolveGlobal(global) };
    const receivers = resolveReceivers(raw.receivers, globals);
    const route = raw.route ?? at.field('route').fail('no routes provided');
    checkRoute(route, new Set(receivers.map((r) => r.name)));
    const intervals = timeIntervalsByName(raw.muteTimeIntervals, raw.timeIntervals, at);
    checkTimeIntervalNames(route, intervals);
    if (route.continue) route.at.field('continue').fail('cannot have continue in root route');
    return {
      global: globals.resolved,
      route: resolveRoute(route),
      inhibitRules: raw.inhibitRules,
      receivers,
      templates: raw.templates.map((t) => (t === '' ? t : resolve(dir, t))),
      timeIntervals: Object.fromEntries(intervals),
    };
  };
}

/**
 * Parses alertmanager.yml text as Alertmanager does (same defaults and validation, in its
 * default UTF-8 "fallback" matchers mode); `file` names it in messages and anchors relative
 * paths. Throws ConfigError at the first problem; integrations and sections Promethium does not
 * implement yet are checked and reported in `warnings`.
 */
export function parseAlertmanagerConfig(text: string, file: string): LoadedAlertmanagerConfig {
  const { value, warnings } = decodeYaml(text, file, alertmanagerFile(file));
  return { config: value, warnings };
}

/** Reads and parses an alertmanager.yml; throws ConfigReadError when unreadable, ConfigError when invalid. */
export async function loadAlertmanagerConfig(path: string): Promise<LoadedAlertmanagerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigReadError(path, cause);
  }
  return parseAlertmanagerConfig(text, path);
}

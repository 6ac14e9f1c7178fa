import { availableParallelism, hostname } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { VERSION } from '@promethium/runtime';
import type { Request, Response } from 'express';
import { jsonString, send, successBody } from './json.js';

/** Build details as /status/buildinfo reports them; unknown parts may be left out. */
export interface BuildInfo {
  readonly version: string;
  readonly revision: string;
  readonly branch: string;
  readonly buildUser: string;
  readonly buildDate: string;
}

/** What the status endpoints report about the process; the wiring fills it in. */
export interface StatusInfo {
  /** Every flag of the process, as its command line gave it or as defaulted, in text. */
  readonly flags: Readonly<Record<string, string>>;
  /**
   * The text of the configuration file as last loaded (not as the file stands now); '' for
   * a process that loads none.
   */
  readonly configYaml: () => string;
  readonly startTimeMs: number;
  /** Whether the last configuration reload succeeded. */
  readonly reloadConfigSuccess: () => boolean;
  /** When the configuration last (re)loaded successfully, in milliseconds since the epoch. */
  readonly lastConfigTimeMs: () => number;
  readonly storageRetention: string;
  readonly build: Partial<BuildInfo>;
}

/** The status of a process that knows nothing beyond its start time (e.g. in tests). */
export function defaultStatus(startTimeMs: number): StatusInfo {
  return {
    flags: {},
    configYaml: () => '',
    startTimeMs,
    reloadConfigSuccess: () => true,
    lastConfigTimeMs: () => startTimeMs,
    storageRetention: '',
    build: {},
  };
}

/** A JSON object of string fields, keys in the given order. */
function stringObject(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${jsonString(k)}:${jsonString(v)}`).join(',')}}`;
}

/** Go's RFC 3339 rendering of a time.Time: UTC, fraction without trailing zeros. */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d+)Z$/, (_, f: string) => {
    const trimmed = f.replace(/0+$/, '');
    return trimmed === '' ? 'Z' : `.${trimmed}Z`;
  });
}

/** GET /status/buildinfo; goVersion reports the Node.js version. */
export function buildInfo(status: StatusInfo, _req: Request, res: Response): void {
  const b = status.build;
  const data = stringObject([
    ['version', b.version ?? VERSION],
    ['revision', b.revision ?? ''],
    ['branch', b.branch ?? ''],
    ['buildUser', b.buildUser ?? ''],
    ['buildDate', b.buildDate ?? ''],
    ['goVersion', process.version],
  ]);
  send(res, 200, successBody(data, []));
}

/** GET /status/flags: every flag, names sorted as Go's map encoding sorts them. */
export function flags(status: StatusInfo, _req: Request, res: Response): void {
  const entries = Object.entries(status.flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  send(res, 200, successBody(stringObject(entries), []));
}

/**
 * GET /status/config: `{"yaml": <the configuration as last loaded>}`. Prometheus re-encodes
 * the loaded configuration; this answers the text it was loaded from.
 */
export function config(status: StatusInfo, _req: Request, res: Response): void {
  send(res, 200, successBody(stringObject([['yaml', status.configYaml()]]), []));
}

/**
 * GET /status/runtimeinfo, with Node.js stand-ins for Go's runtime figures: active
 * handles for goroutines, available parallelism for GOMAXPROCS, the V8 heap limit for
 * GOMEMLIMIT.
 */
export function runtimeInfo(status: StatusInfo, _req: Request, res: Response): void {
  const fields = [
    `"startTime":${jsonString(goTime(status.startTimeMs))}`,
    `"CWD":${jsonString(process.cwd())}`,
    `"hostname":${jsonString(hostname())}`,
    `"serverTime":${jsonString(goTime(Date.now()))}`,
    `"reloadConfigSuccess":${String(status.reloadConfigSuccess())}`,
    `"lastConfigTime":${jsonString(goTime(wholeSeconds(status.lastConfigTimeMs())))}`,
    `"corruptionCount":0`,
    `"goroutineCount":${process.getActiveResourcesInfo().length}`,
    `"GOMAXPROCS":${availableParallelism()}`,
    `"GOMEMLIMIT":${getHeapStatistics().heap_size_limit}`,
    `"GOGC":""`,
    `"GODEBUG":""`,
    `"storageRetention":${jsonString(status.storageRetention)}`,
  ];
  send(res, 200, successBody(`{${fields.join(',')}}`, []));
}

// Prometheus reads lastConfigTime back from its reload timestamp gauge as whole seconds.
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

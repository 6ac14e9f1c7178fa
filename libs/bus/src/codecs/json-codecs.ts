import type { MatchType, TargetGroup } from '@promethium/model';
import type { Codec } from './codec.js';
import {
  asArray,
  asFiniteNumber,
  asObject,
  asString,
  asStringRecord,
  decodeJson,
  encodeJson,
} from './json-shape.js';
import { CodecError } from '../errors.js';

/** Every target group of one job, as discovery publishes it (the whole set, newest wins). */
export interface TargetSet {
  job: string;
  groups: TargetGroup[];
}

/** One label matcher of a select request. */
export interface SelectMatcher {
  type: MatchType;
  name: string;
  value: string;
}

/** What a storage shard is asked to select: series matching all matchers within [mint, maxt] ms. */
export interface SelectRequest {
  matchers: SelectMatcher[];
  mint: number;
  maxt: number;
}

const MATCH_TYPES: readonly string[] = ['=', '!=', '=~', '!~'] satisfies MatchType[];

function readGroup(v: unknown, path: string): TargetGroup {
  const o = asObject(v, path);
  return {
    source: asString(o.source, `${path}.source`),
    targets: asArray(o.targets, `${path}.targets`).map((t, i) =>
      asStringRecord(t, `${path}.targets[${i}]`),
    ),
    labels: asStringRecord(o.labels, `${path}.labels`),
  };
}

function readTargetSet(v: unknown, path: string): TargetSet {
  const o = asObject(v, path);
  return {
    job: asString(o.job, `${path}.job`),
    groups: asArray(o.groups, `${path}.groups`).map((g, i) => readGroup(g, `${path}.groups[${i}]`)),
  };
}

/** Reads one matcher of a select or label request; CodecError names the bad field. */
export function readMatcher(v: unknown, path: string): SelectMatcher {
  const o = asObject(v, path);
  const type = asString(o.type, `${path}.type`);
  if (!MATCH_TYPES.includes(type))
    throw new CodecError(
      `${path}.type: expected one of ${MATCH_TYPES.join(' ')}, got ${JSON.stringify(type)}`,
    );
  return {
    type: type as MatchType,
    name: asString(o.name, `${path}.name`),
    value: asString(o.value, `${path}.value`),
  };
}

function readSelectRequest(v: unknown): SelectRequest {
  const o = asObject(v, 'selectRequest');
  return {
    matchers: asArray(o.matchers, 'selectRequest.matchers').map((m, i) =>
      readMatcher(m, `selectRequest.matchers[${i}]`),
    ),
    mint: asFiniteNumber(o.mint, 'selectRequest.mint'),
    maxt: asFiniteNumber(o.maxt, 'selectRequest.maxt'),
  };
}

// Encoding runs the value through the decoder's checks first, so a sender learns of a
// bad value (NaN time, missing field) itself instead of every receiver rejecting it.
function jsonCodec<T>(what: string, read: (v: unknown) => T): Codec<T> {
  return {
    encode: (value) => encodeJson(read(value), what),
    decode: (data) => read(decodeJson(data, what)),
  };
}

/** JSON codec of one job's target set; unknown fields are dropped. */
export const targetSetCodec: Codec<TargetSet> = jsonCodec('targetSet', (v) =>
  readTargetSet(v, 'targetSet'),
);

/** JSON codec of every job's target set (the reply to targetsSync). */
export const targetSetsCodec: Codec<TargetSet[]> = jsonCodec('targetSets', (v) =>
  asArray(v, 'targetSets').map((s, i) => readTargetSet(s, `targetSets[${i}]`)),
);

/** JSON codec of a select request. */
export const selectRequestCodec: Codec<SelectRequest> = jsonCodec(
  'selectRequest',
  readSelectRequest,
);

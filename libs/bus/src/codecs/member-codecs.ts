import type { Codec } from './codec.js';
import { asObject, asString, decodeJson, encodeJson } from './json-shape.js';
import { CodecError } from '../errors.js';

/**
 * What a replica says about itself: `hello` when it joins (every other replica answers
 * with `alive` at once), `alive` every heartbeat, `goodbye` when it stops cleanly.
 */
export type MemberEvent = 'hello' | 'alive' | 'goodbye';

/** One membership message: which replica, and what it says. */
export interface MemberMessage {
  member: string;
  event: MemberEvent;
}

const EVENTS: readonly string[] = ['hello', 'alive', 'goodbye'] satisfies MemberEvent[];

function readMemberMessage(v: unknown): MemberMessage {
  const o = asObject(v, 'memberMessage');
  const member = asString(o.member, 'memberMessage.member');
  if (member === '') throw new CodecError('memberMessage.member: expected a non-empty string');
  const event = asString(o.event, 'memberMessage.event');
  if (!EVENTS.includes(event))
    throw new CodecError(
      `memberMessage.event: expected one of ${EVENTS.join(' ')}, got ${JSON.stringify(event)}`,
    );
  return { member, event: event as MemberEvent };
}

/** JSON codec of a membership message; encoding checks the value as decoding does. */
export const memberMessageCodec: Codec<MemberMessage> = {
  encode: (value) => encodeJson(readMemberMessage(value), 'memberMessage'),
  decode: (data) => readMemberMessage(decodeJson(data, 'memberMessage')),
};

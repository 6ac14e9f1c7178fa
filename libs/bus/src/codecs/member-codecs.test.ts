import { describe, expect, it } from '@jest/globals';
import { CodecError } from '../errors.js';
import { codecs } from './index.js';
import type { MemberMessage } from './member-codecs.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('memberMessage codec', () => {
  it.each<MemberMessage['event']>(['hello', 'alive', 'goodbye'])('round-trips %s', (event) => {
    const msg: MemberMessage = { member: '5f0c9a1e7d3b2c48', event };
    expect(codecs.memberMessage.decode(codecs.memberMessage.encode(msg))).toEqual(msg);
  });

  it('drops unknown fields', () => {
    const data = bytes('{"member":"a","event":"alive","since":3}');
    expect(codecs.memberMessage.decode(data)).toEqual({ member: 'a', event: 'alive' });
  });

  it.each<[string, string, RegExp]>([
    ['broken JSON', '{"member":', /memberMessage: invalid JSON/],
    ['a non-object', '"alive"', /memberMessage: expected an object, got string/],
    ['a missing member', '{"event":"alive"}', /memberMessage.member: expected a string/],
    [
      'an empty member',
      '{"member":"","event":"alive"}',
      /memberMessage.member: expected a non-empty/,
    ],
    [
      'an unknown event',
      '{"member":"a","event":"bye"}',
      /memberMessage.event: expected one of hello alive goodbye, got "bye"/,
    ],
  ])('names the field for %s', (_what, json, message) => {
    expect(() => codecs.memberMessage.decode(bytes(json))).toThrow(message);
  });

  it('refuses to encode a message no receiver would accept', () => {
    const bad = { member: 'a', event: 'leaving' } as unknown as MemberMessage;
    expect(() => codecs.memberMessage.encode(bad)).toThrow(CodecError);
  });
});

import { describe, expect, it } from '@jest/globals';
import bcrypt from 'bcryptjs';
import { basicAuth } from '../testing/client.js';
import { BasicAuthenticator, parseBasicAuthorization } from './basic-auth.js';

describe('parseBasicAuthorization', () => {
  it.each([
    [basicAuth('alice', 'secret'), { user: 'alice', password: 'secret' }],
    [basicAuth('alice', 'with:colon'), { user: 'alice', password: 'with:colon' }],
    [basicAuth('', ''), { user: '', password: '' }],
    [`basic ${Buffer.from('a:b').toString('base64')}`, { user: 'a', password: 'b' }],
    [undefined, undefined],
    ['', undefined],
    ['Bearer abc', undefined],
    ['Basic', undefined],
    ['Basic !!!', undefined],
    [`Basic ${Buffer.from('nocolon').toString('base64')}`, undefined],
  ])('%j -> %j', (header, want) => {
    expect(parseBasicAuthorization(header)).toEqual(want);
  });
});

describe('BasicAuthenticator', () => {
  const auth = new BasicAuthenticator({
    alice: bcrypt.hashSync('secret', 4),
    bob: bcrypt.hashSync('hunter2', 4),
  });

  it.each([
    [basicAuth('alice', 'secret'), true],
    [basicAuth('bob', 'hunter2'), true],
    [basicAuth('alice', 'hunter2'), false],
    [basicAuth('alice', 'secret '), false],
    [basicAuth('carol', 'secret'), false],
    [basicAuth('', ''), false],
    [undefined, false],
  ])('%j -> %s', async (header, want) => {
    expect(await auth.check(header)).toBe(want);
  });

  it('never lets a wrong password through after the right one was cached', async () => {
    expect(await auth.check(basicAuth('alice', 'secret'))).toBe(true);
    expect(await auth.check(basicAuth('alice', 'secret'))).toBe(true);
    expect(await auth.check(basicAuth('alice', 'wrong'))).toBe(false);
    expect(await auth.check(basicAuth('bob', 'secret'))).toBe(false);
  });

  it('does not carry a cached success over to a changed hash', async () => {
    const before = new BasicAuthenticator({ alice: bcrypt.hashSync('old', 4) });
    expect(await before.check(basicAuth('alice', 'old'))).toBe(true);
    const after = new BasicAuthenticator({ alice: bcrypt.hashSync('new', 4) });
    expect(await after.check(basicAuth('alice', 'old'))).toBe(false);
  });

  it('treats a hash that is not bcrypt as never matching', async () => {
    const odd = new BasicAuthenticator({ alice: 'plaintext' });
    expect(await odd.check(basicAuth('alice', 'plaintext'))).toBe(false);
  });
});

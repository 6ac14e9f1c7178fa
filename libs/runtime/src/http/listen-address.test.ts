import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError } from '../errors.js';
import { dialHost, parseListenAddress } from './listen-address.js';

describe('parseListenAddress', () => {
  it.each([
    [':9090', undefined, 9090],
    ['0.0.0.0:9090', '0.0.0.0', 9090],
    ['127.0.0.1:0', '127.0.0.1', 0],
    ['localhost:65535', 'localhost', 65535],
    ['[::1]:9090', '::1', 9090],
    ['[::]:80', '::', 80],
  ])('%s -> host %s port %i', (text, host, port) => {
    expect(parseListenAddress(text)).toEqual({ host, port });
  });

  it.each([
    ['9090', 'missing port'],
    ['localhost', 'missing port'],
    [':', 'invalid port ""'],
    [':http', 'invalid port "http"'],
    [':65536', 'invalid port "65536"'],
    [':-1', 'invalid port "-1"'],
    ['::1:9090', 'an IPv6 host must be written in brackets'],
    ['[::1:9090', 'malformed IPv6 host'],
    ['[nope]:9090', 'malformed IPv6 host'],
    ['a b:9090', 'malformed host'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseListenAddress(text)).toThrow(InvalidOptionError);
    expect(() => parseListenAddress(text)).toThrow(
      `invalid listen address ${JSON.stringify(text)}: ${why}`,
    );
  });
});

describe('dialHost', () => {
  it.each([
    [undefined, '127.0.0.1'],
    ['0.0.0.0', '127.0.0.1'],
    ['::', '[::1]'],
    ['::1', '[::1]'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
  ])('%s -> %s', (host, want) => {
    expect(dialHost(host)).toBe(want);
  });
});

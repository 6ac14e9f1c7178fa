import { describe, expect, it } from '@jest/globals';
import { expandEnv } from './expand-env.js';

const env = { A: 'alpha', EMPTY: '', B_2: 'bee', '1': 'one' };

describe('expandEnv', () => {
  it.each([
    ['plain', 'plain', []],
    ['$A', 'alpha', []],
    ['${A}', 'alpha', []],
    ['x${A}y', 'xalphay', []],
    ['$A-$B_2', 'alpha-bee', []],
    ['$$', '$', []],
    ['$${A}', '${A}', []],
    ['price: 5$', 'price: 5$', []],
    ['100%$', '100%$', []],
    ['a$%b', 'a$%b', []],
    ['$1x', 'onex', []],
    ['${}', '', []],
    ['a${A', 'aA', []],
    ['$UNSET', '', ['UNSET']],
    ['${EMPTY}/$UNSET', '/', ['EMPTY', 'UNSET']],
    ['$toString', '', ['toString']],
  ])('expands %j to %j', (text, expanded, empty) => {
    expect(expandEnv(text, env)).toEqual({ text: expanded, empty });
  });
});

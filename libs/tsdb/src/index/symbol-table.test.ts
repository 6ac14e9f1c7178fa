import { describe, expect, it } from '@jest/globals';
import { SymbolTable } from './symbol-table.js';

describe('SymbolTable', () => {
  it('counts references and drops a string with its last one', () => {
    const table = new SymbolTable();
    expect(table.intern('job')).toBe('job');
    table.intern('job');
    table.intern('api');
    expect(table.size).toBe(2);
    expect(table.refs('job')).toBe(2);
    table.release('job');
    expect(table.refs('job')).toBe(1);
    table.release('job');
    expect(table.refs('job')).toBe(0);
    expect(table.symbols()).toEqual(['api']);
  });

  it('reuses freed slots', () => {
    const table = new SymbolTable();
    table.intern('a');
    table.release('a');
    table.intern('b');
    table.intern('c');
    expect(table.symbols()).toEqual(['b', 'c']);
    expect(table.refs('b')).toBe(1);
    expect(table.refs('c')).toBe(1);
  });

  it('sorts symbols by code unit', () => {
    const table = new SymbolTable();
    for (const s of ['b', 'B', '', 'é', 'a']) table.intern(s);
    expect(table.symbols()).toEqual(['', 'B', 'a', 'b', 'é']);
  });

  it('keeps copies equal to what was interned, whatever the characters', () => {
    const table = new SymbolTable();
    const line = 'up{instance="127.0.0.1:9090", snow="☃ é \ud800 end"} 1';
    for (const s of [line.slice(13, 27), line.slice(35, 46), 'é', '']) {
      expect(table.intern(s)).toBe(s);
      expect(table.intern(s.slice())).toBe(s);
      expect(table.refs(s)).toBe(2);
    }
  });

  it('refuses to release a string it does not hold', () => {
    const table = new SymbolTable();
    table.intern('x');
    table.release('x');
    expect(() => table.release('x')).toThrow('symbol "x" released more often than interned');
  });
});

import { describe, expect, it } from '@jest/globals';
import { ByteReader, ByteWriter, Labels } from '@promethium/model';
import { StringTable, readLabels, readStringTable } from './string-table.js';

const L = (rec: Record<string, string>): Labels => Labels.fromRecord(rec);

/** The table's bytes, then the label sets written, as a message holds them. */
function message(table: StringTable, sets: ByteWriter): Uint8Array {
  const out = new ByteWriter();
  table.writeTo(out);
  out.bytes(sets.written());
  return out.toBytes();
}

function readBack(bytes: Uint8Array, count: number): Labels[] {
  const r = new ByteReader(bytes);
  const strings = readStringTable(r);
  const sets = Array.from({ length: count }, () => readLabels(r, strings));
  r.end();
  return sets;
}

/** Stages then writes each set, checking stage() told the bytes it adds. */
function writeAll(table: StringTable, sets: ByteWriter, all: Labels[]): void {
  for (const labels of all) {
    const before = table.size + sets.length;
    const cost = table.stage(labels);
    table.write(labels, sets);
    expect(table.size + sets.length - before).toBe(cost);
  }
}

describe('StringTable', () => {
  it('costs exactly what writing adds, however many strings and of what kind', () => {
    const all = [
      L({ __name__: 'up', job: 'api' }),
      L({ __name__: 'up', job: 'api' }),
      Labels.EMPTY,
      L({ città: 'Zürich', emoji: '📈 — ✓', long: 'v'.repeat(300) }),
      ...Array.from({ length: 300 }, (_, i) => L({ __name__: 'm', id: `s${i}`, [`n${i}`]: 'x' })),
    ];
    const table = new StringTable();
    const sets = new ByteWriter();
    writeAll(table, sets, all);
    expect(readBack(message(table, sets), all.length)).toEqual(all);
  });

  it('takes back a staged label set that is not written', () => {
    const kept = L({ __name__: 'up', job: 'api' });
    const dropped = L({ __name__: 'down', job: 'web', zone: 'éü' });
    const next = L({ __name__: 'up', job: 'db' });

    const table = new StringTable();
    const sets = new ByteWriter();
    writeAll(table, sets, [kept]);
    const size = table.size;
    table.stage(dropped);
    expect(table.size).toBe(size);
    writeAll(table, sets, [next]);

    const plain = new StringTable();
    const plainSets = new ByteWriter();
    writeAll(plain, plainSets, [kept, next]);
    expect(message(table, sets)).toEqual(message(plain, plainSets));
    expect(readBack(message(table, sets), 2)).toEqual([kept, next]);
  });

  it('leaves a staged set that is not written out of the table', () => {
    const table = new StringTable();
    const sets = new ByteWriter();
    writeAll(table, sets, [L({ a: '1' })]);
    table.stage(L({ b: '2', c: '3' }));
    expect(message(table, sets)).toEqual(Uint8Array.of(2, 1, 0x61, 1, 0x31, 1, 0, 1));
  });

  it('writes only the set staged last', () => {
    const table = new StringTable();
    const out = new ByteWriter();
    const a = L({ a: '1' });
    expect(() => table.write(a, out)).toThrow(/BUG/);
    table.stage(a);
    expect(() => table.write(L({ a: '1' }), out)).toThrow(/BUG/);
    table.write(a, out);
    expect(() => table.write(a, out)).toThrow(/BUG/);
  });
});

// Prometheus's figures on this machine, read from the shared README at run time so the
// comparison lines always quote the current measurements.
import { readFileSync } from 'node:fs';
import { SHARED_README } from './shared-load.mjs';

function readme() {
  try {
    return readFileSync(SHARED_README, 'utf8');
  } catch {
    return '';
  }
}

/** The cells of a markdown table row, trimmed. */
function cells(row) {
  return row
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
}

/** The mean of the numbers in a cell such as `1.53 / 1.44` or `331 / 362 MiB`. */
function meanOf(cell) {
  const numbers = [...cell.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replace(/,/g, '')),
  );
  return numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : undefined;
}

/**
 * The resource table's header and the row whose load cell starts with `load` (such as
 * `100 × 1,000`), with the row's mean CPU-s per 1M samples and RSS bytes per head series;
 * undefined when the README or the row is missing.
 */
export function resourceBaseline(load) {
  const lines = readme().split('\n');
  const row = lines.find((l) => l.startsWith(`| ${load}`));
  const header = lines.find((l) => l.startsWith('| load'));
  if (!row || !header) return undefined;
  const names = cells(header);
  const values = cells(row);
  const cell = (prefix) => values[names.findIndex((n) => n.startsWith(prefix))] ?? '';
  const kb = meanOf(cell('RSS per head series'));
  return {
    header,
    row,
    cpuSecondsPer1M: meanOf(cell('CPU-s per 1M')),
    rssBytesPerSeries: kb === undefined ? undefined : kb * 1000,
  };
}

/** The README's sentence on one 100,000-series text body, or undefined. */
export function parseBaseline() {
  const m = /Text-format parse,[\s\S]*?\)\.?\n/.exec(readme());
  return m?.[0].replace(/\s+/g, ' ').trim();
}

/** The README's bytes per sample including the index, with its sentence, or undefined. */
export function diskBaseline() {
  const m = /([\d.]+) bytes\/sample in chunks, ([\d.]+) including the index/.exec(readme());
  return m ? { chunks: Number(m[1]), withIndex: Number(m[2]) } : undefined;
}

/**
 * Prometheus's median query latency per query name from the README's "Query latency"
 * paragraph (e.g. `rate_subset 3.5 ms`, `range1h_sum_by_method (1h, 15s step) 197 ms`).
 */
export function queryBaseline() {
  const m = /Query latency on that backfilled data[\s\S]*?\n\n/.exec(readme() + '\n\n');
  const out = new Map();
  if (!m) return out;
  const text = m[0].replace(/\s+/g, ' ');
  for (const q of text.matchAll(/(\w+)(?: \([^)]*\))? ([\d.]+) ms/g)) out.set(q[1], Number(q[2]));
  return out;
}

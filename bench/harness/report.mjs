// The output contract of `node bench/run.mjs`: stdout carries only figure lines
// (`name: value unit`) and `# comment` lines; everything else goes to stderr.

/** Prints one figure as `name: value unit`; the value is rounded by formatValue. */
export function figure(name, value, unit) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BUG: figure name ${JSON.stringify(name)}`);
  if (!Number.isFinite(value)) throw new Error(`figure ${name} is not a finite number: ${value}`);
  process.stdout.write(`${name}: ${formatValue(value)} ${unit}\n`);
}

/** Prints each line of `text` as a `# ` comment on stdout. */
export function comment(text) {
  for (const line of String(text).split('\n')) process.stdout.write(`# ${line}\n`);
}

/** Writes a progress message to stderr, never stdout. */
export function progress(text) {
  process.stderr.write(`bench: ${text}\n`);
}

/** Whole numbers from 100 up, three significant digits below (0.0123, 4.56, 78.9). */
export function formatValue(value) {
  if (Math.abs(value) >= 100) return String(Math.round(value));
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

/** The median of a non-empty list of numbers (mean of the middle two for even lengths). */
export function median(values) {
  if (values.length === 0) throw new Error('BUG: median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

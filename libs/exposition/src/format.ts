import { METRIC_NAME } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { formatGoFloat } from './float-format.js';
import type { MetricType } from './types.js';

/** A sample to write; its labels include `__name__`. */
export interface TextSample {
  labels: Labels;
  value: number;
  timestampMs?: number;
}

/** A metric family to write: HELP and TYPE (each when given), then its samples. */
export interface TextFamily {
  name: string;
  type?: MetricType;
  help?: string;
  samples: readonly TextSample[];
}

// The text format has five types. OpenMetrics' others become their nearest, as the
// Python client writes them when it exposes the text format.
const TEXT_TYPES: Readonly<Record<MetricType, string>> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'untyped',
  unknown: 'untyped',
  gaugehistogram: 'histogram',
  stateset: 'gauge',
  info: 'gauge',
};

/**
 * Writes families in the Prometheus text format 0.0.4 as client_golang's expfmt does:
 * HELP text escaping `\` and line feeds, label values escaping `\`, `"` and line feeds,
 * values in Go's shortest form (`NaN`, `+Inf`, `-Inf`), timestamps in milliseconds.
 * Labels come in their sorted order after the metric name.
 */
export function formatPrometheusText(families: readonly TextFamily[]): string {
  let out = '';
  for (const family of families) {
    if (family.help !== undefined) out += `# HELP ${family.name} ${escape(family.help, false)}\n`;
    if (family.type !== undefined) out += `# TYPE ${family.name} ${TEXT_TYPES[family.type]}\n`;
    for (const sample of family.samples) out += formatSample(family, sample);
  }
  return out;
}

function formatSample(family: TextFamily, sample: TextSample): string {
  const name = sample.labels.name;
  if (name === '') throw new Error(`a sample of metric family "${family.name}" has no __name__`);
  let labels = '';
  for (const [label, value] of sample.labels) {
    if (label === METRIC_NAME) continue;
    labels += `${labels === '' ? '{' : ','}${label}="${escape(value, true)}"`;
  }
  if (labels !== '') labels += '}';
  const timestamp = sample.timestampMs === undefined ? '' : ` ${sample.timestampMs}`;
  return `${name}${labels} ${formatGoFloat(sample.value)}${timestamp}\n`;
}

// Escapes `\` and line feeds, and with `quotes` also `"`.
function escape(text: string, quotes: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const escaped = ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : quotes && ch === '"' ? '\\"' : '';
    if (escaped === '') continue;
    out += text.slice(from, i) + escaped;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The metric types of OpenMetrics 1.0, as TYPE lines spell them. */
export type OpenMetricsType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'gaugehistogram'
  | 'summary'
  | 'stateset'
  | 'info'
  | 'unknown';

/**
 * The sample-name suffixes each type's samples carry after the family name. A family
 * owns exactly these names: any other sample name starts a new family.
 */
export const SUFFIXES: Readonly<Record<OpenMetricsType, readonly string[]>> = {
  counter: ['_total', '_created'],
  gauge: [''],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['', '_count', '_sum', '_created'],
  stateset: [''],
  info: ['_info'],
  unknown: [''],
};

/** Whether `word` is an OpenMetrics type name. */
export function isOpenMetricsType(word: string): word is OpenMetricsType {
  return Object.hasOwn(SUFFIXES, word);
}

/**
 * The label that tells a family's samples of one metric point apart, and so is left out
 * when samples are grouped into metrics: a bucket's `le`, a quantile's `quantile`, a
 * state's label named after its stateset. '' for the other types.
 */
export function pointLabelOf(type: OpenMetricsType, familyName: string): string {
  switch (type) {
    case 'histogram':
    case 'gaugehistogram':
      return 'le';
    case 'summary':
      return 'quantile';
    case 'stateset':
      return familyName;
    default:
      return '';
  }
}

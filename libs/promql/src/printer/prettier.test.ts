import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/model';
import { ALL_EXPERIMENTAL } from '../parser/options.js';
import { parseExpr } from '../parser/parser.js';
import { prettify } from './prettier.js';

const parse = (input: string) => parseExpr(input, ALL_EXPERIMENTAL);

/** The tree without source positions, matchers as sorted text: what printing must keep. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.every((v) => v instanceof Matcher)) return value.map(String).sort();
    return value.map(normalize);
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'pos')
      .map(([k, v]) => [k, normalize(v)]),
  );
}

const e = (n: number): string => 'é'.repeat(n);

// Input and Prometheus's parser.Prettify output. Each expected text was checked against the
// /api/v1/format_query of Debian's Prometheus 2.42 (same pretty printer as 3.x), except the
// fill() case, which 2.42 cannot parse and follows the same binary-expression rule.
const cases: [string, string, string][] = [
  [
    'short expressions stay on one line',
    'sum by (job) (rate(http_requests_total{job="api"}[5m]))',
    'sum by (job) (rate(http_requests_total{job="api"}[5m]))',
  ],
  [
    'an aggregation splits around its body',
    'sum by (job, instance) (rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m]))',
    `sum by (job, instance) (
  rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m])
)`,
  ],
  [
    'an aggregation with a parameter puts it on its own line',
    'topk(5, sum by (job) (rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m])))',
    `topk(
  5,
  sum by (job) (rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m]))
)`,
  ],
  [
    'without and a string parameter',
    'count_values without (instance) ("version", build_info{job="api-server",environment="production",region="eu-west-1"})',
    `count_values without (instance) (
  "version",
  build_info{environment="production",job="api-server",region="eu-west-1"}
)`,
  ],
  [
    'quantile with grouping and a negative offset',
    'quantile by (job) (0.9, rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m] offset -1h))',
    `quantile by (job) (
  0.9,
  rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m] offset -1h)
)`,
  ],
  [
    'a binary expression keeps its matching modifiers on the operator line',
    'sum by (job) (rate(errors_total{job="api"}[5m])) / on (job) group_left (team) sum by (job) (rate(requests_total{job="api"}[5m]))',
    `  sum by (job) (rate(errors_total{job="api"}[5m]))
/ on (job) group_left (team)
  sum by (job) (rate(requests_total{job="api"}[5m]))`,
  ],
  [
    'bool stays with its comparison',
    'rate(http_requests_total{job="api-server",handler="/api/v1/query"}[5m]) > bool 100 * rate(http_requests_total[5m])',
    `  rate(http_requests_total{handler="/api/v1/query",job="api-server"}[5m])
> bool
  100 * rate(http_requests_total[5m])`,
  ],
  [
    'fill modifiers stay with their operator',
    'rate(http_requests_total{job="api-server",handler="/api/v1/query"}[5m]) + fill_left(0) rate(errors_total[5m])',
    `  rate(http_requests_total{handler="/api/v1/query",job="api-server"}[5m])
+ fill_left (0)
  rate(errors_total[5m])`,
  ],
  [
    'a left-nested chain indents one more level per operator',
    'node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 40',
    `      node_filesystem_avail_bytes{fstype!="",job="node"}
    /
      node_filesystem_size_bytes{fstype!="",job="node"}
  *
    100
<
  40`,
  ],
  [
    'set operators with on()',
    'sum(rate(a_very_long_metric_name_for_the_left_hand_side_total[5m])) and on (job, instance) sum(rate(b_total[5m])) unless up == 0',
    `    sum(rate(a_very_long_metric_name_for_the_left_hand_side_total[5m]))
  and on (job, instance)
    sum(rate(b_total[5m]))
unless
  up == 0`,
  ],
  [
    'a call puts one argument on each line',
    'label_replace(up{job="api-server",service="a:c",instance="localhost:9090"}, "foo", "$1", "service", "(.*):.*")',
    `label_replace(
  up{instance="localhost:9090",job="api-server",service="a:c"},
  "foo",
  "$1",
  "service",
  "(.*):.*"
)`,
  ],
  [
    'a split call inside a split binary expression',
    'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api-server"}[5m]))) > 0.5',
    `  histogram_quantile(
    0.99,
    sum by (le) (rate(http_request_duration_seconds_bucket{job="api-server"}[5m]))
  )
>
  0.5`,
  ],
  [
    'parentheses split around their content',
    '(sum by (job) (rate(http_requests_total{job="api-server"}[5m])) + sum by (job) (rate(errors_total[5m])))',
    `(
    sum by (job) (rate(http_requests_total{job="api-server"}[5m]))
  +
    sum by (job) (rate(errors_total[5m]))
)`,
  ],
  [
    'a long subquery prints its inner expression at its own level, then the suffix',
    'avg_over_time(rate(http_requests_total{code="200",handler="/api/v1/query_range",instance="localhost:9090"}[5m])[1h:1m] @ 1700000000)',
    `avg_over_time(
  rate(http_requests_total{code="200",handler="/api/v1/query_range",instance="localhost:9090"}[5m])[1h:1m] @ 1700000000.000
)`,
  ],
  [
    'a subquery short enough for one line loses its indentation, as in Prometheus',
    'max_over_time(rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m])[1h:1m] offset 1d)',
    `max_over_time(
rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m])[1h:1m] offset 1d
)`,
  ],
  [
    'a short subquery argument',
    'label_replace(max_over_time(rate(foo[5m])[1h:]), "destination_label", "$1", "source_label_name", "(.*)")',
    `label_replace(
  max_over_time(rate(foo[5m])[1h:]),
  "destination_label",
  "$1",
  "source_label_name",
  "(.*)"
)`,
  ],
  [
    'a subquery of a short parenthesis stays on one line',
    '(rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m]))[30m:1m]',
    '(rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m]))[30m:1m]',
  ],
  [
    'a unary sign attaches to its split operand',
    '-sum by (job) (rate(http_requests_total{job="api-server",handler="/api/v1/query_range"}[5m] @ start()))',
    `-sum by (job) (
  rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m] @ start())
)`,
  ],
  [
    'a unary sign on a parenthesis',
    '-(sum by (job) (rate(http_requests_total{job="api-server"}[5m])) + sum by (job) (rate(errors_total[5m])))',
    `-(
    sum by (job) (rate(http_requests_total{job="api-server"}[5m]))
  +
    sum by (job) (rate(errors_total[5m]))
)`,
  ],
  [
    'a unary sign over a split power drops the left operand’s indentation',
    '-http_requests_total{job="api-server",handler="/api/v1/query_range"} ^ http_requests_total{job="api-server"}',
    `-http_requests_total{handler="/api/v1/query_range",job="api-server"}
^
  http_requests_total{job="api-server"}`,
  ],
  [
    'a selector never splits, however long',
    'http_requests_total{job="api-server",handler="/api/v1/query_range",instance="localhost:9090",code="200"}',
    'http_requests_total{code="200",handler="/api/v1/query_range",instance="localhost:9090",job="api-server"}',
  ],
  [
    'nor does a range selector',
    'rate(http_requests_total{job="api-server",handler="/api/v1/query_range",instance="localhost:9090",code="200"}[5m])',
    `rate(
  http_requests_total{code="200",handler="/api/v1/query_range",instance="localhost:9090",job="api-server"}[5m]
)`,
  ],
  ['line length counts UTF-8 bytes: 100 fits', `sum(x{job="${e(43)}"})`, `sum(x{job="${e(43)}"})`],
  [
    'line length counts UTF-8 bytes: 104 splits (59 characters)',
    `sum(x{job="${e(45)}"})`,
    `sum(\n  x{job="${e(45)}"}\n)`,
  ],
];

describe('prettify', () => {
  it.each(cases)('%s', (_, input, want) => {
    expect(prettify(parse(input))).toBe(want);
  });

  it.each(cases)('%s: the pretty form parses back to the same tree', (_, input) => {
    const ast = parse(input);
    expect(normalize(parse(prettify(ast)))).toEqual(normalize(ast));
  });
});

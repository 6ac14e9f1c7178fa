import type { FlagSpec } from '@promethium/runtime';

/** Prometheus's query flags, shared by `query` and `all`. */
export const queryFlags: FlagSpec[] = [
  {
    name: 'query.lookback-delta',
    type: 'duration',
    default: '5m',
    help: 'The maximum lookback duration for retrieving metrics during expression evaluations.',
  },
  {
    name: 'query.timeout',
    type: 'duration',
    default: '2m',
    help: 'Maximum time a query may take before being aborted.',
  },
  {
    name: 'query.max-samples',
    type: 'number',
    default: 50000000,
    help: 'Maximum number of samples a single query can load into memory.',
  },
  {
    name: 'query.max-concurrency',
    type: 'number',
    default: 20,
    help: 'Maximum number of queries executed concurrently.',
  },
  {
    name: 'query.partial-response',
    type: 'boolean',
    default: false,
    help: 'Answer from the storage shards that respond, with a warning for each that does not, instead of failing the query.',
  },
  {
    name: 'enable-feature',
    type: 'string',
    repeatable: true,
    help: 'Comma separated feature names to enable. Valid options: promql-binop-fill-modifiers, promql-experimental-functions, promql-extended-range-selectors, use-start-timestamps.',
  },
];

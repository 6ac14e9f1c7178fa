import type { ValueType } from './ast.js';

/**
 * A PromQL function's signature. `variadic` is 0 for a fixed argument list, n > 0
 * when the last argument type may repeat up to n times (including zero times: the
 * last argument is optional), and -1 for no upper limit. `experimental` functions
 * need ParseOptions.experimentalFunctions.
 */
export interface FunctionSignature {
  readonly name: string;
  readonly argTypes: readonly ValueType[];
  readonly variadic: number;
  readonly returnType: ValueType;
  readonly experimental: boolean;
}

const CODES: Readonly<Record<string, ValueType>> = {
  v: 'vector',
  m: 'matrix',
  s: 'scalar',
  S: 'string',
};

// name, argument types (one letter each, see CODES), variadic, return type, experimental.
type Row = readonly [string, string, number, string, boolean];

// Prometheus 3's function table (promql/parser/functions.go).
const ROWS: readonly Row[] = [
  ['abs', 'v', 0, 'v', false],
  ['absent', 'v', 0, 'v', false],
  ['absent_over_time', 'm', 0, 'v', false],
  ['acos', 'v', 0, 'v', false],
  ['acosh', 'v', 0, 'v', false],
  ['asin', 'v', 0, 'v', false],
  ['asinh', 'v', 0, 'v', false],
  ['atan', 'v', 0, 'v', false],
  ['atanh', 'v', 0, 'v', false],
  ['avg_over_time', 'm', 0, 'v', false],
  ['ceil', 'v', 0, 'v', false],
  ['changes', 'm', 0, 'v', false],
  ['clamp', 'vss', 0, 'v', false],
  ['clamp_max', 'vs', 0, 'v', false],
  ['clamp_min', 'vs', 0, 'v', false],
  ['cos', 'v', 0, 'v', false],
  ['cosh', 'v', 0, 'v', false],
  ['count_over_time', 'm', 0, 'v', false],
  ['day_of_month', 'v', 1, 'v', false],
  ['day_of_week', 'v', 1, 'v', false],
  ['day_of_year', 'v', 1, 'v', false],
  ['days_in_month', 'v', 1, 'v', false],
  ['deg', 'v', 0, 'v', false],
  ['delta', 'm', 0, 'v', false],
  ['deriv', 'm', 0, 'v', false],
  ['double_exponential_smoothing', 'mss', 0, 'v', true],
  ['end', '', 0, 's', true],
  ['exp', 'v', 0, 'v', false],
  ['first_over_time', 'm', 0, 'v', false],
  ['floor', 'v', 0, 'v', false],
  ['histogram_avg', 'v', 0, 'v', false],
  ['histogram_count', 'v', 0, 'v', false],
  ['histogram_fraction', 'ssv', 0, 'v', false],
  ['histogram_quantile', 'sv', 0, 'v', false],
  ['histogram_quantiles', 'vSss', 9, 'v', true],
  ['histogram_stddev', 'v', 0, 'v', false],
  ['histogram_stdvar', 'v', 0, 'v', false],
  ['histogram_sum', 'v', 0, 'v', false],
  ['hour', 'v', 1, 'v', false],
  ['idelta', 'm', 0, 'v', false],
  ['increase', 'm', 0, 'v', false],
  ['info', 'vv', 1, 'v', true],
  ['irate', 'm', 0, 'v', false],
  ['label_join', 'vSSS', -1, 'v', false],
  ['label_replace', 'vSSSS', 0, 'v', false],
  ['last_over_time', 'm', 0, 'v', false],
  ['ln', 'v', 0, 'v', false],
  ['log10', 'v', 0, 'v', false],
  ['log2', 'v', 0, 'v', false],
  ['mad_over_time', 'm', 0, 'v', true],
  ['max_of', 'ss', 0, 's', true],
  ['max_over_time', 'm', 0, 'v', false],
  ['min_of', 'ss', 0, 's', true],
  ['min_over_time', 'm', 0, 'v', false],
  ['minute', 'v', 1, 'v', false],
  ['month', 'v', 1, 'v', false],
  ['pi', '', 0, 's', false],
  ['predict_linear', 'ms', 0, 'v', false],
  ['present_over_time', 'm', 0, 'v', false],
  ['quantile_over_time', 'sm', 0, 'v', false],
  ['rad', 'v', 0, 'v', false],
  ['range', '', 0, 's', true],
  ['rate', 'm', 0, 'v', false],
  ['resets', 'm', 0, 'v', false],
  ['round', 'vs', 1, 'v', false],
  ['scalar', 'v', 0, 's', false],
  ['sgn', 'v', 0, 'v', false],
  ['sin', 'v', 0, 'v', false],
  ['sinh', 'v', 0, 'v', false],
  ['sort', 'v', 0, 'v', false],
  ['sort_by_label', 'vS', -1, 'v', true],
  ['sort_by_label_desc', 'vS', -1, 'v', true],
  ['sort_desc', 'v', 0, 'v', false],
  ['sqrt', 'v', 0, 'v', false],
  ['start', '', 0, 's', true],
  ['start_timestamp', 'v', 0, 'v', true],
  ['stddev_over_time', 'm', 0, 'v', false],
  ['stdvar_over_time', 'm', 0, 'v', false],
  ['step', '', 0, 's', true],
  ['sum_over_time', 'm', 0, 'v', false],
  ['tan', 'v', 0, 'v', false],
  ['tanh', 'v', 0, 'v', false],
  ['time', '', 0, 's', false],
  ['timestamp', 'v', 0, 'v', false],
  ['ts_of_first_over_time', 'm', 0, 'v', true],
  ['ts_of_last_over_time', 'm', 0, 'v', true],
  ['ts_of_max_over_time', 'm', 0, 'v', true],
  ['ts_of_min_over_time', 'm', 0, 'v', true],
  ['vector', 's', 0, 'v', false],
  ['year', 'v', 1, 'v', false],
];

function decode(codes: string): ValueType[] {
  return [...codes].map((c) => {
    const type = CODES[c];
    if (type === undefined) throw new Error(`BUG: unknown value type code ${c}`);
    return type;
  });
}

/** Every function PromQL knows, by name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(
  ROWS.map(([name, args, variadic, ret, experimental]) => [
    name,
    { name, argTypes: decode(args), variadic, returnType: decode(ret)[0]!, experimental },
  ]),
);

/**
 * The functions whose output series lose `__name__` in Prometheus 3 (it marks them and,
 * with delayed name removal, drops the name at the end of the evaluation): every
 * function that computes a new value per input series. Those that only reorder or
 * relabel (sort*, label_replace, label_join), first_over_time and last_over_time
 * (which return a raw sample) keep it; functions without series input have none.
 */
export const dropsMetricName: ReadonlySet<string> = new Set([
  // Instant-vector functions.
  ...['abs', 'ceil', 'floor', 'exp', 'sqrt', 'ln', 'log2', 'log10', 'sgn'],
  ...['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh'],
  ...['asinh', 'acosh', 'atanh', 'deg', 'rad', 'round', 'clamp', 'clamp_min', 'clamp_max'],
  ...['timestamp', 'start_timestamp', 'day_of_month', 'day_of_week', 'day_of_year'],
  ...['days_in_month', 'hour', 'minute', 'month', 'year'],
  ...['histogram_quantile', 'histogram_count', 'histogram_sum', 'histogram_avg'],
  ...['histogram_fraction', 'histogram_stddev', 'histogram_stdvar'],
  // Range-vector functions.
  ...['rate', 'increase', 'delta', 'irate', 'idelta', 'deriv', 'predict_linear'],
  ...['resets', 'changes', 'avg_over_time', 'min_over_time', 'max_over_time'],
  ...['sum_over_time', 'count_over_time', 'quantile_over_time', 'stddev_over_time'],
  ...['stdvar_over_time', 'mad_over_time', 'present_over_time', 'ts_of_min_over_time'],
  ...['ts_of_max_over_time', 'ts_of_first_over_time', 'ts_of_last_over_time'],
  'double_exponential_smoothing',
]);

export { ScriptParseError, type LineRef } from './errors.js';
export { parseScript } from './script/parse.js';
export { parseSequence, MAX_SEQUENCE_LENGTH } from './script/sequence.js';
export { parseSeriesDescription, type SeriesDescription } from './script/series.js';
export { parseHistogramLiteral } from './script/histogram.js';
export type {
  Script,
  Command,
  LoadCommand,
  ClearCommand,
  EvalCommand,
  EvalQuery,
  Expectations,
  AnnotationExpectation,
  TextMatcher,
  TimeGrid,
  ExpectedResult,
  ExpectedSeries,
  SeriesLine,
  SequenceValue,
  HistogramLiteral,
  HistogramValue,
} from './script/types.js';
export { MemoryStorage, type StoredSample } from './storage/memory.js';
export { applyLoad } from './storage/load.js';
export { selectorMatchers } from './run/selectors.js';
export { almostEqual, EPSILON } from './run/values.js';
export { compareResult } from './run/compare.js';
export { checkAnnotations, splitAnnotations } from './run/annotations.js';
export {
  runScript,
  newTestEngine,
  isNativeHistogramCase,
  TEST_ENGINE_OPTIONS,
  type RunOptions,
  type EvalOutcome,
} from './run/runner.js';
export { type QueryEngine } from './run/eval.js';
export { runFiles, type ReportOptions, type ReportTotals, type Tally } from './run/report.js';

export {
  TemplateEngine,
  TemplateSet,
  type TemplateEngineOptions,
  type ExecuteOptions,
  type ExecuteTextOptions,
} from './engine.js';
export type { MissingKey } from './exec.js';
export { TemplateParseError, TemplateExecError, TemplateArgumentError } from './errors.js';
export { type TemplateFunction, type FunctionMap, variadic } from './function.js';
export { SafeHtml, SafeUrl } from './values.js';
export { GoTime, GoDuration } from './time.js';
export { alertmanagerFunctions } from './functions/alertmanager.js';
export {
  prometheusFunctions,
  prometheusContextFunctions,
  type PrometheusEvaluation,
} from './functions/prometheus.js';

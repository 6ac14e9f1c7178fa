export { createApiRouter, type ApiDeps, type ApiLogger } from './router.js';
export { ApiError, type ApiErrorType } from './errors.js';
export { defaultStatus, type StatusInfo, type BuildInfo } from './status.js';
export { QueryGate } from './query-gate.js';
export { EngineMetrics } from './engine-metrics.js';

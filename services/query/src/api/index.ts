export { createApiRouter, type ApiDeps, type ApiLogger } from './router.js';
export { ApiError, type ApiErrorType } from './errors.js';

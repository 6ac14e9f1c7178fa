export { createQueryService, type QueryService, type QueryServiceOptions } from './query.js';
export { defaultStatus, type StatusInfo, type BuildInfo } from './api/index.js';
export { flagTexts } from './status-flags.js';

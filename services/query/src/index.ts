export { createQueryService, type QueryService, type QueryServiceOptions } from './query.js';

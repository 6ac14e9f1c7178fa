export { startScraper, type ScraperService, type ScraperServiceOptions } from './service.js';
export { DEFAULT_HEARTBEAT_INTERVAL_MS } from './membership.js';
export { targetsFromGroups, type Target } from './target.js';
export {
  DEFAULT_WRITE_BUFFER_SAMPLES,
  DEFAULT_WRITE_MAX_RETRY_DURATION_MS,
} from '@promethium/storage-client';

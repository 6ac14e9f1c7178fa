export { startScraper, type ScraperService, type ScraperServiceOptions } from './service.js';
export { targetsFromGroups, type Target } from './target.js';

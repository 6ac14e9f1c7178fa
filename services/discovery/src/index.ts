export { startDiscovery, type DiscoveryService, type DiscoveryServiceOptions } from './service.js';
export type { Discoverer } from './discoverer.js';
export { StaticDiscoverer } from './providers/static.js';
export { FileDiscoverer, parseTargetFile, type FileSdOptions } from './providers/file.js';
export { FileSdError } from './errors.js';

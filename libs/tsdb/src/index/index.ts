export { MemPostings, type PostingsStats } from './mem-postings.js';
export { SymbolTable } from './symbol-table.js';
export { postingsForMatchers } from './postings-for-matchers.js';
export type { PostingsIndex } from './postings-index.js';
export type { Stat } from './top-stats.js';

export { startAllInOne, type AllInOne, type AllInOneOptions } from './all.js';

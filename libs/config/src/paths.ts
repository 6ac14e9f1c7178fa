import { isAbsolute, join } from 'node:path';

/** Joins a relative path to `dir` as Prometheus does; absolute and empty paths stay as they are. */
export function joinDir(dir: string, path: string): string {
  return path === '' || isAbsolute(path) ? path : join(dir, path);
}

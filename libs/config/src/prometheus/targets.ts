import { labelSet } from '../labels.js';
import type { Cursor } from '../yaml/cursor.js';
import { check, duration, list, str } from '../yaml/decoders.js';
import { field, object } from '../yaml/object.js';

/** A `static_configs` entry as written: target addresses and their common labels. */
export const staticConfig = object({
  targets: field('targets', list(str), [] as string[]),
  labels: field('labels', labelSet, {}),
});

// A `*` may appear only in the last path element; the extension decides the file format.
const FILE_SD_PATTERN = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/;

/** A `file_sd_configs` entry: at least one pattern ending in .json/.yml/.yaml, refresh default 5m. */
export const fileSdConfig = object(
  {
    files: field(
      'files',
      list(
        check(str, (f) =>
          FILE_SD_PATTERN.test(f)
            ? undefined
            : `path name ${JSON.stringify(f)} is not valid for file discovery`,
        ),
      ),
      [] as string[],
    ),
    refreshInterval: field('refresh_interval', duration, 5 * 60_000),
  },
  {
    check: (value, at) => {
      if (value.files.length === 0)
        at('files').fail('file service discovery config must contain at least one path name');
      if (value.refreshInterval <= 0) at('refreshInterval').fail('must be greater than 0');
    },
  },
);

/**
 * Rejects static target addresses that are empty or look like URLs (Prometheus refuses any
 * `/`), for a scrape config without relabeling that could rewrite them. `at` is the scrape
 * config; every `static_configs[].targets[]` is checked.
 */
export function checkStaticTargets(at: Cursor): void {
  for (const group of at.lookup('static_configs')?.items() ?? []) {
    for (const target of group.lookup('targets')?.items() ?? []) {
      const address = str(target);
      if (address === '') target.fail('target address is empty');
      if (address.includes('/')) target.fail(`${JSON.stringify(address)} is not a valid hostname`);
    }
  }
}

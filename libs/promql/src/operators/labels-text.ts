import { goQuote } from '@promethium/model';
import type { Labels } from '@promethium/model';

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Prometheus's labels.String(): `{a="1", "b.c"="2"}` with Go quoting, used in error messages. */
export function goLabelsString(labels: Labels): string {
  const parts: string[] = [];
  for (const [name, value] of labels) {
    parts.push(`${LEGACY_NAME.test(name) ? name : goQuote(name)}=${goQuote(value)}`);
  }
  return `{${parts.join(', ')}}`;
}

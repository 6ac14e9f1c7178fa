import { parseCommentLine } from './comment-line.js';
import { Ch, Cursor } from './cursor.js';
import { Families } from './families.js';
import { parseSampleLine } from './sample-line.js';
import type { SeriesTextCache } from './series-text-cache.js';
import type { ParseResult, ParsedSample } from './types.js';

/**
 * Parses a body in the Prometheus text format 0.0.4 (lines end in `\n`; the last one
 * may lack it). Throws ExpositionError, naming line and column, at the first error.
 * `cache` carries the label sets of a target's series from one scrape to the next.
 */
export function parsePrometheusText(body: string, cache?: SeriesTextCache): ParseResult {
  const c = new Cursor(body);
  const families = new Families(c);
  const samples: ParsedSample[] = [];
  const normalized = new Map<string, string>();
  cache?.begin();
  while (c.pos < c.end) {
    c.skipBlanks();
    const ch = c.peek();
    if (ch === Ch.Hash) parseCommentLine(c, families);
    else if (ch !== Ch.LF && ch !== -1)
      samples.push(parseSampleLine(c, families, normalized, cache));
    if (!c.atLineEnd()) throw new Error(`BUG: line ${c.line} parsed without reaching its end`);
    c.endLine();
  }
  cache?.complete();
  return { samples, metadata: families.metadata };
}

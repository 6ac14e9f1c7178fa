import { parseCommentLine } from './comment-line.js';
import { Ch, Cursor } from './cursor.js';
import { Families } from './families.js';
import { parseSampleLine } from './sample-line.js';
import type { ParseResult, ParsedSample } from './types.js';

/**
 * Parses a body in the Prometheus text format 0.0.4 (lines end in `\n`; the last one
 * may lack it). Throws ExpositionError, naming line and column, at the first error.
 */
export function parsePrometheusText(body: string): ParseResult {
  const c = new Cursor(body);
  const families = new Families(c);
  const samples: ParsedSample[] = [];
  const normalized = new Map<string, string>();
  while (c.pos < c.end) {
    c.skipBlanks();
    const ch = c.peek();
    if (ch === Ch.Hash) parseCommentLine(c, families);
    else if (ch !== Ch.LF && ch !== -1) samples.push(parseSampleLine(c, families, normalized));
    if (!c.atLineEnd()) throw new Error(`BUG: line ${c.line} parsed without reaching its end`);
    c.endLine();
  }
  return { samples, metadata: families.metadata };
}

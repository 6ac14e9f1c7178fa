import type { Labels } from '@promethium/model';
import { ScriptParseError, atLine } from '../errors.js';
import type { LineRef } from '../errors.js';
import { parseTime } from './time.js';
import { parseSeriesDescription } from './series.js';
import { isStartTimestampLine, parseStartTimestampLine } from './start-timestamps.js';
import type { LoadCommand, SeriesLine } from './types.js';

const LOAD_HEADER = /^load(_with_nhcb)?\s+(.+)$/;

interface PendingStartTimestamps {
  readonly ref: LineRef;
  readonly labels: Labels;
  readonly offsets: (number | undefined)[];
}

/**
 * Parses the `load` command whose header is `lines[index]`; its body runs to the
 * next blank line. Returns the command and the index of its last line.
 */
export function parseLoad(
  file: string,
  lines: readonly string[],
  index: number,
): { command: LoadCommand; last: number } {
  const header: LineRef = { file, line: index + 1 };
  const m = LOAD_HEADER.exec(lines[index]!);
  if (!m)
    throw new ScriptParseError(
      header,
      'invalid load command, expected load[_with_nhcb] <interval>',
    );
  const intervalMs = parseTime(header, m[2]!, 'interval');
  const series: SeriesLine[] = [];
  let pending: PendingStartTimestamps | undefined;
  let i = index + 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const ref: LineRef = { file, line: i + 1 };
    const text = lines[i]!;
    if (isStartTimestampLine(text)) {
      if (pending) throw new ScriptParseError(pending.ref, '@st line has no following sample line');
      pending = { ref, ...atLine(ref, 0, () => parseStartTimestampLine(text)) };
      continue;
    }
    const { labels, values } = atLine(ref, 0, () => parseSeriesDescription(text));
    if (!pending) {
      series.push({ line: ref.line, labels, values });
      continue;
    }
    if (!pending.labels.equals(labels)) {
      throw new ScriptParseError(
        pending.ref,
        '@st metric does not match the following sample line metric',
      );
    }
    if (pending.offsets.length !== values.length) {
      throw new ScriptParseError(
        pending.ref,
        `@st line has ${pending.offsets.length} values but sample line has ${values.length}`,
      );
    }
    series.push({ line: ref.line, labels, values, startOffsets: pending.offsets });
    pending = undefined;
  }
  if (pending) throw new ScriptParseError(pending.ref, '@st line has no following sample line');
  const command: LoadCommand = {
    kind: 'load',
    line: header.line,
    intervalMs,
    withNhcb: m[1] !== undefined,
    series,
  };
  return { command, last: i - 1 };
}

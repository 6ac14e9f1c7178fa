import type { Cursor } from '../yaml/cursor.js';

/** The exposition formats a scrape can ask for, by Prometheus's names. */
export const SCRAPE_PROTOCOLS = [
  'PrometheusProto',
  'PrometheusText0.0.4',
  'PrometheusText1.0.0',
  'OpenMetricsText0.0.1',
  'OpenMetricsText1.0.0',
] as const;

/** One of SCRAPE_PROTOCOLS. */
export type ScrapeProtocol = (typeof SCRAPE_PROTOCOLS)[number];

/** What Prometheus 3 asks for when `scrape_protocols` is not set, most wanted first. */
export const DEFAULT_SCRAPE_PROTOCOLS: readonly ScrapeProtocol[] = [
  'OpenMetricsText1.0.0',
  'OpenMetricsText0.0.1',
  'PrometheusText1.0.0',
  'PrometheusText0.0.4',
];

const SUPPORTED = `[${[...SCRAPE_PROTOCOLS].sort().join(' ')}]`;

/** Why `name` is not a protocol, as Prometheus words it; undefined when it is one. */
function unknownProtocol(name: string): string | undefined {
  const known: readonly string[] = SCRAPE_PROTOCOLS;
  return known.includes(name)
    ? undefined
    : `unknown scrape protocol ${name}, supported: ${SUPPORTED}`;
}

/**
 * Validates a `scrape_protocols` list as Prometheus does: not empty, no name twice (ignoring
 * case), every name known. `at` is the list; `owner` ends each message, e.g. `global config`.
 */
export function checkScrapeProtocols(names: string[], at: Cursor, owner: string): ScrapeProtocol[] {
  if (names.length === 0) at.fail(`scrape_protocols cannot be empty for ${owner}`);
  const items = at.items();
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const item = items[i]!;
    if (seen.has(name.toLowerCase())) {
      item.fail(`duplicated protocol in scrape_protocols, got [${names.join(' ')}] for ${owner}`);
    }
    const problem = unknownProtocol(name);
    if (problem !== undefined) item.fail(`scrape_protocols: ${problem} for ${owner}`);
    seen.add(name.toLowerCase());
  });
  return names as ScrapeProtocol[];
}

/** Validates `fallback_scrape_protocol` (at `at`); '' means not set. */
export function checkFallbackProtocol(
  name: string,
  at: Cursor,
  jobName: string,
): ScrapeProtocol | undefined {
  if (name === '') return undefined;
  const problem = unknownProtocol(name);
  if (problem !== undefined) {
    at.fail(
      `invalid fallback_scrape_protocol for scrape config with job name ${JSON.stringify(jobName)}: ${problem}`,
    );
  }
  return name as ScrapeProtocol;
}

import type { Labels } from '@promethium/model';
import { mergeSeriesSets, mergeSortedUnique } from '@promethium/storage';
import type { LabelQueryable, Queryable } from '@promethium/storage';
import type { Request, Response } from 'express';
import { ApiError, fromStorageError } from './errors.js';
import { jsonString, labelsJson, send, successBody } from './json.js';
import { ALL_TIME, formAll, limitParam, matcherSets, optionalTime } from './list-params.js';
import { formValues } from './params.js';
import { unescapeLabelName } from './label-name.js';

/** What the series and label endpoints read. */
export interface ListDeps {
  readonly queryable: Queryable;
  readonly labels: LabelQueryable;
}

const TRUNCATED = 'results truncated due to limit';

/** GET/POST /series: `match[]` (required), `start`, `end`, `limit`. */
export async function series(deps: ListDeps, req: Request, res: Response): Promise<void> {
  const form = formValues(req);
  const selectors = formAll(req, 'match[]');
  if (selectors.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
  const limit = limitParam(form);
  const mint = optionalTime(form, 'start', ALL_TIME.mint);
  const maxt = optionalTime(form, 'end', ALL_TIME.maxt);
  const sets = matcherSets(selectors, true);
  const querier = deps.queryable.querier(mint, maxt);
  const found: Labels[] = [];
  try {
    for await (const s of mergeSeriesSets(sets.map((m) => querier.select(m)))) {
      found.push(s.labels);
      if (limit > 0 && found.length > limit) break;
    }
  } catch (err) {
    throw fromStorageError(err);
  }
  const [kept, truncated] = truncate(found, limit);
  const warnings = [...(querier.warnings?.() ?? []), ...truncated];
  send(res, 200, successBody(`[${kept.map(labelsJson).join(',')}]`, warnings));
}

/** GET/POST /labels: `match[]`, `start`, `end`, `limit`; all time by default. */
export async function labelNames(deps: ListDeps, req: Request, res: Response): Promise<void> {
  const form = formValues(req);
  const limit = limitParam(form);
  const mint = optionalTime(form, 'start', ALL_TIME.mint);
  const maxt = optionalTime(form, 'end', ALL_TIME.maxt);
  const sets = matcherSets(formAll(req, 'match[]'), false);
  const querier = deps.labels.labelQuerier(mint, maxt);
  const names = await read(() =>
    sets.length === 0 ? [querier.labelNames()] : sets.map((m) => querier.labelNames(m)),
  );
  sendStrings(res, names, limit, querier.warnings?.() ?? []);
}

/** GET/POST /label/:name/values: `match[]`, `start`, `end`, `limit`; all time by default. */
export async function labelValues(deps: ListDeps, req: Request, res: Response): Promise<void> {
  const name = unescapeLabelName(String(req.params.name));
  if (name === '') throw new ApiError('bad_data', `invalid label name: ${JSON.stringify(name)}`);
  const form = formValues(req);
  const limit = limitParam(form);
  const mint = optionalTime(form, 'start', ALL_TIME.mint);
  const maxt = optionalTime(form, 'end', ALL_TIME.maxt);
  const sets = matcherSets(formAll(req, 'match[]'), false);
  const querier = deps.labels.labelQuerier(mint, maxt);
  const values = await read(() =>
    sets.length === 0 ? [querier.labelValues(name)] : sets.map((m) => querier.labelValues(name, m)),
  );
  sendStrings(res, values, limit, querier.warnings?.() ?? []);
}

async function read(start: () => Promise<string[]>[]): Promise<string[]> {
  try {
    return mergeSortedUnique(await Promise.all(start()));
  } catch (err) {
    throw fromStorageError(err);
  }
}

function sendStrings(
  res: Response,
  list: string[],
  limit: number,
  storageWarnings: readonly string[],
): void {
  const [kept, truncated] = truncate(list, limit);
  const warnings = [...storageWarnings, ...truncated];
  send(res, 200, successBody(`[${kept.map(jsonString).join(',')}]`, warnings));
}

function truncate<T>(list: T[], limit: number): [T[], string[]] {
  if (limit > 0 && list.length > limit) return [list.slice(0, limit), [TRUNCATED]];
  return [list, []];
}

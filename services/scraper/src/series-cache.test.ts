import { describe, expect, it } from '@jest/globals';
import { parsePrometheusText } from '@promethium/exposition';
import { Labels } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { newRelabelConfig } from '@promethium/relabel';
import type { RelabelConfigSpec } from '@promethium/relabel';
import { SeriesCache } from './series-cache.js';
import type { ScrapeLimits, SeriesRules } from './series-cache.js';

const NO_LIMITS: ScrapeLimits = {
  sampleLimit: 0,
  labelLimit: 0,
  labelNameLengthLimit: 0,
  labelValueLengthLimit: 0,
};

function cache(
  rules: Partial<Omit<SeriesRules, 'metricRelabelConfigs'>> & {
    relabel?: RelabelConfigSpec[];
  } = {},
): SeriesCache {
  return new SeriesCache({
    targetLabels: Labels.fromRecord({ job: 'j', instance: 'h:1' }),
    honorLabels: false,
    honorTimestamps: true,
    trackTimestampsStaleness: false,
    limits: NO_LIMITS,
    ...rules,
    metricRelabelConfigs: (rules.relabel ?? []).map(newRelabelConfig),
  });
}

const body = (text: string) => parsePrometheusText(text).samples;
const shown = (samples: LabeledSample[]) =>
  samples.map((s) => `${s.labels.toString()} ${s.stale ? 'stale' : s.v}@${s.t}`);

describe('SeriesCache', () => {
  it('adds the target labels and keeps clashing scraped ones as exported_<name>', () => {
    const out = cache().append(body('a{job="x",exported_job="y"} 1\nb 2\n'), 1000);
    expect(shown(out.samples)).toEqual([
      '{__name__="a", exported_exported_job="x", exported_job="y", instance="h:1", job="j"} 1@1000',
      '{__name__="b", instance="h:1", job="j"} 2@1000',
    ]);
    expect(out).toMatchObject({ scraped: 2, added: 2, seriesAdded: 2 });
    expect(out.error).toBeUndefined();
  });

  it('keeps scraped labels over target labels with honor_labels', () => {
    const out = cache({ honorLabels: true }).append(body('a{job="x"} 1\n'), 1000);
    expect(shown(out.samples)).toEqual(['{__name__="a", instance="h:1", job="x"} 1@1000']);
  });

  it('applies metric_relabel_configs after the target labels and counts what is left', () => {
    const c = cache({
      relabel: [
        { action: 'drop', sourceLabels: ['__name__'], regex: 'go_.*' },
        { sourceLabels: ['instance'], targetLabel: 'host', regex: '(.*):.*' },
      ],
    });
    const out = c.append(body('go_goroutines 5\nup_time 7\n'), 1000);
    expect(shown(out.samples)).toEqual([
      '{__name__="up_time", host="h", instance="h:1", job="j"} 7@1000',
    ]);
    expect(out).toMatchObject({ scraped: 2, added: 1, seriesAdded: 1 });
  });

  it('marks series that vanish stale and counts only new series as added', () => {
    const c = cache();
    c.append(body('a 1\nb 2\n'), 1000);
    const out = c.append(body('b 3\nc 4\n'), 2000);
    expect(shown(out.samples)).toEqual([
      '{__name__="b", instance="h:1", job="j"} 3@2000',
      '{__name__="c", instance="h:1", job="j"} 4@2000',
      '{__name__="a", instance="h:1", job="j"} stale@2000',
    ]);
    expect(out.seriesAdded).toBe(1);
  });

  it('does not track series with their own timestamps unless asked to', () => {
    const untracked = cache();
    untracked.append(body('a 1 500\n'), 1000);
    expect(untracked.append(body(''), 2000).samples).toEqual([]);
    const tracked = cache({ trackTimestampsStaleness: true });
    tracked.append(body('a 1 500\n'), 1000);
    expect(shown(tracked.append(body(''), 2000).samples)).toEqual([
      '{__name__="a", instance="h:1", job="j"} stale@2000',
    ]);
  });

  it('uses the scrape time when timestamps are not honored', () => {
    const out = cache({ honorTimestamps: false }).append(body('a 1 500\n'), 1000);
    expect(shown(out.samples)).toEqual(['{__name__="a", instance="h:1", job="j"} 1@1000']);
  });

  it('drops a repeated series without failing the scrape, and counts it', () => {
    const out = cache().append(body('a 1\na 2\nb 3\n'), 1000);
    expect(shown(out.samples).length).toBe(2);
    expect(out).toMatchObject({ duplicates: 1, added: 3 });
    expect(out.error).toBeUndefined();
  });

  it('drops samples dated more than ten minutes ahead', () => {
    const ahead = Date.now() + 11 * 60 * 1000;
    const out = cache().append(body(`a 1 ${ahead}\nb 2\n`), 1000);
    expect(out.samples.length).toBe(1);
    expect(out.outOfBounds).toBe(1);
  });

  it('fails the whole scrape over sample_limit, reading the rest, and marks the last one stale', () => {
    const c = cache({ limits: { ...NO_LIMITS, sampleLimit: 2 } });
    c.append(body('a 1\n'), 1000);
    const out = c.append(body('a 1\nb 2\nc 3\nd 4\n'), 2000);
    expect(out.error).toBe('sample limit exceeded');
    expect(out).toMatchObject({ scraped: 4, added: 4, exceededSampleLimit: true });
    expect(shown(out.samples)).toEqual(['{__name__="a", instance="h:1", job="j"} stale@2000']);
    // Samples metric relabeling drops do not count towards the limit.
    const relabeled = cache({
      limits: { ...NO_LIMITS, sampleLimit: 1 },
      relabel: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'b' }],
    });
    expect(relabeled.append(body('a 1\nb 2\n'), 1000).error).toBeUndefined();
  });

  it('fails the scrape with Prometheus texts when a label limit is exceeded', () => {
    const limited = (limits: Partial<ScrapeLimits>, text: string) =>
      cache({ limits: { ...NO_LIMITS, ...limits } }).append(body(text), 1000);
    expect(limited({ labelLimit: 3 }, 'a{x="1"} 1\n').error).toBe(
      'label_limit exceeded (metric: a, number of labels: 4, limit: 3)',
    );
    expect(limited({ labelNameLengthLimit: 8 }, 'a{long_name="1"} 1\n').error).toBe(
      'label_name_length_limit exceeded (metric: a, label name: long_name, length: 9, limit: 8)',
    );
    const out = limited({ labelValueLengthLimit: 4 }, 'a{x="ünicode"} 1\n');
    expect(out.error).toBe(
      'label_value_length_limit exceeded (metric: a, label name: x, value: "ünicode", length: 8, limit: 4)',
    );
    expect(out).toMatchObject({ exceededLabelLimits: true, samples: [] });
  });

  it('fails the scrape when relabeling removes the metric name', () => {
    const out = cache({ relabel: [{ action: 'labeldrop', regex: '__name__' }] }).append(
      body('a 1\n'),
      1000,
    );
    expect(out.error).toBe('missing metric name (__name__ label)');
  });

  it('after a failed scrape counts every series as added again', () => {
    const c = cache({ limits: { ...NO_LIMITS, sampleLimit: 1 } });
    c.append(body('a 1\n'), 1000);
    c.append(body('a 1\nb 2\n'), 2000);
    expect(c.append(body('a 1\n'), 3000).seriesAdded).toBe(1);
  });

  it('marks a series stale once, and counts it as added when it comes back', () => {
    const c = cache();
    c.append(body('a 1\nb 2\n'), 1000);
    expect(shown(c.append(body('a 1\n'), 2000).samples)).toContain(
      '{__name__="b", instance="h:1", job="j"} stale@2000',
    );
    expect(c.append(body('a 1\n'), 3000).samples).toHaveLength(1);
    const back = c.append(body('a 1\nb 2\n'), 4000);
    expect(back).toMatchObject({ seriesAdded: 1 });
    expect(back.samples).toHaveLength(2);
  });

  it('marks every series stale when the target goes away', () => {
    const c = cache();
    c.append(body('a 1\nb 2\n'), 1000);
    expect(shown(c.markAllStale(5000))).toEqual([
      '{__name__="a", instance="h:1", job="j"} stale@5000',
      '{__name__="b", instance="h:1", job="j"} stale@5000',
    ]);
    expect(c.markAllStale(6000)).toEqual([]);
  });
});

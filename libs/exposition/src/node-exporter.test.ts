import { describe, expect, it } from '@jest/globals';
import { parsePrometheusText } from './parse.js';

// Shaped like a node_exporter / client_golang scrape, with the awkward parts added.
const body = `# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 2.1291e-05
go_gc_duration_seconds{quantile="0.25"} 3.4e-05
go_gc_duration_seconds{quantile="1"} 0.000415
go_gc_duration_seconds_sum 0.012493541
go_gc_duration_seconds_count 187
# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
# TYPE node_cpu_seconds_total counter
node_cpu_seconds_total{cpu="0",mode="idle"} 123456.78
node_cpu_seconds_total{cpu="0",mode="iowait"} 12.5
# HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
# TYPE node_filesystem_avail_bytes gauge
node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 4.2e+10
node_filesystem_avail_bytes{device="C:\\\\",fstype="ntfs",mountpoint="say \\"hi\\"\\nthere"} 0
# HELP http_request_duration_seconds Request latency.\\nIn seconds.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{handler="/api",le="0.05"} 24054 1700000000000
http_request_duration_seconds_bucket{handler="/api",le="0.1"} 33444 1700000000000
http_request_duration_seconds_bucket{handler="/api",le="1"} 100392 1700000000000
http_request_duration_seconds_bucket{handler="/api",le="+Inf"} 144320 1700000000000
http_request_duration_seconds_sum{handler="/api"} 53423 1700000000000
http_request_duration_seconds_count{handler="/api"} 144320 1700000000000
# A free-form comment.
node_load1 NaN
node_scrape_collector_success{collector="arp"} 1
# HELP process_max_fds Maximum number of open file descriptors.
# TYPE process_max_fds gauge
process_max_fds +Inf
`;

describe('a node_exporter-like body', () => {
  const { samples, metadata } = parsePrometheusText(body);

  it('reads every sample', () => {
    expect(samples).toHaveLength(18);
    expect(samples.map((s) => s.name)).toContain('http_request_duration_seconds_bucket');
  });

  it('reads summary quantiles, normalised, with their _sum and _count', () => {
    const gc = samples.filter((s) => s.name.startsWith('go_gc_duration_seconds'));
    expect(gc.map((s) => [s.labels.get('quantile'), s.value])).toEqual([
      ['0.0', 2.1291e-5],
      ['0.25', 3.4e-5],
      ['1.0', 0.000415],
      ['', 0.012493541],
      ['', 187],
    ]);
  });

  it('reads histogram buckets with their timestamps', () => {
    const buckets = samples.filter((s) => s.name === 'http_request_duration_seconds_bucket');
    expect(buckets.map((s) => s.labels.get('le'))).toEqual(['0.05', '0.1', '1.0', '+Inf']);
    expect(
      new Set(samples.filter((s) => s.name.startsWith('http_')).map((s) => s.timestampMs)),
    ).toEqual(new Set([1_700_000_000_000]));
  });

  it('decodes escaped label values and help text', () => {
    const windows = samples.find((s) => s.labels.get('fstype') === 'ntfs')!;
    expect(windows.labels.get('device')).toBe('C:\\');
    expect(windows.labels.get('mountpoint')).toBe('say "hi"\nthere');
    expect(metadata.get('http_request_duration_seconds')!.help).toBe(
      'Request latency.\nIn seconds.',
    );
  });

  it('reads special values', () => {
    expect(samples.find((s) => s.name === 'node_load1')!.value).toBeNaN();
    expect(samples.find((s) => s.name === 'process_max_fds')!.value).toBe(Infinity);
  });

  it('collects the metadata of every family', () => {
    expect(Object.fromEntries([...metadata].map(([name, m]) => [name, m.type]))).toEqual({
      go_gc_duration_seconds: 'summary',
      node_cpu_seconds_total: 'counter',
      node_filesystem_avail_bytes: 'gauge',
      http_request_duration_seconds: 'histogram',
      process_max_fds: 'gauge',
    });
  });
});

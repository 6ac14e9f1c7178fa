import { describe, expect, it } from '@jest/globals';
import { VERSION } from '../version.js';
import { createRegistry } from './registry.js';

describe('createRegistry', () => {
  it('exposes build info and the process and nodejs default metrics', async () => {
    const text = await createRegistry('query').metrics();
    expect(text).toContain(
      `promethium_build_info{service="query",version="${VERSION}",nodeversion="${process.version}"} 1`,
    );
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_start_time_seconds \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('gives each call its own registry', async () => {
    const a = createRegistry('a');
    const b = createRegistry('b');
    expect(await b.metrics()).not.toContain('service="a"');
    expect(a).not.toBe(b);
  });
});

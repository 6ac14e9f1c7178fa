import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('docker-compose.yml', () => {
  it('is a valid compose file laying out nats, discovery, scraper, two shards and query', () => {
    const run = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.error)
      throw new Error(
        `docker-compose is not installed (./dev test installs it): ${run.error.message}`,
      );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').sort()).toEqual(
      ['discovery', 'nats', 'query', 'scraper', 'storage-0', 'storage-1'].sort(),
    );
  });
});

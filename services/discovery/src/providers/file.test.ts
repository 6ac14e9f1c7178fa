import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TargetGroup } from '@promethium/model';
import { FileDiscoverer, parseTargetFile } from './file.js';
import type { FileSdError } from '../errors.js';

describe('parseTargetFile', () => {
  it('reads JSON and YAML groups, adding __meta_filepath', () => {
    const json = parseTargetFile(
      '/x/a.json',
      '[{"targets":["h:1","h:2"],"labels":{"env":"prod"}}]',
    );
    const yaml = parseTargetFile('/x/a.yml', '- targets: [h:1, h:2]\n  labels: {env: prod}\n');
    const want = {
      targets: [{ __address__: 'h:1' }, { __address__: 'h:2' }],
      labels: { __meta_filepath: expect.any(String), env: 'prod' },
    };
    expect(json).toEqual([{ source: '/x/a.json:0', ...want }]);
    expect(yaml).toEqual([{ source: '/x/a.yml:0', ...want }]);
  });

  it('treats an empty YAML file as no groups', () => {
    expect(parseTargetFile('/x/a.yaml', '')).toEqual([]);
  });

  it.each([
    ['a.json', '{"targets":[]}', 'expected a list of target groups'],
    ['a.json', '[{"targets":"h:1"}]', 'group 0: targets must be a list of strings'],
    ['a.json', '[{"targets":[],"labls":{}}]', 'group 0: unknown field "labls"'],
    ['a.json', '[{"targets":[],"labels":{"1x":"v"}}]', 'group 0: invalid label name "1x"'],
    ['a.json', '[{"targets":[],"labels":{"a":1}}]', 'group 0: label "a" must be a string'],
    ['a.json', '[{"targets": [', 'a.json: '],
    ['a.yml', '- [', 'a.yml: '],
  ])('rejects %s %j with %j', (file, text, message) => {
    expect(() => parseTargetFile(file, text)).toThrow(message);
  });
});

describe('FileDiscoverer', () => {
  let dir: string;
  let controller: AbortController;
  let updates: AsyncIterator<TargetGroup[]> | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-filesd-'));
    controller = new AbortController();
  });

  afterEach(async () => {
    controller.abort();
    // Ends the generator, which closes its watchers and its refresh timer.
    await updates?.return?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('follows changes, keeps the last good groups of a broken file, and empties removed files', async () => {
    const file = join(dir, 'targets.json');
    await writeFile(file, JSON.stringify([{ targets: ['a:1'] }]));
    const errors: FileSdError[] = [];
    const discoverer = new FileDiscoverer({
      files: [join(dir, '*.json')],
      refreshIntervalMs: 60_000,
      onError: (e) => errors.push(e),
    });
    const iterator = discoverer.run(controller.signal)[Symbol.asyncIterator]();
    updates = iterator;
    const next = async (): Promise<TargetGroup[]> => (await iterator.next()).value as TargetGroup[];
    const addresses = (groups: TargetGroup[]) =>
      groups.flatMap((g) => g.targets.map((t) => t.__address__));

    expect(addresses(await next())).toEqual(['a:1']);

    await writeFile(file, JSON.stringify([{ targets: ['b:2'] }]));
    expect(addresses(await next())).toEqual(['b:2']);

    await writeFile(file, '[{');
    expect(addresses(await next())).toEqual(['b:2']);
    expect(errors[0]?.path).toBe(file);

    await unlink(file);
    let groups = await next();
    // The watcher may fire more than once for one change; wait for the removal to show.
    while (addresses(groups).length > 0) groups = await next();
    expect(groups).toEqual([{ source: `${file}:0`, targets: [], labels: {} }]);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigReadError } from '../errors.js';
import { loadAlertmanagerConfig } from './load.js';
import { withReceiver } from './test-helpers.js';

describe('loadAlertmanagerConfig', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'am-config-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file, joining http_config files and templates to its directory', async () => {
    const path = join(dir, 'alertmanager.yml');
    await writeFile(
      path,
      withReceiver(
        '    webhook_configs: [{url: "http://a/", http_config: {bearer_token_file: token}}]\n',
      ) + 'templates: [t/*.tmpl]\n',
    );
    const { config } = await loadAlertmanagerConfig(path);
    expect(config.templates).toEqual([join(dir, 't/*.tmpl')]);
    expect(config.receivers[0]!.webhookConfigs[0]!.httpConfig.authorization).toEqual({
      type: 'Bearer',
      credentials: { file: join(dir, 'token') },
    });
  });

  it('reports a file it cannot read', async () => {
    await expect(loadAlertmanagerConfig(join(dir, 'missing.yml'))).rejects.toBeInstanceOf(
      ConfigReadError,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { parse, withReceiver } from './test-helpers.js';

describe('secrets', () => {
  it('keeps inline secrets readable and masks them in JSON and strings', () => {
    const { config } = parse(
      withReceiver(
        `    pagerduty_configs: [{routing_key: pd-key, http_config: {basic_auth: {username: u, password: pw}, http_headers: {X-Token: {secrets: [hdr]}}}}]
    webhook_configs: [{url: 'http://user:hook-secret@example.com/'}]
`,
        '  smtp_auth_password: smtp-pw\n  slack_api_url: https://hooks.slack.com/slack-secret\n',
      ),
    );
    const pd = config.receivers[0]!.pagerdutyConfigs[0]!;
    expect(pd.routingKey).toEqual({ inline: 'pd-key' });
    expect(`${String(pd.routingKey)}`).toBe('<secret>');
    expect(pd.httpConfig.basicAuth?.password).toEqual({ inline: 'pw' });
    expect(pd.httpConfig.httpHeaders['X-Token']!.secrets).toEqual(['hdr']);
    const json = JSON.stringify(config);
    for (const secret of ['pd-key', 'pw', 'hdr', 'hook-secret', 'smtp-pw', 'slack-secret']) {
      expect(json).not.toContain(secret);
    }
    expect(JSON.parse(json).receivers[0].pagerdutyConfigs[0].routingKey).toEqual({
      inline: '<secret>',
    });
  });
});

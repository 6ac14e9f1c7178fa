import { describe, expect, it } from '@jest/globals';
import { RECEIVERS, ROUTE, failure, load, parse, withReceiver } from './test-helpers.js';

describe('global section, templates and sections not implemented', () => {
  it("applies Alertmanager's global defaults", () => {
    const { global, templates, inhibitRules } = load(`${ROUTE}${RECEIVERS}`);
    expect(global).toMatchObject({
      resolveTimeout: 300_000,
      smtpHello: 'localhost',
      smtpRequireTls: true,
      pagerdutyUrl: 'https://events.pagerduty.com/v2/enqueue',
      slackAppUrl: 'https://slack.com/api/chat.postMessage',
      opsgenieApiUrl: 'https://api.opsgenie.com/',
      httpConfig: { followRedirects: true, enableHttp2: true },
    });
    expect(templates).toEqual([]);
    expect(inhibitRules).toEqual([]);
  });

  it("gives explicitly empty fields Go's zero values", () => {
    const { global, receivers } = load(
      withReceiver(
        '    pagerduty_configs:\n      - routing_key: k\n        send_resolved:\n',
        '  smtp_hello:\n  smtp_require_tls:\n  resolve_timeout:\n  http_config:\n    follow_redirects:\n',
      ),
    );
    expect(global).toMatchObject({ smtpHello: '', smtpRequireTls: false, resolveTimeout: 0 });
    expect(global.httpConfig.followRedirects).toBe(false);
    expect(receivers[0]!.pagerdutyConfigs[0]!.sendResolved).toBe(false);
  });

  it("resolves template globs against the file's directory", () => {
    const { templates } = load(`${ROUTE}${RECEIVERS}templates: ['tmpl/*.tmpl', '/abs/*.tmpl']\n`);
    expect(templates).toEqual(['/etc/am/tmpl/*.tmpl', '/abs/*.tmpl']);
  });

  it.each([
    ['global: {smtp_smarthost: localhost}', 'address localhost: missing port in address'],
    ['global: {smtp_smarthost: "localhost:"}', 'address "localhost:": port cannot be empty'],
    ['global: {smtp_smarthost: "a:b:25"}', 'address a:b:25: too many colons in address'],
    ['global: {slack_api_url: "ftp://x/"}', 'unsupported scheme "ftp" for URL'],
    ['global: {pagerduty_url: "http:///x"}', 'missing host for URL'],
    ['global: {resolve_timeout: 5x}', 'unknown unit "x" in duration "5x"'],
    [
      'global: {smtp_tls_config: {ca_file: a, ca: b}}',
      'at most one of ca, ca_file & ca_ref must be configured',
    ],
    [
      'global: {http_config: {bearer_token: a, basic_auth: {username: u}}}',
      'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    ],
    ['global: {smtp_from: a, smtpfrom: b}', 'global.smtpfrom: unknown field'],
  ])('refuses %s', (section, message) => {
    expect(failure(`${ROUTE}${RECEIVERS}${section}\n`)).toContain(message);
  });

  it('accepts sections it does not implement, with a warning', () => {
    const { warnings } = parse(`${ROUTE}${RECEIVERS}tracing: {endpoint: x}\nevent_recorder: {}\n`);
    expect(warnings).toEqual([
      '/etc/am/alertmanager.yml:5:1: tracing: not supported yet, ignored',
      '/etc/am/alertmanager.yml:6:1: event_recorder: not supported yet, ignored',
    ]);
  });
});

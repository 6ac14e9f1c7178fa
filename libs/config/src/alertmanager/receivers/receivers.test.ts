import { describe, expect, it } from '@jest/globals';
import { failure, load, parse, withReceiver } from '../test-helpers.js';

describe('receivers', () => {
  const SMTP = "  smtp_smarthost: 'mail:25'\n  smtp_from: am@example.org\n";

  it('fills email settings in from the global section, with its defaults', () => {
    const { receivers } = load(
      withReceiver(
        `    email_configs:
      - to: a@example.org
      - to: b@example.org
        from: b@example.org
        smarthost: other:587
        hello: me
        require_tls: false
        auth_password: pw
        headers: {subject: Hi, x-custom-id: '1'}
        threading: {enabled: true, thread_by_date: daily}
        tls_config: {insecure_skip_verify: true}
`,
        `${SMTP}  smtp_auth_username: user\n  smtp_auth_password: global-pw\n`,
      ),
    );
    const [first, second] = receivers[0]!.emailConfigs;
    expect(first).toMatchObject({
      sendResolved: false,
      to: 'a@example.org',
      from: 'am@example.org',
      smarthost: { host: 'mail', port: '25' },
      hello: 'localhost',
      authUsername: 'user',
      authPassword: { inline: 'global-pw' },
      requireTls: true,
      html: '{{ template "email.default.html" . }}',
      text: '',
      headers: {},
      threading: { enabled: false, threadByDate: '' },
    });
    expect(second).toMatchObject({
      from: 'b@example.org',
      smarthost: { host: 'other', port: '587' },
      hello: 'me',
      requireTls: false,
      authPassword: { inline: 'pw' },
      headers: { Subject: 'Hi', 'X-Custom-Id': '1' },
      threading: { enabled: true, threadByDate: 'daily' },
      tlsConfig: { insecureSkipVerify: true },
    });
  });

  it.each([
    ['    email_configs: [{from: x}]\n', SMTP, 'missing to address in email config'],
    [
      '    email_configs: [{to: x}]\n',
      '',
      'receivers[0].email_configs[0].smarthost: no global SMTP smarthost set',
    ],
    [
      '    email_configs: [{to: x}]\n',
      "  smtp_smarthost: 'mail:25'\n",
      'receivers[0].email_configs[0].from: no global SMTP from set',
    ],
    [
      '    email_configs: [{to: x, headers: {Subject: a, subject: b}}]\n',
      SMTP,
      'duplicate header "Subject" in email config',
    ],
    [
      '    email_configs: [{to: x, headers: {References: a}, threading: {enabled: true, thread_by_date: none}}]\n',
      SMTP,
      'threading.enabled conflicts with custom References header',
    ],
    [
      '    email_configs: [{to: x, threading: {enabled: true}}]\n',
      SMTP,
      "threading.thread_by_date must be either 'none' or 'daily'",
    ],
    ['    email_configs: [{to: x, smarthost: nohost}]\n', SMTP, 'missing port in address'],
    [
      '    email_configs: [{to: x, bcc: y}]\n',
      SMTP,
      'receivers[0].email_configs[0].bcc: unknown field',
    ],
  ])('refuses email %s', (receiver, global, message) => {
    expect(failure(withReceiver(receiver, global))).toContain(message);
  });

  it("fills PagerDuty settings with Alertmanager's defaults", () => {
    const { receivers } = load(
      withReceiver(`    pagerduty_configs:
      - routing_key: key
        details: {firing: mine, extra: {nested: [1, 2]}}
        images: [{src: s, alt: a}]
        links: [{href: h, text: t}]
        timeout: 1m30s
      - service_key_file: /keys/pd
        url: https://pd.example.com/
        client: me
`),
    );
    const [v2, v1] = receivers[0]!.pagerdutyConfigs;
    expect(v2).toMatchObject({
      sendResolved: true,
      routingKey: { inline: 'key' },
      url: 'https://events.pagerduty.com/v2/enqueue',
      description: '{{ template "pagerduty.default.description" .}}',
      client: '{{ template "pagerduty.default.client" . }}',
      clientUrl: '{{ template "pagerduty.default.clientURL" . }}',
      source: '{{ template "pagerduty.default.client" . }}',
      severity: '',
      details: {
        firing: 'mine',
        resolved: '{{ .Alerts.Resolved | toJson }}',
        num_firing: '{{ .Alerts.Firing | len }}',
        num_resolved: '{{ .Alerts.Resolved | len }}',
        extra: { nested: [1, 2] },
      },
      images: [{ src: 's', alt: 'a', href: '' }],
      links: [{ href: 'h', text: 't' }],
      timeout: 90_000,
    });
    expect(v1).toMatchObject({
      serviceKey: { file: '/keys/pd' },
      url: 'https://pd.example.com/',
      source: 'me',
    });
    expect(v1!.routingKey).toBeUndefined();
  });

  it.each([
    [
      '    pagerduty_configs: [{severity: x}]\n',
      'missing service or routing key in PagerDuty config',
    ],
    [
      '    pagerduty_configs: [{routing_key: a, routing_key_file: b}]\n',
      'at most one of routing_key & routing_key_file must be configured',
    ],
    [
      '    pagerduty_configs: [{service_key: a, service_key_file: b}]\n',
      'at most one of service_key & service_key_file must be configured',
    ],
    [
      '    pagerduty_configs: [{routing_key: a, timeout: 1d}]\n',
      'cannot unmarshal !!str `1d` into time.Duration',
    ],
  ])('refuses PagerDuty %s', (receiver, message) => {
    expect(failure(withReceiver(receiver))).toContain(message);
  });

  it('reads webhooks, templated URLs included', () => {
    const { receivers } = load(
      withReceiver(`    webhook_configs:
      - url: http://hook.example.com/{{ .GroupLabels.alertname }}
        max_alerts: 10
        timeout: 500ms
        payload: {text: '{{ .Status }}', n: 1}
      - url_file: /secret/url
        send_resolved: false
        http_config: {bearer_token: t}
`),
    );
    const [templated, fromFile] = receivers[0]!.webhookConfigs;
    expect(templated).toMatchObject({
      sendResolved: true,
      url: { inline: 'http://hook.example.com/{{ .GroupLabels.alertname }}' },
      maxAlerts: 10,
      timeout: 500,
      payload: { text: '{{ .Status }}', n: 1 },
    });
    expect(fromFile).toMatchObject({
      sendResolved: false,
      url: { file: '/secret/url' },
      maxAlerts: 0,
    });
    expect(fromFile!.httpConfig.authorization).toEqual({
      type: 'Bearer',
      credentials: { inline: 't' },
    });
  });

  it.each([
    ['    webhook_configs: [{max_alerts: 1}]\n', 'one of url or url_file must be configured'],
    [
      '    webhook_configs: [{url: "http://a/", url_file: b}]\n',
      'at most one of url & url_file must be configured',
    ],
    [
      '    webhook_configs: [{url: "http://a/", max_alerts: -1}]\n',
      'cannot unmarshal !!int `-1` into uint64',
    ],
    [
      '    webhook_configs: [{url: "example.com/hook"}]\n',
      'invalid URL: unsupported scheme "" for URL',
    ],
    [
      '    webhook_configs: [{url: "http://example.com/{{ .Invalid"}]\n',
      'invalid template syntax: template: :1: unclosed action',
    ],
    ['    webhook_configs: [{url: "http://a/", timeout: 5}]\n', undefined],
  ])('checks webhook %s', (receiver, message) => {
    if (message === undefined) expect(() => parse(withReceiver(receiver))).not.toThrow();
    else expect(failure(withReceiver(receiver))).toContain(message);
  });

  it('reads Slack fields and actions', () => {
    const { receivers } = load(
      withReceiver(
        `    slack_configs:
      - channel: '#alerts'
        fields: [{title: t, value: v, short: true}]
        actions:
          - {type: button, text: Open, url: 'http://x/', name: dropped}
          - {type: button, text: Ack, name: ack, value: 'yes', confirm: {text: Sure?}}
        mrkdwn_in: [text]
`,
        "  slack_api_url: 'https://hooks.slack.com/x'\n",
      ),
    );
    const [slack] = receivers[0]!.slackConfigs;
    expect(slack).toMatchObject({
      sendResolved: false,
      channel: '#alerts',
      apiUrl: { inline: 'https://hooks.slack.com/x' },
      color: '{{ template "slack.default.color" . }}',
      fields: [{ title: 't', value: 'v', short: true }],
      mrkdwnIn: ['text'],
    });
    expect(slack!.actions).toEqual([
      {
        type: 'button',
        text: 'Open',
        url: 'http://x/',
        style: '',
        name: '',
        value: '',
        confirm: undefined,
      },
      {
        type: 'button',
        text: 'Ack',
        url: '',
        style: '',
        name: 'ack',
        value: 'yes',
        confirm: { text: 'Sure?', title: '', okText: '', dismissText: '' },
      },
    ]);
  });

  it.each([
    [
      '    slack_configs: [{api_url: "http://a/", fields: [{title: t}]}]\n',
      'missing value in Slack field configuration',
    ],
    [
      '    slack_configs: [{api_url: "http://a/", actions: [{type: b, text: t}]}]\n',
      'missing name or url in Slack action configuration',
    ],
    [
      '    slack_configs: [{api_url: "http://a/", actions: [{type: b, text: t, name: n, confirm: {}}]}]\n',
      'missing text in Slack confirmation configuration',
    ],
    [
      '    slack_configs: [{api_url: "http://a/", api_url_file: f}]\n',
      'at most one of api_url & api_url_file must be configured',
    ],
    [
      '    slack_configs: [{api_url: "http://a/", app_token: t}]\n',
      'at most one of api_url/api_url_file & app_token/app_token_file must be configured',
    ],
    [
      '    slack_configs: [{app_token: t, http_config: {authorization: {credentials: c}}}]\n',
      "http authorization can't be set when using Slack App tokens",
    ],
  ])('refuses Slack %s', (receiver, message) => {
    expect(failure(withReceiver(receiver))).toContain(message);
  });

  it.each([
    ['discord_configs', 'missing discord config'],
    ['email_configs', 'missing email config'],
    ['incidentio_configs', 'missing incidentio config'],
    ['pagerduty_configs', 'missing pagerduty config'],
    ['webhook_configs', 'missing webhook config'],
    ['pushover_configs', 'missing pushover config'],
    ['victorops_configs', 'missing victorops config'],
    ['sns_configs', 'missing sns config'],
    ['telegram_configs', 'missing telegram config'],
    ['webex_configs', 'missing webex config'],
    ['msteams_configs', 'missing msteams config'],
    ['msteamsv2_configs', 'missing msteamsv2 config'],
    ['jira_configs', 'missing jira config'],
    ['mattermost_configs', 'missing mattermost config'],
    ['slack_configs', 'no Slack API URL nor App token set either inline or in a file'],
    ['opsgenie_configs', 'no global OpsGenie API Key set either inline or in a file'],
    ['wechat_configs', 'no global Wechat Api Secret set either inline or in a file'],
    ['rocketchat_configs', 'no global Rocketchat TokenID set either inline or in a file'],
  ])('refuses an empty %s entry', (key, message) => {
    expect(failure(`global:\n${withReceiver(`    ${key}:\n      -\n`)}`)).toContain(message);
  });

  it('checks integrations it does not implement and flags them', () => {
    const { config, warnings } = parse(
      withReceiver(`    msteamsv2_configs: [{webhook_url: 'https://x.example.com/hook'}]
    telegram_configs: [{chat_id: 1, bot_token: t}]
    jira_configs: [{project: P, issue_type: Bug, api_url: 'https://jira/', summary: {template: s, enable_update: false}}]
    sns_configs: [{topic_arn: arn, sigv4: {region: x}}]
`),
    );
    expect(config.receivers[0]!.unsupported).toEqual([
      'msteamsv2_configs',
      'telegram_configs',
      'jira_configs',
      'sns_configs',
    ]);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe(
      '/etc/am/alertmanager.yml:5:5: receivers[0].msteamsv2_configs: not supported yet: the configuration is checked, but nothing is sent',
    );
  });

  it.each([
    [
      '    telegram_configs: [{chat_id: "1", bot_token: t}]\n',
      'cannot unmarshal !!str `1` into int64',
    ],
    [
      '    telegram_configs: [{bot_token: t}]\n',
      'missing chat_id or chat_id_file on telegram_config',
    ],
    [
      '    telegram_configs: [{chat_id: 1, bot_token: t, parse_mode: x}]\n',
      'unknown parse_mode on telegram_config',
    ],
    ['    webex_configs: [{room_id: r}]\n', 'missing webex_configs.http_config.authorization'],
    ['    jira_configs: [{project: P, issue_type: B}]\n', 'no global Jira Cloud URL set'],
    [
      '    jira_configs: [{project: P, issue_type: B, api_type: x}]\n',
      'unknown api_type on jira_config',
    ],
    [
      '    opsgenie_configs: [{api_key: k, responders: [{name: n, type: robot}]}]\n',
      'opsGenieConfig responder { n  robot} type does not match valid options ^(team|teams|user|escalation|schedule)$',
    ],
    [
      '    opsgenie_configs: [{api_key: k, responders: [{type: team}]}]\n',
      'has to have at least one of id, username or name specified',
    ],
    [
      '    victorops_configs: [{api_key: k, routing_key: r, custom_fields: {entity_id: x}}]\n',
      'victorOps config contains custom field entity_id',
    ],
    [
      '    pushover_configs: [{user_key: u, token: t, html: true, monospace: true}]\n',
      'at most one of monospace & html must be configured',
    ],
    [
      '    wechat_configs: [{api_secret: s, corp_id: c, message_type: html}]\n',
      'weChat message type "html" does not match valid options ^(text|markdown)$',
    ],
    ['    wechat_configs: [{api_secret: s}]\n', 'no global Wechat CorpID set'],
    ['    discord_configs: [{}]\n', 'one of webhook_url or webhook_url_file must be configured'],
    [
      '    incidentio_configs: [{url: "http://a/", http_config: {}}]\n',
      'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured',
    ],
    [
      '    mattermost_configs: [{webhook_url: "http://a/", fields: [{title: t}]}]\n',
      'missing value in Mattermost field configuration',
    ],
    [
      '    sns_configs: [{topic_arn: a, phone_number: p}]\n',
      'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config',
    ],
    [
      '    rocketchat_configs: [{token: a, token_file: b}]\n',
      'at most one of token & token_file must be configured',
    ],
    [
      '    msteams_configs: [{webhook_url: "http://a/", color: red}]\n',
      'receivers[0].msteams_configs[0].color: unknown field',
    ],
  ])('refuses %s', (receiver, message) => {
    expect(failure(withReceiver(receiver))).toContain(message);
  });

  it('names the receiver in its labels', () => {
    const { receivers } = load(withReceiver('    labels: {owner: me}\n'));
    expect(receivers[0]!.labels).toEqual({ owner: 'me', name: 'r' });
  });
});

import { describe, expect, it } from '@jest/globals';
import { RECEIVERS, ROUTE, failure, load, parse } from './test-helpers.js';

describe('routing tree', () => {
  it('applies the default timings and inherits down the tree', () => {
    const { route } = load(`
route:
  receiver: team-X
  group_by: [alertname]
  group_wait: 10s
  labels: {team: x, tier: '1'}
  routes:
    - matchers: ['service="db"']
      receiver: team-Y
      repeat_interval: 1h
      labels: {tier: '2'}
      routes:
        - match: {severity: critical}
          group_by: []
          group_interval: 1m
    - match_re: {service: 'web|api'}
      group_by: ['...']
      continue: true
receivers:
  - name: team-X
  - name: team-Y
`);
    expect(route).toMatchObject({
      receiver: 'team-X',
      groupBy: ['alertname'],
      groupWait: 10_000,
      groupInterval: 300_000,
      repeatInterval: 4 * 3_600_000,
    });
    const [db, web] = route.routes;
    expect(db).toMatchObject({
      receiver: 'team-Y',
      groupBy: ['alertname'],
      groupWait: 10_000,
      repeatInterval: 3_600_000,
      labels: { team: 'x', tier: '2' },
    });
    expect(db!.routes[0]).toMatchObject({
      receiver: 'team-Y',
      groupBy: [],
      groupByAll: false,
      groupInterval: 60_000,
      repeatInterval: 3_600_000,
      labels: { team: 'x', tier: '2' },
    });
    expect(String(db!.routes[0]!.matchers)).toBe('severity="critical"');
    expect(web).toMatchObject({ groupByAll: true, groupBy: ['alertname'], continue: true });
    expect(web!.matchers[0]!.matches('api')).toBe(true);
    expect(web!.matchers[0]!.matches('apix')).toBe(false);
  });

  it("sorts a node's matchers of every syntax together", () => {
    const { route } = load(`${RECEIVERS}route:
  receiver: team-X
  routes:
    - match: {zone: a}
      match_re: {app: 'x.*'}
      matchers: ['b!=1, "c d"=~"e"', '{a="2"}']
`);
    expect(route.routes[0]!.matchers.map(String)).toEqual([
      'a="2"',
      'app=~"^(?:x.*)$"',
      'b!="1"',
      '"c d"=~"e"',
      'zone="a"',
    ]);
  });

  it('warns about matchers only the classic parser reads', () => {
    const { warnings } = parse(`${RECEIVERS}${ROUTE}  routes:\n    - matchers: ['foo=!bar']\n`);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^\/etc\/am\/alertmanager\.yml:6:18: route\.routes\[0\]\.matchers\[0\]: matchers "foo=!bar": not valid for the UTF-8 matchers parser/,
      ),
    ]);
  });

  it.each([
    ['', '1:1: no route provided in config'],
    ['# nothing\n', '1:1: no route provided in config'],
    [RECEIVERS, '1:1: route: no routes provided'],
    [
      `route:\n  group_wait: 30s\n${RECEIVERS}`,
      '2:3: route.receiver: root route must specify a default receiver',
    ],
    [
      `${ROUTE}receivers:\n  - name: team-X\n  - name: team-X\n`,
      '5:11: receivers[1].name: notification config name "team-X" is not unique',
    ],
    [
      `${ROUTE}receivers:\n  - name: team-Y\n`,
      '2:13: route.receiver: undefined receiver "team-X" used in route',
    ],
    [
      `${ROUTE}  routes:\n    - receiver: nonexistent\n${RECEIVERS}`,
      '4:17: route.routes[0].receiver: undefined receiver "nonexistent" used in route',
    ],
    [
      `${ROUTE}receivers:\n  - email_configs: []\n`,
      '4:5: receivers[0].name: missing name in receiver',
    ],
    [
      `${ROUTE}receivers:\n  - name: team-X\n    labels: {name: other}\n`,
      '5:20: receivers[0].labels.name: receiver label "name" must match receiver name "team-X", got "other"',
    ],
    [
      `${ROUTE}  routes:\n    - mute_time_intervals: [business_hours]\n${RECEIVERS}`,
      '4:29: route.routes[0].mute_time_intervals[0]: undefined time interval "business_hours" used in route',
    ],
    [
      `${ROUTE}  routes:\n    - active_time_intervals: [business_hours]\n${RECEIVERS}`,
      '4:31: route.routes[0].active_time_intervals[0]: undefined time interval "business_hours" used in route',
    ],
    [
      `${ROUTE}${RECEIVERS}time_intervals:\n  - time_intervals: [{times: [{start_time: '09:00', end_time: '17:00'}]}]\n`,
      '6:5: time_intervals[0].name: missing name in time interval',
    ],
    [
      `${ROUTE}${RECEIVERS}mute_time_intervals:\n  - name: dup\ntime_intervals:\n  - name: dup\n`,
      '8:11: time_intervals[0].name: time interval "dup" is not unique',
    ],
    [
      `${ROUTE}${RECEIVERS}mute_time_intervals:\n  - name: dup\n  - name: dup\n`,
      '7:11: mute_time_intervals[1].name: mute time interval "dup" is not unique',
    ],
    [
      `${ROUTE}  group_by: [cluster, cluster]\n${RECEIVERS}`,
      '3:13: route.group_by: duplicated label "cluster" in group_by',
    ],
    [
      `${ROUTE}  group_by: ['...', cluster]\n${RECEIVERS}`,
      '3:13: route.group_by: cannot have wildcard group_by (`...`) and other labels at the same time',
    ],
    [
      `${ROUTE}  group_by: ['']\n${RECEIVERS}`,
      '3:14: route.group_by[0]: invalid label name "" in group_by list',
    ],
    [
      `${ROUTE}  labels: {'': x}\n${RECEIVERS}`,
      '3:12: route.labels.: invalid label name "" in route labels',
    ],
    [
      `${ROUTE}  mute_time_intervals: [x]\n${RECEIVERS}time_intervals: [{name: x}]\n`,
      '3:24: route.mute_time_intervals: root route must not have any mute time intervals',
    ],
    [
      `${ROUTE}  active_time_intervals: [x]\n${RECEIVERS}time_intervals: [{name: x}]\n`,
      '3:26: route.active_time_intervals: root route must not have any active time intervals',
    ],
    [
      `${ROUTE}  match: {severity: critical}\n${RECEIVERS}`,
      '2:3: route: root route must not have any matchers',
    ],
    [
      `${ROUTE}  match_re: {severity: critical}\n${RECEIVERS}`,
      '2:3: route: root route must not have any matchers',
    ],
    [
      `${ROUTE}  matchers: [severity=critical]\n${RECEIVERS}`,
      '2:3: route: root route must not have any matchers',
    ],
    [
      `${ROUTE}  continue: true\n${RECEIVERS}`,
      '3:13: route.continue: cannot have continue in root route',
    ],
    [
      `${ROUTE}  group_interval: 0s\n${RECEIVERS}`,
      '3:19: route.group_interval: group_interval cannot be zero',
    ],
    [
      `${ROUTE}  repeat_interval: 0s\n${RECEIVERS}`,
      '3:20: route.repeat_interval: repeat_interval cannot be zero',
    ],
    [
      `${ROUTE}  group_wait: 30\n${RECEIVERS}`,
      '3:15: route.group_wait: not a valid duration string: "30"',
    ],
    [
      `${ROUTE}  routes:\n    - match: {invalid-name: x}\n${RECEIVERS}`,
      '4:15: route.routes[0].match.invalid-name: invalid label name "invalid-name"',
    ],
    [
      `${ROUTE}  routes:\n    - match_re: {invalid_label: }\n${RECEIVERS}`,
      '4:33: route.routes[0].match_re.invalid_label: invalid regexp value for "invalid_label"',
    ],
    [
      `${ROUTE}  routes:\n    - match_re: {a: '('}\n${RECEIVERS}`,
      '4:21: route.routes[0].match_re.a: error parsing regexp: missing ): ^(?:^(?:()$)$',
    ],
    [
      `${ROUTE}  routes:\n    - matchers: ['foo!bar']\n${RECEIVERS}`,
      '4:18: route.routes[0].matchers[0]: bad matcher format: foo!bar',
    ],
    [
      `${ROUTE}  routes:\n    - recevier: x\n${RECEIVERS}`,
      '4:7: route.routes[0].recevier: unknown field',
    ],
    [`${ROUTE}  routes:\n    -\n${RECEIVERS}`, '4:6: route.routes[0]: empty route'],
    [`${ROUTE}${RECEIVERS}routes: []\n`, '5:1: routes: unknown field'],
  ])('refuses %j', (text, message) => {
    expect(failure(text)).toBe(message);
  });

  it('accepts the UTF-8 label names Alertmanager accepts by default', () => {
    const { route } = load(
      `${RECEIVERS}${ROUTE}  group_by: ['-invalid-', 'λ']\n  labels: {'x y': z}\n`,
    );
    expect(route.groupBy).toEqual(['-invalid-', 'λ']);
    expect(route.labels).toEqual({ 'x y': 'z' });
  });

  it('resolves time intervals from both sections for routes', () => {
    const config = load(`${RECEIVERS}${ROUTE}  routes:
    - mute_time_intervals: [old]
      active_time_intervals: [new]
mute_time_intervals:
  - name: old
    time_intervals: [{weekdays: [saturday, sunday]}]
time_intervals:
  - name: new
    time_intervals: [{times: [{start_time: '09:00', end_time: '17:00'}]}]
`);
    expect(config.timeIntervals).toEqual({
      old: [
        {
          weekdays: [
            { begin: 6, end: 6 },
            { begin: 0, end: 0 },
          ],
        },
      ],
      new: [{ times: [{ startMinute: 540, endMinute: 1020 }] }],
    });
    expect(config.route.routes[0]).toMatchObject({
      muteTimeIntervals: ['old'],
      activeTimeIntervals: ['new'],
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseAlertmanagerConfig } from '@promethium/config';
import { Route } from './route.js';

const CONFIG = `
route:
  receiver: default
  group_by: [alertname]
  routes:
    - matchers: ['env="prod"']
      receiver: prod
      routes:
        - matchers: ['severity="page"']
          receiver: pager
          continue: true
        - matchers: ['team=~"db|web"']
          receiver: team
    - matchers: ['env="prod"']
      receiver: never
    - matchers: ['env="dev"']
      receiver: dev
      group_by: ['...']
receivers:
  - name: default
  - name: prod
  - name: pager
  - name: team
  - name: never
  - name: dev
`;

function tree(): Route {
  return new Route(parseAlertmanagerConfig(CONFIG, 'alertmanager.yml').config.route);
}

function receivers(labels: Record<string, string>): string[] {
  return tree()
    .match(labels)
    .map((r) => r.receiver);
}

describe('Route', () => {
  it('falls back to the root when no child matches', () => {
    expect(receivers({ env: 'qa' })).toEqual(['default']);
  });

  it('stops at the first matching child without continue', () => {
    expect(receivers({ env: 'prod' })).toEqual(['prod']);
  });

  it('goes on after a child with continue and returns the deepest matches', () => {
    expect(receivers({ env: 'prod', severity: 'page', team: 'db' })).toEqual(['pager', 'team']);
    expect(receivers({ env: 'prod', severity: 'page' })).toEqual(['pager']);
  });

  it('builds keys and ids as Alertmanager does', () => {
    const [prod, never] = tree().routes;
    expect(tree().key()).toBe('{}');
    expect(prod!.routes[1]!.key()).toBe('{}/{env="prod"}/{team=~"db|web"}');
    expect(never!.key()).toBe(prod!.key());
    expect(prod!.id()).toBe('{}/{env="prod"}/0');
    expect(never!.id()).toBe('{}/{env="prod"}/1');
    expect(prod!.routes[1]!.id()).toBe('{}/{env="prod"}/0/{team=~"db|web"}/1');
  });

  it('takes group labels from group_by or all labels', () => {
    const root = tree();
    expect(root.groupLabels({ alertname: 'A', x: '1' })).toEqual({ alertname: 'A' });
    expect(root.groupLabels({ x: '1' })).toEqual({});
    expect(root.routes[2]!.groupLabels({ alertname: 'A', x: '1' })).toEqual({
      alertname: 'A',
      x: '1',
    });
  });

  it('walks the tree depth-first', () => {
    expect([...tree().walk()].map((r) => r.receiver)).toEqual([
      'default',
      'prod',
      'pager',
      'team',
      'never',
      'dev',
    ]);
  });
});

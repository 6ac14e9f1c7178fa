import { describe, expect, it } from '@jest/globals';
import { TemplateEngine } from '../engine.js';
import { alertmanagerFunctions } from './alertmanager.js';

// Alertmanager's notification data as its templates see it (template.Data in Go): label sets
// with SortedPairs/Names/Values/Remove, alert lists with Firing/Resolved.
class Pair {
  constructor(
    readonly Name: string,
    readonly Value: string,
  ) {}
}

class Strings extends Array<string> {
  Join(sep: string): string {
    return this.join(sep);
  }
}

class Pairs extends Array<Pair> {
  Names(): Strings {
    return Strings.from(this.map((p) => p.Name)) as Strings;
  }

  Values(): Strings {
    return Strings.from(this.map((p) => p.Value)) as Strings;
  }
}

class KV extends Map<string, string> {
  SortedPairs(): Pairs {
    const keys = [...this.keys()].filter((k) => k !== 'alertname').sort();
    if (this.has('alertname')) keys.unshift('alertname');
    return Pairs.from(keys.map((k) => new Pair(k, this.get(k)!))) as Pairs;
  }

  Names(): Strings {
    return this.SortedPairs().Names();
  }

  Values(): Strings {
    return this.SortedPairs().Values();
  }

  Remove(keys: string[]): KV {
    return new KV([...this].filter(([k]) => !keys.includes(k)));
  }
}

class Alert {
  constructor(
    readonly Status: string,
    readonly Labels: KV,
    readonly Annotations: KV,
    readonly StartsAt: Date,
    readonly GeneratorURL: string,
  ) {}
}

class Alerts extends Array<Alert> {
  Firing(): Alerts {
    return Alerts.from(this.filter((a) => a.Status === 'firing')) as Alerts;
  }

  Resolved(): Alerts {
    return Alerts.from(this.filter((a) => a.Status === 'resolved')) as Alerts;
  }
}

function notification(count: number) {
  const alerts = Alerts.from(
    Array.from(
      { length: count },
      (_, i) =>
        new Alert(
          i < count - 1 ? 'firing' : 'resolved',
          new KV([
            ['alertname', 'HighLatency'],
            ['instance', `host-${i}:9100`],
            ['job', 'node'],
            ['severity', 'page'],
          ]),
          new KV([
            ['summary', `Latency is high on host-${i}`],
            ['description', 'p99 > 1s'],
          ]),
          new Date(Date.UTC(2024, 0, 15, 12, i)),
          `http://prometheus:9090/graph?g0.expr=x&i=${i}`,
        ),
    ),
  );
  return {
    Receiver: 'team x',
    Status: 'firing',
    Alerts: alerts,
    GroupLabels: new KV([['alertname', 'HighLatency']]),
    CommonLabels: new KV([
      ['alertname', 'HighLatency'],
      ['job', 'node'],
      ['severity', 'page'],
    ]),
    CommonAnnotations: new KV([['description', 'p99 > 1s']]),
    ExternalURL: 'http://alertmanager:9093',
  };
}

// Shaped like Alertmanager's own default templates and a typical user template.
const TEMPLATES = `
{{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}{{ end }}
{{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}
{{ define "slack.title" }}{{ template "__subject" . }}{{ end }}
{{ define "slack.text" }}{{ range .Alerts }}*Alert:* {{ .Annotations.summary }} - \`{{ .Labels.severity }}\`
*Since:* {{ .StartsAt | date "15:04 MST" }}
*Details:*
{{ range .Labels.SortedPairs }} • *{{ .Name }}:* \`{{ .Value }}\`
{{ end }}{{ end }}{{ end }}
{{ define "email.html" }}<html><head><title>{{ template "__subject" . }}</title></head><body>
<a href="{{ template "__alertmanagerURL" . }}">View in Alertmanager</a>
{{ range .Alerts.Firing }}<p>{{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}
<a href="{{ .GeneratorURL }}">Source</a></p>
{{ end }}</body></html>{{ end }}
`;

const engine = new TemplateEngine({ functions: alertmanagerFunctions, missingKey: 'zero' });
const set = engine.parse('default.tmpl', TEMPLATES);

function run(text: string, data?: unknown): string {
  try {
    return engine.executeText(text, data);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('Alertmanager functions', () => {
  const at = new Date(Date.UTC(2024, 0, 15, 12, 0, 0));

  it.each([
    ['{{ toUpper "abc ß é" }}', 'ABC ß É'],
    ['{{ toLower "ABC İ É" }}', 'abc i é'],
    ['{{ title "hello wORLD-foo don\'t o.k" }}', "Hello World-Foo Don't O.k"],
    ['{{ trimSpace "\\t a b \\n\\u00a0" }}', 'a b'],
    ['{{ .list | join ", " }}', 'a, b'],
    ['{{ join "-" (stringSlice "x" "y" "z") }}', 'x-y-z'],
    [
      '{{ match "b" "abc" }} {{ match "^b" "abc" }} {{ match "(?i)ABC" "xabcx" }}',
      'true false true',
    ],
    ['{{ reReplaceAll "a(x*)b" "T" "-ab-axxb-" }}', '-T-T-'],
    ['{{ reReplaceAll "a(x*)b" "$1" "-ab-axxb-" }}', '--xx-'],
    ['{{ reReplaceAll "a(x*)b" "$1W" "-ab-axxb-" }}', '---'],
    ['{{ reReplaceAll "a(x*)b" "${1}W" "-ab-axxb-" }}', '-W-xxW-'],
    [
      '{{ reReplaceAll "(?P<first>\\\\w+)\\\\s(?P<last>\\\\w+)" "${last} ${first} $$" "Alan Turing" }}',
      'Turing Alan $',
    ],
    ['{{ reReplaceAll "a*" "X" "baaac" }}', 'XbXcX'],
    ['{{ reReplaceAll "" "-" "héllo" }}', '-h-é-l-l-o-'],
    ['{{ reReplaceAll ":[0-9]+$" "" "host:9100" }}', 'host'],
    ['{{ urlUnescape "a%20b+c%2F%C3%A9" }}', 'a b c/é'],
    ['{{ stringSlice }}{{ stringSlice "a" }}', '[][a]'],
    ['{{ routeLabels "team" }}', ''],
    ['{{ humanizeDuration 3661 }} {{ humanizeDuration "0.5" }}', '1h 1m 1s 500ms'],
    ['{{ .at | date "2006-01-02 15:04:05 MST" }}', '2024-01-15 12:00:00 UTC'],
    ['{{ .at | tz "Europe/Berlin" | date "15:04 MST" }}', '13:00 CET'],
    ['{{ (.at | tz "America/New_York").Format "Jan 2 3:04PM MST" }}', 'Jan 15 7:00AM EST'],
    ['{{ (toDate "2006-01-02" "2024-03-05").Format "Jan 2, 2006" }}', 'Mar 5, 2024'],
    ['{{ toDate "2006-01-02" "garbage" }}', '0001-01-01 00:00:00 +0000 UTC'],
    [
      '{{ (mustToDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:00:00+02:00").UTC }}',
      '2024-03-05 08:00:00 +0000 UTC',
    ],
    [
      '{{ toJson .obj }}',
      '{"a":1,"b":[true,null,"\\u003cx\\u003e \\u0026"],"c":{"y":"2024-01-15T12:00:00Z","z":1.5}}',
    ],
    [
      '{{ toJson .list }} {{ toJson "é\\n" }} {{ toJson 1e21 }} {{ toJson 0.000001 }}',
      '["a","b"] "é\\n" 1e+21 0.000001',
    ],
    [
      '{{ base64encode "hello?" }} {{ base64encode "ab" }} {{ base64decode "aGVsbG8_" }} {{ base64decode "YWI=" }}',
      'aGVsbG8_ YWI= hello? ab',
    ],
    ['{{ list }} {{ list 1 "a" }} {{ append (list 1) 2 3 }}', '[] [1 a] [1 2 3]'],
    ['{{ dict "b" 2 "a" "x" }} {{ (dict "k" "v").k }}', 'map[a:x b:2] v'],
    ['{{ "<b>" | safeHtml }} {{ "x:y" | safeUrl }}', '<b> x:y'],
  ])('%s', (text, want) => {
    const data = {
      list: ['a', 'b'],
      at,
      obj: {
        c: new Map<string, unknown>([
          ['z', 1.5],
          ['y', at],
        ]),
        a: 1n,
        b: [true, null, '<x> &'],
      },
    };
    expect(run(text, data)).toBe(want);
  });

  it('returns Go time values from now, since and tz', () => {
    const out = engine.executeText('{{ printf "%T %T %T" now (since .) (tz "UTC" .) }}', at);
    expect(out).toBe('time.Time time.Duration time.Time');
    expect(engine.executeText('{{ gt (since .).Seconds 0.0 }} {{ now.Location }}', at)).toBe(
      'true Local',
    );
  });

  it('marks trusted HTML and URLs with the html/template types', () => {
    expect(engine.executeText('{{ printf "%T %T" (safeHtml "<b>") (safeUrl "u") }}', null)).toBe(
      'template.HTML template.URL',
    );
  });

  it.each([
    ['{{ urlUnescape "%zz" }}', 'error calling urlUnescape: invalid URL escape "%zz"'],
    ['{{ urlUnescape "a%e" }}', 'error calling urlUnescape: invalid URL escape "%e"'],
    ['{{ tz "Mars/Olympus" .at }}', 'error calling tz: unknown time zone Mars/Olympus'],
    [
      '{{ mustToDate "2006" "x" }}',
      'error calling mustToDate: parsing time "x" as "2006": cannot parse "x" as "2006"',
    ],
    ['{{ toJson .nan }}', 'error calling toJson: json: unsupported value: NaN'],
    ['{{ base64decode "YWI" }}', 'error calling base64decode: illegal base64 data at input byte'],
    [
      '{{ base64decode "a$==" }}',
      'error calling base64decode: illegal base64 data at input byte 1',
    ],
    ['{{ dict "a" }}', 'error calling dict: dict requires an even number of arguments'],
    ['{{ dict 1 2 }}', 'error calling dict: dict keys must be strings'],
    ['{{ join "," .mixed }}', 'wrong type for value; expected []string; got []interface {}'],
    ['{{ toUpper 1 }}', 'wrong type for value; expected string; got int'],
    ['{{ append "x" 1 }}', 'wrong type for value; expected []interface {}; got string'],
    ['{{ date "2006" "x" }}', 'wrong type for value; expected time.Time; got string'],
    ['{{ join "," }}', 'wrong number of args for join: want 2 got 1'],
  ])('%s fails as Alertmanager does', (text, message) => {
    expect(run(text, { at, nan: NaN, mixed: ['a', 1n] })).toContain(message);
  });
});

describe('notification templates', () => {
  const data = notification(2);

  it('renders a Slack title and text', () => {
    expect(set.execute('slack.title', data)).toBe('[FIRING:1] HighLatency (node page)');
    expect(set.execute('slack.text', data)).toBe(
      '*Alert:* Latency is high on host-0 - `page`\n' +
        '*Since:* 12:00 UTC\n' +
        '*Details:*\n' +
        ' • *alertname:* `HighLatency`\n' +
        ' • *instance:* `host-0:9100`\n' +
        ' • *job:* `node`\n' +
        ' • *severity:* `page`\n' +
        '*Alert:* Latency is high on host-1 - `page`\n' +
        '*Since:* 12:01 UTC\n' +
        '*Details:*\n' +
        ' • *alertname:* `HighLatency`\n' +
        ' • *instance:* `host-1:9100`\n' +
        ' • *job:* `node`\n' +
        ' • *severity:* `page`\n',
    );
  });

  it('renders configuration strings against the set, as Alertmanager does', () => {
    expect(
      set.executeText(
        '{{ template "slack.title" . }} <{{ template "__alertmanagerURL" . }}>',
        data,
      ),
    ).toBe(
      '[FIRING:1] HighLatency (node page) <http://alertmanager:9093/#/alerts?receiver=team+x>',
    );
  });

  it('renders an HTML email with escaping', () => {
    const html = set.execute('email.html', data, { html: true });
    expect(html).toContain('<title>[FIRING:1] HighLatency (node page)</title>');
    expect(html).toContain('<a href="http://alertmanager:9093/#/alerts?receiver=team&#43;x">');
    expect(html).toContain('<a href="http://prometheus:9090/graph?g0.expr=x&amp;i=0">Source</a>');
  });
});

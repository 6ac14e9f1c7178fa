// Go's time.Time, time.Duration and time.Location as templates see them: values with Go-named
// methods (`.Format "15:04"`, `.Unix`, `.String`) and Go's layout-based formatting and parsing.
// JS Dates reach templates as GoTime in UTC (see fromDate). Zone offsets come from Intl;
// abbreviations (`MST` in a layout) come from Intl too, so they match Go's tzdata names for
// the zones mapped in ABBREVIATION_LOCALES and fall back to Go's numeric form (`+04`) elsewhere.
import { TemplateArgumentError } from './errors.js';
import { expectInt, expectString, typeName } from './values.js';

const NS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400;
/** Seconds from 0001-01-01 (Go's zero Time) to the Unix epoch. */
const ZERO_TIME_UNIX = -62_135_596_800;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** A Go named integer with a String method, such as time.Month or time.Weekday. */
export class GoNamedInt {
  constructor(
    readonly value: bigint,
    readonly label: string,
    readonly typeName: string,
  ) {}

  String(): string {
    return this.label;
  }
}

/** Go's time.Duration: an int64 count of nanoseconds. */
export class GoDuration {
  constructor(readonly ns: bigint) {}

  String(): string {
    return formatDuration(this.ns);
  }

  Nanoseconds(): bigint {
    return this.ns;
  }

  Microseconds(): bigint {
    return this.ns / 1000n;
  }

  Milliseconds(): bigint {
    return this.ns / 1_000_000n;
  }

  Seconds(): number {
    return Number(this.ns / NS_PER_SECOND) + Number(this.ns % NS_PER_SECOND) / 1e9;
  }

  Minutes(): number {
    return Number(this.ns / 60_000_000_000n) + Number(this.ns % 60_000_000_000n) / 6e10;
  }

  Hours(): number {
    return Number(this.ns / 3_600_000_000_000n) + Number(this.ns % 3_600_000_000_000n) / 3.6e12;
  }

  Abs(): GoDuration {
    return this.ns < 0n ? new GoDuration(-this.ns) : this;
  }

  Truncate(m: unknown): GoDuration {
    const unit = durationArg(m);
    return unit <= 0n ? this : new GoDuration(this.ns - (this.ns % unit));
  }

  Round(m: unknown): GoDuration {
    const unit = durationArg(m);
    if (unit <= 0n) return this;
    let r = this.ns % unit;
    if (this.ns < 0n) {
      r = -r;
      return new GoDuration(r + r < unit ? this.ns + r : this.ns + r - unit);
    }
    return new GoDuration(r + r < unit ? this.ns - r : this.ns + unit - r);
  }
}

/** A duration argument: a Duration or an integer count of nanoseconds, as Go converts constants. */
function durationArg(v: unknown): bigint {
  if (v instanceof GoDuration) return v.ns;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new TemplateArgumentError(
    `wrong type for value; expected time.Duration; got ${typeName(v)}`,
  );
}

/** Go's Duration.String: `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < NS_PER_SECOND) {
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const scale = 10n ** BigInt(prec);
    out = String(u / scale) + fraction(u % scale, prec) + unit;
  } else {
    out = String((u / NS_PER_SECOND) % 60n) + fraction(u % NS_PER_SECOND, 9) + 's';
    u /= NS_PER_SECOND * 60n;
    if (u > 0n) {
      out = `${u % 60n}m` + out;
      u /= 60n;
      if (u > 0n) out = `${u}h` + out;
    }
  }
  return neg ? '-' + out : out;
}

/** `.123` for the fraction `digits` / 10**prec without trailing zeros, or nothing for zero. */
function fraction(digits: bigint, prec: number): string {
  if (digits === 0n) return '';
  return '.' + digits.toString().padStart(prec, '0').replace(/0+$/, '');
}

/** A time zone: UTC, the process's local zone, or an IANA zone, as Go's time.Location. */
export class GoLocation {
  static readonly UTC = new GoLocation('UTC', undefined);
  static #local: GoLocation | undefined;
  readonly #formatter: Intl.DateTimeFormat | undefined;
  readonly #abbreviations: Intl.DateTimeFormat | undefined;

  protected constructor(
    readonly name: string,
    readonly zone: string | undefined,
  ) {
    if (zone === undefined) return;
    this.#formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.#abbreviations = new Intl.DateTimeFormat(abbreviationLocale(zone), {
      timeZone: zone,
      timeZoneName: 'short',
    });
  }

  /** Go's time.Local: the zone of the process (TZ), named "Local". */
  static local(): GoLocation {
    GoLocation.#local ??= new GoLocation('Local', Intl.DateTimeFormat().resolvedOptions().timeZone);
    return GoLocation.#local;
  }

  /** Go's time.LoadLocation; throws for a zone Intl does not know. */
  static load(name: string): GoLocation {
    if (name === '' || name === 'UTC') return GoLocation.UTC;
    if (name === 'Local') return GoLocation.local();
    const cached = LOCATIONS.get(name);
    if (cached !== undefined) return cached;
    let loc: GoLocation;
    try {
      loc = new GoLocation(name, name);
    } catch {
      throw new Error(`unknown time zone ${name}`);
    }
    LOCATIONS.set(name, loc);
    return loc;
  }

  String(): string {
    return this.name;
  }

  /** A zone with a constant offset, as Go's time.FixedZone. */
  static fixed(name: string, offset: number): GoLocation {
    return new FixedLocation(name, offset);
  }

  /** The offset east of UTC in seconds and the zone abbreviation in effect at `unixSec`. */
  lookup(unixSec: number): { offset: number; abbreviation: string } {
    const formatter = this.#formatter;
    if (formatter === undefined) return { offset: 0, abbreviation: 'UTC' };
    const ms = unixSec * 1000;
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return { offset: 0, abbreviation: 'UTC' };
    const date = new Date(ms);
    const parts: Record<string, number> = {};
    for (const p of formatter.formatToParts(date)) parts[p.type] = Number(p.value);
    const wall =
      daysFromCivil(parts['year']!, parts['month']!, parts['day']!) * SECONDS_PER_DAY +
      parts['hour']! * 3600 +
      parts['minute']! * 60 +
      parts['second']!;
    const offset = wall - Math.floor(unixSec);
    // Intl numbers years before 1 AD by era; such instants get no offset rather than a wrong one.
    if (Math.abs(offset) >= SECONDS_PER_DAY) return { offset: 0, abbreviation: 'UTC' };
    return { offset, abbreviation: this.#abbreviation(date, offset) };
  }

  #abbreviation(date: Date, offset: number): string {
    const part = this.#abbreviations!.formatToParts(date).find((p) => p.type === 'timeZoneName');
    const name = part?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(name)) return name;
    return numericAbbreviation(offset);
  }
}

class FixedLocation extends GoLocation {
  readonly #offset: number;
  readonly #abbreviation: string;

  constructor(name: string, offset: number) {
    super(name, undefined);
    this.#offset = offset;
    this.#abbreviation = name;
  }

  override lookup(): { offset: number; abbreviation: string } {
    return { offset: this.#offset, abbreviation: this.#abbreviation };
  }
}

const LOCATIONS = new Map<string, GoLocation>();

// Locales whose short zone names are the tzdata abbreviations Go prints for these regions.
const ABBREVIATION_LOCALES: readonly [RegExp, string][] = [
  [/^(America|US|Canada|Pacific\/Honolulu)\b/, 'en-US'],
  [/^(Europe|GB|Eire|WET|CET|MET|EET)\b/, 'en-GB'],
  [/^Australia\//, 'en-AU'],
  [/^(Pacific\/Auckland|NZ)\b/, 'en-NZ'],
  [/^Asia\/(Kolkata|Calcutta)$/, 'en-IN'],
  [/^(Asia\/Tokyo|Japan)$/, 'ja-JP'],
];

function abbreviationLocale(zone: string): string {
  return ABBREVIATION_LOCALES.find(([re]) => re.test(zone))?.[1] ?? 'en-US';
}

/** tzdata's name for a zone without letters: `+04`, `-0330`. */
function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60;
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = minutes % 60;
  return mm === 0 ? sign + hh : sign + hh + pad(mm, 2);
}

/** Go's time.Time: seconds and nanoseconds since the Unix epoch, and a location. */
export class GoTime {
  constructor(
    readonly unixSeconds: number,
    readonly nanosecond: number,
    readonly location: GoLocation,
  ) {}

  /** A JS Date as a UTC time, as Go decodes the `Z` timestamps Prometheus sends. */
  static fromDate(d: Date): GoTime {
    const ms = d.getTime();
    const sec = Math.floor(ms / 1000);
    return new GoTime(sec, (ms - sec * 1000) * 1_000_000, GoLocation.UTC);
  }

  static fromUnixNano(ns: bigint, loc: GoLocation = GoLocation.UTC): GoTime {
    let sec = ns / NS_PER_SECOND;
    let nsec = ns % NS_PER_SECOND;
    if (nsec < 0n) {
      nsec += NS_PER_SECOND;
      sec -= 1n;
    }
    return new GoTime(Number(sec), Number(nsec), loc);
  }

  /** Go's time.Now, to the millisecond, in the local zone. */
  static now(): GoTime {
    const t = GoTime.fromDate(new Date());
    return new GoTime(t.unixSeconds, t.nanosecond, GoLocation.local());
  }

  /** Go's zero Time, 0001-01-01 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(ZERO_TIME_UNIX, 0, GoLocation.UTC);
  }

  Format(layout: unknown): string {
    return formatTime(this, expectString(layout));
  }

  String(): string {
    return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  }

  /** encoding/json's form of a Time (RFC 3339 with nanoseconds). */
  toJSON(): string {
    return formatTime(this, '2006-01-02T15:04:05.999999999Z07:00');
  }

  Unix(): bigint {
    return BigInt(this.unixSeconds);
  }

  UnixMilli(): bigint {
    return this.UnixNano() / 1_000_000n;
  }

  UnixMicro(): bigint {
    return this.UnixNano() / 1000n;
  }

  UnixNano(): bigint {
    return BigInt(this.unixSeconds) * NS_PER_SECOND + BigInt(this.nanosecond);
  }

  Location(): GoLocation {
    return this.location;
  }

  UTC(): GoTime {
    return new GoTime(this.unixSeconds, this.nanosecond, GoLocation.UTC);
  }

  Local(): GoTime {
    return new GoTime(this.unixSeconds, this.nanosecond, GoLocation.local());
  }

  IsZero(): boolean {
    return this.unixSeconds === ZERO_TIME_UNIX && this.nanosecond === 0;
  }

  Add(d: unknown): GoTime {
    return GoTime.fromUnixNano(this.UnixNano() + durationArg(d), this.location);
  }

  Sub(u: unknown): GoDuration {
    return new GoDuration(this.UnixNano() - timeArg(u).UnixNano());
  }

  AddDate(years: unknown, months: unknown, days: unknown): GoTime {
    const c = this.#civil();
    const sec = dateToUnix(
      c.year + expectInt(years),
      c.month + expectInt(months),
      c.day + expectInt(days),
      c.secondOfDay,
      this.location,
    );
    return new GoTime(sec, this.nanosecond, this.location);
  }

  Before(u: unknown): boolean {
    return this.UnixNano() < timeArg(u).UnixNano();
  }

  After(u: unknown): boolean {
    return this.UnixNano() > timeArg(u).UnixNano();
  }

  Equal(u: unknown): boolean {
    return this.UnixNano() === timeArg(u).UnixNano();
  }

  Year(): bigint {
    return BigInt(this.#civil().year);
  }

  Month(): GoNamedInt {
    const m = this.#civil().month;
    return new GoNamedInt(BigInt(m), MONTH_NAMES[m - 1]!, 'time.Month');
  }

  Day(): bigint {
    return BigInt(this.#civil().day);
  }

  YearDay(): bigint {
    return BigInt(this.#civil().yearDay);
  }

  Weekday(): GoNamedInt {
    const w = this.#civil().weekday;
    return new GoNamedInt(BigInt(w), WEEKDAY_NAMES[w]!, 'time.Weekday');
  }

  Hour(): bigint {
    return BigInt(Math.floor(this.#civil().secondOfDay / 3600));
  }

  Minute(): bigint {
    return BigInt(Math.floor(this.#civil().secondOfDay / 60) % 60);
  }

  Second(): bigint {
    return BigInt(this.#civil().secondOfDay % 60);
  }

  Nanosecond(): bigint {
    return BigInt(this.nanosecond);
  }

  Truncate(d: unknown): GoTime {
    const unit = durationArg(d);
    if (unit <= 0n) return this;
    const ns = this.UnixNano() - ZERO_NS;
    return GoTime.fromUnixNano(this.UnixNano() - mod(ns, unit), this.location);
  }

  Round(d: unknown): GoTime {
    const unit = durationArg(d);
    if (unit <= 0n) return this;
    const r = mod(this.UnixNano() - ZERO_NS, unit);
    const down = this.UnixNano() - r;
    return GoTime.fromUnixNano(r + r < unit ? down : down + unit, this.location);
  }

  #civil(): Civil {
    return civil(this);
  }
}

const ZERO_NS = BigInt(ZERO_TIME_UNIX) * NS_PER_SECOND;

function mod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r < 0n ? r + b : r;
}

/** A time argument: a GoTime or a JS Date. */
export function timeArg(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof Date) return GoTime.fromDate(v);
  throw new TemplateArgumentError(`wrong type for value; expected time.Time; got ${typeName(v)}`);
}

interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly yearDay: number;
  readonly weekday: number;
  readonly secondOfDay: number;
  readonly offset: number;
  readonly abbreviation: string;
}

function civil(t: GoTime): Civil {
  const { offset, abbreviation } = t.location.lookup(t.unixSeconds);
  const local = t.unixSeconds + offset;
  const days = Math.floor(local / SECONDS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
    weekday: (((days + 4) % 7) + 7) % 7,
    secondOfDay: local - days * SECONDS_PER_DAY,
    offset,
    abbreviation,
  };
}

/** Integer division rounding down, for integral operands. */
function floorDiv(a: number, b: number): number {
  const r = a % b;
  return (a - (r < 0 ? r + b : r)) / b;
}

// Proleptic Gregorian conversions between days since 1970-01-01 and calendar dates, valid for
// every year (Howard Hinnant's algorithms).
function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719_468;
  const era = floorDiv(zz, 146_097);
  const doe = zz - era * 146_097;
  const yoe = floorDiv(
    doe - floorDiv(doe, 1460) + floorDiv(doe, 36_524) - floorDiv(doe, 146_096),
    365,
  );
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = floorDiv(153 * mp + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Unix seconds of a wall-clock date in `loc`, normalising out-of-range months and days as Go's time.Date. */
function dateToUnix(
  year: number,
  month: number,
  day: number,
  secondOfDay: number,
  loc: GoLocation,
): number {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  const wall = (daysFromCivil(y, m, 1) + day - 1) * SECONDS_PER_DAY + secondOfDay;
  // The offset at the wall time read as UTC, then corrected once for a transition in between.
  let sec = wall - loc.lookup(wall).offset;
  sec = wall - loc.lookup(sec).offset;
  return sec;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Layout elements, as Go's time package names them in its reference time
// "Mon Jan 2 15:04:05 MST 2006".
type Element =
  | 'January'
  | 'Jan'
  | '1'
  | '01'
  | 'Monday'
  | 'Mon'
  | '2'
  | '_2'
  | '02'
  | '__2'
  | '002'
  | '15'
  | '3'
  | '03'
  | '4'
  | '04'
  | '5'
  | '05'
  | '2006'
  | '06'
  | 'PM'
  | 'pm'
  | 'MST'
  | 'Z070000'
  | 'Z07:00:00'
  | 'Z0700'
  | 'Z07:00'
  | 'Z07'
  | '-070000'
  | '-07:00:00'
  | '-0700'
  | '-07:00'
  | '-07';

type Chunk =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'std'; readonly element: Element }
  | {
      readonly kind: 'frac';
      readonly separator: string;
      readonly digits: number;
      readonly trim: boolean;
    };

const ZONE_ELEMENTS: readonly Element[] = [
  '-070000',
  '-07:00:00',
  '-0700',
  '-07:00',
  '-07',
  'Z070000',
  'Z07:00:00',
  'Z0700',
  'Z07:00',
  'Z07',
];

function startsWithLower(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 97 && c <= 122;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** The next layout element at or after `i`: its start, length and meaning. */
function nextElement(
  layout: string,
  from: number,
): { start: number; chunk: Chunk; length: number } | undefined {
  for (let i = from; i < layout.length; i++) {
    const found = elementAt(layout, i);
    if (found !== undefined) return { start: i, ...found };
  }
  return undefined;
}

function std(element: Element): { chunk: Chunk; length: number } {
  return { chunk: { kind: 'std', element }, length: element.length };
}

function elementAt(layout: string, i: number): { chunk: Chunk; length: number } | undefined {
  const rest = layout.slice(i, i + 9);
  switch (layout[i]) {
    case 'J':
      if (rest.startsWith('January')) return std('January');
      if (rest.startsWith('Jan') && !startsWithLower(layout, i + 3)) return std('Jan');
      return undefined;
    case 'M':
      if (rest.startsWith('Monday')) return std('Monday');
      if (rest.startsWith('Mon') && !startsWithLower(layout, i + 3)) return std('Mon');
      if (rest.startsWith('MST')) return std('MST');
      return undefined;
    case '0': {
      const next = layout[i + 1];
      if (next !== undefined && next >= '1' && next <= '6') return std(('0' + next) as Element);
      if (rest.startsWith('002')) return std('002');
      return undefined;
    }
    case '1':
      return std(layout[i + 1] === '5' ? '15' : '1');
    case '2':
      return std(rest.startsWith('2006') ? '2006' : '2');
    case '_':
      if (layout[i + 1] === '2') {
        // "_2006" is a literal underscore before a year.
        if (rest.startsWith('_2006')) return { chunk: { kind: 'text', text: '_' }, length: 1 };
        return std('_2');
      }
      if (rest.startsWith('__2')) return std('__2');
      return undefined;
    case '3':
    case '4':
    case '5':
      return std(layout[i] as Element);
    case 'P':
      return layout[i + 1] === 'M' ? std('PM') : undefined;
    case 'p':
      return layout[i + 1] === 'm' ? std('pm') : undefined;
    case '-':
    case 'Z': {
      const zone = ZONE_ELEMENTS.find((e) => e[0] === layout[i] && rest.startsWith(e));
      return zone === undefined ? undefined : std(zone);
    }
    case '.':
    case ',':
      return fractionAt(layout, i);
    default:
      return undefined;
  }
}

function fractionAt(layout: string, i: number): { chunk: Chunk; length: number } | undefined {
  const digit = layout[i + 1];
  if (digit !== '0' && digit !== '9') return undefined;
  let j = i + 1;
  while (layout[j] === digit) j++;
  if (isDigitAt(layout, j)) return undefined;
  return {
    chunk: { kind: 'frac', separator: layout[i]!, digits: j - i - 1, trim: digit === '9' },
    length: j - i,
  };
}

const LAYOUTS = new Map<string, readonly Chunk[]>();

function compileLayout(layout: string): readonly Chunk[] {
  const cached = LAYOUTS.get(layout);
  if (cached !== undefined) return cached;
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < layout.length) {
    const next = nextElement(layout, i);
    if (next === undefined) {
      chunks.push({ kind: 'text', text: layout.slice(i) });
      break;
    }
    if (next.start > i) chunks.push({ kind: 'text', text: layout.slice(i, next.start) });
    chunks.push(next.chunk);
    i = next.start + next.length;
  }
  if (LAYOUTS.size > 1000) LAYOUTS.clear();
  LAYOUTS.set(layout, chunks);
  return chunks;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A signed integer with at least `width` digits, as Go's appendInt. */
function padSigned(n: number, width: number): string {
  return n < 0 ? '-' + pad(-n, width) : pad(n, width);
}

/** Go's Time.Format. */
function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  for (const chunk of compileLayout(layout)) {
    if (chunk.kind === 'text') out += chunk.text;
    else if (chunk.kind === 'frac') out += formatFraction(t.nanosecond, chunk);
    else out += formatElement(chunk.element, c);
  }
  return out;
}

function formatFraction(
  nsec: number,
  chunk: { separator: string; digits: number; trim: boolean },
): string {
  let digits = pad(nsec, 9).slice(0, chunk.digits);
  if (chunk.trim) {
    digits = digits.replace(/0+$/, '');
    if (digits === '') return '';
  }
  return chunk.separator + digits;
}

function formatElement(element: Element, c: Civil): string {
  const hour = Math.floor(c.secondOfDay / 3600);
  const minute = Math.floor(c.secondOfDay / 60) % 60;
  const second = c.secondOfDay % 60;
  switch (element) {
    case 'January':
      return MONTH_NAMES[c.month - 1]!;
    case 'Jan':
      return MONTH_NAMES[c.month - 1]!.slice(0, 3);
    case '1':
      return String(c.month);
    case '01':
      return pad(c.month, 2);
    case 'Monday':
      return WEEKDAY_NAMES[c.weekday]!;
    case 'Mon':
      return WEEKDAY_NAMES[c.weekday]!.slice(0, 3);
    case '2':
      return String(c.day);
    case '_2':
      return String(c.day).padStart(2, ' ');
    case '02':
      return pad(c.day, 2);
    case '__2':
      return String(c.yearDay).padStart(3, ' ');
    case '002':
      return pad(c.yearDay, 3);
    case '15':
      return pad(hour, 2);
    case '3':
      return String(hour % 12 === 0 ? 12 : hour % 12);
    case '03':
      return pad(hour % 12 === 0 ? 12 : hour % 12, 2);
    case '4':
      return String(minute);
    case '04':
      return pad(minute, 2);
    case '5':
      return String(second);
    case '05':
      return pad(second, 2);
    case '2006':
      return padSigned(c.year, 4);
    case '06':
      return pad(Math.abs(c.year) % 100, 2);
    case 'PM':
      return hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return hour >= 12 ? 'pm' : 'am';
    case 'MST':
      return c.abbreviation !== '' ? c.abbreviation : formatOffset(c.offset, '-0700');
    default:
      return formatOffset(c.offset, element);
  }
}

function formatOffset(offset: number, element: Element): string {
  if (element.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor(abs / 60) % 60, 2);
  const ss = pad(abs % 60, 2);
  switch (element.slice(1)) {
    case '07':
      return sign + hh;
    case '0700':
      return sign + hh + mm;
    case '07:00':
      return `${sign}${hh}:${mm}`;
    case '070000':
      return sign + hh + mm + ss;
    default:
      return `${sign}${hh}:${mm}:${ss}`;
  }
}

/** Go's time.ParseError texts. */
class ParseFailure extends Error {}

function cannotParse(layout: string, value: string, rest: string, element: string): ParseFailure {
  return new ParseFailure(
    `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(element)}`,
  );
}

/** The time package's quoting: `"` and `\\` escaped, control and non-ASCII bytes as `\xNN`. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c >= 0x80) {
      for (const b of Buffer.from(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      out += c === 0x22 || c === 0x5c ? '\\' + ch : ch;
    }
  }
  return out + '"';
}

interface Fields {
  year: number;
  month: number;
  day: number;
  yearDay: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  pm: boolean | undefined;
  zoneOffset: number | undefined;
  zoneName: string | undefined;
  utc: boolean;
}

/** Go's time.ParseInLocation: reads `value` laid out as `layout`; throws Go's error text. */
export function parseTime(layout: string, value: string, loc: GoLocation): GoTime {
  const f: Fields = {
    year: 0,
    month: 1,
    day: 1,
    yearDay: -1,
    hour: 0,
    minute: 0,
    second: 0,
    nsec: 0,
    pm: undefined,
    zoneOffset: undefined,
    zoneName: undefined,
    utc: false,
  };
  const chunks = compileLayout(layout);
  let rest = value;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (chunk.kind === 'text') {
      const after = skipLiteral(rest, chunk.text);
      if (after === undefined) throw cannotParse(layout, value, rest, chunk.text);
      rest = after;
      continue;
    }
    const hold = rest;
    const range = { failed: undefined as string | undefined };
    const after =
      chunk.kind === 'frac'
        ? parseFraction(rest, chunk, f)
        : parseElement(rest, chunk.element, f, range, chunks[i + 1]);
    if (range.failed !== undefined) {
      throw new ParseFailure(`parsing time ${quote(value)}: ${range.failed} out of range`);
    }
    if (after === undefined) throw cannotParse(layout, value, hold, elementText(chunk));
    rest = after;
  }
  if (rest !== '')
    throw new ParseFailure(`parsing time ${quote(value)}: extra text: ${quote(rest)}`);
  return assemble(f, value, loc);
}

function elementText(chunk: Chunk): string {
  if (chunk.kind === 'std') return chunk.element;
  if (chunk.kind === 'frac') return chunk.separator + (chunk.trim ? '9' : '0').repeat(chunk.digits);
  return chunk.text;
}

function assemble(f: Fields, value: string, loc: GoLocation): GoTime {
  let hour = f.hour;
  if (f.pm === true && hour < 12) hour += 12;
  else if (f.pm === false && hour === 12) hour = 0;
  let { month, day } = f;
  if (f.yearDay >= 0) {
    ({ month, day } = civilFromDays(daysFromCivil(f.year, 1, 1) + f.yearDay - 1));
  }
  if (day < 1 || day > daysIn(month, f.year)) {
    throw new ParseFailure(`parsing time ${quote(value)}: day out of range`);
  }
  const secondOfDay = hour * 3600 + f.minute * 60 + f.second;
  if (f.utc)
    return new GoTime(
      dateToUnix(f.year, month, day, secondOfDay, GoLocation.UTC),
      f.nsec,
      GoLocation.UTC,
    );
  if (f.zoneOffset !== undefined) {
    const sec = dateToUnix(f.year, month, day, secondOfDay, GoLocation.UTC) - f.zoneOffset;
    const zone = loc.lookup(sec).offset === f.zoneOffset ? loc : GoLocation.fixed('', f.zoneOffset);
    return new GoTime(sec, f.nsec, zone);
  }
  if (f.zoneName !== undefined) {
    const gmt = /^GMT([+-]\d+)$/.exec(f.zoneName);
    const offset = gmt === null ? 0 : Number(gmt[1]) * 3600;
    const sec = dateToUnix(f.year, month, day, secondOfDay, GoLocation.UTC) - offset;
    return new GoTime(sec, f.nsec, GoLocation.fixed(f.zoneName, offset));
  }
  return new GoTime(dateToUnix(f.year, month, day, secondOfDay, loc), f.nsec, loc);
}

/** Matches literal layout text; a space in the layout matches one or more spaces. */
function skipLiteral(value: string, literal: string): string | undefined {
  let v = value;
  let p = literal;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return undefined;
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) return undefined;
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

/** One or two digits (exactly two when fixed). */
function takeNumber(
  value: string,
  fixed: boolean,
  max = 2,
): { n: number; rest: string } | undefined {
  let len = 0;
  while (len < max && isDigitAt(value, len)) len++;
  if (len === 0 || (fixed && len < max)) return undefined;
  return { n: Number(value.slice(0, len)), rest: value.slice(len) };
}

function lookupName(
  value: string,
  names: readonly string[],
  short: boolean,
): { n: number; rest: string } | undefined {
  for (let i = 0; i < names.length; i++) {
    const name = short ? names[i]!.slice(0, 3) : names[i]!;
    if (
      value.length >= name.length &&
      value.slice(0, name.length).toLowerCase() === name.toLowerCase()
    ) {
      return { n: i, rest: value.slice(name.length) };
    }
  }
  return undefined;
}

function parseElement(
  value: string,
  element: Element,
  f: Fields,
  range: { failed: string | undefined },
  next: Chunk | undefined,
): string | undefined {
  const checked = (
    r: { n: number; rest: string } | undefined,
    lo: number,
    hi: number,
    what: string,
    set: (n: number) => void,
  ) => {
    if (r === undefined) return undefined;
    if (r.n < lo || r.n > hi) range.failed = what;
    set(r.n);
    return r.rest;
  };
  switch (element) {
    case '2006': {
      if (value.length < 4 || !/^\d{4}/.test(value)) return undefined;
      f.year = Number(value.slice(0, 4));
      return value.slice(4);
    }
    case '06': {
      const r = takeNumber(value, true);
      if (r === undefined) return undefined;
      f.year = r.n >= 69 ? 1900 + r.n : 2000 + r.n;
      return r.rest;
    }
    case 'January':
    case 'Jan': {
      const r = lookupName(value, MONTH_NAMES, element === 'Jan');
      if (r === undefined) return undefined;
      f.month = r.n + 1;
      return r.rest;
    }
    case 'Monday':
    case 'Mon':
      return lookupName(value, WEEKDAY_NAMES, element === 'Mon')?.rest;
    case '1':
    case '01':
      return checked(takeNumber(value, element === '01'), 1, 12, 'month', (n) => (f.month = n));
    case '2':
    case '_2':
    case '02': {
      const v = element === '_2' && value[0] === ' ' ? value.slice(1) : value;
      return checked(takeNumber(v, element === '02'), 0, 99, 'day', (n) => (f.day = n));
    }
    case '__2':
    case '002': {
      const v = element === '__2' ? value.replace(/^ {1,2}/, '') : value;
      return checked(
        takeNumber(v, element === '002', 3),
        1,
        365,
        'day-of-year',
        (n) => (f.yearDay = n),
      );
    }
    case '15':
      return checked(takeNumber(value, false), 0, 23, 'hour', (n) => (f.hour = n));
    case '3':
    case '03':
      return checked(takeNumber(value, element === '03'), 0, 12, 'hour', (n) => (f.hour = n));
    case '4':
    case '04':
      return checked(takeNumber(value, element === '04'), 0, 59, 'minute', (n) => (f.minute = n));
    case '5':
    case '05': {
      const rest = checked(
        takeNumber(value, element === '05'),
        0,
        59,
        'second',
        (n) => (f.second = n),
      );
      // A fraction in the value is accepted even when the layout has none.
      if (rest !== undefined && next?.kind !== 'frac' && /^[.,]\d/.test(rest)) {
        const digits = /^[.,](\d+)/.exec(rest)![1]!;
        f.nsec = nanoseconds(digits);
        return rest.slice(1 + digits.length);
      }
      return rest;
    }
    case 'PM':
    case 'pm': {
      const p = value.slice(0, 2);
      const upper = element === 'PM' ? p : p.toUpperCase();
      if (upper !== 'PM' && upper !== 'AM') return undefined;
      if (element === 'pm' && p !== p.toLowerCase()) return undefined;
      f.pm = upper === 'PM';
      return value.slice(2);
    }
    case 'MST':
      return parseZoneName(value, f);
    default:
      return parseOffset(value, element, f);
  }
}

function nanoseconds(digits: string): number {
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

function parseFraction(
  value: string,
  chunk: { separator: string; digits: number; trim: boolean },
  f: Fields,
): string | undefined {
  if (!chunk.trim) {
    const re = new RegExp(`^[.,](\\d{${chunk.digits}})`);
    const m = re.exec(value);
    if (m === null) return undefined;
    f.nsec = nanoseconds(m[1]!);
    return value.slice(m[0].length);
  }
  const m = /^[.,](\d+)/.exec(value);
  if (m === null) return value;
  f.nsec = nanoseconds(m[1]!);
  return value.slice(m[0].length);
}

function parseZoneName(value: string, f: Fields): string | undefined {
  if (value.startsWith('UTC')) {
    f.utc = true;
    return value.slice(3);
  }
  const m = /^(GMT[+-]\d{1,2}|GMT|[A-Z]{3,5}|ChST|MeST|[+-]\d{2}(?:\d{2})?)/.exec(value);
  if (m === null) return undefined;
  const name = m[1]!;
  if (/^[A-Z]{4,5}$/.test(name) && !name.endsWith('T')) return undefined;
  f.zoneName = name;
  return value.slice(name.length);
}

function parseOffset(value: string, element: Element, f: Fields): string | undefined {
  if (element.startsWith('Z') && value.startsWith('Z')) {
    f.utc = true;
    return value.slice(1);
  }
  const shape = element.slice(1);
  const pattern: Record<string, RegExp> = {
    '07': /^([+-])(\d\d)/,
    '0700': /^([+-])(\d\d)(\d\d)/,
    '07:00': /^([+-])(\d\d):(\d\d)/,
    '070000': /^([+-])(\d\d)(\d\d)(\d\d)/,
    '07:00:00': /^([+-])(\d\d):(\d\d):(\d\d)/,
  };
  const m = pattern[shape]!.exec(value);
  if (m === null) return undefined;
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  f.zoneOffset = m[1] === '-' ? -seconds : seconds;
  return value.slice(m[0].length);
}

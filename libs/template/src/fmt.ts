// Go's fmt for template values: Sprint, Sprintln and Sprintf with the verbs templates use
// (%v %+v %s %q %d %b %o %O %x %X %c %U %e %E %f %F %g %G %t %T %%), flags (+ - # 0 space),
// width, precision, `*` and explicit argument indexes (%[2]d), and Go's error forms
// (%!d(string=x), %!d(MISSING), %!(EXTRA int=1), %!(NOVERB), %!(BADWIDTH), %!(BADPREC),
// %!d(BADINDEX)).
//
// Numbers: a bigint is a Go int; a JS number is a float64, except that an integral number is
// accepted by the verbs only integers have (%d %o %O %c %q %U) where Go would print
// %!d(float64=3), because JS data has no separate integer type.
import {
  type FloatFormat,
  canBackquote,
  formatFloat,
  isPrint,
  quote,
  quoteRune,
  validRune,
} from './strconv.js';
import { type GoDuration, type GoNamedInt, GoTime } from './time.js';
import {
  SafeHtml,
  SafeUrl,
  intValue,
  kindOf,
  sliceElements,
  sortedEntries,
  stringer,
  typeName,
} from './values.js';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number | undefined;
  prec: number | undefined;
}

function newSpec(): Spec {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: undefined,
    prec: undefined,
  };
}

/** Builds one formatted string; `erroring` stops Stringers from running inside %!verb(...). */
class Printer {
  out = '';
  erroring = false;
  spec: Spec = newSpec();

  pad(s: string): void {
    const wid = this.spec.wid;
    if (wid === undefined) {
      this.out += s;
      return;
    }
    const n = wid - runeCount(s);
    if (n <= 0) {
      this.out += s;
      return;
    }
    if (this.spec.minus) this.out += s + ' '.repeat(n);
    else this.out += (this.spec.zero ? '0' : ' ').repeat(n) + s;
  }

  /** Writes `n` padding characters, zeros when the zero flag is set. */
  padding(n: number): void {
    if (n > 0) this.out += (this.spec.zero ? '0' : ' ').repeat(n);
  }

  /** Pads without zero-filling, for output whose zeros were already placed. */
  padSpaces(s: string): void {
    const zero = this.spec.zero;
    this.spec.zero = false;
    this.pad(s);
    this.spec.zero = zero;
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb, arg);
      return;
    }
    const value = arg instanceof Date ? GoTime.fromDate(arg) : arg;
    switch (typeof value) {
      case 'boolean':
        this.fmtBool(value, verb, arg);
        return;
      case 'bigint':
        this.fmtInteger(value, verb, arg);
        return;
      case 'number':
        this.fmtNumber(value, verb, arg);
        return;
      case 'string':
        this.fmtString(value, verb, arg);
        return;
      default:
        if (!this.handleMethods(value, verb)) this.printValue(value, verb, arg);
    }
  }

  badVerb(verb: string, arg: unknown): void {
    this.erroring = true;
    this.out += '%!' + verb + '(';
    if (arg === undefined || arg === null) {
      this.out += '<nil>';
    } else {
      this.out += typeName(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.out += ')';
    this.erroring = false;
  }

  /** Stringers and errors print as their strings for the string verbs. */
  handleMethods(value: unknown, verb: string): boolean {
    if (this.erroring || this.spec.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    if (typeof value !== 'object' || value === null) return false;
    if (value instanceof Error) {
      this.fmtString(value.message, verb, value);
      return true;
    }
    const method = stringer(value);
    if (method === undefined) return false;
    const s = method.call(value);
    this.fmtString(typeof s === 'string' ? s : String(s), verb, value);
    return true;
  }

  printValue(value: unknown, verb: string, arg: unknown): void {
    switch (kindOf(value)) {
      case 'string':
        this.fmtString((value as SafeHtml | SafeUrl).value, verb, arg);
        return;
      case 'int':
        // Named integers (time.Duration, time.Month) that reached here are numeric verbs.
        this.fmtInteger(intValue(value as GoDuration | GoNamedInt), verb, arg);
        return;
      case 'slice':
        this.printList(sliceElements(value as unknown[]), verb);
        return;
      case 'map':
        this.printMap(value as Map<unknown, unknown> | Record<string, unknown>, verb);
        return;
      case 'func':
        if (verb === 'v') this.pad('0x0');
        else this.badVerb(verb, arg);
        return;
      default:
        this.printStruct(value as object, verb);
    }
  }

  /** An element of a container: nested Stringers apply, nil prints as <nil>. */
  printElement(v: unknown, verb: string): void {
    if (v === undefined || v === null) {
      this.out += '<nil>';
      return;
    }
    this.printArg(v, verb);
  }

  printList(elements: readonly unknown[], verb: string): void {
    this.out += '[';
    elements.forEach((e, i) => {
      if (i > 0) this.out += ' ';
      this.printElement(e, verb);
    });
    this.out += ']';
  }

  printMap(m: Map<unknown, unknown> | Record<string, unknown>, verb: string): void {
    this.out += 'map[';
    sortedEntries(m).forEach(([k, v], i) => {
      if (i > 0) this.out += ' ';
      this.printElement(k, verb);
      this.out += ':';
      this.printElement(v, verb);
    });
    this.out += ']';
  }

  printStruct(v: object, verb: string): void {
    this.out += '{';
    Object.entries(v).forEach(([name, field], i) => {
      if (i > 0) this.out += ' ';
      if (this.spec.plusV) this.out += name + ':';
      this.printElement(field, verb);
    });
    this.out += '}';
  }

  fmtBool(v: boolean, verb: string, arg: unknown): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, arg);
  }

  fmtNumber(v: number, verb: string, arg: unknown): void {
    if (Number.isInteger(v) && INTEGER_VERBS.has(verb) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) {
      this.fmtInteger(BigInt(v), verb, arg);
      return;
    }
    switch (verb) {
      case 'v':
        this.fmtFloat(v, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloat(v, verb, -1);
        return;
      case 'f':
      case 'F':
        this.fmtFloat(v, 'f', 6);
        return;
      case 'e':
      case 'E':
        this.fmtFloat(v, verb, 6);
        return;
      default:
        this.badVerb(verb, arg);
    }
  }

  fmtFloat(v: number, fmt: FloatFormat, defaultPrec: number): void {
    const f = this.spec;
    const prec = f.prec ?? defaultPrec;
    let num = formatFloat(v, fmt, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      // Infinities and NaN are not numbers to zero-pad; NaN has no sign unless asked.
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.padSpaces(num);
      return;
    }
    if (f.sharp && fmt !== 'b') num = sharpFloat(num, fmt, prec);
    if (f.plus || num[0] !== '+') {
      if (f.zero && f.wid !== undefined && f.wid > num.length) {
        this.out += num[0];
        this.padding(f.wid - num.length);
        this.out += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtInteger(v: bigint, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v':
      case 'd':
        this.formatInteger(v, 10, verb, LOWER_DIGITS);
        return;
      case 'b':
        this.formatInteger(v, 2, verb, LOWER_DIGITS);
        return;
      case 'o':
      case 'O':
        this.formatInteger(v, 8, verb, LOWER_DIGITS);
        return;
      case 'x':
        this.formatInteger(v, 16, verb, LOWER_DIGITS);
        return;
      case 'X':
        this.formatInteger(v, 16, verb, UPPER_DIGITS);
        return;
      case 'c':
        this.pad(String.fromCodePoint(runeOf(v)));
        return;
      case 'q':
        this.fmtQc(v);
        return;
      case 'U':
        this.fmtUnicode(v);
        return;
      default:
        this.badVerb(verb, arg);
    }
  }

  formatInteger(v: bigint, base: number, verb: string, digits: string): void {
    const f = this.spec;
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (f.prec !== undefined) {
      prec = f.prec;
      // Precision 0 and value 0 print nothing but padding.
      if (prec === 0 && u === 0n) {
        const zero = f.zero;
        f.zero = false;
        this.padding(f.wid ?? 0);
        f.zero = zero;
        return;
      }
    } else if (f.zero && !f.minus && f.wid !== undefined) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let s = u.toString(base);
    if (digits === UPPER_DIGITS) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8 && s[0] !== '0') s = '0' + s;
      else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (f.plus) s = '+' + s;
    else if (f.space) s = ' ' + s;
    this.padSpaces(s);
  }

  fmtQc(v: bigint): void {
    const r = runeOf(v);
    const ch = String.fromCodePoint(r);
    if (this.spec.sharp && canBackquote(ch)) this.pad('`' + ch + '`');
    else this.pad(quoteRune(r, this.spec.plus));
  }

  fmtUnicode(v: bigint): void {
    const f = this.spec;
    const prec = f.prec !== undefined && f.prec > 4 ? f.prec : 4;
    let s =
      'U+' +
      (v < 0n ? (v + (1n << 64n)).toString(16) : v.toString(16)).toUpperCase().padStart(prec, '0');
    if (f.sharp && v >= 0n && v <= 0x10ffffn && isPrint(Number(v)))
      s += ` '${String.fromCodePoint(Number(v))}'`;
    this.padSpaces(s);
  }

  fmtString(s: string, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v':
        if (this.spec.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        this.fmtS(s);
        return;
      case 'x':
        this.fmtSx(s, LOWER_DIGITS);
        return;
      case 'X':
        this.fmtSx(s, UPPER_DIGITS);
        return;
      case 'q':
        this.fmtQ(s);
        return;
      default:
        this.badVerb(verb, arg);
    }
  }

  truncate(s: string): string {
    const prec = this.spec.prec;
    if (prec === undefined) return s;
    let n = 0;
    let i = 0;
    while (i < s.length) {
      if (n === prec) return s.slice(0, i);
      i += s.codePointAt(i)! > 0xffff ? 2 : 1;
      n++;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtQ(s: string): void {
    const t = this.truncate(s);
    if (this.spec.sharp && canBackquote(t)) this.pad('`' + t + '`');
    else this.pad(quote(t, this.spec.plus));
  }

  /** Hex of the UTF-8 bytes, as Go's fmtSbx. */
  fmtSx(s: string, digits: string): void {
    const f = this.spec;
    const bytes = Buffer.from(s, 'utf8');
    const length = f.prec !== undefined && f.prec < bytes.length ? f.prec : bytes.length;
    let width = 2 * length;
    if (width === 0) {
      this.padding(f.wid ?? 0);
      return;
    }
    if (f.space) {
      if (f.sharp) width *= 2;
      width += length - 1;
    } else if (f.sharp) {
      width += 2;
    }
    const fill = f.wid !== undefined && f.wid > width ? f.wid - width : 0;
    if (!f.minus) this.padding(fill);
    let out = f.sharp ? '0' + digits[16] : '';
    for (let i = 0; i < length; i++) {
      if (f.space && i > 0) out += f.sharp ? ' 0' + digits[16] : ' ';
      const b = bytes[i]!;
      out += digits[b >> 4]! + digits[b & 15]!;
    }
    this.out += out;
    if (f.minus) this.padding(fill);
  }
}

const LOWER_DIGITS = '0123456789abcdefx';
const UPPER_DIGITS = '0123456789ABCDEFX';
// Verbs Go rejects for float64; %b, %x and %X keep their float meaning.
const INTEGER_VERBS = new Set(['d', 'o', 'O', 'c', 'q', 'U']);

function runeOf(v: bigint): number {
  if (v < 0n || v > 0x10ffffn) return 0xfffd;
  const r = Number(v);
  return validRune(r) ? r : 0xfffd;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** The # flag on floats: always a decimal point, and %g keeps its trailing zeros. */
function sharpFloat(num: string, fmt: FloatFormat, prec: number): string {
  let digits = 0;
  if (fmt === 'g' || fmt === 'G' || fmt === 'x') digits = prec === -1 ? 6 : prec;
  let tail = '';
  let body = num;
  const exp = fmt === 'x' || fmt === 'X' ? /[pP]/.exec(body) : /[eEpP]/.exec(body);
  if (exp !== null) {
    tail = body.slice(exp.index);
    body = body.slice(0, exp.index);
  }
  let sawNonzero = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '.') continue;
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!body.includes('.')) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  if (digits > 0) body += '0'.repeat(digits);
  return body + tail;
}

/** Go's fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string' || arg instanceof SafeHtml || arg instanceof SafeUrl;
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.out;
}

/** Go's fmt.Sprintln: operands separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out += ' ';
    p.printArg(arg, 'v');
  });
  return p.out + '\n';
}

/** Go's %v of one value. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  const p = new Printer();
  p.printArg(v, 'v');
  return p.out;
}

const MAX_NUMBER = 1_000_000;

/** Reads a decimal number at `i`; ok is false when there is none or it is absurdly large. */
function parseNum(s: string, i: number): { n: number | undefined; i: number } {
  let j = i;
  let n = 0;
  while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
    n = n * 10 + s.charCodeAt(j) - 48;
    // Go gives up on the whole rest of the format when a number overflows.
    if (n > MAX_NUMBER) return { n: undefined, i: s.length };
    j++;
  }
  return { n: j > i ? n : undefined, i: j };
}

function intArg(arg: unknown): number | undefined {
  let n: number | undefined;
  if (typeof arg === 'bigint') n = Number(arg);
  else if (typeof arg === 'number' && Number.isInteger(arg)) n = arg;
  return n !== undefined && Math.abs(n) <= MAX_NUMBER ? n : undefined;
}

/** Go's fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  return new FormatState(format, args).run();
}

class FormatState {
  readonly p = new Printer();
  argNum = 0;
  i = 0;
  reordered = false;
  goodArgNum = true;

  constructor(
    readonly format: string,
    readonly args: readonly unknown[],
  ) {}

  run(): string {
    const { format, p } = this;
    const end = format.length;
    while (this.i < end) {
      const next = format.indexOf('%', this.i);
      if (next < 0) {
        p.out += format.slice(this.i);
        break;
      }
      p.out += format.slice(this.i, next);
      this.i = next + 1;
      if (!this.verb()) break;
    }
    if (!this.reordered && this.argNum < this.args.length) this.extra();
    return p.out;
  }

  /** Formats one directive after its `%`; false when the format ended without a verb. */
  verb(): boolean {
    const { format, p } = this;
    p.spec = newSpec();
    this.goodArgNum = true;
    this.flags();
    let afterIndex = this.argIndex();
    if (format[this.i] === '*') {
      this.i++;
      const wid = this.takeIntArg();
      if (wid === undefined) p.out += '%!(BADWIDTH)';
      else if (wid < 0) {
        p.spec.wid = -wid;
        p.spec.minus = true;
        p.spec.zero = false;
      } else p.spec.wid = wid;
      afterIndex = false;
    } else {
      const r = parseNum(format, this.i);
      p.spec.wid = r.n;
      this.i = r.i;
      if (afterIndex && r.n !== undefined) this.goodArgNum = false;
    }
    if (this.i + 1 < format.length && format[this.i] === '.') {
      this.i++;
      if (afterIndex) this.goodArgNum = false;
      afterIndex = this.argIndex();
      if (format[this.i] === '*') {
        this.i++;
        const prec = this.takeIntArg();
        if (prec === undefined) p.out += '%!(BADPREC)';
        else if (prec >= 0) p.spec.prec = prec;
        afterIndex = false;
      } else {
        const r = parseNum(format, this.i);
        p.spec.prec = r.n ?? 0;
        this.i = r.i;
      }
    }
    if (!afterIndex) this.argIndex();
    if (this.i >= format.length) {
      p.out += '%!(NOVERB)';
      return false;
    }
    const verb = String.fromCodePoint(format.codePointAt(this.i)!);
    this.i += verb.length;
    this.print(verb);
    return true;
  }

  flags(): void {
    const spec = this.p.spec;
    for (; this.i < this.format.length; this.i++) {
      switch (this.format[this.i]) {
        case '#':
          spec.sharp = true;
          break;
        case '0':
          spec.zero = !spec.minus;
          break;
        case '+':
          spec.plus = true;
          break;
        case '-':
          spec.minus = true;
          spec.zero = false;
          break;
        case ' ':
          spec.space = true;
          break;
        default:
          return;
      }
    }
  }

  print(verb: string): void {
    const { p } = this;
    if (verb === '%') {
      p.out += '%';
      return;
    }
    if (!this.goodArgNum) {
      p.out += `%!${verb}(BADINDEX)`;
      return;
    }
    if (this.argNum >= this.args.length) {
      p.out += `%!${verb}(MISSING)`;
      return;
    }
    if (verb === 'v') {
      p.spec.sharpV = p.spec.sharp;
      p.spec.sharp = false;
      p.spec.plusV = p.spec.plus;
      p.spec.plus = false;
    }
    p.printArg(this.args[this.argNum], verb);
    this.argNum++;
  }

  /** An explicit `[n]` argument index; true when one was read. */
  argIndex(): boolean {
    const { format } = this;
    if (format[this.i] !== '[') return false;
    this.reordered = true;
    const close = format.indexOf(']', this.i + 1);
    if (format.length - this.i < 3 || close < 0) {
      this.goodArgNum = false;
      this.i += 1;
      return false;
    }
    const r = parseNum(format, this.i + 1);
    this.i = close + 1;
    if (r.n === undefined || r.i !== close) {
      this.goodArgNum = false;
      return false;
    }
    const index = r.n - 1;
    if (index >= 0 && index < this.args.length) {
      this.argNum = index;
      return true;
    }
    this.goodArgNum = false;
    return true;
  }

  takeIntArg(): number | undefined {
    if (this.argNum >= this.args.length) return undefined;
    const n = intArg(this.args[this.argNum]);
    this.argNum++;
    return n;
  }

  extra(): void {
    const { p } = this;
    p.spec = newSpec();
    p.out += '%!(EXTRA ';
    this.args.slice(this.argNum).forEach((arg, i) => {
      if (i > 0) p.out += ', ';
      if (arg === undefined || arg === null) {
        p.out += '<nil>';
        return;
      }
      p.out += typeName(arg) + '=';
      p.printArg(arg, 'v');
    });
    p.out += ')';
  }
}

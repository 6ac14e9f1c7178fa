import { describe, expect, it } from '@jest/globals';
import { formatValue, sprint, sprintf, sprintln } from './fmt.js';
import { GoDuration, GoLocation, GoTime } from './time.js';
import { SafeHtml } from './values.js';

// Expected outputs are Go's, from the fmt package's documented behaviour and its test table.
// Go ints are bigints here, float64s are numbers.
type Case = readonly [format: string, arg: unknown, want: string];

function table(cases: readonly Case[]): void {
  it.each(cases)('Sprintf(%j, …)', (format, arg, want) => {
    expect(sprintf(format, [arg])).toBe(want);
  });
}

class Angle {
  constructor(readonly n: bigint) {}

  String(): string {
    return `<${this.n}>`;
  }
}

class Point {
  constructor(
    readonly X: bigint,
    readonly Label: string,
  ) {}
}

describe('strings', () => {
  table([
    ['%s', 'abc', 'abc'],
    ['%v', 'abc', 'abc'],
    ['%5s', 'abc', '  abc'],
    ['%2s', '\u263a', ' ☺'],
    ['%-5s', 'abc', 'abc  '],
    ['%05s', 'abc', '00abc'],
    ['%0-5s', 'abc', 'abc  '],
    ['%5s', 'abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwxyz'],
    ['%.5s', 'abcdefghijklmnopqrstuvwxyz', 'abcde'],
    ['%.0s', '日本語日本語', ''],
    ['%.5s', '日本語日本語', '日本語日本'],
    ['%.10s', '日本語日本語', '日本語日本語'],
    ['%20.5s', 'qwertyuiop', '               qwert'],
    ['%-20.5s', 'qwertyuiop', 'qwert               '],
    ['%x', 'xyz', '78797a'],
    ['%X', 'xyz', '78797A'],
    ['% x', 'xyz', '78 79 7a'],
    ['%#x', 'xyz', '0x78797a'],
    ['%# X', 'xyz', '0X78 0X79 0X7A'],
    ['%.5x', 'abcdefghijklmnopqrstuvwxyz', '6162636465'],
    ['%.1x', '日本語', 'e6'],
    ['%2x', '', '  '],
    ['% 02x', '', '00'],
    ['%10x', '\u00ab', '      c2ab'],
    ['%s', new SafeHtml('<b>'), '<b>'],
  ]);
});

describe('quoting', () => {
  table([
    ['%q', '', '""'],
    ['%#q', '', '``'],
    ['%q', '"', '"\\""'],
    ['%#q', '"', '`"`'],
    ['%q', '`', '"`"'],
    ['%#q', '`', '"`"'],
    ['%q', '\n', '"\\n"'],
    ['%q', 'abc', '"abc"'],
    ['%#q', 'abc', '`abc`'],
    ['%q', '日本語', '"日本語"'],
    ['%+q', '日本語', '"\\u65e5\\u672c\\u8a9e"'],
    ['%#+q', '日本語', '`日本語`'],
    ['%q', '\x07\b\f\n\r\t\v"\\', '"\\a\\b\\f\\n\\r\\t\\v\\"\\\\"'],
    ['%+q', '☺', '"\\u263a"'],
    ['% q', '☺', '"☺"'],
    ['%10q', '⌘', '       "⌘"'],
    ['%+10q', '⌘', '  "\\u2318"'],
    ['%-10q', '⌘', '"⌘"       '],
    ['%010q', '⌘', '0000000"⌘"'],
    ['%-010q', '⌘', '"⌘"       '],
    ['%#8q', '\n', '    "\\n"'],
    ['%#-8q', '\t', '`\t`     '],
    ['%q', '\u{10ffff}', '"\\U0010ffff"'],
    ['%q', '\u00a0', '"\\u00a0"'],
    ['%q', '\x7f', '"\\x7f"'],
    ['%.3q', '日本語日本語', '"日本語"'],
    ['%08q', 'abc', '000"abc"'],
  ]);
});

describe('characters', () => {
  table([
    ['%c', 120n, 'x'],
    ['%c', 0xe4n, 'ä'],
    ['%c', 0x672cn, '本'],
    ['%.0c', 0x2318n, '⌘'],
    ['%3c', 0x2318n, '  ⌘'],
    ['%-3c', 0x2318n, '⌘  '],
    ['%c', -1n, '\ufffd'],
    ['%c', 0xdc80n, '\ufffd'],
    ['%c', 0x110000n, '\ufffd'],
    ['%q', 0n, "'\\x00'"],
    ['%q', 34n, `'"'`],
    ['%q', 39n, "'\\''"],
    ['%q', 96n, "'`'"],
    ['%q', 120n, "'x'"],
    ['%q', 0xffn, "'ÿ'"],
    ['%+q', 0xffn, "'\\u00ff'"],
    ['%q', 10n, "'\\n'"],
    ['%+q', 0x263an, "'\\u263a'"],
    ['%10q', 0x2318n, "       '⌘'"],
    ['%+010q', 0x2318n, "00'\\u2318'"],
    ['%q', 0xe00n, "'\\u0e00'"],
    ['%q', 0xdc80n, "'\ufffd'"],
    ['%U', 0n, 'U+0000'],
    ['%U', -1n, 'U+FFFFFFFFFFFFFFFF'],
    ['%U', 10n, 'U+000A'],
    ['%#U', 10n, 'U+000A'],
    ['%+U', 120n, 'U+0078'],
    ['%# U', 120n, "U+0078 'x'"],
    ['%#.2U', 120n, "U+0078 'x'"],
    ['%#U', 0x263an, "U+263A '☺'"],
    ['%U', 0x1d6c2n, 'U+1D6C2'],
    ['%#14.6U', 0x2318n, "  U+002318 '⌘'"],
    ['%#-14.6U', 0x2318n, "U+002318 '⌘'  "],
    ['%#014.6U', 0x2318n, "  U+002318 '⌘'"],
  ]);
});

describe('integers', () => {
  table([
    ['%d', 12345n, '12345'],
    ['%v', -12345n, '-12345'],
    ['%d', -(1n << 63n), '-9223372036854775808'],
    ['%.d', 0n, ''],
    ['%.0d', 0n, ''],
    ['%6.0d', 0n, '      '],
    ['%06.0d', 0n, '      '],
    ['% d', 12345n, ' 12345'],
    ['%+d', 12345n, '+12345'],
    ['%+d', -12345n, '-12345'],
    ['%b', 7n, '111'],
    ['%b', -6n, '-110'],
    ['%#b', 7n, '0b111'],
    ['%#b', -6n, '-0b110'],
    ['%o', 0o1234n, '1234'],
    ['%o', -0o1234n, '-1234'],
    ['%#o', 0o1234n, '01234'],
    ['%O', 0o1234n, '0o1234'],
    ['%O', -0o1234n, '-0o1234'],
    ['%#X', 0n, '0X0'],
    ['%x', 0x12abcdefn, '12abcdef'],
    ['%X', 0x12abcdefn, '12ABCDEF'],
    ['%.20b', 7n, '00000000000000000111'],
    ['%10d', 12345n, '     12345'],
    ['%10d', -12345n, '    -12345'],
    ['%+10d', 12345n, '    +12345'],
    ['%010d', 12345n, '0000012345'],
    ['%010d', -12345n, '-000012345'],
    ['%20.8d', 1234n, '            00001234'],
    ['%20.8d', -1234n, '           -00001234'],
    ['%020.8d', 1234n, '            00001234'],
    ['%-20.8d', 1234n, '00001234            '],
    ['%-20.8d', -1234n, '-00001234           '],
    ['%-#20.8x', 0x1234abcn, '0x01234abc          '],
    ['%-#20.8X', 0x1234abcn, '0X01234ABC          '],
    ['%-#20.8o', 0o1234n, '00001234            '],
    ['%068d', 1n, '0'.repeat(67) + '1'],
    ['%068d', -1n, '-' + '0'.repeat(66) + '1'],
    ['%#.68x', 42n, '0x' + '0'.repeat(66) + '2a'],
    ['%+.68d', 42n, '+' + '0'.repeat(66) + '42'],
  ]);

  it('accepts integral JS numbers for the integer verbs', () => {
    expect(sprintf('%d items, %o, %c, %05d', [3, 8, 65, 42])).toBe('3 items, 10, A, 00042');
    // %x and %b have a float meaning, which they keep.
    expect(sprintf('%x %b', [255, 1])).toBe('0x1.fep+07 4503599627370496p-52');
  });

  it('reports a fractional number given to an integer verb as Go does', () => {
    expect(sprintf('%d', [1.5])).toBe('%!d(float64=1.5)');
  });
});

describe('floats', () => {
  table([
    ['%v', 1, '1'],
    ['%v', 3, '3'],
    ['%v', 0.1, '0.1'],
    ['%v', 1e6, '1e+06'],
    ['%v', 123456, '123456'],
    ['%v', 1234567, '1.234567e+06'],
    ['%v', 1e-5, '1e-05'],
    ['%v', 0.0001, '0.0001'],
    ['%v', 1.2345678, '1.2345678'],
    ['%v', 1e21, '1e+21'],
    ['%v', -0, '-0'],
    ['%v', Infinity, '+Inf'],
    ['%v', -Infinity, '-Inf'],
    ['%v', NaN, 'NaN'],
    ['%+.3e', 0, '+0.000e+00'],
    ['%+.3e', 1, '+1.000e+00'],
    ['%+.3x', 0, '+0x0.000p+00'],
    ['%+.3x', 1.5, '+0x1.800p+00'],
    ['%x', 1, '0x1p+00'],
    ['%x', 1.5, '0x1.8p+00'],
    ['%X', -1024.5, '-0X1.002P+10'],
    ['%+.3f', -1, '-1.000'],
    ['%+.3F', -1, '-1.000'],
    ['%+07.2f', 1, '+001.00'],
    ['%+07.2f', -1, '-001.00'],
    ['%-07.2f', 1, '1.00   '],
    ['%-07.2f', -1, '-1.00  '],
    ['%+-07.2f', 1, '+1.00  '],
    ['%+10.2f', 1, '     +1.00'],
    ['% .3E', -1, '-1.000E+00'],
    ['% .3e', 1, ' 1.000e+00'],
    ['% .3X', -1, '-0X1.000P+00'],
    ['%+.3g', 0, '+0'],
    ['%+.3g', 1, '+1'],
    ['% .3g', 1, ' 1'],
    ['%b', 1, '4503599627370496p-52'],
    ['%#g', 1e-323, '1.00000e-323'],
    ['%#g', -1, '-1.00000'],
    ['%#g', 1.1, '1.10000'],
    ['%#g', 123456, '123456.'],
    ['%#g', 1234567, '1.234567e+06'],
    ['%#g', 1230000, '1.23000e+06'],
    ['%#.0f', 1, '1.'],
    ['%#.0e', 1, '1.e+00'],
    ['%#.0x', 1, '0x1.p+00'],
    ['%#.0g', 1100000, '1.e+06'],
    ['%#.4g', 100000, '1.000e+05'],
    ['%#.4g', 0.012, '0.01200'],
    ['%#.4x', 123, '0x1.ec00p+06'],
    ['%#9.4g', 1, '    1.000'],
    ['%.68f', 1, '1.' + '0'.repeat(68)],
    ['%f', Infinity, '+Inf'],
    ['%.1f', -Infinity, '-Inf'],
    ['% f', NaN, ' NaN'],
    ['%20f', Infinity, '                +Inf'],
    ['% 20F', Infinity, '                 Inf'],
    ['%20e', NaN, '                 NaN'],
    ['% +20E', NaN, '                +NaN'],
    ['%+-20G', Infinity, '+Inf                '],
    ['%+020e', Infinity, '                +Inf'],
    ['%-020f', -Infinity, '-Inf                '],
    ['%e', 1, '1.000000e+00'],
    ['%e', 1234.5678e3, '1.234568e+06'],
    ['%e', 1234.5678e-8, '1.234568e-05'],
    ['%e', -1e-9, '-1.000000e-09'],
    ['%f', 1234.5678e3, '1234567.800000'],
    ['%f', 1234.5678e-8, '0.000012'],
    ['%f', -1e-9, '-0.000000'],
    ['%g', 1234.5678e3, '1.2345678e+06'],
    ['%g', 1234.5678e-8, '1.2345678e-05'],
    ['%g', -7, '-7'],
    ['%g', -1e-9, '-1e-09'],
    ['%E', 1234.5678e-8, '1.234568E-05'],
    ['%G', 1234.5678e3, '1.2345678E+06'],
    ['%G', -1e-9, '-1E-09'],
    ['%20.6e', 1.2345e3, '        1.234500e+03'],
    ['%20.8e', 1.2345e3, '      1.23450000e+03'],
    ['%20f', 1.23456789e3, '         1234.567890'],
    ['%20f', 1.23456789e-3, '            0.001235'],
    ['%20f', 12345678901.234568, '  12345678901.234568'],
    ['%20.8f', 1.23456789e-3, '          0.00123457'],
    ['%g', 1.23456789e3, '1234.56789'],
    ['%g', 1.23456789e-3, '0.00123456789'],
    ['%g', 1.23456789e20, '1.23456789e+20'],
    ['%.2f', 1, '1.00'],
    ['% .2f', 1, ' 1.00'],
    ['%7.2f', -1, '  -1.00'],
    ['% 07.2f', 1, ' 001.00'],
    ['% +07.2f', -1, '-001.00'],
    ['%-05.1f', 1, '1.0  '],
    ['%.4g', 1234567, '1.235e+06'],
    ['%.4g', 100, '100'],
    ['%.4g', 0.000012345, '1.234e-05'],
    ['%.3g', 1, '1'],
  ]);

  it('rounds exact halves to even, as Go does on the exact binary value', () => {
    expect(sprintf('%.0f %.0f %.0f %.0f', [0.5, 1.5, 2.5, -0.5])).toBe('0 2 2 -0');
    expect(sprintf('%.2f %.2f %.1f', [0.125, 0.375, 0.25])).toBe('0.12 0.38 0.2');
    // 1.005 is just below 1.005 in binary, so it rounds down.
    expect(sprintf('%.2f %.1f', [1.005, 0.05])).toBe('1.00 0.1');
    expect(sprintf('%.3e', [1.0005])).toBe('1.000e+00');
  });
});

describe('bools, nil and types', () => {
  table([
    ['%t', true, 'true'],
    ['%v', false, 'false'],
    ['%5t', true, ' true'],
    ['%d', true, '%!d(bool=true)'],
    ['%v', null, '<nil>'],
    ['%v', undefined, '<nil>'],
    ['%10v', null, '     <nil>'],
    ['%-10v', null, '<nil>     '],
    ['%s', null, '%!s(<nil>)'],
    ['%d', null, '%!d(<nil>)'],
    ['%T', 'x', 'string'],
    ['%T', 1n, 'int'],
    ['%T', 1.5, 'float64'],
    ['%T', true, 'bool'],
    ['%T', [1], '[]interface {}'],
    ['%T', { a: 1 }, 'map[string]interface {}'],
    ['%T', new Date(0), 'time.Time'],
    ['%T', new GoDuration(1n), 'time.Duration'],
    ['%T', new SafeHtml(''), 'template.HTML'],
    ['%10T', null, '     <nil>'],
    ['%p', 27n, '%!p(int=27)'],
    ['%p', null, '%!p(<nil>)'],
  ]);
});

describe('composites', () => {
  table([
    ['%v', [1n, 2n, 3n, 4n, 5n], '[1 2 3 4 5]'],
    ['%v', [1n, 'hello', 2.5, null], '[1 hello 2.5 <nil>]'],
    ['%d', [1n, 2n, 15n], '[1 2 15]'],
    ['%x', [1n, 2n, 15n], '[1 2 f]'],
    ['%#x', [1n, 2n, 15n], '[0x1 0x2 0xf]'],
    ['%q', ['a', 'b'], '["a" "b"]'],
    ['%6v', [1n, 11n, 111n], '[     1     11    111]'],
    ['%06v', [1n, 11n, 111n], '[000001 000011 000111]'],
    ['%-6v', [1n, 11n, 111n], '[1      11     111   ]'],
    ['% d', [1n, 11n, 111n], '[ 1  11  111]'],
    ['%+d', [1n, 11n, 111n], '[+1 +11 +111]'],
    ['%06v', [10, 10n], '[000010 000010]'],
    ['%06v', [-10, 10n], '[-00010 000010]'],
    ['%03.6v', [1n, 2, 'x'], '[000001 002 00x]'],
    ['%03.0v', [0n, 2, 'x'], '[    002 000]'],
    ['%v', { b: 2n, a: 1n }, 'map[a:1 b:2]'],
    [
      '%v',
      new Map([
        ['z', 'last'],
        ['a', 'first'],
      ]),
      'map[a:first z:last]',
    ],
    [
      '%v',
      new Map([
        [10n, 'b'],
        [9n, 'a'],
      ]),
      'map[9:a 10:b]',
    ],
    ['%v', new Set(['x', 'y']), '[x y]'],
    ['%v', new Point(1n, 'a'), '{1 a}'],
    ['%+v', new Point(1n, 'a'), '{X:1 Label:a}'],
    ['%v', [], '[]'],
    ['%v', {}, 'map[]'],
  ]);
});

describe('Stringers', () => {
  table([
    ['%s', new Angle(23n), '<23>'],
    ['%v', new Angle(23n), '<23>'],
    ['%q', new Angle(23n), '"<23>"'],
    ['%x', new Angle(23n), '3c32333e'],
    ['%#x', new Angle(23n), '0x3c32333e'],
    ['%# x', new Angle(23n), '0x3c 0x32 0x33 0x3e'],
    ['%v', [new Angle(1n), new Angle(2n)], '[<1> <2>]'],
    ['%v', new GoDuration(90_000_000_000n), '1m30s'],
    ['%d', new GoDuration(1500n), '1500'],
    ['%v', new Error('boom'), 'boom'],
  ]);

  it('prints times as Go prints a time.Time', () => {
    const t = new GoTime(1_700_000_000, 123_000_000, GoLocation.UTC);
    expect(sprintf('%v|%s', [t, new Date(0)])).toBe(
      '2023-11-14 22:13:20.123 +0000 UTC|1970-01-01 00:00:00 +0000 UTC',
    );
    expect(sprintf('%s %d', [t.Month(), t.Month()])).toBe('November 11');
  });
});

describe('format errors', () => {
  it.each([
    ['', [null], '%!(EXTRA <nil>)'],
    ['', [2n], '%!(EXTRA int=2)'],
    ['no args', ['hello'], 'no args%!(EXTRA string=hello)'],
    ['%s %', ['hello'], 'hello %!(NOVERB)'],
    ['%s %.2', ['hello'], 'hello %!(NOVERB)'],
    ['%017091901790959340919092959340919017929593813360', [0n], '%!(NOVERB)%!(EXTRA int=0)'],
    ['%184467440737095516170v', [0n], '%!(NOVERB)%!(EXTRA int=0)'],
    ['%010.2', ['12345'], '%!(NOVERB)%!(EXTRA string=12345)'],
    ['%.', [3n], '%!.(int=3)'],
    ['%d %d', [1n], '1 %!d(MISSING)'],
    ['%z', ['x'], '%!z(string=x)'],
    ['%5d', ['hi'], '%!d(string=   hi)'],
    ['%d', ['x', 1n], '%!d(string=x)%!(EXTRA int=1)'],
    ['%!', [], '%!!(MISSING)'],
    ['100%%', [], '100%'],
    ['%5%', [], '%'],
  ])('Sprintf(%j, %j)', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });
});

describe('width, precision and argument indexes', () => {
  it.each([
    ['%*d', [4n, 42n], '  42'],
    ['%-*d', [4n, 42n], '42  '],
    ['%*d', [-4n, 42n], '42  '],
    ['%.*d', [4n, 42n], '0042'],
    ['%*.*f', [8n, 2n, 3.14159], '    3.14'],
    ['%*d', ['x', 42n], '%!(BADWIDTH)42'],
    ['%.*d', ['x', 42n], '%!(BADPREC)42'],
    ['%[2]d %[1]d', [1n, 2n], '2 1'],
    ['%[3]*.[2]*[1]f', [12.0, 2n, 6n], ' 12.00'],
    ['%d %d %#[1]x %#x', [16n, 17n], '16 17 0x10 0x11'],
    ['%[5]d', [1n, 2n], '%!d(BADINDEX)'],
    ['%[]d', [1n], '%!d(BADINDEX)'],
    ['%[-3]d', [1n], '%!d(BADINDEX)'],
    ['%[2]*[1]d', [12n, 5n], '   12'],
  ])('Sprintf(%j, %j)', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });
});

describe('Sprint and Sprintln', () => {
  it('adds spaces between operands when neither is a string', () => {
    expect(sprint([1n, 2n])).toBe('1 2');
    expect(sprint(['a', 'b'])).toBe('ab');
    expect(sprint(['a', 1n, 2n, 'b'])).toBe('a1 2b');
    expect(sprint([1.5, true, null])).toBe('1.5 true <nil>');
    expect(sprint([new SafeHtml('x'), 1n])).toBe('x1');
  });

  it('always separates with spaces and ends with a newline', () => {
    expect(sprintln(['a', 'b', 1n])).toBe('a b 1\n');
    expect(sprintln([])).toBe('\n');
  });

  it('formats single values as %v', () => {
    expect(formatValue('s')).toBe('s');
    expect(formatValue([1n, 'x'])).toBe('[1 x]');
  });
});

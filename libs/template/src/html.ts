// HTML mode: a simplified, safe stand-in for Go's html/template.
//
// Go's html/template rewrites every pipeline at parse time, choosing escapers from the HTML
// context each action sits in and proving that all branches agree. Here the context is tracked
// while executing instead: the template's own text (never the values printed) drives a small
// HTML state machine, and each action's output is escaped for the state it lands in:
//
//   text, <title>/<textarea>      HTML-escaped (& < > " ' + and NUL), SafeHtml verbatim
//   quoted attribute values       the same escaping (SafeHtml has its tags stripped first)
//   unquoted attribute values     also whitespace, = and ` escaped
//   URL attributes (href, src, …) at the start: schemes other than http, https and mailto
//                                 become #ZgotmplZ (unless SafeUrl); then percent-encoded,
//                                 query parts strictly, and attribute-escaped
//   tag and attribute names       only [a-z0-9] pass, anything else is ZgotmplZ
//   HTML comments                 actions print nothing
//   <script>, <style>, on*=, style=  refused with an execution error: Go JS/CSS-escapes
//                                 there, which this mode does not implement
//
// A pipeline ending in the `html` or `urlquery` function is not escaped twice for the
// equivalent context, as in Go. Unlike Go, mismatched contexts after branches, templates
// ending inside a tag, and predefined escapers in the middle of a pipeline are not errors,
// and HTML comments in the template text are kept.
import { formatValue } from './fmt.js';
import { SafeHtml, SafeUrl } from './values.js';

type State =
  | 'text'
  | 'rcdata'
  | 'raw'
  | 'comment'
  | 'tag'
  | 'attrName'
  | 'afterAttrName'
  | 'beforeValue'
  | 'value';

type AttrType = 'plain' | 'url' | 'script';
type UrlPart = 'start' | 'path' | 'query';

/** A value being escaped: its text and whether it is trusted HTML or a trusted URL. */
interface Content {
  readonly s: string;
  readonly type: 'plain' | 'html' | 'url';
}

type Escaper =
  | 'comment'
  | 'html'
  | 'rcdata'
  | 'attr'
  | 'nospace'
  | 'urlFilter'
  | 'urlNormalize'
  | 'urlEscape'
  | 'name';

/** Escapers Go treats as equivalent to the predefined `html` and `urlquery` functions. */
const EQUIVALENT: Readonly<Record<'html' | 'urlquery', readonly Escaper[]>> = {
  html: ['html', 'rcdata', 'attr'],
  urlquery: ['urlEscape', 'urlNormalize'],
};

const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);
const RCDATA_ELEMENTS = new Set(['title', 'textarea']);
const URL_ATTRIBUTES = new Set([
  'action',
  'archive',
  'background',
  'cite',
  'classid',
  'codebase',
  'data',
  'formaction',
  'href',
  'icon',
  'longdesc',
  'manifest',
  'poster',
  'profile',
  'src',
  'srcset',
  'usemap',
  'xmlns',
]);

const ATTR_TYPES = new Map<string, AttrType>();

/** Go's attrType, reduced to the three treatments this mode has (cached: names repeat). */
function attrType(name: string): AttrType {
  let type = ATTR_TYPES.get(name);
  if (type === undefined) {
    type = classifyAttr(name);
    if (ATTR_TYPES.size < 1000) ATTR_TYPES.set(name, type);
  }
  return type;
}

function classifyAttr(name: string): AttrType {
  let n = name.toLowerCase();
  if (n.startsWith('data-')) n = n.slice(5);
  else if (n.includes(':')) {
    if (n.startsWith('xmlns:')) return 'url';
    n = n.slice(n.indexOf(':') + 1);
  }
  if (URL_ATTRIBUTES.has(n)) return 'url';
  if (n.startsWith('on') || n === 'style') return 'script';
  if (n.includes('src') || n.includes('uri') || n.includes('url')) return 'url';
  return 'plain';
}

const FAILSAFE = 'ZgotmplZ';

type Snapshot = Pick<
  HtmlContext,
  'state' | 'element' | 'closingTag' | 'attrName' | 'attr' | 'quote' | 'urlPart'
>;

const TRANSITIONS = new WeakMap<object, { from: Snapshot; to: Snapshot }[]>();
const MAX_STATES_PER_NODE = 16;

/** Tracks where in an HTML document the output is and escapes printed values for it. */
export class HtmlContext {
  state: State = 'text';
  /** The element whose raw or RCDATA content we are in, or the tag being read. */
  element = '';
  closingTag = false;
  attrName = '';
  attr: AttrType = 'plain';
  quote = '';
  urlPart: UrlPart = 'start';

  /**
   * Advances over the literal text of a template node. The transition depends only on the text
   * and the state, so it is computed once per node and state and then replayed.
   */
  feed(node: { readonly text: string }): void {
    let known = TRANSITIONS.get(node);
    if (known === undefined) {
      known = [];
      TRANSITIONS.set(node, known);
    }
    const hit = known.find((t) => this.is(t.from));
    if (hit !== undefined) {
      Object.assign(this, hit.to);
      return;
    }
    const from = this.snapshot();
    const { text } = node;
    let i = 0;
    while (i < text.length) i = this.step(text, i);
    if (known.length < MAX_STATES_PER_NODE) known.push({ from, to: this.snapshot() });
  }

  is(s: Snapshot): boolean {
    return (
      this.state === s.state &&
      this.element === s.element &&
      this.closingTag === s.closingTag &&
      this.attrName === s.attrName &&
      this.attr === s.attr &&
      this.quote === s.quote &&
      this.urlPart === s.urlPart
    );
  }

  snapshot(): Snapshot {
    const { state, element, closingTag, attrName, attr, quote, urlPart } = this;
    return { state, element, closingTag, attrName, attr, quote, urlPart };
  }

  /** The escaped form of a printed value; `predefined` names a trailing html/urlquery call. */
  print(value: unknown, predefined: 'html' | 'urlquery' | undefined): string {
    let escapers = this.escapers();
    if (predefined !== undefined) {
      const equivalent = EQUIVALENT[predefined];
      escapers = escapers.filter((e) => !equivalent.includes(e));
    }
    let content = contentOf(value);
    for (const e of escapers) content = { s: ESCAPERS[e](content), type: 'plain' };
    this.afterAction();
    return content.s;
  }

  escapers(): readonly Escaper[] {
    switch (this.state) {
      case 'text':
        return ['html'];
      case 'rcdata':
        return ['rcdata'];
      case 'comment':
        return ['comment'];
      case 'raw':
        throw new Error(`actions inside <${this.element}> are not supported in HTML mode`);
      case 'tag':
      case 'attrName':
      case 'afterAttrName':
        return ['name'];
      case 'beforeValue':
        this.state = 'value';
        this.quote = '';
        return this.valueEscapers();
      case 'value':
        return this.valueEscapers();
    }
  }

  valueEscapers(): readonly Escaper[] {
    const attrEscaper: Escaper = this.quote === '' ? 'nospace' : 'attr';
    switch (this.attr) {
      case 'script':
        throw new Error(
          `actions inside the ${this.attrName} attribute are not supported in HTML mode`,
        );
      case 'url':
        if (this.urlPart === 'start') return ['urlFilter', 'urlNormalize', attrEscaper];
        return this.urlPart === 'query'
          ? ['urlEscape', attrEscaper]
          : ['urlNormalize', attrEscaper];
      default:
        return [attrEscaper];
    }
  }

  afterAction(): void {
    if (this.state === 'value' && this.urlPart === 'start') this.urlPart = 'path';
    if (this.state === 'tag' || this.state === 'afterAttrName') this.state = 'attrName';
  }

  /** Consumes input from `i` in the current state; returns where to continue. */
  step(text: string, i: number): number {
    switch (this.state) {
      case 'text':
        return this.stepText(text, i);
      case 'rcdata':
      case 'raw':
        return this.stepElementContent(text, i);
      case 'comment': {
        const end = text.indexOf('-->', i);
        if (end < 0) return text.length;
        this.state = 'text';
        return end + 3;
      }
      case 'tag':
        return this.stepTag(text, i);
      case 'attrName':
        return this.stepAttrName(text, i);
      case 'afterAttrName':
        return this.stepAfterAttrName(text, i);
      case 'beforeValue':
        return this.stepBeforeValue(text, i);
      case 'value':
        return this.stepValue(text, i);
    }
  }

  stepText(text: string, i: number): number {
    const lt = text.indexOf('<', i);
    if (lt < 0) return text.length;
    if (text.startsWith('<!--', lt)) {
      this.state = 'comment';
      return lt + 4;
    }
    const closing = text[lt + 1] === '/';
    const nameStart = lt + (closing ? 2 : 1);
    const name = /^[A-Za-z][A-Za-z0-9:-]*/.exec(text.slice(nameStart, nameStart + 64));
    if (name === null) return lt + 1;
    this.state = 'tag';
    this.element = name[0].toLowerCase();
    this.closingTag = closing;
    return nameStart + name[0].length;
  }

  stepElementContent(text: string, i: number): number {
    const lower = text.toLowerCase();
    const closer = '</' + this.element;
    for (let at = lower.indexOf(closer, i); at >= 0; at = lower.indexOf(closer, at + 1)) {
      const after = text[at + closer.length];
      if (after === undefined || /[\s/>]/.test(after)) {
        this.state = 'tag';
        this.closingTag = true;
        return at + closer.length;
      }
    }
    return text.length;
  }

  stepTag(text: string, i: number): number {
    const c = text[i]!;
    if (c === '/' || isSpace(c)) return skip(SPACES_OR_SLASHES, text, i);
    if (c === '>') {
      this.endTag();
      return i + 1;
    }
    this.state = 'attrName';
    this.attrName = '';
    return i;
  }

  endTag(): void {
    if (!this.closingTag && RAW_TEXT_ELEMENTS.has(this.element)) this.state = 'raw';
    else if (!this.closingTag && RCDATA_ELEMENTS.has(this.element)) this.state = 'rcdata';
    else this.state = 'text';
  }

  stepAttrName(text: string, i: number): number {
    const end = skip(NAME_CHARS, text, i);
    if (end > i) {
      this.attrName += text.slice(i, end);
      return end;
    }
    this.attr = attrType(this.attrName);
    this.state = 'afterAttrName';
    return i;
  }

  stepAfterAttrName(text: string, i: number): number {
    const c = text[i]!;
    if (isSpace(c)) return skip(SPACES, text, i);
    if (c === '=') {
      this.state = 'beforeValue';
      return i + 1;
    }
    this.state = 'tag';
    return i;
  }

  stepBeforeValue(text: string, i: number): number {
    const c = text[i]!;
    if (isSpace(c)) return skip(SPACES, text, i);
    if (c === '>') {
      this.endTag();
      return i + 1;
    }
    this.state = 'value';
    this.urlPart = 'start';
    if (c === '"' || c === "'") {
      this.quote = c;
      return i + 1;
    }
    this.quote = '';
    return i;
  }

  stepValue(text: string, i: number): number {
    const end =
      this.quote === '' ? skip(UNQUOTED_VALUE_CHARS, text, i) : indexOrEnd(text, this.quote, i);
    if (this.attr === 'url' && end > i) {
      const value = text.slice(i, end);
      if (/[?#]/.test(value)) this.urlPart = 'query';
      else if (this.urlPart === 'start') this.urlPart = 'path';
    }
    if (end === text.length) return end;
    this.state = 'tag';
    return this.quote === '' ? end : end + 1;
  }
}

const SPACES = /[ \t\n\f\r]*/y;
const SPACES_OR_SLASHES = /[ \t\n\f\r/]*/y;
const NAME_CHARS = /[^ \t\n\f\r=>/]*/y;
const UNQUOTED_VALUE_CHARS = /[^ \t\n\f\r>]*/y;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

/** The end of the run `sticky` matches at `i`. */
function skip(sticky: RegExp, text: string, i: number): number {
  sticky.lastIndex = i;
  sticky.test(text);
  return sticky.lastIndex;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

function contentOf(value: unknown): Content {
  if (value === undefined || value === null) return { s: '', type: 'plain' };
  if (value instanceof SafeHtml) return { s: value.value, type: 'html' };
  if (value instanceof SafeUrl) return { s: value.value, type: 'url' };
  return { s: typeof value === 'string' ? value : formatValue(value), type: 'plain' };
}

const HTML_TABLE: Readonly<Record<string, string>> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  '&': '&amp;',
  "'": '&#39;',
  '+': '&#43;',
  '<': '&lt;',
  '>': '&gt;',
};

const NOSPACE_TABLE: Readonly<Record<string, string>> = {
  '\0': '&#xfffd;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\v': '&#11;',
  '\f': '&#12;',
  '\r': '&#13;',
  ' ': '&#32;',
  '"': '&#34;',
  '&': '&amp;',
  "'": '&#39;',
  '+': '&#43;',
  '<': '&lt;',
  '=': '&#61;',
  '>': '&gt;',
  '`': '&#96;',
};

const HTML_SPECIALS = /[\0"&'+<>]/g;
const HTML_SPECIALS_BUT_AMP = /[\0"'+<>]/g;
const NOSPACE_SPECIALS = /[\0\t\n\v\f\r "&'+<=>`]/g;
const NOSPACE_SPECIALS_BUT_AMP = /[\0\t\n\v\f\r "'+<=>`]/g;

function replaceWith(s: string, specials: RegExp, table: Readonly<Record<string, string>>): string {
  return s.replace(specials, (ch) => table[ch]!);
}

/** The text of trusted HTML without its tags and comments, for use inside an attribute. */
function stripTags(html: string): string {
  return html.replace(/<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>/g, '');
}

/** Go's isSafeURL: relative, or with the scheme http, https or mailto. */
function isSafeUrl(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon < 0) return true;
  const scheme = s.slice(0, colon);
  return scheme.includes('/') || /^(https?|mailto)$/i.test(scheme);
}

/** Per ASCII byte: 1 unreserved (always kept), 2 reserved (kept when normalising), 0 escaped. */
const URL_BYTE_CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') {
  URL_BYTE_CLASS[c.charCodeAt(0)] = 1;
}
for (const c of '!#$&*+,/:;=?@[]') URL_BYTE_CLASS[c.charCodeAt(0)] = 2;
const BYTE_TEXT = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));
const PERCENT_ESCAPE = Array.from({ length: 256 }, (_, b) => '%' + b.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();

function isHexByte(b: number | undefined): boolean {
  return b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102));
}

/**
 * Go's processURLOnto: percent-encodes (in lower-case hex) the UTF-8 bytes outside the
 * unreserved set, keeping reserved characters and existing %XX escapes when normalising.
 */
function processUrl(s: string, normalize: boolean): string {
  const bytes = encoder.encode(s);
  let out = '';
  let changed = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const cls = b < 128 ? URL_BYTE_CLASS[b]! : 0;
    const keep =
      cls === 1 ||
      (normalize &&
        (cls === 2 || (b === 37 && isHexByte(bytes[i + 1]) && isHexByte(bytes[i + 2]))));
    if (keep) {
      out += BYTE_TEXT[b]!;
    } else {
      out += PERCENT_ESCAPE[b]!;
      changed = true;
    }
  }
  return changed ? out : s;
}

const ESCAPERS: Readonly<Record<Escaper, (c: Content) => string>> = {
  comment: () => '',
  html: (c) => (c.type === 'html' ? c.s : replaceWith(c.s, HTML_SPECIALS, HTML_TABLE)),
  rcdata: (c) =>
    replaceWith(c.s, c.type === 'html' ? HTML_SPECIALS_BUT_AMP : HTML_SPECIALS, HTML_TABLE),
  attr: (c) =>
    c.type === 'html'
      ? replaceWith(stripTags(c.s), HTML_SPECIALS_BUT_AMP, HTML_TABLE)
      : replaceWith(c.s, HTML_SPECIALS, HTML_TABLE),
  nospace: (c) =>
    c.type === 'html'
      ? replaceWith(stripTags(c.s), NOSPACE_SPECIALS_BUT_AMP, NOSPACE_TABLE)
      : replaceWith(c.s, NOSPACE_SPECIALS, NOSPACE_TABLE),
  urlFilter: (c) => (c.type === 'url' || isSafeUrl(c.s) ? c.s : '#' + FAILSAFE),
  urlNormalize: (c) => processUrl(c.s, true),
  urlEscape: (c) => processUrl(c.s, c.type === 'url'),
  name: (c) => {
    const s = c.s.toLowerCase();
    return s !== '' && /^[a-z0-9]+$/.test(s) && attrType(s) === 'plain' ? s : FAILSAFE;
  },
};

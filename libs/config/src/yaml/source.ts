import { LineCounter, Scalar, isAlias, parseDocument } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import { ConfigError, formatConfigMessage } from '../errors.js';

/** A YAML node with aliases already followed; Scalar(null) stands for an empty value. */
export type YamlNode = Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed;

// Bounds the work an alias bomb (aliases of aliases of large sequences) can cause.
const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * One parsed YAML file: turns node offsets into line/column, raises ConfigError at a node,
 * collects warnings, and follows aliases with a budget so no document can make decoding hang.
 */
export class YamlSource {
  /** Warnings formatted like errors, in the order they were found. */
  readonly warnings: string[] = [];
  /** The document's top node; Scalar(null) for an empty file. */
  readonly root: YamlNode;
  readonly #lines = new LineCounter();
  readonly #doc: Document.Parsed;
  #expansions = 0;

  /** Parses `text`; throws ConfigError for the first YAML syntax error. */
  constructor(
    readonly file: string,
    text: string,
  ) {
    this.#doc = parseYaml(text, file, this.#lines);
    const first = this.#doc.errors[0];
    if (first !== undefined) {
      throw new ConfigError(this.#site(first.pos[0], ''), yamlDetail(first.message));
    }
    const contents = this.#doc.contents;
    this.root = contents === null ? emptyNode() : this.resolve(contents, '');
  }

  /** Follows an alias to its target node; other nodes are returned unchanged. */
  resolve(node: Node, path: string): YamlNode {
    let current: Node = node;
    while (isAlias(current)) {
      if (++this.#expansions > MAX_ALIAS_EXPANSIONS) {
        this.fail(current, path, `more than ${MAX_ALIAS_EXPANSIONS} alias expansions`);
      }
      const target = current.resolve(this.#doc);
      if (target === undefined) this.fail(current, path, `unknown alias *${current.source}`);
      current = target;
    }
    return current as YamlNode;
  }

  /** Throws ConfigError located at `node`. */
  fail(node: Node, path: string, detail: string): never {
    throw new ConfigError(this.#site(node.range?.[0] ?? 0, path), detail);
  }

  /** Records a warning located at `node`. */
  warn(node: Node, path: string, detail: string): void {
    this.warnings.push(formatConfigMessage(this.#site(node.range?.[0] ?? 0, path), detail));
  }

  #site(offset: number, path: string) {
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.file, line, column: col, path };
  }
}

function parseYaml(text: string, file: string, lineCounter: LineCounter): Document.Parsed {
  try {
    // The YAML 1.1 schema resolves booleans and nulls the way Go's yaml.v2 (Prometheus) does;
    // duplicate keys are detected by the decoders so the message can name the field path.
    return parseDocument(text, {
      schema: 'yaml-1.1',
      merge: true,
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter,
    });
  } catch (cause) {
    // The parser recurses per nesting level; absurd nesting overflows the stack.
    const site = { file, line: 1, column: 1, path: '' };
    throw new ConfigError(site, 'document cannot be parsed (nested too deeply?)', { cause });
  }
}

function emptyNode(): YamlNode {
  const node = new Scalar(null) as Scalar.Parsed;
  node.range = [0, 0, 0];
  node.source = '';
  return node;
}

// The parser's messages sometimes end with a source excerpt after a colon and newline.
function yamlDetail(message: string): string {
  const [first = message] = message.split('\n');
  return `invalid YAML: ${first.replace(/:$/, '')}`;
}

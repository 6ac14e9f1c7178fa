// The public face of the package: an engine holds a function map and options; sets hold parsed
// templates that can call each other by name, as Go's associated templates do.
import type { Tree } from './ast.js';
import { isEmptyTree } from './ast.js';
import { BUILTINS } from './builtins.js';
import { TemplateExecError } from './errors.js';
import { type MissingKey, execute } from './exec.js';
import { type FunctionMap, type TemplateFunction, isValidFunctionName } from './function.js';
import { parseTemplates } from './parser.js';
import { quote } from './strconv.js';

export interface TemplateEngineOptions {
  /** Functions templates may call, in addition to (and overriding) Go's builtins. */
  readonly functions?: FunctionMap;
  /**
   * Go's missingkey option. 'default' prints a missing map key as <no value>; 'zero' gives the
   * zero value of the map's element type, inferred from its values ("" for maps of strings, as
   * Alertmanager's and Prometheus's label maps); 'error' fails the execution.
   */
  readonly missingKey?: MissingKey;
}

export interface ExecuteOptions {
  /** Escape printed values for HTML, as html/template would (see html.ts for the differences). */
  readonly html?: boolean;
  /**
   * Functions for this execution only, replacing the engine's of the same name (Alertmanager's
   * routeLabels). For executeText they may also introduce names the engine lacks.
   */
  readonly functions?: FunctionMap;
}

export interface ExecuteTextOptions extends ExecuteOptions {
  /** The name errors give the anonymous template; Alertmanager's is "". */
  readonly name?: string;
}

/** A text parsed against a set: its tree and the templates it defined. */
interface Compiled {
  readonly tree: Tree;
  readonly defined: ReadonlyMap<string, Tree>;
}

const MAX_COMPILED = 1000;

export class TemplateEngine {
  readonly missingKey: MissingKey;
  readonly #functions: ReadonlyMap<string, TemplateFunction>;
  readonly #scratch: TemplateSet;

  constructor(options: TemplateEngineOptions = {}) {
    this.missingKey = options.missingKey ?? 'default';
    this.#functions = functionTable(options.functions ?? {});
    this.#scratch = new TemplateSet(this, '');
  }

  /** Whether templates parsed by this engine may call `name`. */
  hasFunction(name: string): boolean {
    return this.#functions.has(name) || Object.hasOwn(BUILTINS, name);
  }

  /** The functions (not builtins) of this engine, with per-execution replacements applied. */
  functions(overrides: FunctionMap | undefined): ReadonlyMap<string, TemplateFunction> {
    if (overrides === undefined) return this.#functions;
    return new Map([...this.#functions, ...functionTable(overrides)]);
  }

  /** A new, empty set named `name` (the name Go's errors give the set). */
  newSet(name = ''): TemplateSet {
    return new TemplateSet(this, name);
  }

  /** Parses `text` as template `name` into a new set. Throws TemplateParseError. */
  parse(name: string, text: string): TemplateSet {
    return this.newSet().parse(name, text);
  }

  /** Parses (once; results are cached) and executes a standalone template. */
  executeText(text: string, data: unknown, options?: ExecuteTextOptions): string {
    return this.#scratch.executeText(text, data, options);
  }
}

function functionTable(functions: FunctionMap): Map<string, TemplateFunction> {
  const table = new Map<string, TemplateFunction>();
  for (const [name, fn] of Object.entries(functions)) {
    if (!isValidFunctionName(name))
      throw new Error(`function name ${quote(name)} is not a valid identifier`);
    if (typeof fn !== 'function') throw new Error(`value for ${name} not a function`);
    table.set(name, fn);
  }
  return table;
}

/** Named templates that can invoke each other, built from one or more parsed texts. */
export class TemplateSet {
  readonly #trees = new Map<string, Tree>();
  readonly #compiled = new Map<string, Compiled>();

  constructor(
    readonly engine: TemplateEngine,
    readonly name: string,
  ) {}

  /**
   * Parses `text` as template `name` and adds it and its definitions to the set, replacing
   * earlier templates of the same names (but not with empty ones). Throws TemplateParseError,
   * leaving the set unchanged.
   */
  parse(name: string, text: string): this {
    const trees = parseTemplates(name, text, { hasFunction: (n) => this.engine.hasFunction(n) });
    for (const [n, tree] of trees) {
      if (this.#trees.has(n) && isEmptyTree(tree.root)) continue;
      this.#trees.set(n, tree);
    }
    return this;
  }

  has(name: string): boolean {
    return this.#trees.has(name);
  }

  names(): string[] {
    return [...this.#trees.keys()];
  }

  /** A copy that further parses do not affect, and whose parses do not affect this set. */
  clone(name = this.name): TemplateSet {
    const copy = new TemplateSet(this.engine, name);
    for (const [n, tree] of this.#trees) copy.#trees.set(n, tree);
    return copy;
  }

  /** Executes the template `name` with `data` as dot. Throws TemplateExecError. */
  execute(name: string, data: unknown, options: ExecuteOptions = {}): string {
    const tree = this.#trees.get(name);
    if (tree === undefined) {
      throw new TemplateExecError(
        `template: no template ${quote(name)} associated with template ${quote(this.name)}`,
        name,
        0,
        0,
      );
    }
    return this.#run(tree, new Map(), data, options);
  }

  /**
   * Executes `text` as an anonymous template that may invoke this set's templates, as
   * Alertmanager executes configuration strings. Definitions in `text` are visible only to it.
   * Parsing is cached per text. Throws TemplateParseError or TemplateExecError.
   */
  executeText(text: string, data: unknown, options: ExecuteTextOptions = {}): string {
    const compiled = this.#compile(text, options);
    return this.#run(compiled.tree, compiled.defined, data, options);
  }

  #compile(text: string, options: ExecuteTextOptions): Compiled {
    const name = options.name ?? '';
    const extra = options.functions === undefined ? [] : Object.keys(options.functions).sort();
    const key = `${name}\u0000${extra.join(',')}\u0000${text}`;
    const cached = this.#compiled.get(key);
    if (cached !== undefined) return cached;
    const hasFunction = (n: string): boolean => this.engine.hasFunction(n) || extra.includes(n);
    const defined = parseTemplates(name, text, { hasFunction });
    const compiled = { tree: defined.get(name)!, defined };
    if (this.#compiled.size >= MAX_COMPILED)
      this.#compiled.delete(this.#compiled.keys().next().value!);
    this.#compiled.set(key, compiled);
    return compiled;
  }

  #run(
    tree: Tree,
    defined: ReadonlyMap<string, Tree>,
    data: unknown,
    options: ExecuteOptions,
  ): string {
    return execute(tree, data, {
      lookup: (n) => defined.get(n) ?? this.#trees.get(n),
      functions: this.engine.functions(options.functions),
      missingKey: this.engine.missingKey,
      html: options.html ?? false,
    });
  }
}

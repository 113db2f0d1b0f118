/**
 * What a definition looks like in each language the index knows: line-anchored regular expressions
 * (one capture: the name), the first words that may start one (a cheap filter before the regex), and
 * how a definition's end is found (brackets, or indentation for Python and Ruby).
 */
/** What a definition is; Markdown sections are symbols too (a heading's text, to the next heading of its level). */
export type SymbolKind =
  | 'function'
  | 'method'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'variable'
  | 'struct'
  | 'trait'
  | 'impl'
  | 'module'
  | 'section';

export type Language = 'js' | 'python' | 'go' | 'rust' | 'java' | 'kotlin' | 'csharp' | 'c' | 'php' | 'swift' | 'ruby' | 'dart' | 'scala' | 'shell' | 'lua' | 'elixir';

const LANGUAGE_BY_EXTENSION: Record<string, Language> = {
  ts: 'js', tsx: 'js', mts: 'js', cts: 'js', js: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  // Single-file components: their <script> is JS/TS, and the markup around it defines nothing.
  vue: 'js', svelte: 'js', astro: 'js',
  py: 'python', pyi: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin', kts: 'kotlin',
  cs: 'csharp',
  c: 'c', h: 'c', cc: 'c', cpp: 'c', cxx: 'c', hpp: 'c', hh: 'c', hxx: 'c',
  php: 'php',
  swift: 'swift',
  rb: 'ruby', rake: 'ruby',
  dart: 'dart',
  scala: 'scala', sc: 'scala',
  sh: 'shell', bash: 'shell', zsh: 'shell',
  lua: 'lua',
  ex: 'elixir', exs: 'elixir',
};

export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : LANGUAGE_BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** Where a definition ends: its brackets, or (Python, Ruby) the indentation of the lines after it. */
export const ENDS_BY_INDENTATION: ReadonlySet<Language> = new Set(['python', 'ruby', 'lua', 'elixir']);

/** Languages whose blocks close with an `end` line at the opener's indentation (part of the definition). */
export const CLOSES_WITH_END: ReadonlySet<Language> = new Set(['ruby', 'lua', 'elixir']);

/** One definition shape: a line-anchored pattern (starting with `^`) with exactly one capture, the name. */
export interface Rule {
  source: string;
  kind: SymbolKind;
}

const ID = '[A-Za-z_$][\\w$]*';
const rule = (source: string, kind: SymbolKind): Rule => ({ source, kind });

/** Modifier words (and same-line annotations) before a JVM, .NET or Swift definition. */
const modifiers = (words: string, annotations: string) => `(?:(?:${words})[ \\t]+|${annotations})*`;
const AT_ANNOTATION = '@[\\w.]+(?:\\([^)\\n]*\\))?[ \\t]+';
const JAVA_MODIFIERS = modifiers('public|protected|private|static|final|abstract|sealed|non-sealed|strictfp|synchronized|native|default|transient', AT_ANNOTATION);
const KOTLIN_MODIFIERS = modifiers(
  'public|private|protected|internal|open|override|abstract|final|sealed|data|enum|inline|value|inner|suspend|tailrec|operator|infix|external|const|lateinit|companion|annotation|expect|actual',
  AT_ANNOTATION,
);
const CSHARP_MODIFIERS = modifiers('public|private|protected|internal|static|virtual|override|abstract|sealed|async|partial|readonly|extern|unsafe|new|required|file', '\\[[^\\]\\n]*\\][ \\t]*');
const SWIFT_MODIFIERS = modifiers(
  'public|private|fileprivate|internal|open|package|static|class|final|override|mutating|nonmutating|convenience|required|dynamic|lazy|indirect|nonisolated',
  AT_ANNOTATION,
);
const PHP_MODIFIERS = modifiers('public|private|protected|static|abstract|final|readonly', '#\\[[^\\]\\n]*\\][ \\t]*');

// A statement is not a method: `return foo(x,`, `new Foo(`, `else if (`, `throw new …`.
const NOT_A_TYPE = '(?!(?:return|new|else|throw|case|yield|assert|await|delete|goto|sizeof|typedef|using)\\b)';
// A return type, generics and arrays included: `Map<String, List<T>>`, `int[]`, `std::vector<int>`.
const RETURN_TYPE = `${NOT_A_TYPE}[A-Za-z_$][\\w$.:]*(?:<[^;{}()=\\n]*>)?(?:\\[\\])*[?*&]*`;
// The parameter list opens and the line is a signature, not a statement (no `;`), or an expression body.
const SIGNATURE_REST = '[ \\t]*\\((?:[^;]*$|[^;]*\\)[^;]*=>)';

export const RULES: Record<Language, Rule[]> = {
  js: [
    rule(`^[ \\t]*(?:export[ \\t]+(?:default[ \\t]+)?)?(?:declare[ \\t]+)?(?:async[ \\t]+)?function\\b[ \\t]*\\*?[ \\t]*(${ID})`, 'function'),
    rule(`^[ \\t]*(?:export[ \\t]+(?:default[ \\t]+)?)?(?:declare[ \\t]+)?(?:abstract[ \\t]+)?class[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*(?:export[ \\t]+)?(?:declare[ \\t]+)?interface[ \\t]+(${ID})`, 'interface'),
    rule(`^[ \\t]*(?:export[ \\t]+)?(?:declare[ \\t]+)?type[ \\t]+(${ID})[^=\\n;]*=`, 'type'),
    rule(`^[ \\t]*(?:export[ \\t]+)?(?:declare[ \\t]+)?(?:const[ \\t]+)?enum[ \\t]+(${ID})`, 'enum'),
    rule(`^[ \\t]*(?:export[ \\t]+)?(?:declare[ \\t]+)?namespace[ \\t]+(${ID})`, 'module'),
    // const foo = (…) => / async function / class / var foo = function
    rule(
      `^[ \\t]*(?:export[ \\t]+)?(?:const|let|var)[ \\t]+(${ID})[ \\t]*(?::[^=\\n]+)?=[ \\t]*(?:async[ \\t]+)?(?:function\\b|class\\b|${ID}[ \\t]*=>|\\([^)\\n]*\\)?[ \\t]*(?::[^=\\n]+)?(?:=>|\\r?$))`,
      'function',
    ),
    // Other top-level bindings (exported regexes, tables, schemas): only at column 0.
    rule(`^(?:export[ \\t]+)?(?:const|let|var)[ \\t]+(${ID})[ \\t]*(?::[^=\\n]+)?=`, 'variable'),
    // Methods in classes and object literals: `  name(args) {`, `  async *name<T>(args): T {`
    rule(
      `^[ \\t]+(?:(?:public|private|protected|static|async|override|readonly|abstract|get|set)[ \\t]+)*\\*?[ \\t]*(#?${ID})[ \\t]*(?:<[^>\\n]*>)?[ \\t]*\\([^)'"\`\\n]*\\)[ \\t]*(?::[^{;=\\n]+)?\\{[ \\t]*\\r?$`,
      'method',
    ),
    // `  name: function (` / `  name: async (a) =>` / class fields `  name = (a) =>`
    rule(`^[ \\t]+(${ID})[ \\t]*:[ \\t]*(?:async[ \\t]+)?(?:function\\b|\\([^)\\n]*\\)[ \\t]*=>)`, 'method'),
    rule(
      `^[ \\t]+(?:(?:public|private|protected|static|readonly)[ \\t]+)*(#?${ID})[ \\t]*(?::[^=\\n]+)?=[ \\t]*(?:async[ \\t]+)?\\([^)\\n]*\\)[ \\t]*(?::[^=\\n]+)?=>`,
      'method',
    ),
    // CommonJS: exports.foo = …, Foo.prototype.bar = function
    rule(`^[ \\t]*(?:module\\.)?exports\\.(${ID})[ \\t]*=[ \\t]*(?:async[ \\t]+)?(?:function\\b|class\\b|\\([^)\\n]*\\)?[ \\t]*=>|${ID}[ \\t]*=>)`, 'function'),
    rule(`^[ \\t]*${ID}\\.prototype\\.(${ID})[ \\t]*=[ \\t]*(?:async[ \\t]+)?function`, 'method'),
  ],
  python: [
    rule(`^[ \\t]+(?:async[ \\t]+)?def[ \\t]+([A-Za-z_]\\w*)`, 'method'),
    rule(`^(?:async[ \\t]+)?def[ \\t]+([A-Za-z_]\\w*)`, 'function'),
    rule(`^[ \\t]*class[ \\t]+([A-Za-z_]\\w*)`, 'class'),
    rule(`^([A-Z][A-Z0-9_]*)[ \\t]*(?::[^=\\n]+)?=`, 'variable'),
  ],
  go: [
    rule(`^func[ \\t]+\\([^)]*\\)[ \\t]*([A-Za-z_]\\w*)`, 'method'),
    rule(`^func[ \\t]+([A-Za-z_]\\w*)`, 'function'),
    rule(`^type[ \\t]+([A-Za-z_]\\w*)[ \\t]+struct\\b`, 'struct'),
    rule(`^type[ \\t]+([A-Za-z_]\\w*)[ \\t]+interface\\b`, 'interface'),
    rule(`^type[ \\t]+([A-Za-z_]\\w*)[ \\t]+(?!struct\\b|interface\\b)`, 'type'),
    rule(`^[ \\t]+([A-Za-z_]\\w*)[ \\t]+(?:struct|interface)[ \\t]*\\{`, 'type'),
    rule(`^(?:const|var)[ \\t]+([A-Za-z_]\\w*)`, 'variable'),
  ],
  rust: [
    rule(
      `^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?(?:(?:async|const|unsafe|default|extern(?:[ \\t]+"[^"\\n]*")?)[ \\t]+)*fn[ \\t]+([A-Za-z_]\\w*)`,
      'function',
    ),
    rule(`^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?struct[ \\t]+([A-Za-z_]\\w*)`, 'struct'),
    rule(`^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?(?:enum|union)[ \\t]+([A-Za-z_]\\w*)`, 'enum'),
    rule(`^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?(?:unsafe[ \\t]+)?trait[ \\t]+([A-Za-z_]\\w*)`, 'trait'),
    rule(`^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?type[ \\t]+([A-Za-z_]\\w*)`, 'type'),
    rule(`^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?mod[ \\t]+([A-Za-z_]\\w*)`, 'module'),
    rule(`^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?(?:const|static)[ \\t]+(?:mut[ \\t]+)?([A-Z_][A-Z0-9_]*)`, 'variable'),
    rule(`^[ \\t]*(?:unsafe[ \\t]+)?impl\\b(?:[ \\t]*<[^>\\n]*>)?[ \\t]+(?:[\\w:]+(?:<[^>\\n]*>)?[ \\t]+for[ \\t]+)?([A-Za-z_][\\w]*)`, 'impl'),
    rule(`^[ \\t]*macro_rules![ \\t]*([A-Za-z_]\\w*)`, 'function'),
  ],
  java: [
    rule(`^[ \\t]*${JAVA_MODIFIERS}(?:class|record)[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*${JAVA_MODIFIERS}@?interface[ \\t]+(${ID})`, 'interface'),
    rule(`^[ \\t]*${JAVA_MODIFIERS}enum[ \\t]+(${ID})`, 'enum'),
    rule(`^[ \\t]+${JAVA_MODIFIERS}(?:<[^>\\n]*>[ \\t]*)?${RETURN_TYPE}[ \\t]+(${ID})${SIGNATURE_REST}`, 'method'),
    // Constructors: a visibility, then the class's name.
    rule(`^[ \\t]+(?:public|protected|private)[ \\t]+(${ID})[ \\t]*\\([^;]*$`, 'method'),
  ],
  kotlin: [
    rule(`^[ \\t]*${KOTLIN_MODIFIERS}fun[ \\t]+(?:<[^>\\n]*>[ \\t]*)?(?:[\\w.<>?, ]+\\.)?(${ID})`, 'function'),
    rule(`^[ \\t]*${KOTLIN_MODIFIERS}(?:fun[ \\t]+)?interface[ \\t]+(${ID})`, 'interface'),
    rule(`^[ \\t]*${KOTLIN_MODIFIERS}(?:class|object)[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*${KOTLIN_MODIFIERS}typealias[ \\t]+(${ID})`, 'type'),
    rule(`^${KOTLIN_MODIFIERS}(?:val|var)[ \\t]+(${ID})`, 'variable'),
  ],
  csharp: [
    rule(`^[ \\t]*${CSHARP_MODIFIERS}(?:record[ \\t]+)?struct[ \\t]+(${ID})`, 'struct'),
    rule(`^[ \\t]*${CSHARP_MODIFIERS}(?:class|record(?:[ \\t]+class)?)[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*${CSHARP_MODIFIERS}interface[ \\t]+(${ID})`, 'interface'),
    rule(`^[ \\t]*${CSHARP_MODIFIERS}enum[ \\t]+(${ID})`, 'enum'),
    rule(`^[ \\t]*namespace[ \\t]+(${ID}(?:\\.${ID})*)`, 'module'),
    rule(`^[ \\t]+${CSHARP_MODIFIERS}${RETURN_TYPE}[ \\t]+(${ID})[ \\t]*(?:<[^>\\n]*>)?${SIGNATURE_REST}`, 'method'),
    rule(`^[ \\t]+(?:public|protected|private|internal|static)[ \\t]+(${ID})[ \\t]*\\([^;]*$`, 'method'),
  ],
  c: [
    rule(`^[ \\t]*(?:typedef[ \\t]+)?(?:struct|union)[ \\t]+(${ID})[ \\t]*(?:[:{][^;]*)?$`, 'struct'),
    rule(`^[ \\t]*(?:template[ \\t]*<[^>\\n]*>[ \\t]*)?class[ \\t]+(?:[A-Z][A-Z0-9_]*[ \\t]+)?(${ID})[^;]*$`, 'class'),
    rule(`^[ \\t]*(?:typedef[ \\t]+)?enum(?:[ \\t]+(?:class|struct))?[ \\t]+(${ID})[^;]*$`, 'enum'),
    rule(`^[ \\t]*namespace[ \\t]+(${ID})`, 'module'),
    rule(`^#[ \\t]*define[ \\t]+(${ID})\\(`, 'function'),
    // `static int parse_header(…)`, `std::string Client::name() const {`, `  virtual void run() {`
    rule(
      `^[ \\t]*(?:template[ \\t]*<[^>\\n]*>[ \\t]*)?(?:(?:static|inline|extern|virtual|explicit|constexpr|friend|const|unsigned|signed|struct|enum)[ \\t]+)*${RETURN_TYPE}[ \\t*&]+(?:const[ \\t*&]+)?(?:${ID}::)*(~?${ID})${SIGNATURE_REST}`,
      'function',
    ),
    // Constructors and destructors defined outside their class: `Client::Client(…)`, `Client::~Client()`.
    rule(`^(?:${ID}::)+(~?${ID})[ \\t]*\\([^;]*$`, 'method'),
  ],
  php: [
    rule(`^[ \\t]*${PHP_MODIFIERS}function[ \\t]+&?(${ID})`, 'function'),
    rule(`^[ \\t]*(?:(?:abstract|final|readonly)[ \\t]+)*class[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*interface[ \\t]+(${ID})`, 'interface'),
    rule(`^[ \\t]*trait[ \\t]+(${ID})`, 'trait'),
    rule(`^[ \\t]*enum[ \\t]+(${ID})`, 'enum'),
  ],
  swift: [
    rule(`^[ \\t]*${SWIFT_MODIFIERS}func[ \\t]+(${ID})`, 'function'),
    rule(`^[ \\t]*${SWIFT_MODIFIERS}(?:class|actor)[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*${SWIFT_MODIFIERS}struct[ \\t]+(${ID})`, 'struct'),
    rule(`^[ \\t]*${SWIFT_MODIFIERS}protocol[ \\t]+(${ID})`, 'interface'),
    rule(`^[ \\t]*${SWIFT_MODIFIERS}enum[ \\t]+(${ID})`, 'enum'),
    rule(`^[ \\t]*${SWIFT_MODIFIERS}extension[ \\t]+(${ID})`, 'impl'),
    rule(`^[ \\t]*${SWIFT_MODIFIERS}typealias[ \\t]+(${ID})`, 'type'),
  ],
  dart: [
    rule(`^[ \\t]*(?:abstract[ \\t]+|base[ \\t]+|final[ \\t]+|sealed[ \\t]+)*(?:class|mixin(?:[ \\t]+class)?)[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*enum[ \\t]+(${ID})`, 'enum'),
    rule(`^[ \\t]*extension[ \\t]+(${ID})[ \\t]+on\\b`, 'impl'),
    rule(`^[ \\t]*typedef[ \\t]+(${ID})`, 'type'),
    rule(`^[ \\t]*(?:(?:static|external|factory)[ \\t]+|@\\w+[ \\t]+)*${RETURN_TYPE}[ \\t]+(?:get[ \\t]+|set[ \\t]+)?(${ID})[ \\t]*(?:<[^>\\n]*>)?${SIGNATURE_REST}`, 'function'),
    rule(`^[ \\t]*(?:static[ \\t]+)?${RETURN_TYPE}[ \\t]+get[ \\t]+(${ID})[ \\t]*(?:=>|\\{)`, 'method'),
  ],
  scala: [
    rule(`^[ \\t]*(?:(?:private|protected|override|final|implicit|inline|transparent|given)[ \\t]+|(?:private|protected)\\[[^\\]\\n]*\\][ \\t]+)*def[ \\t]+(${ID})`, 'function'),
    rule(`^[ \\t]*(?:(?:private|protected|final|sealed|abstract|implicit|case|open)[ \\t]+)*class[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*(?:(?:private|protected|case)[ \\t]+)*object[ \\t]+(${ID})`, 'class'),
    rule(`^[ \\t]*(?:(?:private|protected|sealed)[ \\t]+)*trait[ \\t]+(${ID})`, 'trait'),
    rule(`^[ \\t]*enum[ \\t]+(${ID})`, 'enum'),
    rule(`^[ \\t]*type[ \\t]+(${ID})`, 'type'),
  ],
  shell: [
    rule(`^[ \\t]*function[ \\t]+([A-Za-z_][\\w:-]*)`, 'function'),
    rule(`^[ \\t]*([A-Za-z_][\\w:-]*)[ \\t]*\\(\\)`, 'function'),
  ],
  lua: [
    rule(`^[ \\t]*(?:local[ \\t]+)?function[ \\t]+(?:[A-Za-z_][\\w]*[.:])*([A-Za-z_]\\w*)`, 'function'),
    rule(`^[ \\t]*(?:local[ \\t]+)?(?:[A-Za-z_][\\w]*\\.)*([A-Za-z_]\\w*)[ \\t]*=[ \\t]*function\\b`, 'function'),
  ],
  elixir: [
    rule(`^[ \\t]*defmodule[ \\t]+(?:[A-Z]\\w*\\.)*([A-Z]\\w*)`, 'module'),
    rule(`^[ \\t]*(?:def|defp|defmacro|defmacrop|defguard)[ \\t]+([a-z_]\\w*[?!]?)`, 'function'),
  ],
  ruby: [
    rule(`^[ \\t]*def[ \\t]+(?:self\\.)?([A-Za-z_]\\w*[?!=]?)`, 'function'),
    rule(`^[ \\t]*class[ \\t]+(?:[A-Z]\\w*::)*([A-Z]\\w*)`, 'class'),
    rule(`^[ \\t]*module[ \\t]+(?:[A-Z]\\w*::)*([A-Z]\\w*)`, 'module'),
  ],
};

/** The first words that may start a definition, per language: most lines are rejected on these alone. */
export const STARTERS: Record<Language, ReadonlySet<string>> = {
  js: new Set(['export', 'declare', 'async', 'function', 'class', 'abstract', 'interface', 'type', 'enum', 'namespace', 'const', 'let', 'var', 'module', 'exports', 'public', 'private', 'protected', 'static', 'override', 'readonly', 'get', 'set']),
  python: new Set(['def', 'async', 'class']),
  go: new Set(['func', 'type', 'const', 'var']),
  rust: new Set(['pub', 'fn', 'struct', 'enum', 'union', 'trait', 'type', 'mod', 'const', 'static', 'impl', 'unsafe', 'async', 'extern', 'default', 'macro_rules!']),
  java: new Set(['public', 'protected', 'private', 'static', 'final', 'abstract', 'sealed', 'strictfp', 'synchronized', 'native', 'default', 'class', 'record', 'interface', 'enum']),
  kotlin: new Set(['fun', 'class', 'object', 'interface', 'typealias', 'val', 'var', ...'public private protected internal open override abstract final sealed data enum inline value inner suspend tailrec operator infix external const lateinit companion annotation expect actual'.split(' ')]),
  csharp: new Set(['public', 'private', 'protected', 'internal', 'static', 'virtual', 'override', 'abstract', 'sealed', 'async', 'partial', 'readonly', 'extern', 'unsafe', 'new', 'required', 'file', 'class', 'record', 'struct', 'interface', 'enum', 'namespace']),
  c: new Set(['struct', 'union', 'enum', 'class', 'namespace', 'template', 'typedef', 'static', 'inline', 'extern', 'virtual', 'explicit', 'constexpr', 'friend', 'const', 'unsigned', 'signed', '#define']),
  php: new Set(['function', 'public', 'private', 'protected', 'static', 'abstract', 'final', 'readonly', 'class', 'interface', 'trait', 'enum']),
  swift: new Set(['func', 'class', 'actor', 'struct', 'protocol', 'enum', 'extension', 'typealias', ...'public private fileprivate internal open package static final override mutating nonmutating convenience required dynamic lazy indirect nonisolated'.split(' ')]),
  ruby: new Set(['def', 'class', 'module']),
  dart: new Set(['class', 'abstract', 'base', 'final', 'sealed', 'mixin', 'enum', 'extension', 'typedef', 'static', 'external', 'factory']),
  scala: new Set(['def', 'class', 'object', 'trait', 'enum', 'type', 'case', 'private', 'protected', 'override', 'final', 'sealed', 'abstract', 'implicit', 'inline', 'transparent', 'given', 'open']),
  shell: new Set(['function']),
  lua: new Set(['function', 'local']),
  elixir: new Set(['defmodule', 'def', 'defp', 'defmacro', 'defmacrop', 'defguard']),
};

/** Languages whose annotations may precede a definition on its own line (`@Override public void run() {`). */
export const ANNOTATED: ReadonlySet<Language> = new Set(['java', 'kotlin', 'swift', 'dart', 'scala']);

/** Languages whose methods may start with a type the starters cannot list (`List<User> findAll() {`). */
export const TYPED_SIGNATURES: ReadonlySet<Language> = new Set(['java', 'csharp', 'c', 'dart']);

/** Names the method rules must not take for definitions (`if (`, `for (` …). */
export const NOT_METHODS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'with', 'else', 'do', 'try', 'typeof', 'await', 'new', 'super', 'sizeof', 'synchronized']);

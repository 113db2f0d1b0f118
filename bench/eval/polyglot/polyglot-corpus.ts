/**
 * The polyglot corpus (`npm run eval -- --set polyglot`): the first-party monorepo in ./repo (Java, Kotlin,
 * C#, Go, Ruby, PHP, Swift services, docs, deploy files) at the root, plus the non-JS sources of four npm
 * packages under libs/<name>/: node-gyp's Python (gyp/pylib), node-addon-api's C++ headers, tree-sitter's
 * C runtime and C++ binding, re2's C++ binding, RE2 itself and abseil's strings library (vendored by re2).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusSpec } from '../build-corpus.js';

const here = dirname(fileURLToPath(import.meta.url));

const PACKAGE_PARTS: Record<string, string[]> = {
  'node-gyp': ['gyp/pylib', 'gyp/docs', 'gyp/gyp_main.py', 'src', 'addon.gypi', 'README.md'],
  'node-addon-api': ['.'],
  'tree-sitter': ['src', 'vendor/tree-sitter/lib', 'binding.gyp', 'README.md'],
  re2: ['lib', 'vendor/re2/re2', 'vendor/re2/util', 'vendor/abseil-cpp/absl/strings', 'binding.gyp', 'README.md'],
};

/**
 * Dropped: JavaScript (this corpus measures the other languages), licences, binaries, and the giants
 * (generated tables, or single files over 128 KB: napi-inl.h, tree-sitter's query.c, gyp's msvs.py and
 * xcodeproj_file.py) that a user's index would not read whole either.
 */
const GIANTS = new Set([
  'node-addon-api/napi-inl.h',
  'tree-sitter/vendor/tree-sitter/lib/src/query.c',
  'tree-sitter/vendor/tree-sitter/lib/src/wasm/wasm-stdlib.h',
  'node-gyp/gyp/pylib/gyp/generator/msvs.py',
  'node-gyp/gyp/pylib/gyp/xcodeproj_file.py',
]);
const skip = (path: string) =>
  /\.(m?js|cjs|ts|node|map)$/.test(path) ||
  /(^|\/)LICEN[CS]E([.-][A-Z]+)?(\.md)?$/i.test(path) ||
  /\/unicode\//.test(path) ||
  /(^|\/)(package|package-support)\.json$/.test(path) ||
  GIANTS.has(path);

export const POLYGLOT_CORPUS: CorpusSpec = {
  name: 'polyglot-repo',
  pinsFile: join(here, 'package.json'),
  monorepoRoot: join(here, 'repo'),
  packageParts: PACKAGE_PARTS,
  skip,
};

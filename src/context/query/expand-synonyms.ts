import { stemWord } from './text-tokens.js';

/**
 * Users describe code in different words than the code uses ("delete" vs `remove`, "settings" vs
 * `options`). A small table of general programming vocabulary bridges the common gaps; expanded
 * terms are weighted below the user's own words so they only break ties. Kept generic on purpose:
 * nothing here names a library or a project, and nothing was added to fix one eval question (a
 * leave-one-out on the dev questions removed the groups that were: see context-engine.md).
 */
const SYNONYM_GROUPS: string[][] = [
  ['remove', 'delete', 'unlink', 'erase', 'drop', 'clear'],
  ['kill', 'terminate', 'abort', 'cancel', 'signal'],
  ['run', 'execute', 'exec', 'spawn', 'invoke', 'launch'],
  ['start', 'begin', 'init', 'initialize', 'setup', 'create'],
  ['stop', 'end', 'finish', 'close', 'shutdown', 'exit', 'quit'],
  ['error', 'exception', 'fail', 'failure', 'throw', 'reject'],
  ['config', 'configuration', 'option', 'setting', 'preference', 'opts'],
  ['argument', 'arg', 'param', 'parameter', 'flag'],
  ['message', 'msg'],
  ['request', 'req'],
  ['response', 'res', 'reply'],
  ['parse', 'decode', 'deserialize'],
  ['serialize', 'encode', 'stringify'],
  ['validate', 'check', 'verify', 'assert', 'ensure'],
  ['string', 'str', 'text'],
  ['number', 'num', 'int', 'integer', 'numeric'],
  ['length', 'len', 'size', 'count'],
  ['retry', 'attempt', 'backoff'],
  ['timeout', 'deadline', 'expire', 'expiry'],
  ['wait', 'sleep', 'delay', 'pause'],
  ['fetch', 'load', 'retrieve', 'download'],
  ['save', 'store', 'persist', 'write'],
  ['env', 'environment'],
  ['dir', 'directory', 'folder'],
  ['output', 'stdout', 'print'],
  ['input', 'stdin'],
  ['stream', 'pipe'],
  ['auth', 'authenticate', 'authentication', 'authorization', 'credential', 'login'],
  ['list', 'array'],
  ['map', 'dict', 'dictionary', 'record'],
  ['duration', 'elapsed'],
  ['compute', 'calculate'],
  ['display', 'show', 'render'],
  ['page', 'pagination', 'paginate', 'cursor'],
  ['verbose', 'debug', 'log', 'logging'],
  ['help', 'usage'],
  ['escape', 'quote', 'sanitize'],
  ['limit', 'max', 'maximum'],
  ['body', 'payload'],
  ['default', 'fallback'],
  ['optional', 'nullable', 'missing'],
  ['metadata', 'meta', 'description', 'describe'],
  ['coerce', 'convert', 'cast'],
  ['regex', 'regexp', 'pattern'],
  ['url', 'uri', 'link'],
  ['header', 'headers'],
  ['cache', 'memoize', 'memo'],
  ['copy', 'clone', 'duplicate'],
  ['merge', 'combine', 'join'],
  ['split', 'chunk'],
  ['async', 'promise', 'await'],
  ['callback', 'handler', 'listener', 'hook'],
  ['event', 'emit', 'emitter'],
  ['test', 'spec'],
  ['user', 'account'],
  ['permission', 'access', 'allow'],
  ['encrypt', 'cipher', 'crypto', 'hash'],
  ['random', 'uuid', 'nonce'],
  ['date', 'time', 'timestamp', 'datetime'],
];

const SYNONYMS_BY_STEM = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  const stems = [...new Set(group.map((word) => stemWord(word)))];
  for (const stem of stems) {
    const others = stems.filter((other) => other !== stem);
    SYNONYMS_BY_STEM.set(stem, [...(SYNONYMS_BY_STEM.get(stem) ?? []), ...others]);
  }
}

/** Stems related to `stem` (never including itself). */
export function expandSynonyms(stem: string): readonly string[] {
  return SYNONYMS_BY_STEM.get(stem) ?? [];
}

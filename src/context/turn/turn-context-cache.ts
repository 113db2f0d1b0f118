import { createHash } from 'node:crypto';
import type { ContextPack } from '../context-engine.js';

/** What retrieval produced for one user turn: a pack, or why there is none. */
export interface TurnOutcome {
  pack?: ContextPack | undefined;
  skipped?: string | undefined;
}

interface TurnEntry {
  promise: Promise<TurnOutcome>;
  outcome?: TurnOutcome | undefined;
}

interface BlockEntry {
  textLength: number;
  textHash: string;
  block: string;
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** Map with least-recently-used eviction. */
class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
  }
}

/**
 * Per-turn memory of injected context. A turn's retrieval runs once (concurrent requests share the
 * in-flight promise) and every later request of the turn gets the byte-identical block. Blocks are
 * also remembered per user message (thread + position + text hash), so later turns can put each
 * earlier block back after its own message and keep the whole prompt prefix identical.
 */
export class TurnContextCache {
  private readonly turns: LruMap<string, TurnEntry>;
  private readonly blocks: LruMap<string, BlockEntry>;

  constructor(limit = 256) {
    this.turns = new LruMap(limit);
    this.blocks = new LruMap(limit);
  }

  /** The turn's outcome when known, else the shared in-flight retrieval (started by `start` if absent). */
  resolve(turnKey: string, start: () => Promise<TurnOutcome>): TurnOutcome | Promise<TurnOutcome> {
    const existing = this.turns.get(turnKey);
    if (existing) return existing.outcome ?? existing.promise;
    const entry: TurnEntry = {
      promise: start().then((outcome) => {
        entry.outcome = outcome;
        return outcome;
      }),
    };
    this.turns.set(turnKey, entry);
    return entry.promise;
  }

  rememberBlock(thread: string, ordinal: number, text: string, pack: ContextPack): void {
    this.blocks.set(`${thread}|${ordinal}`, { textLength: text.length, textHash: hashText(text), block: pack.block });
  }

  /** The block injected after this user message in an earlier turn, if still cached. */
  blockFor(thread: string, ordinal: number, text: string): { block: string } | undefined {
    const entry = this.blocks.get(`${thread}|${ordinal}`);
    if (!entry || entry.textLength !== text.length || entry.textHash !== hashText(text)) return undefined;
    return entry;
  }
}
